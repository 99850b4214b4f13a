"""The Direct Connect hop on live state: the three shapes of ``plgen.paths.direct_connect``, from boto3 describe calls.

    virtual private gateway   a gateway attached to the VPC, every given subnet's route table propagating from it
                              (or routing the CIDR to it); with ``direct_connect_gateway_id``, an ``associated``
                              association of that Direct Connect gateway with the same gateway
                              (DescribeDirectConnectGatewayAssociations, tests/emulator/direct_connect.py)
    transit gateway           an ``available`` attachment of the VPC to the named transit gateway with a subnet in
                              every given subnet's AZ, and every given subnet's route table routing the CIDR to it
"""

from __future__ import annotations

import ipaddress
from typing import Any

from plgen.paths.world import FAIL, PASS

GONE = {"deleted", "deleting", "failed", "rejected", "expired"}


def live_direct_connect(live, region: str, vpc_id: str, subnet_ids: list[str], on_premises: dict[str, Any], cidr: str) -> tuple[str, str]:
    """(status, reason) for ``cidr`` reaching the VPC's ``subnet_ids`` over Direct Connect, as applied."""
    tables = live.route_tables(region, subnet_ids)
    if not tables:
        return FAIL, f"{cidr} is on premises but the subnets {subnet_ids} have no route table"
    if on_premises.get("transit_gateway_id"):
        return _transit(live, region, vpc_id, subnet_ids, tables, on_premises["transit_gateway_id"], cidr)
    return _virtual_private(live, region, vpc_id, tables, on_premises, cidr)


def _transit(live, region, vpc_id, subnet_ids, tables, tgw: str, cidr: str) -> tuple[str, str]:
    ec2 = live.ec2(region)
    attachments = [
        a
        for a in ec2.describe_transit_gateway_vpc_attachments(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["TransitGatewayVpcAttachments"]
        if a["TransitGatewayId"] == tgw and a["State"] == "available"
    ]
    if not attachments:
        return FAIL, f"{cidr} is on premises behind transit gateway {tgw}, but {vpc_id} has no available attachment to it"
    attachment = attachments[0]
    covered = {s["AvailabilityZoneId"] for s in live.subnets(region, attachment["SubnetIds"])}
    missing = sorted({s["AvailabilityZoneId"] for s in live.subnets(region, subnet_ids)} - covered)
    if missing:
        return FAIL, f"{attachment['TransitGatewayAttachmentId']} has no subnet in {', '.join(missing)}: traffic from there cannot reach transit gateway {tgw}"
    routing = [t for t in tables if any(r.get("TransitGatewayId") == tgw and r.get("DestinationCidrBlock") == cidr and r.get("State", "active") == "active" for r in t["Routes"])]
    if len(routing) < len(tables):
        return FAIL, f"{len(tables) - len(routing)} of {len(tables)} route table(s) do not route {cidr} to transit gateway {tgw}"
    return PASS, f"{cidr} over transit gateway {tgw} ({attachment['TransitGatewayAttachmentId']} in {', '.join(sorted(covered))}; {len(routing)} route table(s))"


def _virtual_private(live, region, vpc_id, tables, on_premises, cidr: str) -> tuple[str, str]:
    gateways = live.ec2(region).describe_vpn_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [vpc_id]}])["VpnGateways"]
    attached = sorted(
        g["VpnGatewayId"]
        for g in gateways
        if g["State"] not in GONE and any(a["VpcId"] == vpc_id and a["State"] == "attached" for a in g.get("VpcAttachments", []))
    )
    if not attached:
        return FAIL, f"{cidr} is on premises but no virtual private gateway is attached to {vpc_id}"
    learning = [
        t
        for t in tables
        if {p["GatewayId"] for p in t.get("PropagatingVgws", [])} & set(attached)
        or any(r.get("GatewayId") in attached and _within(cidr, r.get("DestinationCidrBlock")) for r in t["Routes"])
    ]
    if len(learning) < len(tables):
        return FAIL, f"{cidr} is on premises but {len(tables) - len(learning)} of {len(tables)} route table(s) neither propagate from nor route it to {', '.join(attached)}"
    how = ", ".join(attached)
    dx = on_premises.get("direct_connect_gateway_id")
    if dx:
        client = live.client("directconnect", region)
        associations = [
            a
            for gateway in attached
            for a in client.describe_direct_connect_gateway_associations(directConnectGatewayId=dx, associatedGatewayId=gateway)["directConnectGatewayAssociations"]
            if a["associationState"] == "associated"
        ]
        if not associations:
            return FAIL, f"{how} is not associated with Direct Connect gateway {dx}"
        prefixes = [p["cidr"] for p in associations[0].get("allowedPrefixesToDirectConnectGateway", [])]
        how += f", associated with Direct Connect gateway {dx} (allowed {', '.join(prefixes)})"
    return PASS, f"over Direct Connect ({len(learning)} route table(s) learn {cidr} from {how})"


def _within(inner: str, outer: str | None) -> bool:
    try:
        return outer is not None and ipaddress.ip_network(inner).subnet_of(ipaddress.ip_network(outer))
    except (TypeError, ValueError):
        return False
