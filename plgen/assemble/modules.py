"""Which modules a blueprint has, and building each once per feature set.

A module's code depends only on the features that make a difference to it
(``Interface.relevant``), never on the blueprint's data, so a catalogue whose
blueprints share those features builds each module once in a process.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from plgen.constructs.peering import Peering, PeeringAccepter, PeeringRoutes, PeerNetwork
from plgen.constructs.consumer_endpoints import PrivateDnsAfterAcceptance
from plgen.constructs.consumer_verify import ConsumerVerify
from plgen.constructs.endpoint_service import EndpointAcceptance
from plgen.constructs.resource_access import ResourceConsumerSide, ResourceGatewaySide
from plgen.constructs.sides import ConsumerSide, ProviderSide
from plgen.constructs.zone_association import ZoneAssociations
from plgen.features.names import FeatureName
from plgen.interfaces.base import Interface
from plgen.interfaces.consumer import CONSUMER, private_dns_after_acceptance
from plgen.interfaces.consumer_private_dns import CONSUMER_PRIVATE_DNS
from plgen.interfaces.consumer_verify import CONSUMER_VERIFY
from plgen.interfaces.endpoint_service import ACCEPTANCE, PROVIDER
from plgen.interfaces.peering import PEER_NETWORK, PEERING, PEERING_ACCEPTER, PEERING_ROUTES
from plgen.interfaces.zone_association import ZONE_ASSOCIATION
from plgen.interfaces.resource_consumer import RESOURCE_CONSUMER
from plgen.interfaces.resource_gateway import RESOURCE_PROVIDER
from plgen.terraform import new_module, to_json

# Module -> (construct, aliases of its ``aws`` provider requirement: a module working in two Regions gets one each).
BUILDERS: dict[str, tuple[Interface, Callable[..., Any], tuple[str, ...]]] = {
    PROVIDER.module: (PROVIDER, ProviderSide, ()),
    CONSUMER.module: (CONSUMER, ConsumerSide, ()),
    ACCEPTANCE.module: (ACCEPTANCE, EndpointAcceptance, ()),
    CONSUMER_PRIVATE_DNS.module: (CONSUMER_PRIVATE_DNS, PrivateDnsAfterAcceptance, ()),
    CONSUMER_VERIFY.module: (CONSUMER_VERIFY, ConsumerVerify, ()),
    PEER_NETWORK.module: (PEER_NETWORK, PeerNetwork, ()),
    PEERING.module: (PEERING, Peering, ()),
    PEERING_ACCEPTER.module: (PEERING_ACCEPTER, PeeringAccepter, ()),
    PEERING_ROUTES.module: (PEERING_ROUTES, PeeringRoutes, ()),
    ZONE_ASSOCIATION.module: (ZONE_ASSOCIATION, ZoneAssociations, ()),
    RESOURCE_PROVIDER.module: (RESOURCE_PROVIDER, ResourceGatewaySide, ()),
    RESOURCE_CONSUMER.module: (RESOURCE_CONSUMER, ResourceConsumerSide, ()),
}

RESOURCE_GATEWAY = FeatureName.RESOURCE_GATEWAY

_BUILT: dict[tuple[str, frozenset[str]], dict[str, Any]] = {}


def module_dirs(bp, features: frozenset[str]) -> list[str]:
    """The side modules a blueprint compiles to."""
    if RESOURCE_GATEWAY in features:  # resource access: a resource gateway instead of an endpoint service, no acceptance step
        return [RESOURCE_PROVIDER.module, *([RESOURCE_CONSUMER.module] if bp.consumers else [])]
    dirs = [PROVIDER.module] if bp.providers else []  # a consumer-only blueprint reaches external services: no provider side
    if bp.consumers:
        dirs += [CONSUMER.module, *([ACCEPTANCE.module] if bp.providers else [])]
        if private_dns_after_acceptance(bp, features):
            dirs.append(CONSUMER_PRIVATE_DNS.module)
        if any(c.verify for c in bp.consumers):
            dirs.append(CONSUMER_VERIFY.module)
    elif any(s.endpoint_service.external_consumers for p in bp.providers for s in p.services):
        dirs.append(ACCEPTANCE.module)  # a provider-only blueprint accepts its customers' handed-over endpoints
    peered = FeatureName.PEERED_FLEET in features or FeatureName.HOME_PEERING in features
    if peered:
        sides = bp.providers if FeatureName.PEERED_FLEET in features else bp.consumers
        if any(peer.vpc.created for side in sides for peer in side.peers):
            dirs.append(PEER_NETWORK.module)
        dirs += [PEERING.module, PEERING_ACCEPTER.module, PEERING_ROUTES.module]
    if cross_account_zones(bp, features):
        dirs.append(ZONE_ASSOCIATION.module)
    return dirs


def cross_account_zones(bp, features: frozenset[str]) -> bool:
    """Whether a consumer's friendly-name zones go to a home VPC of another account (the zone-association module)."""
    if not {FeatureName.HOME_PEERING, FeatureName.FRIENDLY_NAMES} <= features:
        return False
    return any(
        peer.account_id not in (None, c.account_id) for c in bp.consumers if any(e.dns_name for e in c.endpoints) for peer in c.peers
    )


def build_module(app: Any, prefix: str, module_dir: str, features: frozenset[str]) -> dict[str, Any]:
    """Terraform JSON of ``module_dir`` for ``features`` (built once per relevant feature set)."""
    interface, construct, aliases = BUILDERS[module_dir]
    key = (module_dir, interface.relevant(features))
    if key not in _BUILT:
        stack = new_module(app, f"{prefix}-{module_dir.replace('/', '-')}", aliases)
        construct(stack, key[1])
        _BUILT[key] = to_json(stack)
    return copy.deepcopy(_BUILT[key])


def purpose(module_dir: str) -> str:
    return BUILDERS[module_dir][0].purpose
