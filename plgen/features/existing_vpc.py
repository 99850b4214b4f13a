"""A side that lives in an existing VPC (``vpc.id``, its subnets and route tables) instead of a created one."""

from plgen.features.base import Feature
from plgen.features.names import FeatureName


def _where(bp):
    for kind, sides in (("providers", bp.providers), ("consumers", bp.consumers)):
        for i, side in enumerate(sides):
            if side.vpc.id:
                yield (kind, i, "vpc", "id")
            for j, peer in enumerate(side.peers):
                if peer.vpc.id:
                    yield (kind, i, "peers", j, "vpc", "id")


EXISTING_VPC = Feature(FeatureName.EXISTING_VPC, "Existing VPCs", "sides and peers in VPCs that already exist, named by ID", _where, universal=True)
