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
EXTERNAL_SERVICES = "external_services"
EXTERNAL_SERVICES_TYPE = (
    "map(map(object({ service_name = string, private_dns_verified = bool, region = string, azs = list(string), "
    "ports = list(object({ port = number, protocol = string })), supported_ip_address_types = list(string), "
    "private_dns_name = string, tls_names = list(string), acceptance_required = bool })))"
)
EXTERNAL_SERVICES_HELP = (
    "Other organisations' endpoint services the consumers reach, per vendor, per service: the service name its owner gives, "
    "and whether it has a verified private DNS name. Filled from the blueprint's external_services in terraform.tfvars.json."
)


def external_services(bp: Blueprint) -> dict[str, dict[str, dict[str, Any]]]:
    """Per vendor, per service: what a consumer's endpoint reads of an external service in place of a provider module's output.

    ``private_dns_verified`` is true when the vendor names a private DNS name: AWS lets a
    consumer enable private DNS only once the provider verified the domain
    (https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html), and a vendor
    gives its customers the name only then.
    """
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for e in bp.external_services:
        out.setdefault(e.vendor, {})[e.name] = {
            "service_name": e.service_name,
            "private_dns_verified": e.private_dns_name is not None,
            # what the vendor says of its side, for `plgen paths` (the consumer's module reads the two above)
            "region": e.region,
            "azs": list(e.azs),
            "ports": [{"port": p.port, "protocol": p.protocol.value} for p in e.ports],
            "supported_ip_address_types": [t.value for t in e.supported_ip_address_types],
            "private_dns_name": e.private_dns_name,
            "tls_names": list(e.tls_names),
            "acceptance_required": e.acceptance_required,
        }
    return out


def root_data(bp: Blueprint, features: frozenset[str] | None = None) -> dict[str, Any]:
    """Every provider and consumer (and peer) by name, as the root's variables declare them."""
    features = used_features(bp) if features is None else features
    out: dict[str, Any] = {"tags": {"plgen-blueprint": bp.name, **bp.tags}}
    if FeatureName.RESOURCE_GATEWAY in features:  # resource access: resource gateways and resource endpoints instead of endpoint services
        out[RESOURCE_PROVIDERS.name] = RESOURCE_PROVIDERS.data(resource_provider_sides(bp), features)
        if bp.consumers:
            out[RESOURCE_CONSUMERS.name] = RESOURCE_CONSUMERS.data(resource_consumer_sides(bp), features)
        return out
    if bp.providers:
        out[SERVICE_PROVIDERS.name] = SERVICE_PROVIDERS.data(provider_sides(bp), features)
    if bp.external_services:
        out[EXTERNAL_SERVICES] = external_services(bp)
    if bp.consumers:
        out[SERVICE_CONSUMERS.name] = SERVICE_CONSUMERS.data(consumer_sides(bp), features)
    if features & PEERED:
        out["peers"] = {c.key: data(PEER, c, features) for c in peers(bp, features)}
    return out
