"""Native cross-Region PrivateLink: a service lists other Regions, consumers there connect to it."""

from plgen.blueprint.rules.base import resolved_endpoints
from plgen.blueprint.rules.cross_region import cross_region_supported
from plgen.features.base import Feature
from plgen.features.names import FeatureName


def _where(bp):
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            if service.endpoint_service.supported_regions:
                yield ("providers", i, "services", j, "endpoint_service", "supported_regions")
    for ref in resolved_endpoints(bp):
        if ref.provider.region != ref.consumer.region:
            yield ref.path("service")


CROSS_REGION = Feature(
    FeatureName.CROSS_REGION,
    "Native cross-Region PrivateLink",
    "consumers in other Regions connect to the service directly (`supported_regions`, `service_region`)",
    _where,
    (cross_region_supported,),
)
