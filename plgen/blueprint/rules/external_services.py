"""An endpoint to another organisation's service (``external_services``) fits what its owner said the service offers.

A consumer-only blueprint knows the vendor's service only from the vendor's
description: its Region, the AZs it is offered in, its IP address types and
whether it has a private DNS name. The endpoint is checked against those here,
as the same rules check an endpoint to a service of the blueprint:

- an interface endpoint is created in the service's Region (cross-Region
  PrivateLink needs the provider to list the consumer's Region, which the
  vendor's description here does not say), and its subnets must be in AZs the
  service is offered in
  (https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html:
  "the Availability Zones for the service");
- the endpoint's IP address type must be one the service supports
  (https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html);
- private DNS needs the service's private DNS name, and AWS refuses to enable it
  on an endpoint whose connection is pending acceptance (users report it,
  https://github.com/crossplane-contrib/provider-aws/issues/1363, and the
  provider's ``aws_vpc_endpoint_private_dns`` exists to enable it after the
  accepter, https://github.com/hashicorp/terraform-provider-aws/pull/37628; the
  strict emulator imitates it): with a vendor that accepts by hand, this
  blueprint cannot know when to switch it on.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("external-service-endpoints", "An endpoint to an external service is in its Region and AZs, of a type it supports, with private DNS only where it can be on")
def external_service_endpoints(bp: Blueprint) -> Iterable[Finding]:
    seen: dict[str, int] = {}
    for k, external in enumerate(bp.external_services):
        if external.key in seen:
            yield Finding(("external_services", k, "name"), f"external service '{external.key}' is named twice", f"external_services[{seen[external.key]}]")
        seen.setdefault(external.key, k)
    for i, consumer in enumerate(bp.consumers):
        for j, endpoint in enumerate(consumer.endpoints):
            external = bp.external_of(endpoint)
            if external is None:
                continue
            path = ("consumers", i, "endpoints", j)
            if consumer.region != external.region:
                yield Finding((*path, "service"), f"{external.key} is a service of {external.region}; this consumer is in {consumer.region}", "consume it from a VPC in its Region")
                continue
            for n, az in enumerate(consumer.azs):
                if az not in external.azs:
                    yield Finding(("consumers", i, "azs", n), f"AZ {az} is not one of the AZs {external.key} is offered in [{', '.join(external.azs)}]", f"service '{endpoint.service}'")
            types = {t.value for t in external.supported_ip_address_types}
            wanted = endpoint.ip_address_type.value
            if (wanted == "dualstack" and types != {"ipv4", "ipv6"}) or (wanted != "dualstack" and wanted not in types):
                yield Finding((*path, "ip_address_type"), f"{external.key} supports {', '.join(sorted(types))} only, not a {wanted} endpoint", "ask the vendor, or use an IP address type it supports")
            if endpoint.private_dns and not external.private_dns_name:
                yield Finding((*path, "private_dns"), f"{external.key} has no private DNS name", "remove private_dns, or give the vendor's private_dns_name")
            elif endpoint.private_dns and external.acceptance_required:
                yield Finding(
                    (*path, "private_dns"),
                    f"{external.key} requires the vendor's acceptance: AWS refuses private DNS on an endpoint pending acceptance, and this blueprint cannot see when the vendor accepts",
                    "leave private_dns off and reach the endpoint by its DNS names (or a friendly dns_name), or ask the vendor to accept your account automatically (acceptance_required: false)",
                )
