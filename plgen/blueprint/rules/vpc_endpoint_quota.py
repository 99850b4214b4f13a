"""AWS PrivateLink's quotas on the endpoints one VPC holds (``plgen.aws.quotas``).

"Interface and Gateway Load Balancer endpoints per VPC: 50" and "Resource VPC endpoints per VPC: 200", both per
account and Region and adjustable (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html).
A consumer's endpoints all sit in its VPC; consumers that name the same existing VPC (``vpc.id``) in one account and
Region share it, so their endpoints are counted together. Past AWS's default, ``CreateVpcEndpoint`` fails at apply
unless the account's quota was raised: the consumer says so with ``interface_endpoint_quota`` (the largest value its
VPC's consumers declare is the one counted against).
"""

from collections import defaultdict
from collections.abc import Iterable

from plgen.aws.quotas import INTERFACE_ENDPOINTS_PER_VPC, RESOURCE_ENDPOINTS_PER_VPC
from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("vpc-endpoint-quota", "A VPC holds at most its quota of interface endpoints (50 by default) and of resource endpoints (200)")
def vpc_endpoint_quota(bp: Blueprint) -> Iterable[Finding]:
    vpcs: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, consumer in enumerate(bp.consumers):
        key = (consumer.account_id, consumer.region, consumer.vpc.id) if consumer.vpc.id else ("consumer", consumer.name)
        vpcs[key].append(i)
    for indexes in vpcs.values():
        consumers = [bp.consumers[i] for i in indexes]
        last = indexes[-1]
        shared = f" (the VPC of {', '.join(c.name for c in consumers)})" if len(consumers) > 1 else ""
        interface = sum(len(c.endpoints) for c in consumers)
        declared = max((c.interface_endpoint_quota for c in consumers if c.interface_endpoint_quota is not None), default=None)
        quota = declared or INTERFACE_ENDPOINTS_PER_VPC
        if interface > quota:
            yield Finding(
                ("consumers", last, "endpoints"),
                f"{interface} interface endpoints in one VPC{shared}; "
                + (f"its declared quota is {quota}" if declared else f"AWS allows {quota} per VPC unless the account's quota is raised"),
                "split the endpoints across VPCs, or raise the quota (Service Quotas L-29B6F2EB) and declare it as interface_endpoint_quota",
            )
        resource = sum(len(c.resource_endpoints) for c in consumers)
        if resource > RESOURCE_ENDPOINTS_PER_VPC:
            yield Finding(
                ("consumers", last, "resource_endpoints"),
                f"{resource} resource endpoints in one VPC{shared}; AWS allows {RESOURCE_ENDPOINTS_PER_VPC} per VPC by default",
                "split the resource endpoints across VPCs",
            )
