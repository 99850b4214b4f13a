"""The semantic rules every blueprint is checked by, whatever its pattern and features.

Registration is explicit: this list holds the common rules; a feature
(``plgen.features``) lists the rules of its fields, which run wherever the
feature is used, and a pattern (``plgen.patterns``) the rules of its shape.
Each rule is one file here.
"""

from plgen.blueprint.rules.arn_partition import arn_partition
from plgen.blueprint.rules.aws_names import aws_names
from plgen.blueprint.rules.azs_in_region import azs_in_region
from plgen.blueprint.rules.base import Finding, Rule
from plgen.blueprint.rules.consumer_azs_within_service import consumer_azs_within_service
from plgen.blueprint.rules.consumer_verify import consumer_verify
from plgen.blueprint.rules.consumers_granted_access import consumers_granted_access
from plgen.blueprint.rules.endpoint_policy import endpoint_policy
from plgen.blueprint.rules.endpoint_source_families import endpoint_source_families
from plgen.blueprint.rules.endpoint_sources import endpoint_sources
from plgen.blueprint.rules.iam_names import iam_names
from plgen.blueprint.rules.listener_ports import listener_ports
from plgen.blueprint.rules.min_two_azs import min_two_azs
from plgen.blueprint.rules.nlb_targets import nlb_targets
from plgen.blueprint.rules.external_services import external_service_endpoints
from plgen.blueprint.rules.open_service_acknowledged import open_service_acknowledged
from plgen.blueprint.rules.peering import peered_cidrs_disjoint, peering_limit
from plgen.blueprint.rules.resolver_endpoint import resolver_endpoint_on_consumers
from plgen.blueprint.rules.resolver_endpoint_names import resolver_endpoint_serves_names
from plgen.blueprint.rules.privatelink_enforcement_sources import privatelink_enforcement_sources
from plgen.blueprint.rules.ram_organization import ram_organization
from plgen.blueprint.rules.service_references import service_references
from plgen.blueprint.rules.sources_not_internet import sources_not_internet
from plgen.blueprint.rules.state_explicit import state_explicit
from plgen.blueprint.rules.targets import target_placement
from plgen.blueprint.rules.udp_health_check import udp_health_check
from plgen.blueprint.rules.unique_names import unique_names
from plgen.blueprint.rules.vpc_endpoint_quota import vpc_endpoint_quota
from plgen.blueprint.rules.vpc_subnets import vpc_subnets

RULES: list[Rule] = [
    unique_names,
    aws_names,
    service_references,
    azs_in_region,
    min_two_azs,
    consumer_azs_within_service,
    vpc_subnets,
    endpoint_sources,
    sources_not_internet,
    peering_limit,
    vpc_endpoint_quota,
    peered_cidrs_disjoint,
    target_placement,
    listener_ports,
    nlb_targets,
    consumers_granted_access,
    resolver_endpoint_on_consumers,
    resolver_endpoint_serves_names,
    privatelink_enforcement_sources,
    udp_health_check,
    endpoint_policy,
    open_service_acknowledged,
    iam_names,
    arn_partition,
    endpoint_source_families,
    ram_organization,
    consumer_verify,
    state_explicit,
    external_service_endpoints,
]

__all__ = ["RULES", "Finding", "Rule"]
