"""Direct Connect from the provider VPC to targets in a data center (hybrid services).

The provider VPC gets a virtual private gateway with route propagation (or,
per ``OnPremises``, an existing one, a Direct Connect gateway association, or
a transit gateway attachment instead: ``constructs.network.DirectConnectGateway``), and
IP targets with ``site: on-premises`` are registered with
``availability_zone = "all"``, as an NLB requires for addresses outside its VPC.
"""

from plgen.blueprint.model import Site
from plgen.blueprint.rules.direct_connect_prefixes import direct_connect_prefixes
from plgen.blueprint.rules.on_premises_gateway_choice import on_premises_gateway_choice
from plgen.blueprint.rules.on_premises_gateway_owner import on_premises_gateway_owner
from plgen.blueprint.rules.on_premises_routing import on_premises_routing
from plgen.blueprint.rules.on_premises_target_ranges import on_premises_target_ranges
from plgen.features.base import Feature
from plgen.features.names import FeatureName


def _where(bp):
    for i, provider in enumerate(bp.providers):
        if provider.on_premises:
            yield ("providers", i, "on_premises")
        for j, service in enumerate(provider.services):
            for k, target in enumerate(service.targets):
                if target.site is Site.on_premises:
                    yield ("providers", i, "services", j, "targets", k, "site")


ON_PREMISES_TARGETS = Feature(
    FeatureName.ON_PREMISES_TARGETS,
    "Direct Connect to on-premises targets",
    "a virtual private gateway (or transit gateway attachment) on the provider VPC and on-premises IP targets behind the NLB",
    _where,
    (on_premises_target_ranges, on_premises_routing, on_premises_gateway_choice, on_premises_gateway_owner, direct_connect_prefixes),
)
