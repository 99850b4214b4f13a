"""Resource endpoints name one existing resource; service-network endpoints one existing service network.

Also: a provider's resource names are unique, its service network associates
only its own resources, and a consumer has one resource endpoint per resource
(a second would be a second set of network interfaces for the same thing).
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("resource-references", "Every resource endpoint names one resource, every service-network endpoint one service network, and names are unique")
def resource_references(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        seen: set[str] = set()
        for j, item in enumerate(provider.resources):
            if item.name in seen:
                yield Finding(("providers", i, "resources", j, "name"), f"provider {provider.name} has two resources named '{item.name}'", "give each resource its own name")
            seen.add(item.name)
        if provider.service_network:
            for k, name in enumerate(provider.service_network.resources):
                if name not in seen:
                    yield Finding(
                        ("providers", i, "service_network", "resources", k),
                        f"no resource '{name}' in provider {provider.name}",
                        f"its resources: {', '.join(sorted(seen)) or 'none'}",
                    )
    known = sorted(f"{p.name}/{r.name}" for p in bp.providers for r in p.resources)
    networks = sorted(f"{p.name}/{p.service_network.name}" for p in bp.providers if p.service_network)
    for i, consumer in enumerate(bp.consumers):
        reached: dict[tuple[str, str], int] = {}
        for j, endpoint in enumerate(consumer.resource_endpoints):
            path = ("consumers", i, "resource_endpoints", j, "resource")
            matches = bp.find_resource(endpoint.resource)
            if not matches:
                yield Finding(path, f"no resource '{endpoint.resource}' in this blueprint", f"known resources: {', '.join(known) or 'none'}")
            elif len({(p.name, r.name) for p, r in matches}) > 1:
                yield Finding(path, f"'{endpoint.resource}' is ambiguous", f"write one of: {', '.join(f'{p.name}/{r.name}' for p, r in matches)}")
            else:
                key = (matches[0][0].name, matches[0][1].name)
                if key in reached:
                    yield Finding(path, f"consumer {consumer.name} already has a resource endpoint for {key[0]}/{key[1]} (resource_endpoints[{reached[key]}])", "keep one")
                reached.setdefault(key, j)
        network = consumer.service_network_endpoint
        if network and len(bp.find_service_network(network.service_network)) != 1:
            found = bp.find_service_network(network.service_network)
            message = f"no service network '{network.service_network}' in this blueprint" if not found else f"'{network.service_network}' is ambiguous"
            yield Finding(("consumers", i, "service_network_endpoint", "service_network"), message, f"known service networks: {', '.join(networks) or 'none'}")
