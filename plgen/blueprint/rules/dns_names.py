"""Private DNS only works when the service publishes a name."""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, resolved_endpoints, rule


@rule("private-dns-needs-name", "An endpoint enables private DNS only for a service with private_dns_name")
def private_dns_needs_name(bp: Blueprint) -> Iterable[Finding]:
    for ref in resolved_endpoints(bp):
        if ref.endpoint.private_dns and not ref.service.endpoint_service.private_dns_name:
            yield Finding(
                ref.path("private_dns"),
                f"service '{ref.endpoint.service}' has no private_dns_name to resolve",
                "set endpoint_service.private_dns_name on the service, or use dns_name",
            )
