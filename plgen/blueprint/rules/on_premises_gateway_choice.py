"""One way into the VPC from Direct Connect: a virtual private gateway (created or reused) or a transit gateway.

A VPC reaches a Direct Connect private virtual interface through a virtual
private gateway (optionally behind a Direct Connect gateway), or a transit
virtual interface through a transit gateway the VPC is attached to
(https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-gateways-intro.html,
https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-transit-gateways.html).
``transit_gateway_id`` replaces the virtual private gateway, so it excludes the
options that describe one; and ``amazon_side_asn`` is the ASN of the gateway
plgen creates, so naming it with a reused or no gateway would be silently dropped.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("on-premises-gateway-choice", "transit_gateway_id excludes the virtual private gateway options; amazon_side_asn is only for a gateway plgen creates")
def on_premises_gateway_choice(bp: Blueprint) -> Iterable[Finding]:
    for kind, sides in (("providers", bp.providers), ("consumers", bp.consumers)):
        for i, side in enumerate(sides):
            o = side.on_premises
            if o is None:
                continue
            here = (kind, i, "on_premises")
            if o.transit_gateway_id:
                for field in ("vpn_gateway_id", "direct_connect_gateway_id"):
                    if getattr(o, field):
                        yield Finding(
                            (*here, field),
                            f"`{field}` describes a virtual private gateway, but `transit_gateway_id` attaches the VPC to a transit gateway instead",
                            "keep either transit_gateway_id (for a transit virtual interface behind the transit gateway) or the virtual private gateway options",
                        )
            if "amazon_side_asn" in o.model_fields_set and (o.transit_gateway_id or o.vpn_gateway_id):
                other = "transit_gateway_id" if o.transit_gateway_id else "vpn_gateway_id"
                yield Finding(
                    (*here, "amazon_side_asn"),
                    f"amazon_side_asn is the ASN of the virtual private gateway plgen creates; with `{other}` plgen creates none",
                    "remove amazon_side_asn (the existing gateway keeps its own ASN)",
                )
