"""An access VPC reached from a data center over Direct Connect (shared services, hybrid consumers).

The consumer VPC gets a virtual private gateway with route propagation (or,
per ``OnPremises``, an existing one, a Direct Connect gateway association, or
a transit gateway attachment instead: ``constructs.network.DirectConnectGateway``),
and every endpoint's security group admits the on-premises CIDRs on the
listener ports. The notes cap such a VPC at 20 interface endpoints. With
``on_premises.resolver_endpoint`` the VPC also gets a Route 53 Resolver inbound
endpoint (one address per AZ subnet) for the data centre's resolvers to forward
the friendly and private DNS names to; its security group admits only the
on-premises CIDRs, on 53 TCP and UDP.
"""

from plgen.blueprint.rules.access_vpc_endpoint_limit import access_vpc_endpoint_limit
from plgen.blueprint.rules.direct_connect_prefixes import direct_connect_prefixes
from plgen.blueprint.rules.on_premises_gateway_choice import on_premises_gateway_choice
from plgen.blueprint.rules.on_premises_gateway_owner import on_premises_gateway_owner
from plgen.blueprint.rules.on_premises_routing import on_premises_routing
from plgen.features.base import Feature
from plgen.features.names import FeatureName


def _where(bp):
    for i, consumer in enumerate(bp.consumers):
        if consumer.on_premises:
            yield ("consumers", i, "on_premises")


ON_PREMISES_ACCESS = Feature(
    FeatureName.ON_PREMISES_ACCESS,
    "On-premises access VPC",
    "a virtual private gateway (or transit gateway attachment) on the consumer VPC; its endpoints admit the on-premises CIDRs; optionally a Resolver inbound endpoint for them",
    _where,
    (access_vpc_endpoint_limit, on_premises_routing, on_premises_gateway_choice, on_premises_gateway_owner, direct_connect_prefixes),
)
