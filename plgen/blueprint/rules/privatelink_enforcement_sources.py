"""With PrivateLink enforcement on, every client of the service must be admissible by CIDR at the NLB.

``nlb.enforce_inbound_rules_on_privatelink`` makes the NLB's security group
evaluate PrivateLink traffic, with the client's own private IP as source ("If
you enable inbound rules for PrivateLink traffic, the source of the traffic is
the private IP address of the client, not the endpoint interface"). The NLB's
group is in the provider's VPC and can name no security group of a consumer
VPC, so a consumer that admits its clients by security group ID would connect,
pass its endpoint's group and then be dropped at the NLB without an error.
https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, resolved_endpoints, rule


@rule(
    "privatelink-enforcement-sources",
    "A service whose NLB evaluates PrivateLink traffic (enforcement on) is reached only by sources named as CIDRs",
)
def privatelink_enforcement_sources(bp: Blueprint) -> Iterable[Finding]:
    for r in resolved_endpoints(bp):
        if r.service.nlb.enforce_inbound_rules_on_privatelink and r.endpoint.allowed_security_group_ids:
            yield Finding(
                r.path("allowed_security_group_ids", 0),
                f"{r.provider.name}/{r.service.name} evaluates PrivateLink traffic at its NLB (enforce_inbound_rules_on_privatelink), "
                "which sees client IPs and cannot admit a security group of this VPC: these clients would be dropped",
                "name the clients' CIDRs in allowed_cidrs, or leave enforce_inbound_rules_on_privatelink off",
            )
