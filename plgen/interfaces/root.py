"""The example root's data (``terraform.tfvars.json``), from the interfaces alone: no cdktf, no Node.

The blueprint's contents (consumers, services, targets, CIDRs) become this
data; the modules' code depends only on which features the blueprint uses.
Adding a consumer therefore adds one map entry and changes no code.
"""

from __future__ import annotations

from typing import Any

from plgen.blueprint.model import Blueprint
from plgen.features import used_features
from plgen.features.names import FeatureName
from plgen.interfaces.base import data
from plgen.interfaces.consumer import SERVICE_CONSUMERS, consumer_sides
from plgen.interfaces.endpoint_service import SERVICE_PROVIDERS, provider_sides
from plgen.interfaces.peering import PEER, peers
from plgen.interfaces.resource_consumer import RESOURCE_CONSUMERS, resource_consumer_sides
from plgen.interfaces.resource_gateway import RESOURCE_PROVIDERS, resource_provider_sides

PEERED = frozenset({FeatureName.PEERED_FLEET, FeatureName.HOME_PEERING})


def root_data(bp: Blueprint, features: frozenset[str] | None = None) -> dict[str, Any]:
    """Every provider and consumer (and peer) by name, as the root's variables declare them."""
    features = used_features(bp) if features is None else features
    out: dict[str, Any] = {"tags": {"plgen-blueprint": bp.name, **bp.tags}}
    if FeatureName.RESOURCE_GATEWAY in features:  # resource access: resource gateways and resource endpoints instead of endpoint services
        out[RESOURCE_PROVIDERS.name] = RESOURCE_PROVIDERS.data(resource_provider_sides(bp), features)
        if bp.consumers:
            out[RESOURCE_CONSUMERS.name] = RESOURCE_CONSUMERS.data(resource_consumer_sides(bp), features)
        return out
    out[SERVICE_PROVIDERS.name] = SERVICE_PROVIDERS.data(provider_sides(bp), features)
    if bp.consumers:
        out[SERVICE_CONSUMERS.name] = SERVICE_CONSUMERS.data(consumer_sides(bp), features)
    if features & PEERED:
        out["peers"] = {c.key: data(PEER, c, features) for c in peers(bp, features)}
    return out
