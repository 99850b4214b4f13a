"""Inter-region access by the consumer: an endpoint VPC in the service's Region, peered home.

The notes: the consumer "will first need to create an Amazon VPC in the Region
where the AWS PrivateLink endpoint service is currently being hosted", peer it
with the VPC in its own Region, and create the interface endpoint there. So
each consumer sits in the Region of every service it uses and has a home VPC
in another Region. Providers' peered fleets are the other pattern's shape.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, resolved_endpoints, rule


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
    for ref in resolved_endpoints(bp):
        provider, consumer = ref.provider, ref.consumer
        # Outside supported_regions, cross-region-supported already reports this endpoint.
        if provider.region != consumer.region and consumer.region in ref.service.endpoint_service.supported_regions:
            yield Finding(
                ref.path("service"),
                f"service '{ref.endpoint.service}' is in {provider.region}, this endpoint VPC in {consumer.region}",
                "this pattern creates the endpoint VPC in the service's Region and reaches it over peering, not native cross-Region PrivateLink",
            )
    for i, provider in enumerate(bp.providers):
        if provider.peers:
            yield Finding(
                ("providers", i, "peers"),
                "a provider's peered fleet is not part of inter-region access by the consumer",
                "use pattern inter-region-service to extend a service to another Region",
            )
