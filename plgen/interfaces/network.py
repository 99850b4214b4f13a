"""Inputs every module that owns a VPC shares: the VPC (created or existing) and on-premises networks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from plgen.blueprint.model import Blueprint
from plgen.features.names import FeatureName
from plgen.interfaces.base import NULL, OMIT, Attr, Input, Obj


@dataclass(frozen=True)
class SideContext:
    """One provider or consumer of a blueprint, as its module's input sources read it."""

    bp: Blueprint
    side: Any  # Provider | Consumer

    @property
    def vpc(self):
        return self.side.vpc

    @property
    def azs(self):
        return self.side.azs

    @property
    def on_premises(self):
        return self.side.on_premises


def _created(attr: str):
    return lambda ctx: getattr(ctx[0], attr) if ctx[0].created else OMIT


def _existing(value):
    return lambda ctx: OMIT if ctx[0].created else value(ctx)


# Context: the blueprint's FlowLogs. Where a created VPC's flow log goes (aws_flow_log); the destination type follows from the ARN.
FLOW_LOGS = Obj(
    Attr("destination_arn", "string", lambda f: f.destination_arn),
    Attr("destination_type", "string", lambda f: f.destination_type),
    Attr("traffic_type", "string", lambda f: f.traffic_type.value, default="ALL"),
    Attr("iam_role_arn", "string", lambda f: f.iam_role_arn, default=NULL),
)

# Context: (blueprint Vpc, AZ IDs).
VPC = Obj(
    Attr("cidr", "string", _created("cidr"), default=NULL),
    Attr("subnet_cidrs", "map(string)", lambda ctx: ctx[0].subnets_for(ctx[1]) if ctx[0].created else OMIT, default={}),
    Attr("id", "string", _existing(lambda ctx: ctx[0].id), default=NULL),
    Attr("subnet_ids", "map(string)", _existing(lambda ctx: {az: ctx[0].subnet_ids[az] for az in ctx[1]}), default={}),
    Attr("route_table_ids", "list(string)", _existing(lambda ctx: list(ctx[0].route_table_ids)), default=[]),
    # ipv4, dualstack (an Amazon-provided IPv6 /56 on a created VPC, a /64 per subnet) or ipv6 (IPv6-only subnets).
    Attr("ip_address_type", "string", lambda ctx: ctx[0].ip_address_type.value, default="ipv4", feature=FeatureName.DUAL_STACK),
    Attr("flow_logs", FLOW_LOGS, lambda ctx: ctx[0].flow_logs if ctx[0].created else OMIT, default=NULL, feature=FeatureName.FLOW_LOGS),
)

@dataclass(frozen=True)
class OnPremisesContext:
    """The blueprint's OnPremises (its fields read through) with the side's VPC, whose CIDR a Direct Connect gateway association advertises."""

    on_premises: Any
    vpc: Any

    def __getattr__(self, name: str) -> Any:
        return getattr(self.on_premises, name)


def _optional(field: str):
    return lambda o: getattr(o, field) if getattr(o, field) is not None else OMIT


# Context: OnPremisesContext. The gateway options are off (null) unless the blueprint names them.
ON_PREMISES = Obj(
    Attr("cidrs", "list(string)", lambda o: list(o.cidrs)),
    Attr("amazon_side_asn", "number", lambda o: o.amazon_side_asn, default=64512),
    # An existing virtual private gateway instead of a created one (attached by plgen to a created VPC).
    Attr("vpn_gateway_id", "string", _optional("vpn_gateway_id"), default=NULL),
    # A Direct Connect gateway associated with the virtual private gateway, advertising `allowed_prefixes` (the VPC CIDR).
    Attr("direct_connect_gateway_id", "string", _optional("direct_connect_gateway_id"), default=NULL),
    Attr("allowed_prefixes", "list(string)", lambda o: [str(o.vpc.network)] if o.direct_connect_gateway_id else OMIT, default=[]),
    # A transit gateway the VPC is attached to instead of any virtual private gateway.
    Attr("transit_gateway_id", "string", _optional("transit_gateway_id"), default=NULL),
    # Its route tables: the one to associate the attachment with, and those the VPC CIDR propagates into (else the gateway's defaults).
    Attr("transit_gateway_route_table_id", "string", _optional("transit_gateway_route_table_id"), default=NULL),
    Attr(
        "transit_gateway_propagation_route_table_ids",
        "list(string)",
        lambda o: list(o.transit_gateway_propagation_route_table_ids) or OMIT,
        default=[],
    ),
)

VPC_DESCRIPTION = (
    "The VPC: `cidr` (and optional `subnet_cidrs` by AZ ID) to create one, "
    "or `id` with `subnet_ids` by AZ ID and `route_table_ids` to use an existing one."
)


def vpc_input(source=lambda side: (side.vpc, side.azs)) -> Input:
    return Input("vpc", VPC, VPC_DESCRIPTION, source=source)


def on_premises_input(feature: str, *extra: Attr) -> Input:
    return Input(
        "on_premises",
        Obj(*ON_PREMISES.attrs, *extra) if extra else ON_PREMISES,
        "On-premises networks reached over Direct Connect: their CIDRs, and the way in: a virtual private gateway plgen creates "
        "(its Amazon-side ASN) or an existing one (`vpn_gateway_id`), optionally associated with a Direct Connect gateway "
        "(`direct_connect_gateway_id`, advertising `allowed_prefixes`), or a transit gateway (`transit_gateway_id`) instead. null for none.",
        feature=feature,
        source=lambda side: None if side.on_premises is None else OnPremisesContext(side.on_premises, side.vpc),
    )


def name_input(what: str, wiring: str = "each.key") -> Input:
    return Input("name", "string", f"Name of the {what}; prefixes resource names and Name tags.", wiring=wiring)


TAGS = Input("tags", "map(string)", "Tags added to every resource.", default={}, wiring="var.tags")
