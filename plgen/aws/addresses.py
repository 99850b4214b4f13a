"""Address space: the internet in each IP family, private and documentation ranges, and unions that cover everything.

A security group rule's ``cidr_ipv4 = "0.0.0.0/0"`` or ``cidr_ipv6 = "::/0"``
admits every address of its family
(https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html).
So does a set of rules whose CIDRs together cover the family (``0.0.0.0/1``
plus ``128.0.0.0/1``), and ``::/0`` has other spellings (``0::/0``): the
checks here are on networks, never on text.

Private space is RFC 1918's three blocks and RFC 6598's shared
``100.64.0.0/10`` (both allowed as VPC CIDRs,
https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html), and
IPv6 unique local ``fc00::/7`` (RFC 4193). The documentation ranges (RFC 5737,
RFC 3849) never route on the internet: a blueprint example may use them as
"public" client addresses without naming anyone's network.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# The whole of each family, as text (as Terraform and the AWS APIs spell it) and as networks.
EVERYTHING = {4: "0.0.0.0/0", 6: "::/0"}
INTERNET = (ipaddress.ip_network(EVERYTHING[4]), ipaddress.ip_network(EVERYTHING[6]))
FAMILY = {4: "IPv4", 6: "IPv6"}
BITS = {4: 32, 6: 128}

PRIVATE: dict[int, list[Network]] = {
    4: [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")],
    6: [ipaddress.ip_network("fc00::/7")],
}
DOCUMENTATION: dict[int, list[Network]] = {
    4: [ipaddress.ip_network(n) for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24")],
    6: [ipaddress.ip_network("2001:db8::/32")],
}


def is_everything(network: Network) -> bool:
    """Whether one network is all of its family (``0.0.0.0/0``, ``::/0`` however spelt)."""
    return network.prefixlen == 0


def covers_everything(networks: Iterable[Network]) -> set[int]:
    """The IP families (4, 6) the networks together cover completely: ``{4}`` for ``0.0.0.0/1`` and ``128.0.0.0/1``."""
    by_family: dict[int, list[Network]] = {4: [], 6: []}
    for network in networks:
        by_family[network.version].append(network)
    return {v for v, nets in by_family.items() if nets and any(is_everything(n) for n in ipaddress.collapse_addresses(nets))}


def public_part(network: Network) -> list[Network]:
    """``network`` less the private ranges of its family."""
    parts = [network]
    for private in PRIVATE[network.version]:
        parts = [piece for part in parts for piece in ([part] if not part.overlaps(private) else (part.address_exclude(private) if private.subnet_of(part) else []))]
    return parts


# IP address types (`ip_address_type` of subnets, NLBs and endpoints; `supported_ip_address_types` of a service).
# The families each type carries: an endpoint's type must be supported by its service, IPv4 needing IPv4, IPv6
# IPv6 and dualstack both (https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html#endpoint-service-ip-address-type).
IP_FAMILIES = {"ipv4": {"ipv4"}, "ipv6": {"ipv6"}, "dualstack": {"ipv4", "ipv6"}}
# The subnets an endpoint of each type can use: an IPv4 endpoint subnets with IPv4 ranges, a dual-stack endpoint
# subnets with both, an IPv6 endpoint IPv6-only subnets (https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html).
ENDPOINT_SUBNETS = {"ipv4": {"ipv4", "dualstack"}, "dualstack": {"dualstack"}, "ipv6": {"ipv6"}}
# The DNS records (`dns_options.dns_record_ip_type`) an endpoint of each type can have
# (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DnsOptionsSpecification.html).
DNS_RECORD_IP_TYPES = {"ipv4": {"ipv4", "service-defined"}, "ipv6": {"ipv6", "service-defined"}, "dualstack": {"ipv4", "ipv6", "dualstack", "service-defined"}}
