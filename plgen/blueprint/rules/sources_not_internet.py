"""No endpoint group admits the internet, whatever field a source comes from and however it is spelled.

An endpoint's group admits the union of its ``allowed_cidrs``, the consumer's
on-premises CIDRs and its peered home VPCs (``Consumer.admitted``). The check
is on that union, as networks, not on text, per address family: ``0.0.0.0/0``,
``0.0.0.0/1`` plus ``128.0.0.0/1``, on-premises CIDRs covering all of IPv4 but
the VPC, or a peer's ``existing_cidr: 128.0.0.0/1`` are all refused, and so
are ``::/0`` in any spelling (``0::/0``, ``0:0::0/0``) and IPv6 blocks that
together cover it (``::/1`` plus ``8000::/1``). A private network of any size
is fine (IPv4's RFC 1918 and shared ranges, IPv6's unique local ``fc00::/7``);
public address space is admitted only in blocks of /8 or narrower in IPv4 (a /7
of public space is already tens of millions of addresses nobody named on
purpose) and /32 or narrower in IPv6 (a provider allocation,
https://www.rfc-editor.org/rfc/rfc6177; a VPC's Amazon-provided block is a
/56), and at most that much in all: the internet cut into 512 separate /9s,
or every other /9, is refused as a whole.
"""

import ipaddress
from collections.abc import Iterable

from plgen.aws.addresses import BITS, EVERYTHING, FAMILY, covers_everything, is_everything, public_part
from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule

WIDEST_PUBLIC = {4: 8, 6: 32}
MOST_PUBLIC = {v: 1 << (BITS[v] - WIDEST_PUBLIC[v]) for v in (4, 6)}  # public addresses one group may admit in all


@rule("sources-not-internet", "No endpoint's security group admits the internet: the union of its sources, from every field, is checked as networks, IPv4 and IPv6")
def sources_not_internet(bp: Blueprint) -> Iterable[Finding]:
    for i, consumer in enumerate(bp.consumers):
        for j in range(len(consumer.endpoints)):
            cidrs = [(ipaddress.ip_network(s), path) for s, _, path in consumer.admitted(j) if not s.startswith("sg-")]
            yield from union_findings(("consumers", i), ("endpoints", j), cidrs)


def union_findings(owner: tuple, endpoint: tuple, cidrs: list) -> Iterable[Finding]:
    """The findings for one security group admitting ``cidrs`` (network, field path below ``owner``), per address family.

    Shared by every kind of endpoint (interface, resource, service network),
    so each is held to the same union, spelled however the sources are.
    """
    for version in (4, 6):
        yield from _family(owner, endpoint, version, [(n, path) for n, path in cidrs if n.version == version])


def _family(owner: tuple, endpoint: tuple, version: int, cidrs: list) -> Iterable[Finding]:
    everything = [path for network, path in cidrs if is_everything(network)]
    if everything:
        yield Finding((*owner, *everything[0]), f"{EVERYTHING[version]} would admit every address to the endpoint", "name the client CIDRs")
        return
    if version in covers_everything(n for n, _ in cidrs):
        yield Finding(
            (*owner, *endpoint),
            f"the endpoint's group would admit every {FAMILY[version]} address (its sources, on-premises and peer CIDRs together cover {EVERYTHING[version]})",
            "name the client CIDRs",
        )
        return
    located = False
    for network, path in cidrs:
        wide = sorted((p for p in public_part(network) if p.prefixlen < WIDEST_PUBLIC[version]), key=lambda p: p.prefixlen)
        if wide:
            located = True
            yield Finding(
                (*owner, *path),
                f"{network} would open the endpoint to the public internet" + ("" if wide[0] == network else f" (it holds {wide[0]}, among others)"),
                f"admit private networks, or public blocks of /{WIDEST_PUBLIC[version]} or narrower that you name",
            )
    public = sum(part.num_addresses for network in ipaddress.collapse_addresses(n for n, _ in cidrs) for part in public_part(network))
    if public > MOST_PUBLIC[version] and not located:
        yield Finding(
            (*owner, *endpoint),
            f"the endpoint's group would admit {public:,} public {'' if version == 4 else 'IPv6 '}addresses (its sources, on-premises and peer CIDRs together), more than a /{WIDEST_PUBLIC[version]}",
            "name the client CIDRs",
        )
