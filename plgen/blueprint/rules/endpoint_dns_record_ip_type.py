"""An endpoint's DNS records are of addresses it has.

AWS: ``dns_options.dns_record_ip_type`` of an IPv4 endpoint is ``ipv4`` (or
``service-defined``), of an IPv6 endpoint ``ipv6`` (or ``service-defined``);
a dual-stack endpoint takes any.
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DnsOptionsSpecification.html
"""

from collections.abc import Iterable

from plgen.aws.addresses import DNS_RECORD_IP_TYPES as ALLOWED
from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("endpoint-dns-record-ip-type", "An endpoint's DNS record IP type is one of the address types the endpoint has")
def endpoint_dns_record_ip_type(bp: Blueprint) -> Iterable[Finding]:
    for i, consumer in enumerate(bp.consumers):
        for j, endpoint in enumerate(consumer.endpoints):
            records = endpoint.dns_records
            if records not in ALLOWED[endpoint.ip_address_type.value]:
                yield Finding(
                    ("consumers", i, "endpoints", j, "dns_record_ip_type"),
                    f"{'an' if endpoint.ip_address_type.value.startswith('i') else 'a'} {endpoint.ip_address_type.value} endpoint has no addresses for {records} DNS records",
                    f"use one of {', '.join(sorted(ALLOWED[endpoint.ip_address_type.value]))}",
                )
