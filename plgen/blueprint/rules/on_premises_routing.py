"""On-premises networks must be routable from the VPC whose gateway reaches them.

A virtual private gateway propagates the on-premises prefixes into the VPC's
route tables. A prefix that overlaps the VPC's own CIDR never wins over the
VPC's local route, so that part of the data center would be unreachable; and
an existing VPC must name the route tables that get the propagation, or no
route to on-premises exists at all.
"""

import ipaddress
from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("on-premises-routing", "On-premises CIDRs do not overlap their VPC, and an existing VPC names the route tables that learn them")
def on_premises_routing(bp: Blueprint) -> Iterable[Finding]:
    for kind, sides in (("providers", bp.providers), ("consumers", bp.consumers)):
        for i, side in enumerate(sides):
            if side.on_premises is None:
                continue
            own = side.vpc.network
            for j, cidr in enumerate(side.on_premises.cidrs):
                if own is not None and ipaddress.IPv4Network(cidr).overlaps(own):
                    yield Finding(
                        (kind, i, "on_premises", "cidrs", j),
                        f"on-premises CIDR {cidr} overlaps the VPC {own}; the VPC's local route would shadow it",
                        "give the data-center prefixes, which must not overlap the VPC",
                    )
            if not side.vpc.created and not side.vpc.route_table_ids:
                yield Finding(
                    (kind, i, "vpc"),
                    "an existing VPC reached from on-premises needs `route_table_ids` for the gateway's route propagation",
                )
