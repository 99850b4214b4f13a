"""Inter-region access by the consumer: an endpoint VPC in the service's Region, peered home.

The notes: the consumer "will first need to create an Amazon VPC in the Region
where the AWS PrivateLink endpoint service is currently being hosted", peer it
with the VPC in its own Region, and create the interface endpoint there. So
each consumer sits in the Region of every service it uses and has a home VPC
in another Region. Providers' peered fleets are the other pattern's shape.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("consumer-home-peering", "An inter-region consumer's endpoint VPC is in the service's Region and peers with its home VPC in another")
def consumer_home_peering(bp: Blueprint) -> Iterable[Finding]:
    for i, consumer in enumerate(bp.consumers):
        if not consumer.peers:
            yield Finding(
                ("consumers", i),
                "an inter-region consumer needs its home VPC under `peers`",
                "add a peer with the Region and VPC of the workloads that use the endpoints",
            )
        for j, peer in enumerate(consumer.peers):
            if peer.region == consumer.region:
                yield Finding(
                    ("consumers", i, "peers", j, "region"),
                    f"the home VPC is in the endpoint VPC's own Region {consumer.region}",
                    "peer a home VPC in another Region; within one Region, create the endpoints in the home VPC itself (pattern saas)",
                )
