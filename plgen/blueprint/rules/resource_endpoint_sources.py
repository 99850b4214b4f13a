"""Resource and service-network endpoints admit only what the blueprint names: something, and never the internet.

The same guarantee as endpoint-sources and sources-not-internet give
interface endpoints: a group open to nobody is a mistake, one open to
0.0.0.0/0 (or wide public space) is refused.
"""

import ipaddress
from collections.abc import Iterable

from plgen.aws.addresses import covers_everything, public_part
from plgen.blueprint.rules.base import Finding, rule
from plgen.blueprint.rules.sources_not_internet import WIDEST_PUBLIC


def _endpoints(consumer):
    for j, endpoint in enumerate(consumer.resource_endpoints):
        yield ("resource_endpoints", j), endpoint
    if consumer.service_network_endpoint:
        yield ("service_network_endpoint",), consumer.service_network_endpoint


@rule("resource-endpoint-sources", "Each resource or service-network endpoint admits the sources it names, and not the internet")
def resource_endpoint_sources(bp) -> Iterable[Finding]:
    for i, consumer in enumerate(bp.consumers):
        extra = list(consumer.on_premises.cidrs) if consumer.on_premises else []
        for where, endpoint in _endpoints(consumer):
            path = ("consumers", i, *where)
            if not (endpoint.allowed_cidrs or endpoint.allowed_security_group_ids or extra):
                yield Finding((*path, "allowed_cidrs"), "the endpoint admits nobody", "list allowed_cidrs or allowed_security_group_ids (plgen opens nothing by default)")
                continue
            cidrs = [ipaddress.IPv4Network(c) for c in [*endpoint.allowed_cidrs, *extra]]
            if 4 in covers_everything(cidrs):
                yield Finding((*path, "allowed_cidrs"), "the endpoint's group would admit every IPv4 address", "name the client CIDRs")
                continue
            for k, network in enumerate(ipaddress.IPv4Network(c) for c in endpoint.allowed_cidrs):
                if any(p.prefixlen < WIDEST_PUBLIC[4] for p in public_part(network)):
                    yield Finding((*path, "allowed_cidrs", k), f"{network} would open the endpoint to the public internet", f"admit private networks, or public blocks of /{WIDEST_PUBLIC[4]} or narrower")
