"""The provider's private DNS name, and consumers that resolve it to their endpoint."""

from plgen.blueprint.rules.dns_names import private_dns_needs_name
from plgen.features.base import Feature


def _where(bp):
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            if service.endpoint_service.private_dns_name:
                yield ("providers", i, "services", j, "endpoint_service", "private_dns_name")
    for i, consumer in enumerate(bp.consumers):
        for j, endpoint in enumerate(consumer.endpoints):
            if endpoint.private_dns:
                yield ("consumers", i, "endpoints", j, "private_dns")


PRIVATE_DNS = Feature(
    "private-dns",
    "Private DNS name",
    "the endpoint service's private DNS name, resolved inside consumer VPCs that enable it",
    _where,
    (private_dns_needs_name,),
)
