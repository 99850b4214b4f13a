"""The strict emulator's transit gateway area: attachments one subnet per AZ in their VPC, routes only to an attached gateway."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.emulator.conftest import Account


def _network(ec2, cidr: str):
    vpc = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
    base = cidr.rsplit(".", 2)[0]
    a1 = ec2.create_subnet(VpcId=vpc, CidrBlock=f"{base}.0.0/24", AvailabilityZoneId="use1-az1")["Subnet"]["SubnetId"]
    a1b = ec2.create_subnet(VpcId=vpc, CidrBlock=f"{base}.1.0/24", AvailabilityZoneId="use1-az1")["Subnet"]["SubnetId"]
    a2 = ec2.create_subnet(VpcId=vpc, CidrBlock=f"{base}.2.0/24", AvailabilityZoneId="use1-az2")["Subnet"]["SubnetId"]
    table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    return vpc, (a1, a1b, a2), table


def _code(excinfo) -> str:
    return excinfo.value.response["Error"]["Code"]


def test_a_route_to_a_transit_gateway_needs_the_vpc_attached_to_it(owner: Account):
    ec2 = owner.client("ec2")
    vpc, (a1, _, a2), table = _network(ec2, "10.41.0.0/16")
    tgw = ec2.create_transit_gateway(Description="hub")["TransitGateway"]["TransitGatewayId"]
    with pytest.raises(ClientError) as excinfo:
        ec2.create_route(RouteTableId=table, DestinationCidrBlock="172.16.0.0/16", TransitGatewayId=tgw)
    assert _code(excinfo) == "InvalidTransitGatewayID.NotFound"

    spec = [{"ResourceType": "transit-gateway-attachment", "Tags": [{"Key": "Name", "Value": "access"}]}]
    attachment = ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw, VpcId=vpc, SubnetIds=[a1, a2], TagSpecifications=spec)["TransitGatewayVpcAttachment"]
    [found] = ec2.describe_transit_gateway_vpc_attachments(TransitGatewayAttachmentIds=[attachment["TransitGatewayAttachmentId"]])["TransitGatewayVpcAttachments"]
    assert found["State"] == "available" and sorted(found["SubnetIds"]) == sorted([a1, a2])
    assert {"Key": "Name", "Value": "access"} in found["Tags"]  # moto alone drops them

    ec2.create_route(RouteTableId=table, DestinationCidrBlock="172.16.0.0/16", TransitGatewayId=tgw)
    [routes] = [t["Routes"] for t in ec2.describe_route_tables(RouteTableIds=[table])["RouteTables"]]
    assert any(r.get("TransitGatewayId") == tgw and r["DestinationCidrBlock"] == "172.16.0.0/16" for r in routes)


def test_an_attachment_takes_one_subnet_per_az_of_its_own_vpc(owner: Account):
    ec2 = owner.client("ec2")
    vpc, (a1, a1b, _), _ = _network(ec2, "10.42.0.0/16")
    other, (o1, _, _), _ = _network(ec2, "10.43.0.0/16")
    tgw = ec2.create_transit_gateway(Description="hub")["TransitGateway"]["TransitGatewayId"]
    for subnets, code in (([a1, a1b], "DuplicateSubnetsInSameZone"), ([a1, o1], "InvalidParameterValue"), (["subnet-00000000"], "InvalidSubnetID.NotFound")):
        with pytest.raises(ClientError) as excinfo:
            ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw, VpcId=vpc, SubnetIds=subnets)
        assert _code(excinfo) == code, subnets
    assert not [a for a in ec2.describe_transit_gateway_vpc_attachments()["TransitGatewayVpcAttachments"] if a["VpcId"] in (vpc, other)]


def test_a_deleted_attachment_is_listed_by_id_as_deleted_and_no_duplicate(owner: Account):
    ec2 = owner.client("ec2")
    vpc, (a1, _, a2), _ = _network(ec2, "10.44.0.0/16")
    tgw = ec2.create_transit_gateway(Description="hub")["TransitGateway"]["TransitGatewayId"]
    first = ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw, VpcId=vpc, SubnetIds=[a1, a2])["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
    ec2.delete_transit_gateway_vpc_attachment(TransitGatewayAttachmentId=first)
    [gone] = ec2.describe_transit_gateway_vpc_attachments(TransitGatewayAttachmentIds=[first])["TransitGatewayVpcAttachments"]
    assert gone["State"] == "deleted"  # what the provider waits for
    assert first not in {a["TransitGatewayAttachmentId"] for a in ec2.describe_transit_gateway_vpc_attachments()["TransitGatewayVpcAttachments"]}
    second = ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw, VpcId=vpc, SubnetIds=[a1])["TransitGatewayVpcAttachment"]
    assert second["TransitGatewayAttachmentId"] != first and second["State"] == "available"


def _associated(ec2, table: str) -> list[str]:
    return [a["TransitGatewayAttachmentId"] for a in ec2.get_transit_gateway_route_table_associations(TransitGatewayRouteTableId=table)["Associations"]]


def _propagating(ec2, table: str) -> list[str]:
    return [p["TransitGatewayAttachmentId"] for p in ec2.get_transit_gateway_route_table_propagations(TransitGatewayRouteTableId=table)["TransitGatewayRouteTablePropagations"]]


def test_an_attachment_has_one_route_table_association_and_moves_only_after_leaving_the_default(owner: Account):
    """What the provider does for transit_gateway_default_route_table_association = false and a named route table (D10)."""
    ec2 = owner.client("ec2")
    vpc, (a1, _, a2), _ = _network(ec2, "10.45.0.0/16")
    gateway = ec2.create_transit_gateway(Description="hub")["TransitGateway"]
    tgw, options = gateway["TransitGatewayId"], gateway["Options"]
    default = options["AssociationDefaultRouteTableId"]
    segment = ec2.create_transit_gateway_route_table(TransitGatewayId=tgw)["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
    onprem = ec2.create_transit_gateway_route_table(TransitGatewayId=tgw)["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
    attachment = ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw, VpcId=vpc, SubnetIds=[a1, a2])["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
    # the gateway's default association and propagation (both enabled by default), seen from either side
    assert _associated(ec2, default) == [attachment] and _propagating(ec2, options["PropagationDefaultRouteTableId"]) == [attachment]
    [seen] = ec2.describe_transit_gateway_attachments(TransitGatewayAttachmentIds=[attachment])["TransitGatewayAttachments"]
    assert seen["Association"]["TransitGatewayRouteTableId"] == default
    with pytest.raises(ClientError) as excinfo:
        ec2.associate_transit_gateway_route_table(TransitGatewayAttachmentId=attachment, TransitGatewayRouteTableId=segment)
    assert _code(excinfo) == "Resource.AlreadyAssociated"
    ec2.disassociate_transit_gateway_route_table(TransitGatewayAttachmentId=attachment, TransitGatewayRouteTableId=default)
    ec2.disable_transit_gateway_route_table_propagation(TransitGatewayAttachmentId=attachment, TransitGatewayRouteTableId=default)
    ec2.associate_transit_gateway_route_table(TransitGatewayAttachmentId=attachment, TransitGatewayRouteTableId=segment)
    for table in (segment, onprem):
        ec2.enable_transit_gateway_route_table_propagation(TransitGatewayAttachmentId=attachment, TransitGatewayRouteTableId=table)
    assert (_associated(ec2, default), _associated(ec2, segment)) == ([], [attachment])
    assert (_propagating(ec2, default), _propagating(ec2, segment), _propagating(ec2, onprem)) == ([], [attachment], [attachment])
    [seen] = ec2.describe_transit_gateway_attachments(TransitGatewayAttachmentIds=[attachment])["TransitGatewayAttachments"]
    assert seen["Association"]["TransitGatewayRouteTableId"] == segment
    ec2.disable_transit_gateway_route_table_propagation(TransitGatewayAttachmentId=attachment, TransitGatewayRouteTableId=segment)
    assert (_propagating(ec2, segment), _propagating(ec2, onprem)) == ([], [attachment])  # one table at a time
    # a route table of another gateway is not one the attachment can use
    other = ec2.create_transit_gateway(Description="other")["TransitGateway"]["Options"]["AssociationDefaultRouteTableId"]
    ec2.disassociate_transit_gateway_route_table(TransitGatewayAttachmentId=attachment, TransitGatewayRouteTableId=segment)
    with pytest.raises(ClientError) as excinfo:
        ec2.associate_transit_gateway_route_table(TransitGatewayAttachmentId=attachment, TransitGatewayRouteTableId=other)
    assert _code(excinfo) == "InvalidRouteTableID.NotFound"
    ec2.delete_transit_gateway_vpc_attachment(TransitGatewayAttachmentId=attachment)
    assert _propagating(ec2, onprem) == []


def test_a_gateway_without_default_association_leaves_a_new_attachment_in_no_route_table(owner: Account):
    ec2 = owner.client("ec2")
    vpc, (a1, _, _), _ = _network(ec2, "10.46.0.0/16")
    gateway = ec2.create_transit_gateway(Description="segmented", Options={"DefaultRouteTableAssociation": "disable", "DefaultRouteTablePropagation": "disable"})["TransitGateway"]
    attachment = ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=gateway["TransitGatewayId"], VpcId=vpc, SubnetIds=[a1])["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
    tables = [t["TransitGatewayRouteTableId"] for t in ec2.describe_transit_gateway_route_tables(Filters=[{"Name": "transit-gateway-id", "Values": [gateway["TransitGatewayId"]]}])["TransitGatewayRouteTables"]]
    assert all(attachment not in _associated(ec2, t) + _propagating(ec2, t) for t in tables)
    [seen] = ec2.describe_transit_gateway_attachments(TransitGatewayAttachmentIds=[attachment])["TransitGatewayAttachments"]
    assert not seen.get("Association")
