"""A consumer's home VPC in another Region, peered with its endpoint VPC in the service's Region.

Builds the peer network (when plgen creates it), the peering with routes both
ways, endpoint security groups that admit the home CIDR, and (with friendly
names) zone associations with the home VPC.
"""

from plgen.blueprint.rules.peer_zone_account import peer_zone_account
from plgen.features.base import Feature


def _where(bp):
    for i, consumer in enumerate(bp.consumers):
        if consumer.peers:
            yield ("consumers", i, "peers")


HOME_PEERING = Feature(
    "home-peering",
    "Peered home VPC",
    "the consumer's home VPC in another Region reaches its endpoints over inter-Region VPC peering",
    _where,
    (peer_zone_account,),
)
