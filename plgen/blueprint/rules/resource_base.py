"""What the resource-access rules share: every resource endpoint and service-network endpoint with what it reaches.

Unresolved or ambiguous references are resource-references' to report; the
rules that reason about the resource an endpoint reaches skip them, as
``base.resolved_endpoints`` does for interface endpoints.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from plgen.blueprint.loader import FieldPath
from plgen.blueprint.model import Blueprint, Consumer, Provider, Resource


@dataclass(frozen=True)
class ResolvedAccess:
    """A consumer's resource or service-network endpoint, the provider it reaches and the resources behind it."""

    consumer_index: int
    consumer: Consumer
    provider: Provider
    resources: tuple[Resource, ...]
    path: FieldPath  # the endpoint's field path
    network: bool  # a service-network endpoint

    def at(self, *rest: str | int) -> FieldPath:
        return (*self.path, *rest)


def resolved_access(bp: Blueprint) -> Iterable[ResolvedAccess]:
    for i, consumer in enumerate(bp.consumers):
        for j, endpoint in enumerate(consumer.resource_endpoints):
            matches = bp.find_resource(endpoint.resource)
            if len(matches) == 1:
                provider, item = matches[0]
                yield ResolvedAccess(i, consumer, provider, (item,), ("consumers", i, "resource_endpoints", j), False)
        if consumer.service_network_endpoint:
            providers = bp.find_service_network(consumer.service_network_endpoint.service_network)
            if len(providers) == 1:
                provider = providers[0]
                names = set(provider.service_network.resources)
                items = tuple(r for r in provider.resources if r.name in names)
                yield ResolvedAccess(i, consumer, provider, items, ("consumers", i, "service_network_endpoint"), True)
