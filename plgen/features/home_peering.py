"""A consumer's home VPC in another Region, peered with its endpoint VPC in the service's Region.

Builds the peer network (when plgen creates it), the peering with routes both
ways, endpoint security groups that admit the home CIDR, and (with friendly
names) zone associations with the home VPC. A home VPC of another account
gets the two-step association Route 53 requires: an authorization in the
consumer's module (the zone's account), and the association in its own
``modules/zone-association`` (the VPC's account).
https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs-different-accounts.html
"""

from plgen.features.base import Feature
from plgen.features.names import FeatureName


def _where(bp):
    for i, consumer in enumerate(bp.consumers):
        if consumer.peers:
            yield ("consumers", i, "peers")


HOME_PEERING = Feature(
    FeatureName.HOME_PEERING,
    "Peered home VPC",
    "the consumer's home VPC in another Region reaches its endpoints over inter-Region VPC peering",
    _where,
)
