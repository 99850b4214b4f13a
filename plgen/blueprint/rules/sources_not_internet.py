"""No endpoint group admits the internet, whatever field a source comes from and however it is spelled.

An endpoint's group admits the union of its ``allowed_cidrs``, the consumer's
on-premises CIDRs and its peered home VPCs (``Consumer.admitted``). The check
is on that union, as networks, not on text: ``0.0.0.0/0``, ``0.0.0.0/1`` plus
``128.0.0.0/1``, on-premises CIDRs covering all of IPv4 but the VPC, or a
peer's ``existing_cidr: 128.0.0.0/1`` are all refused. A private network of
any size is fine; public address space is admitted only in blocks of /8 or
narrower (a /7 of public space is already tens of millions of addresses
nobody named on purpose), and at most a /8's worth in all: the internet cut
into 512 separate /9s, or every other /9, is refused as a whole.
"""

import ipaddress
from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule

PRIVATE = [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")]
WIDEST_PUBLIC = 8
MOST_PUBLIC = 1 << (32 - WIDEST_PUBLIC)  # public addresses one group may admit in all: a /8's worth


def _public_part(network: ipaddress.IPv4Network) -> list[ipaddress.IPv4Network]:
    """``network`` less the private ranges."""
    parts = [network]
    for private in PRIVATE:
        parts = [piece for part in parts for piece in ([part] if not part.overlaps(private) else (part.address_exclude(private) if private.subnet_of(part) else []))]
    return parts


@rule("sources-not-internet", "No endpoint's security group admits the internet: the union of its sources, from every field, is checked as networks")
def sources_not_internet(bp: Blueprint) -> Iterable[Finding]:
    for i, consumer in enumerate(bp.consumers):
        for j in range(len(consumer.endpoints)):
            cidrs = [(ipaddress.ip_network(s), path) for s, _, path in consumer.admitted(j) if not s.startswith("sg-")]
            everything = [path for network, path in cidrs if network.prefixlen == 0]
            if everything:
                yield Finding(("consumers", i, *everything[0]), "0.0.0.0/0 would admit every address to the endpoint", "name the client CIDRs")
                continue
            union = list(ipaddress.collapse_addresses(n for n, _ in cidrs))
            if any(n.prefixlen == 0 for n in union):
                yield Finding(
                    ("consumers", i, "endpoints", j),
                    "the endpoint's group would admit every IPv4 address (its sources, on-premises and peer CIDRs together cover 0.0.0.0/0)",
                    "name the client CIDRs",
                )
                continue
            located = False
            for network, path in cidrs:
                wide = sorted((p for p in _public_part(network) if p.prefixlen < WIDEST_PUBLIC), key=lambda p: p.prefixlen)
                if wide:
                    located = True
                    yield Finding(
                        ("consumers", i, *path),
                        f"{network} would open the endpoint to the public internet" + ("" if wide[0] == network else f" (it holds {wide[0]}, among others)"),
                        f"admit private networks, or public blocks of /{WIDEST_PUBLIC} or narrower that you name",
                    )
            public = sum(part.num_addresses for network in union for part in _public_part(network))
            if public > MOST_PUBLIC and not located:
                yield Finding(
                    ("consumers", i, "endpoints", j),
                    f"the endpoint's group would admit {public:,} public addresses (its sources, on-premises and peer CIDRs together), more than a /{WIDEST_PUBLIC}",
                    "name the client CIDRs",
                )
