"""Private DNS only works when the service publishes a name."""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("private-dns-needs-name", "An endpoint enables private DNS only for a service with private_dns_name")
def private_dns_needs_name(bp: Blueprint) -> Iterable[Finding]:
    for i, consumer in enumerate(bp.consumers):
        for j, endpoint in enumerate(consumer.endpoints):
            matches = bp.find_service(endpoint.service)
            if endpoint.private_dns and len(matches) == 1 and not matches[0][1].endpoint_service.private_dns_name:
                yield Finding(
                    ("consumers", i, "endpoints", j, "private_dns"),
                    f"service '{endpoint.service}' has no private_dns_name to resolve",
                    "set endpoint_service.private_dns_name on the service, or use dns_name",
                )
