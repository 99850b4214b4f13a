"""A native inter-region consumer reaches a service in another Region from its own.

With ``connectivity: native`` the consumer's endpoint sits in its home Region
and names the service's Region (``service_region``); there is no endpoint VPC
in the service's Region and no peering. A consumer whose services are all in
its own Region is the saas pattern's.
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html (``ServiceRegion``)
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, resolved_endpoints, rule


@rule("native-consumer-remote", "A native inter-region consumer uses at least one service hosted in another Region")
def native_consumer_remote(bp: Blueprint) -> Iterable[Finding]:
    remote = {ref.consumer_index for ref in resolved_endpoints(bp) if ref.provider.region != ref.consumer.region}
    resolved = {ref.consumer_index for ref in resolved_endpoints(bp)}
    for i, consumer in enumerate(bp.consumers):
        if i in resolved and i not in remote:
            yield Finding(
                ("consumers", i, "region"),
                f"every service consumer '{consumer.name}' uses is in its own Region {consumer.region}",
                "place the consumer in its home Region (where its workloads run), or use pattern saas within one Region",
            )
