"""A resource is within its gateway's reach.

A resource gateway is the point where traffic enters the VPC the resource
resides in; it reaches what that VPC routes to
(https://docs.aws.amazon.com/vpc/latest/privatelink/resource-gateway.html). For an
``ip`` resource that is the provider VPC's CIDR or, with ``on_premises``
(a virtual private gateway and Direct Connect), the on-premises CIDRs; any
other address would be a configuration whose connections go nowhere. An
``arn`` resource (RDS) must be in the provider's own account and Region:
a resource configuration names a resource of its owner.
"""

import ipaddress
from collections.abc import Iterable

from plgen.blueprint.model import RESOURCE_ARN, Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("resource-reach", "Each resource is one its gateway reaches: an address in the provider VPC or on premises, an AWS resource of the provider's account and Region")
def resource_reach(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        networks = [(str(provider.vpc.network), provider.vpc.network)] if provider.vpc.network else []
        if provider.on_premises:
            networks += [(c, ipaddress.IPv4Network(c)) for c in provider.on_premises.cidrs]
        for j, item in enumerate(provider.resources):
            if item.ip and networks and not any(ipaddress.IPv4Address(item.ip) in net for _, net in networks):
                yield Finding(
                    ("providers", i, "resources", j, "ip"),
                    f"{item.ip} is outside the resource gateway's reach ({', '.join(text for text, _ in networks)})",
                    "use an address in the provider VPC, or add its network to the provider's on_premises.cidrs (Direct Connect)",
                )
            if item.arn:
                region, account, _ = RESOURCE_ARN.fullmatch(item.arn).groups()
                if (account, region) != (provider.account_id, provider.region):
                    yield Finding(
                        ("providers", i, "resources", j, "arn"),
                        f"{item.arn} is in account {account}, {region}; the gateway of {provider.name} is in {provider.account_id}, {provider.region}",
                        "a resource configuration names a resource in its owner's account and Region",
                    )
