"""An endpoint in another Region than its service needs native cross-Region PrivateLink."""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, resolved_endpoints, rule


@rule("cross-region-supported", "A consumer in another Region uses a service that lists that Region in supported_regions")
def cross_region_supported(bp: Blueprint) -> Iterable[Finding]:
    for ref in resolved_endpoints(bp):
        provider, consumer = ref.provider, ref.consumer
        if provider.region != consumer.region and consumer.region not in ref.service.endpoint_service.supported_regions:
            yield Finding(
                ref.path("service"),
                f"service '{ref.endpoint.service}' is in {provider.region}, this consumer in {consumer.region}",
                f"add {consumer.region} to the service's endpoint_service.supported_regions, or place the consumer VPC in {provider.region} and peer it home",
            )
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            if provider.region in service.endpoint_service.supported_regions:
                yield Finding(
                    ("providers", i, "services", j, "endpoint_service", "supported_regions"),
                    f"{provider.region} is the service's own Region",
                    "list only the other Regions",
                )
