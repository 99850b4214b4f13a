"""A service that supports IPv6 has a dual-stack NLB, and a dual-stack NLB sits in dual-stack subnets.

AWS: an endpoint service supports IPv6 only if its Network Load Balancer's IP
address type is ``dualstack``, and an NLB is dual-stack only in subnets with
IPv6 ranges. https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html#endpoint-service-ip-address-type
https://docs.aws.amazon.com/elasticloadbalancing/latest/network/network-load-balancers.html#ip-address-type
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("service-ipv6-dualstack-nlb", "A service supporting IPv6 has a dual-stack NLB, in dual-stack subnets")
def service_ipv6_dualstack_nlb(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            path = ("providers", i, "services", j)
            if "ipv6" in service.endpoint_service.supported_ip_address_types and service.nlb.ip_address_type != "dualstack":
                yield Finding(
                    (*path, "endpoint_service", "supported_ip_address_types"),
                    f"service '{service.name}' supports IPv6 but its NLB is {service.nlb.ip_address_type}",
                    "set nlb.ip_address_type: dualstack (in a dual-stack provider VPC)",
                )
            if service.nlb.ip_address_type == "dualstack" and provider.vpc.ip_address_type.value != "dualstack":
                yield Finding(
                    (*path, "nlb", "ip_address_type"),
                    f"a dual-stack NLB needs subnets with IPv6 ranges; provider '{provider.name}' has {provider.vpc.ip_address_type.value} subnets",
                    "set the provider's vpc.ip_address_type: dualstack",
                )
