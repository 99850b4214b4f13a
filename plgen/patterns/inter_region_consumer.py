"""Inter-region access by the consumer: home workloads reach a service in another Region.

From the notes ("Inter-Region Access (by consumer) to Endpoint Services"): the
consumer creates a VPC in the Region hosting the endpoint service, peers it
with its home VPC across Regions, creates the interface endpoint there, and
its home workloads reach the endpoint over the peering. The consumer pays the
inter-region transfer and sees its latency.

Generated: the provider side as in SaaS; the consumer's endpoint VPC in the
service's Region with the endpoint, whose security group also admits the
home VPC's CIDR; the home VPC when plgen creates it; the peering (home
requests, endpoint VPC accepts) with routes in both VPCs' route tables; and a
private hosted zone for each friendly ``dns_name``, associated with the
endpoint VPC and the home VPC so home workloads resolve it.
"""

from __future__ import annotations

from typing import Any

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.consumer_home_peering import consumer_home_peering
from plgen.blueprint.rules.peer_zone_account import peer_zone_account
from plgen.patterns.base import Root
from plgen.patterns.peered import PeeredPattern
from plgen.terraform import tf


class InterRegionConsumer(PeeredPattern):
    slug = "inter-region-consumer"
    title = "Inter-region access by the consumer"
    summary = (
        "A consumer reaches an endpoint service hosted in another Region: it creates a VPC with the interface endpoint "
        "in the service's Region and peers it with its home VPC, whose workloads resolve a friendly name to the endpoint."
    )
    rules = (consumer_home_peering, peer_zone_account)
    peered_side = "consumers"

    @staticmethod
    def _friendly_names(bp: Blueprint) -> bool:
        return any(endpoint.dns_name for consumer in bp.consumers for endpoint in consumer.endpoints)

    def consumer_side_options(self, bp: Blueprint) -> dict[str, Any]:
        return {"peer_zones": self._friendly_names(bp)}

    def consumer_inputs(self, root: Root, region: str) -> dict[str, Any]:
        if not self._friendly_names(root.blueprint):
            return {}
        return {
            "peer_vpcs": tf(
                "{ for key, peer in var.peers : peer.name => { vpc_id = local.peer_vpcs[key].vpc_id, region = peer.region } if peer.side == each.key }"
            )
        }
