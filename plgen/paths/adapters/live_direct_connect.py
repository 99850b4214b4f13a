"""The Direct Connect queries of the live world: ``direct_connect.judge_direct_connect``'s facts from describe calls.

    virtual private gateway   gateways attached to the VPC (DescribeVpnGateways), the subnets' route tables that
                              propagate from one (or route the CIDR to one) and those that do not; with
                              ``direct_connect_gateway_id``, an ``associated`` association of that Direct Connect
                              gateway with an attached gateway (DescribeDirectConnectGatewayAssociations,
                              tests/emulator/direct_connect.py)
    transit gateway           each of the subnets' route tables routing the CIDR to a transit gateway, through the
                              VPC's ``available`` attachment to the named one (DescribeTransitGatewayVpcAttachments),
                              and the AZs of that attachment's subnets
"""

from __future__ import annotations

import ipaddress
from typing import Any

from plgen.paths.direct_connect import Propagation, TransitRoute, judge_direct_connect

GONE = {"deleted", "deleting", "failed", "rejected", "expired"}


class LiveDirectConnect:
    """The Direct Connect half of ``LiveWorld`` (it has ``live`` and ``_raw``: Region, VPC and subnets of each fact)."""

    live: Any
    _raw: dict[str, dict[str, Any]]

    def direct_connect(self, at: Any, on_premises: dict, cidr: str, azs: list[Any]) -> tuple[str, str]:
        return judge_direct_connect(self, at, on_premises, cidr, azs)

    def _where(self, at: Any) -> tuple[str, str, list[str]]:
        raw = self._raw[at.id]
        return raw["region"], raw["vpc"], raw["subnets"]

    def transit_routes(self, at: Any, cidr: str, tgw: str) -> tuple[list[TransitRoute], int]:
        region, vpc_id, subnets = self._where(at)
        found = [
            a
            for a in self.live.ec2(region).describe_transit_gateway_vpc_attachments(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["TransitGatewayVpcAttachments"]
            if a["TransitGatewayId"] == tgw and a["State"] == "available"
        ]
        for attachment in found:
            self._raw[attachment["TransitGatewayAttachmentId"]] = {"region": region, "subnets": attachment["SubnetIds"]}
        attachments = [a["TransitGatewayAttachmentId"] for a in found]
        routes, unrouted = [], 0
        for table in self.live.route_tables(region, subnets):
            to_tgw = [r for r in table["Routes"] if r.get("DestinationCidrBlock") == cidr and r.get("TransitGatewayId") and r.get("State", "active") == "active"]
            if not to_tgw:
                unrouted += 1
                continue
            through = attachments[0] if to_tgw[0]["TransitGatewayId"] == tgw and attachments else None
            routes.append(TransitRoute(f"{table['RouteTableId']} ({cidr} -> {to_tgw[0]['TransitGatewayId']})", through))
        return routes, unrouted

    def attachment_azs(self, at: Any, attachment: str) -> list[Any]:
        raw = self._raw[attachment]
        return sorted(s["AvailabilityZoneId"] for s in self.live.subnets(raw["region"], raw["subnets"]))

    def _attached(self, region: str, vpc_id: str) -> list[str]:
        gateways = self.live.ec2(region).describe_vpn_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [vpc_id]}])["VpnGateways"]
        return sorted(
            g["VpnGatewayId"] for g in gateways if g["State"] not in GONE and any(a["VpcId"] == vpc_id and a["State"] == "attached" for a in g.get("VpcAttachments", []))
        )

    def propagation(self, at: Any, cidr: str) -> Propagation | None:
        region, vpc_id, subnets = self._where(at)
        attached = self._attached(region, vpc_id)
        if not attached:
            return None
        tables = self.live.route_tables(region, subnets)
        learning = [
            t
            for t in tables
            if {p["GatewayId"] for p in t.get("PropagatingVgws", [])} & set(attached)
            or any(r.get("GatewayId") in attached and _within(cidr, r.get("DestinationCidrBlock")) for r in t["Routes"])
        ]
        names = ", ".join(attached)
        return Propagation(len(learning), len(tables) - len(learning), names, f"{names}, attached to {vpc_id}")

    def dx_association(self, at: Any, found: Propagation, dx: str) -> tuple[str, list[Any]] | None:
        region, vpc_id, _ = self._where(at)
        client = self.live.client("directconnect", region)
        for gateway in self._attached(region, vpc_id):
            for association in client.describe_direct_connect_gateway_associations(directConnectGatewayId=dx, associatedGatewayId=gateway)["directConnectGatewayAssociations"]:
                if association["associationState"] == "associated":
                    prefixes = [p["cidr"] for p in association.get("allowedPrefixesToDirectConnectGateway", [])]
                    return association.get("associationId", gateway), prefixes
        return None


def _within(inner: str, outer: str | None) -> bool:
    try:
        return outer is not None and ipaddress.ip_network(inner).subnet_of(ipaddress.ip_network(outer))
    except (TypeError, ValueError):
        return False
