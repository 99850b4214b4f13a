"""The notes: an on-premises access VPC holds up to 20 interface endpoints."""

from collections.abc import Iterable

from plgen.aws.quotas import ENDPOINTS_PER_ACCESS_VPC as LIMIT
from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("access-vpc-endpoint-limit", "An on-premises access VPC holds at most 20 interface endpoints")
def access_vpc_endpoint_limit(bp: Blueprint) -> Iterable[Finding]:
    for i, consumer in enumerate(bp.consumers):
        if consumer.on_premises and len(consumer.endpoints) > LIMIT:
            yield Finding(
                ("consumers", i, "endpoints"),
                f"an on-premises access VPC holds at most {LIMIT} interface endpoints, got {len(consumer.endpoints)}",
                "split the services across several access VPCs",
            )
