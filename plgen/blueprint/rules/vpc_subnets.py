"""Every AZ of a side needs a subnet, inside its VPC, not overlapping the others."""

import ipaddress
from collections.abc import Iterable

from plgen.blueprint.model import Blueprint, Vpc
from plgen.blueprint.rules.base import Finding, rule


def _check(vpc: Vpc, azs: list[str], path: tuple) -> Iterable[Finding]:
    if not vpc.created:
        for az in azs:
            if az not in vpc.subnet_ids:
                yield Finding((*path, "vpc", "subnet_ids"), f"no subnet given for AZ {az}", "an existing VPC names one subnet per AZ")
        return
    network = ipaddress.IPv4Network(vpc.cidr)
    if not 16 <= network.prefixlen <= 28:  # checked first: the subnet arithmetic below assumes it
        yield Finding((*path, "vpc", "cidr"), f"a VPC CIDR must be between /16 and /28, got /{network.prefixlen}")
        return
    if vpc.subnet_cidrs:
        for az in azs:
            if az not in vpc.subnet_cidrs:
                yield Finding((*path, "vpc", "subnet_cidrs"), f"no subnet CIDR given for AZ {az}")
        for az in vpc.subnet_cidrs:
            if az not in azs:
                yield Finding((*path, "vpc", "subnet_cidrs", az), f"AZ {az} is not in this side's azs [{', '.join(azs)}]")
    else:
        # Derived subnets (Vpc.subnets_for) are consecutive /24-/28 blocks of the
        # VPC: inside it and disjoint by construction, so only their number can
        # be wrong. Skipping the checks below matters at thousands of consumers.
        if len(azs) > 1 << (min(max(network.prefixlen + 2, 24), 28) - network.prefixlen):
            yield Finding((*path, "vpc", "cidr"), f"{vpc.cidr} is too small for {len(azs)} subnets")
        return
    subnets = dict(vpc.subnet_cidrs)
    seen: list[tuple[str, ipaddress.IPv4Network]] = []
    for az, cidr in subnets.items():
        subnet = ipaddress.IPv4Network(cidr)
        if not subnet.subnet_of(network):
            yield Finding((*path, "vpc", "subnet_cidrs", az), f"subnet {cidr} is outside the VPC {vpc.cidr}")
        if subnet.prefixlen > 28:
            yield Finding((*path, "vpc", "subnet_cidrs", az), f"subnet {cidr} is smaller than /28, the smallest AWS allows")
        for other_az, other in seen:
            if subnet.overlaps(other):
                yield Finding((*path, "vpc", "subnet_cidrs", az), f"subnet {cidr} overlaps the subnet of {other_az} ({other})")
        seen.append((az, subnet))


@rule("vpc-subnets", "Each AZ has one subnet inside its VPC; subnets do not overlap")
def vpc_subnets(bp: Blueprint) -> Iterable[Finding]:
    for kind, sides in (("providers", bp.providers), ("consumers", bp.consumers)):
        for i, side in enumerate(sides):
            yield from _check(side.vpc, side.azs, (kind, i))
            for j, peer in enumerate(side.peers):
                if peer.vpc.created and not peer.azs:
                    yield Finding((kind, i, "peers", j, "azs"), "a VPC plgen creates needs at least one AZ for its subnets")
                yield from _check(peer.vpc, peer.azs, (kind, i, "peers", j))
