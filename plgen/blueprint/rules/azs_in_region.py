"""Every Region is one AWS has, and every AZ ID belongs to the Region of the VPC it is used in."""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.aws.regions import AZ_PREFIX
from plgen.blueprint.rules.base import Finding, rule


def _check(region: str, azs: list[str], path: tuple) -> Iterable[Finding]:
    prefix = AZ_PREFIX.get(region)
    if prefix is None:
        yield Finding((*path, "region"), f"{region} is not an AWS Region plgen knows", "check the spelling; a new Region is added in plgen/aws/regions.py")
        return
    for k, az in enumerate(azs):
        if az.rsplit("-", 1)[0] != prefix:
            yield Finding((*path, "azs", k), f"{az} is not an AZ ID of {region} (its AZ IDs start with {prefix}-)", f"use {prefix}-az1, {prefix}-az2, ...")


@rule("azs-in-region", "Regions exist, and each side's AZ IDs are AZ IDs of its own Region")
def azs_in_region(bp: Blueprint) -> Iterable[Finding]:
    for kind, sides in (("providers", bp.providers), ("consumers", bp.consumers)):
        for i, side in enumerate(sides):
            yield from _check(side.region, side.azs, (kind, i))
            for j, peer in enumerate(side.peers):
                yield from _check(peer.region, peer.azs, (kind, i, "peers", j))
