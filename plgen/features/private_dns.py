"""The provider's private DNS name, verified, and consumers that resolve it to their endpoint.

With ``private_dns_verification`` naming a public hosted zone, the provider
module writes the TXT record AWS asks for and verifies the name (waiting for
``verified``); consumers' endpoints with ``private_dns: true`` are created only
after that, through an input that carries the verified state.
"""

from plgen.blueprint.rules.dns_names import private_dns_needs_name
from plgen.blueprint.rules.private_dns_verification import private_dns_verification
from plgen.features.base import Feature
from plgen.features.names import FeatureName


def _where(bp):
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            if service.endpoint_service.private_dns_name:
                yield ("providers", i, "services", j, "endpoint_service", "private_dns_name")
            elif service.endpoint_service.private_dns_verification is not None:
                yield ("providers", i, "services", j, "endpoint_service", "private_dns_verification")
    for i, consumer in enumerate(bp.consumers):
        for j, endpoint in enumerate(consumer.endpoints):
            if endpoint.private_dns:
                yield ("consumers", i, "endpoints", j, "private_dns")


PRIVATE_DNS = Feature(
    FeatureName.PRIVATE_DNS,
    "Private DNS name",
    "the endpoint service's private DNS name, verified through a TXT record in a public zone, resolved inside consumer VPCs that enable it",
    _where,
    (private_dns_needs_name, private_dns_verification),
)
