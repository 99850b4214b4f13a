"""Hybrid services: one endpoint service in front of AWS and on-premises targets.

From the notes ("Hybrid Services"): during a migration the NLB behind an
endpoint service balances across instances in AWS and servers in the data
center, reached over Direct Connect; consumers in AWS see one interface
endpoint either way. The provider VPC therefore gets a virtual private
gateway with route propagation, and on-premises addresses are registered as
IP targets with ``availability_zone = "all"``, as the NLB requires for
addresses outside its VPC. The service's ``stage`` (migrate-, burst-,
failover-to-cloud) decides which targets are registered; when the migration
ends, the on-premises targets go and the pattern becomes a Shared Services VPC.
"""

from __future__ import annotations

from plgen.blueprint.rules.hybrid_on_premises_targets import hybrid_on_premises_targets
from plgen.blueprint.rules.on_premises_routing import on_premises_routing
from plgen.blueprint.rules.on_premises_target_ranges import on_premises_target_ranges
from plgen.patterns.base import Pattern


class Hybrid(Pattern):
    slug = "hybrid"
    title = "Hybrid services"
    summary = (
        "While workloads migrate to AWS, one endpoint service balances across instances in AWS and servers "
        "on premises reached over Direct Connect; the migration stage (migrate-, burst- or failover-to-cloud) "
        "decides which targets are registered, and consumers keep the same endpoint throughout."
    )
    rules = (hybrid_on_premises_targets, on_premises_target_ranges, on_premises_routing)
