"""Interfaces of the two modules the peered features add: ``peering`` and ``peer-network``.

Both are fed from one root variable, ``peers`` (``<side>/<peer>`` -> the peer
VPC and the side it peers with), declared here with its data. The peering
module's inputs are wired by the root from the sides' and peer networks'
outputs; ``<side>`` in a wiring stands for the side's module call in the
accepter's Region.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, replace
from typing import Any

from plgen.blueprint.model import Blueprint, Consumer, Peer, Provider, Site
from plgen.interfaces.base import Attr, Input, Interface, MapOf, Obj
from plgen.interfaces.consumer import IP_PROTOCOLS
from plgen.interfaces.endpoint_service import HEALTH_CHECK_PROTOCOL
from plgen.interfaces.network import TAGS, VPC, name_input, vpc_input

PEERING_MODULE = "modules/peering"
PEER_NETWORK_MODULE = "modules/peer-network"
REQUESTER = "requester"
ACCEPTER = "accepter"
SIDE_CALL = "<side>"


@dataclass(frozen=True)
class PeerContext:
    side: Provider | Consumer
    peer: Peer

    @property
    def key(self) -> str:
        return f"{self.side.name}/{self.peer.name}"


def nlb_subnet_cidrs(side: Provider) -> list[str]:
    """Where the NLB's traffic to the home fleet comes from: its subnets (the VPC, for an existing one)."""
    if side.vpc.created:
        return list(side.vpc.subnets_for(side.azs).values())
    return [str(side.vpc.network)]


def fleet_ingress(side: Provider, peer: Peer) -> dict[str, dict[str, Any]]:
    """Ingress the home fleet admits: the NLB subnets, on the ports of the targets in this peer only (and TCP there: health checks)."""
    network = peer.vpc.network
    ports = sorted(
        {
            (proto, target.port or listener.backend_port)
            for service in side.services
            for listener in service.nlb.listeners
            for target in service.registered_targets
            if target.site is Site.peered and network is not None and ipaddress.IPv4Address(target.ip) in network
            for proto in {*IP_PROTOCOLS[listener.protocol], HEALTH_CHECK_PROTOCOL}
        }
    )
    return {f"{cidr}/{proto}/{port}": {"cidr": cidr, "port": port, "ip_protocol": proto} for cidr in nlb_subnet_cidrs(side) for proto, port in ports}


INGRESS = Obj(Attr("cidr", "string"), Attr("port", "number"), Attr("ip_protocol", "string"))

PEER = Obj(
    Attr("name", "string", lambda c: c.peer.name),
    Attr("region", "string", lambda c: c.peer.region),
    Attr("account_id", "string", lambda c: c.peer.account_id or c.side.account_id),
    Attr("vpc", VPC, lambda c: (c.peer.vpc, c.peer.azs)),
    Attr("cidr", "string", lambda c: str(c.peer.vpc.network)),
    Attr("side", "string", lambda c: c.side.name),
    Attr("side_region", "string", lambda c: c.side.region),
    Attr("side_account_id", "string", lambda c: c.side.account_id),
    Attr("side_cidr", "string", lambda c: str(c.side.vpc.network)),
    Attr("security_group_ids", "list(string)", lambda c: list(c.peer.security_group_ids), default=[], feature="peered-fleet"),
    Attr("ingress", MapOf(INGRESS), lambda c: fleet_ingress(c.side, c.peer), default={}, feature="peered-fleet"),
)

PEERS_DESCRIPTION = (
    "Peered VPCs in other Regions by `<side>/<peer>`: the VPC (created or existing), its CIDR, and the side it peers with. Filled from the blueprint."
)


def peers(bp: Blueprint, features: frozenset[str]) -> list[PeerContext]:
    """Every peer of the peered side: providers' fleets (peered-fleet) or consumers' home VPCs (home-peering)."""
    sides = bp.providers if "peered-fleet" in features else bp.consumers if "home-peering" in features else []
    return [PeerContext(side, peer) for side in sides for peer in side.peers]


VPC_SIDE = Obj(Attr("vpc_id", "string"), Attr("cidr", "string"), Attr("route_table_ids", "list(string)"))
ACCEPTER_SIDE = Obj(*VPC_SIDE.attrs, Attr("region", "string"), Attr("account_id", "string"))

PEERING = Interface(
    PEERING_MODULE,
    "Inter-Region VPC peering between two VPCs: the connection requested in one Region and accepted in the "
    "other (provider configurations `aws.requester` and `aws.accepter`), with routes to the other side's "
    "CIDR in both sides' route tables.",
    (
        name_input("peering connection", wiring='replace(each.key, "/", "-")'),
        TAGS,
        Input(
            REQUESTER,
            VPC_SIDE,
            "The requesting VPC (in the `aws.requester` provider's Region): ID, CIDR, route tables that get a route to the accepter.",
            wiring="{ vpc_id = local.peer_vpcs[each.key].vpc_id, cidr = each.value.cidr, route_table_ids = local.peer_vpcs[each.key].route_table_ids }",
        ),
        Input(
            ACCEPTER,
            ACCEPTER_SIDE,
            "The accepting VPC (in the `aws.accepter` provider's Region): ID, CIDR, route tables that get a route to the requester, its Region and owner account.",
            wiring=(
                f"{{ vpc_id = {SIDE_CALL}.vpc_id, cidr = each.value.side_cidr, route_table_ids = {SIDE_CALL}.route_table_ids,"
                " region = each.value.side_region, account_id = each.value.side_account_id }"
            ),
        ),
        Input(
            "requester_security_group_ids",
            "map(string)",
            "Security groups in the requesting VPC that admit the accepter's sources, by a label known at plan time.",
            feature="peered-fleet",
            wiring="local.peer_vpcs[each.key].security_group_ids",
        ),
        Input(
            "requester_ingress",
            MapOf(INGRESS),
            "Ingress admitted on each of those groups: CIDR in the accepting VPC, port, IP protocol.",
            feature="peered-fleet",
            wiring="each.value.ingress",
        ),
    ),
    features=frozenset({"peered-fleet"}),
)

PEER_NETWORK = Interface(
    PEER_NETWORK_MODULE,
    "The VPC at the far end of a peering, in its own Region: created from a CIDR (subnets by AZ ID, a route "
    "table, its default security group closed) or an existing one by ID.",
    (name_input("peered VPC", wiring="each.value.name"), TAGS, replace(vpc_input(), source=None, wiring="each.value.vpc")),
    features=frozenset({"peered-fleet", "flow-logs"}),
)
