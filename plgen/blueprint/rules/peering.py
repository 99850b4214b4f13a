"""The notes: at most 125 peering connections on one VPC, and peered VPCs must not overlap."""

from collections import Counter
from collections.abc import Iterable

from plgen.aws.quotas import PEERING_CONNECTIONS_PER_VPC as PEERING_LIMIT
from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("peering-limit", "A VPC has at most 125 peering connections")
def peering_limit(bp: Blueprint) -> Iterable[Finding]:
    counts: Counter[str] = Counter()
    first: dict[str, tuple] = {}
    for kind, sides in (("providers", bp.providers), ("consumers", bp.consumers)):
        for i, side in enumerate(sides):
            counts[f"{kind}/{side.name}"] += len(side.peers)
            first.setdefault(f"{kind}/{side.name}", (kind, i, "peers"))
            for peer in side.peers:
                key = peer.vpc.id or f"{peer.region}/{peer.name}"
                counts[key] += 1
                first.setdefault(key, (kind, i, "peers"))
    for key, count in sorted(counts.items()):
        if count > PEERING_LIMIT:
            yield Finding(
                first[key],
                f"{count} peering connections on one VPC; AWS allows at most {PEERING_LIMIT}",
                "use PrivateLink endpoints or a transit gateway instead",
            )


@rule("peered-cidrs-disjoint", "Peered VPCs have non-overlapping CIDRs")
def peered_cidrs_disjoint(bp: Blueprint) -> Iterable[Finding]:
    for kind, sides in (("providers", bp.providers), ("consumers", bp.consumers)):
        for i, side in enumerate(sides):
            mine = side.vpc.network
            for j, peer in enumerate(side.peers):
                theirs = peer.vpc.network
                path = (kind, i, "peers", j, "vpc")
                if theirs is None:
                    yield Finding(path, "a peered VPC needs its CIDR (`cidr`, or `existing_cidr` for an existing VPC) for routes")
                elif mine is None:
                    yield Finding((kind, i, "vpc"), "a VPC with peers needs its CIDR (`existing_cidr` for an existing VPC) for routes")
                elif mine.overlaps(theirs):
                    yield Finding(path, f"peered VPC CIDR {theirs} overlaps this side's VPC {mine}", "peering cannot route overlapping CIDRs")
                if not peer.vpc.created and not peer.vpc.route_table_ids:
                    yield Finding(path, "an existing peered VPC needs `route_table_ids` for the return routes")
            if side.peers and not side.vpc.created and not side.vpc.route_table_ids:
                yield Finding((kind, i, "vpc"), "an existing VPC with peers needs `route_table_ids` for the routes to them")
