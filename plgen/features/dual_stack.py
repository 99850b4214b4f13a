"""Dual-stack and IPv6: IPv6 ranges on created VPCs and subnets, dual-stack NLBs, services and endpoints that speak IPv6.

Builds ``assign_generated_ipv6_cidr_block`` on created VPCs and a /64 per
subnet (IPv6-only subnets with ``ipv6_native``), the NLB's
``ip_address_type``, the service's ``supported_ip_address_types``, the
endpoint's ``ip_address_type`` and ``dns_options.dns_record_ip_type``, and
security group rules for IPv6 sources (``cidr_ipv6``; never ``::/0``, which
``sources-not-internet`` refuses in any spelling), and the endpoint's
``admit_own_vpc`` rules on the VPC's own blocks, Amazon-provided IPv6 included.
"""

from plgen.blueprint.rules.endpoint_dns_record_ip_type import endpoint_dns_record_ip_type
from plgen.blueprint.rules.endpoint_ip_type import endpoint_ip_type_supported
from plgen.blueprint.rules.endpoint_subnets_ip_type import endpoint_subnets_ip_type
from plgen.blueprint.rules.own_vpc_sources import own_vpc_sources
from plgen.blueprint.rules.service_ipv6_nlb import service_ipv6_dualstack_nlb
from plgen.features.base import Feature
from plgen.features.names import FeatureName


def _where(bp):
    for i, provider in enumerate(bp.providers):
        if provider.vpc.ip_address_type != "ipv4":
            yield ("providers", i, "vpc", "ip_address_type")
        for j, service in enumerate(provider.services):
            if service.nlb.ip_address_type != "ipv4":
                yield ("providers", i, "services", j, "nlb", "ip_address_type")
            if [t.value for t in service.endpoint_service.supported_ip_address_types] != ["ipv4"]:
                yield ("providers", i, "services", j, "endpoint_service", "supported_ip_address_types")
    for i, consumer in enumerate(bp.consumers):
        if consumer.vpc.ip_address_type != "ipv4":
            yield ("consumers", i, "vpc", "ip_address_type")
        for j, endpoint in enumerate(consumer.endpoints):
            if endpoint.ip_address_type != "ipv4":
                yield ("consumers", i, "endpoints", j, "ip_address_type")
            if endpoint.dns_record_ip_type is not None:
                yield ("consumers", i, "endpoints", j, "dns_record_ip_type")
            for k, cidr in enumerate(endpoint.allowed_cidrs):
                if ":" in cidr:
                    yield ("consumers", i, "endpoints", j, "allowed_cidrs", k)
            if endpoint.admit_own_vpc:
                yield ("consumers", i, "endpoints", j, "admit_own_vpc")


DUAL_STACK = Feature(
    FeatureName.DUAL_STACK,
    "Dual-stack and IPv6",
    "IPv6 ranges on VPCs and subnets, dual-stack NLBs, services and endpoints that speak IPv6, IPv6 sources",
    _where,
    (service_ipv6_dualstack_nlb, endpoint_ip_type_supported, endpoint_subnets_ip_type, endpoint_dns_record_ip_type, own_vpc_sources),
)
