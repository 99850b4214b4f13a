"""An interface endpoint's IP address type is one its endpoint service supports.

AWS: an endpoint's ``IpAddressType`` must be supported by the service
(``SupportedIpAddressTypes``): ``ipv4`` needs IPv4, ``ipv6`` needs IPv6 and
``dualstack`` needs both; the service supports IPv6 only behind a dual-stack
NLB. https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html#endpoint-service-ip-address-type
"""

from collections.abc import Iterable

from plgen.aws.addresses import IP_FAMILIES as NEEDS
from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, resolved_endpoints, rule


@rule("endpoint-ip-type-supported", "An interface endpoint's IP address type is one its endpoint service supports")
def endpoint_ip_type_supported(bp: Blueprint) -> Iterable[Finding]:
    for ref in resolved_endpoints(bp):
        wanted = ref.endpoint.ip_address_type.value
        supported = [t.value for t in ref.service.endpoint_service.supported_ip_address_types]
        missing = sorted(NEEDS[wanted] - set(supported))
        if missing:
            yield Finding(
                ref.path("ip_address_type"),
                f"{'an' if wanted.startswith('i') else 'a'} {wanted} endpoint needs a service that supports {' and '.join(sorted(NEEDS[wanted]))}; '{ref.endpoint.service}' supports {', '.join(supported)}",
                f"add {', '.join(missing)} to the service's endpoint_service.supported_ip_address_types (IPv6 needs a dual-stack NLB), "
                f"or use an ip_address_type of {', '.join(t for t, needs in NEEDS.items() if needs <= set(supported))}",
            )
