"""An access VPC reached from a data center over Direct Connect (shared services, hybrid consumers).

The consumer VPC gets a virtual private gateway with route propagation, and
every endpoint's security group admits the on-premises CIDRs on the
listener ports. The notes cap such a VPC at 20 interface endpoints.
"""

from plgen.blueprint.rules.access_vpc_endpoint_limit import access_vpc_endpoint_limit
from plgen.blueprint.rules.on_premises_routing import on_premises_routing
from plgen.features.base import Feature


def _where(bp):
    for i, consumer in enumerate(bp.consumers):
        if consumer.on_premises:
            yield ("consumers", i, "on_premises")


ON_PREMISES_ACCESS = Feature(
    "on-premises-access",
    "On-premises access VPC",
    "a virtual private gateway on the consumer VPC; its endpoints admit the on-premises CIDRs",
    _where,
    (access_vpc_endpoint_limit, on_premises_routing),
)
