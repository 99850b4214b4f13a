"""``admit_own_vpc`` admits a block the module reads at apply: only from a VPC the module creates, never at an enforcing NLB.

The rules are written on ``aws_vpc.this``'s ``cidr_block`` and
``ipv6_cidr_block``: an existing VPC (``vpc.id``) is not created by the module,
so its blocks are named in ``allowed_cidrs`` instead. An Amazon-provided IPv6
block is assigned when the VPC is created (CreateVpc ``AmazonProvidedIpv6CidrBlock``:
"You cannot specify the range of IP addresses, or the size of the CIDR block",
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpc.html),
so no provider module can name it: a service whose NLB evaluates PrivateLink
traffic (``enforce_inbound_rules_on_privatelink``: the source is the client's own
address) would drop these clients.
https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, resolved_endpoints, rule


@rule("own-vpc-sources", "admit_own_vpc is for a VPC plgen creates, reaching a service whose NLB does not evaluate PrivateLink traffic")
def own_vpc_sources(bp: Blueprint) -> Iterable[Finding]:
    for r in resolved_endpoints(bp):
        if not r.endpoint.admit_own_vpc:
            continue
        if not r.consumer.vpc.created:
            yield Finding(
                r.path("admit_own_vpc"),
                f"{r.consumer.name}'s VPC exists already ({r.consumer.vpc.id}): the module reads the blocks of a VPC it creates only",
                "name the existing VPC's CIDRs (IPv4 and IPv6) in allowed_cidrs",
            )
        elif r.consumer.vpc.ip_address_type != "ipv6" and str(r.consumer.vpc.network) in r.endpoint.allowed_cidrs:
            k = r.endpoint.allowed_cidrs.index(str(r.consumer.vpc.network))
            yield Finding(
                r.path("allowed_cidrs", k),
                # https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html (InvalidPermission.Duplicate)
                f"admit_own_vpc already admits {r.consumer.vpc.network}: a second rule for the same CIDR and port is refused by AWS (InvalidPermission.Duplicate)",
                "remove it from allowed_cidrs",
            )
        elif r.service.nlb.enforce_inbound_rules_on_privatelink:
            yield Finding(
                r.path("admit_own_vpc"),
                f"{r.provider.name}/{r.service.name} evaluates PrivateLink traffic at its NLB (enforce_inbound_rules_on_privatelink), "
                "which cannot name this VPC's block before it exists: these clients would be dropped",
                "name the clients' CIDRs in allowed_cidrs, or leave enforce_inbound_rules_on_privatelink off",
            )
