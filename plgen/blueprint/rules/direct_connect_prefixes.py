"""A Direct Connect gateway association advertises the VPC CIDR, which an existing VPC must name.

The association's allowed prefixes must be the VPC CIDR or wider: AWS
provisions the whole VPC CIDR on the virtual private gateway
(https://docs.aws.amazon.com/directconnect/latest/UserGuide/multi-account-associate-vgw.html,
"Allowed prefixes"). plgen sets them to the VPC CIDR; for an existing VPC that
is ``vpc.existing_cidr``.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("direct-connect-prefixes", "A Direct Connect gateway association on an existing VPC knows the VPC CIDR it advertises")
def direct_connect_prefixes(bp: Blueprint) -> Iterable[Finding]:
    for kind, sides in (("providers", bp.providers), ("consumers", bp.consumers)):
        for i, side in enumerate(sides):
            o = side.on_premises
            if o is not None and o.direct_connect_gateway_id and side.vpc.network is None:
                yield Finding(
                    (kind, i, "on_premises", "direct_connect_gateway_id"),
                    "the Direct Connect gateway association advertises the VPC CIDR (its allowed prefixes), and this existing VPC names none",
                    "add vpc.existing_cidr",
                )
