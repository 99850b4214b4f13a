"""A resource-access blueprint has no NLBs: providers offer resources behind a resource gateway, consumers reach them through resource or service-network endpoints.

Endpoint services and interface endpoints belong to the other patterns; mixing
them in would compile to modules this pattern does not build.
"""

from collections.abc import Iterable

from plgen.blueprint.rules.base import Finding, rule


@rule("resource-access-shape", "Resource-access providers offer resources only, and consumers use resource or service-network endpoints only")
def resource_access_shape(bp) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        if provider.services:
            yield Finding(("providers", i, "services"), "a resource-access provider offers `resources` behind its resource gateway, not NLB endpoint services", "use another pattern (saas, shared-services) for endpoint services")
        elif not provider.resources:
            yield Finding(("providers", i), "a resource-access provider needs `resource_gateway` and `resources`", None)
    for i, consumer in enumerate(bp.consumers):
        if consumer.endpoints:
            yield Finding(("consumers", i, "endpoints"), "a resource-access consumer reaches resources through `resource_endpoints` or `service_network_endpoint`, not interface endpoints", "move them to resource_endpoints")
