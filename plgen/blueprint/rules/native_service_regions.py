"""A native inter-region endpoint service names the Regions it is offered in.

With ``connectivity: native`` the provider offers the service in other Regions
through cross-Region PrivateLink instead of a remote NLB: the endpoint service
lists those Regions in ``supported_regions`` (the consumers there create their
endpoints with ``service_region``). A service that lists none is reachable from
its own Region only, which is the saas pattern, not this one.
https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("native-service-regions", "A native inter-region endpoint service lists the other Regions it is offered in under supported_regions")
def native_service_regions(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            if not service.endpoint_service.supported_regions:
                yield Finding(
                    ("providers", i, "services", j, "endpoint_service"),
                    f"service '{service.name}' is offered in its own Region {provider.region} only; a native inter-region service lists other Regions",
                    "add the consumers' Regions under `supported_regions`, or use pattern saas for consumers in one Region",
                )
