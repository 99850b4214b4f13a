"""An endpoint admits only sources of the address families its network interfaces have.

The endpoint's ``ip_address_type`` decides which addresses its network
interfaces get: ``ipv4`` "Assign IPv4 addresses to the endpoint network
interfaces", ``ipv6`` IPv6 only, ``dualstack`` both
(https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_ec2.VpcEndpointIpAddressType.html,
the EC2 API's ``IpAddressType`` of CreateVpcEndpoint). An IPv6 source named
for an IPv4-only endpoint has no address to reach, and neither has an IPv4
source for an IPv6-only one: the security group rule opens a door that does
not exist, and the clients behind it, who were meant to connect, cannot.
Checked on the sources each endpoint names itself (``allowed_cidrs``); the
consumer-wide on-premises and peer CIDRs are IPv4 and admitted wherever IPv4 is.
"""

import ipaddress
from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule

FAMILIES = {"ipv4": {4}, "ipv6": {6}, "dualstack": {4, 6}}
TO_ADD = {4: "dualstack (or ipv4)", 6: "dualstack (or ipv6)"}


@rule("endpoint-source-families", "An endpoint's sources are of the address families its ip_address_type gives it (no IPv6 source on an IPv4-only endpoint, no IPv4 on an IPv6-only one)")
def endpoint_source_families(bp: Blueprint) -> Iterable[Finding]:
    for i, consumer in enumerate(bp.consumers):
        for j, endpoint in enumerate(consumer.endpoints):
            kind = endpoint.ip_address_type.value
            for k, cidr in enumerate(endpoint.allowed_cidrs):
                version = ipaddress.ip_network(cidr).version
                if version not in FAMILIES[kind]:
                    yield Finding(
                        ("consumers", i, "endpoints", j, "allowed_cidrs", k),
                        f"{cidr} is an IPv{version} source, but this {kind} endpoint has no IPv{version} address for it to reach",
                        f"set ip_address_type: {TO_ADD[version]} where the service and subnets support it, or remove the source",
                    )
