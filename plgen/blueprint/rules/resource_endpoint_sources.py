"""Resource and service-network endpoints admit only what the blueprint names: something, and never the internet.

The same guarantee as endpoint-sources and sources-not-internet give
interface endpoints: a group open to nobody is a mistake, one open to
0.0.0.0/0 (or wide public space) is refused, on the union of the endpoint's
CIDRs and the consumer's on-premises CIDRs (``union_findings``, the interface
endpoints' own check: a public /7, or public /9s that add up to more than a /8).
"""

import ipaddress
from collections.abc import Iterable

from plgen.blueprint.rules.base import Finding, rule
from plgen.blueprint.rules.sources_not_internet import union_findings


def _endpoints(consumer):
    for j, endpoint in enumerate(consumer.resource_endpoints):
        yield ("resource_endpoints", j), endpoint
    if consumer.service_network_endpoint:
        yield ("service_network_endpoint",), consumer.service_network_endpoint


@rule("resource-endpoint-sources", "Each resource or service-network endpoint admits the sources it names, and not the internet")
def resource_endpoint_sources(bp) -> Iterable[Finding]:
    for i, consumer in enumerate(bp.consumers):
        extra = [(c, ("on_premises", "cidrs", k)) for k, c in enumerate(consumer.on_premises.cidrs)] if consumer.on_premises else []
        for where, endpoint in _endpoints(consumer):
            if not (endpoint.allowed_cidrs or endpoint.allowed_security_group_ids or extra):
                yield Finding(("consumers", i, *where, "allowed_cidrs"), "the endpoint admits nobody", "list allowed_cidrs or allowed_security_group_ids (plgen opens nothing by default)")
                continue
            cidrs = [(c, (*where, "allowed_cidrs", k)) for k, c in enumerate(endpoint.allowed_cidrs)] + extra
            yield from union_findings(("consumers", i), where, [(ipaddress.ip_network(c), path) for c, path in cidrs])
