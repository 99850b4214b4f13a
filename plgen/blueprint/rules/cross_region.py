"""An endpoint in another Region than its service needs native cross-Region PrivateLink."""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("cross-region-supported", "A consumer in another Region uses a service that lists that Region in supported_regions")
def cross_region_supported(bp: Blueprint) -> Iterable[Finding]:
    for i, consumer in enumerate(bp.consumers):
        for j, endpoint in enumerate(consumer.endpoints):
            matches = bp.find_service(endpoint.service)
            if len(matches) != 1:
                continue
            provider, service = matches[0]
            if provider.region != consumer.region and consumer.region not in service.endpoint_service.supported_regions:
                yield Finding(
                    ("consumers", i, "endpoints", j, "service"),
                    f"service '{endpoint.service}' is in {provider.region}, this consumer in {consumer.region}",
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
