"""The semantic rules, in the order their findings are most useful to read.

Registration is this explicit list: a rule that is not listed does not run,
and a reader sees every constraint plgen enforces in one place.
"""

from plgen.blueprint.rules.access_vpc_endpoint_limit import access_vpc_endpoint_limit
from plgen.blueprint.rules.base import Finding, Rule
from plgen.blueprint.rules.consumer_azs_within_service import consumer_azs_within_service
from plgen.blueprint.rules.consumers_granted_access import consumers_granted_access
from plgen.blueprint.rules.cross_region import cross_region_supported
from plgen.blueprint.rules.dns_names import private_dns_needs_name
from plgen.blueprint.rules.endpoint_sources import endpoint_sources
from plgen.blueprint.rules.min_two_azs import min_two_azs
from plgen.blueprint.rules.peering import peered_cidrs_disjoint, peering_limit
from plgen.blueprint.rules.service_references import service_references
from plgen.blueprint.rules.targets import target_placement
from plgen.blueprint.rules.unique_names import unique_names
from plgen.blueprint.rules.vpc_subnets import vpc_subnets

RULES: list[Rule] = [
    unique_names,
    service_references,
    min_two_azs,
    consumer_azs_within_service,
    vpc_subnets,
    endpoint_sources,
    access_vpc_endpoint_limit,
    peering_limit,
    peered_cidrs_disjoint,
    target_placement,
    private_dns_needs_name,
    cross_region_supported,
    consumers_granted_access,
]

__all__ = ["RULES", "Finding", "Rule"]
