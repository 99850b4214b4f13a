"""Interfaces of the modules the peered features add: ``peering`` (requester), ``peering-accepter``, ``peering-routes``, ``peer-network``.

Both are fed from one root variable, ``peers`` (``<side>/<peer>`` -> the peer
VPC and the side it peers with), declared here with its data. The peering
modules' inputs are wired by the root from the sides', peer networks' and
each other's outputs; ``<side>`` in a wiring stands for the side's module call
in the accepter's Region, ``<requester>`` and ``<accepter>`` for the peering's
requester and accepter parts.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, replace
from typing import Any

from plgen.blueprint.model import Blueprint, Consumer, Peer, Provider, Site
from plgen.features.names import FeatureName
from plgen.interfaces.base import Attr, Input, Interface, MapOf, Obj
from plgen.aws.protocols import HEALTH_CHECK_IP_PROTOCOL as HEALTH_CHECK_PROTOCOL
from plgen.aws.protocols import IP_PROTOCOLS
from plgen.interfaces.network import TAGS, VPC, name_input, vpc_input

PEERING_MODULE = "modules/peering"
PEERING_ACCEPTER_MODULE = "modules/peering-accepter"
PEERING_ROUTES_MODULE = "modules/peering-routes"
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
    Attr("security_group_ids", "list(string)", lambda c: list(c.peer.security_group_ids), default=[], feature=FeatureName.PEERED_FLEET),
    Attr("ingress", MapOf(INGRESS), lambda c: fleet_ingress(c.side, c.peer), default={}, feature=FeatureName.PEERED_FLEET),
)

PEERS_DESCRIPTION = (
    "Peered VPCs in other Regions by `<side>/<peer>`: the VPC (created or existing), its CIDR, and the side it peers with. Filled from the blueprint."
)


def peers(bp: Blueprint, features: frozenset[str]) -> list[PeerContext]:
    """Every peer of the peered side: providers' fleets (peered-fleet) or consumers' home VPCs (home-peering)."""
    sides = bp.providers if FeatureName.PEERED_FLEET in features else bp.consumers if FeatureName.HOME_PEERING in features else []
    return [PeerContext(side, peer) for side in sides for peer in side.peers]


ACCEPTER_VPC = Obj(Attr("vpc_id", "string"), Attr("region", "string"), Attr("account_id", "string"))
ROUTE_TABLES = Obj(Attr("route_table_ids", "list(string)"))
REQUESTER_CALL = "<requester>"  # the requester part's module call in a wiring
ACCEPTER_CALL = "<accepter>"  # the accepter part's module call in a wiring
PEERING_ID = "peering_connection_id"

# A peering is split by owner so that each part is applied with one account's credentials (one deployment
# unit each): the requester part in the requesting VPC's account and Region, the accepter part in the
# accepting VPC's, and the requester's routes after the acceptance. AWS lets a route target a connection
# still pending acceptance, but such a route is a blackhole until the connection is active
# (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html), so the requester's routes
# are their own part, wired to the accepter part's output: they are created once the connection is active.
PEERING = Interface(
    PEERING_MODULE,
    "Inter-Region VPC peering, requester part: the connection requested from the requesting VPC (in its owner's "
    "account and Region) to the accepting VPC's Region and owner account, and (peered fleet) the requesting "
    "VPC's ingress from the accepter's sources. The accepter part accepts it; the routes part routes to it.",
    (
        name_input("peering connection", wiring='replace(each.key, "/", "-")'),
        TAGS,
        Input(
            REQUESTER,
            Obj(Attr("vpc_id", "string")),
            "The requesting VPC (in this module's Region and account).",
            wiring="{ vpc_id = local.peer_vpcs[each.key].vpc_id }",
        ),
        Input(
            ACCEPTER,
            ACCEPTER_VPC,
            "The accepting VPC: its ID, Region and owner account (the connection's `peer_vpc_id`, `peer_region`, `peer_owner_id`).",
            wiring=f"{{ vpc_id = {SIDE_CALL}.vpc_id, region = each.value.side_region, account_id = each.value.side_account_id }}",
        ),
        Input(
            "requester_security_group_ids",
            "map(string)",
            "Security groups in the requesting VPC that admit the accepter's sources, by a label known at plan time.",
            feature=FeatureName.PEERED_FLEET,
            wiring="local.peer_vpcs[each.key].security_group_ids",
        ),
        Input(
            "requester_ingress",
            MapOf(INGRESS),
            "Ingress admitted on each of those groups: CIDR in the accepting VPC, port, IP protocol.",
            feature=FeatureName.PEERED_FLEET,
            wiring="each.value.ingress",
        ),
    ),
)

PEERING_ACCEPTER = Interface(
    PEERING_ACCEPTER_MODULE,
    "Inter-Region VPC peering, accepter part: accepts the requester part's connection in the accepting VPC's "
    "account and Region and routes the requester's CIDR through it from the accepting VPC's route tables.",
    (
        name_input("peering connection", wiring='replace(each.key, "/", "-")'),
        TAGS,
        Input(PEERING_ID, "string", "The connection to accept (the requester part's output).", wiring=f"{REQUESTER_CALL}[each.key].{PEERING_ID}"),
        Input(
            ACCEPTER,
            ROUTE_TABLES,
            "The accepting VPC's route tables that get a route to the requester.",
            wiring=f"{{ route_table_ids = {SIDE_CALL}.route_table_ids }}",
        ),
        Input("requester_cidr", "string", "CIDR of the requesting VPC.", wiring="each.value.cidr"),
    ),
)

PEERING_ROUTES = Interface(
    PEERING_ROUTES_MODULE,
    "Inter-Region VPC peering, the requester's routes: the accepting VPC's CIDR through the connection from the "
    "requesting VPC's route tables, once the accepter part has made the connection active.",
    (
        Input(PEERING_ID, "string", "The accepted connection (the accepter part's output).", wiring=f"{ACCEPTER_CALL}[each.key].{PEERING_ID}"),
        Input(
            REQUESTER,
            ROUTE_TABLES,
            "The requesting VPC's route tables that get a route to the accepter.",
            wiring="{ route_table_ids = local.peer_vpcs[each.key].route_table_ids }",
        ),
        Input("accepter_cidr", "string", "CIDR of the accepting VPC.", wiring="each.value.side_cidr"),
    ),
)

PEER_NETWORK = Interface(
    PEER_NETWORK_MODULE,
    "The VPC at the far end of a peering, in its own Region: created from a CIDR (subnets by AZ ID, a route "
    "table, its default security group closed) or an existing one by ID.",
    (name_input("peered VPC", wiring="each.value.name"), TAGS, replace(vpc_input(), source=None, wiring="each.value.vpc")),
    features=frozenset({FeatureName.PEERED_FLEET}),  # the fleet's workloads group (constructs/peering.py), gated on no input
)
