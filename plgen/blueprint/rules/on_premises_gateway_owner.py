"""A Direct Connect or transit gateway in another account is refused, with what AWS would need.

Another account's Direct Connect gateway is associated through a proposal: the
virtual private gateway's owner proposes
(``CreateDirectConnectGatewayAssociationProposal``) and the Direct Connect
gateway's owner accepts it
(https://docs.aws.amazon.com/directconnect/latest/UserGuide/multi-account-associate-vgw.html).
A transit gateway shared through RAM takes an attachment from another account
only once its owner accepts it, unless the gateway auto-accepts shared
attachments (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html,
https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html). Both need a
resource in the gateway owner's account, a deployment unit plgen does not build:
the side's module would apply and the path stay down, so the blueprint is refused.
An owner without its gateway would be silently dropped, so it is refused too.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule

HINTS = {
    "direct_connect_gateway": "associate a Direct Connect gateway of the side's own account, or have the gateway's owner accept an "
    "association proposal from this account (aws_dx_gateway_association_proposal) outside plgen and leave direct_connect_gateway_id out",
    "transit_gateway": "attach to a transit gateway of the side's own account, or have its owner accept the attachment "
    "(aws_ec2_transit_gateway_vpc_attachment_accepter) or enable auto_accept_shared_attachments, outside plgen",
}


NAMES = {"direct_connect_gateway": "Direct Connect gateway", "transit_gateway": "transit gateway"}


@rule("on-premises-gateway-owner", "A Direct Connect gateway or transit gateway is in the side's own account")
def on_premises_gateway_owner(bp: Blueprint) -> Iterable[Finding]:
    for kind, sides in (("providers", bp.providers), ("consumers", bp.consumers)):
        for i, side in enumerate(sides):
            o = side.on_premises
            if o is None:
                continue
            for gateway, hint in HINTS.items():
                owner = getattr(o, f"{gateway}_account_id")
                if owner is None:
                    continue
                path = (kind, i, "on_premises", f"{gateway}_account_id")
                if getattr(o, f"{gateway}_id") is None:
                    yield Finding(path, f"`{gateway}_account_id` names the owner of a {NAMES[gateway]}, but no `{gateway}_id` is given", f"add {gateway}_id or remove {gateway}_account_id")
                elif owner != side.account_id:
                    what = "accept an association proposal" if gateway == "direct_connect_gateway" else "accept the attachment"
                    yield Finding(
                        path,
                        f"the {NAMES[gateway]} belongs to account {owner}, not this side's {side.account_id}: its owner would have to {what}, "
                        "which plgen does not do",
                        hint,
                    )
