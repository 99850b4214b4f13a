"""An interface endpoint's IP address type matches its subnets: IPv6-only endpoints need IPv6-only subnets.

AWS: an IPv4 endpoint needs subnets with IPv4 ranges, a dual-stack endpoint
subnets with both IPv4 and IPv6 ranges, and an IPv6 endpoint IPv6-only
subnets. https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html
"""

from collections.abc import Iterable

from plgen.aws.addresses import ENDPOINT_SUBNETS as SUBNETS
from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule

WORDS = {"ipv4": "IPv4-only", "dualstack": "dual-stack", "ipv6": "IPv6-only"}


@rule("endpoint-subnets-ip-type", "An endpoint's IP address type matches its VPC's subnets; IPv6-only endpoints need IPv6-only subnets")
def endpoint_subnets_ip_type(bp: Blueprint) -> Iterable[Finding]:
    for i, consumer in enumerate(bp.consumers):
        subnets = consumer.vpc.ip_address_type.value
        for j, endpoint in enumerate(consumer.endpoints):
            wanted = endpoint.ip_address_type.value
            if subnets not in SUBNETS[wanted]:
                need = " or ".join(WORDS[s] for s in sorted(SUBNETS[wanted]))
                yield Finding(
                    ("consumers", i, "endpoints", j, "ip_address_type"),
                    f"{'an' if wanted.startswith('i') else 'a'} {wanted} endpoint needs {need} subnets; consumer '{consumer.name}' has {WORDS[subnets]} subnets",
                    f"set the consumer's vpc.ip_address_type to {' or '.join(sorted(SUBNETS[wanted]))}, or use an endpoint ip_address_type its subnets carry",
                )
