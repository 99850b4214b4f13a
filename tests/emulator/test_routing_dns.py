"""The strict emulator's routing (VGW route propagation) and Route 53 (private zones) areas against boto3."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.emulator.conftest import REGION, Account


def propagating(ec2, table: str) -> list[str]:
    [found] = ec2.describe_route_tables(RouteTableIds=[table])["RouteTables"]
    return [p["GatewayId"] for p in found.get("PropagatingVgws", [])]


def test_route_propagation_from_an_attached_gateway_is_listed_until_disabled(owner: Account):
    ec2 = owner.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.21.0.0/16")["Vpc"]["VpcId"]
    table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    gateway = ec2.create_vpn_gateway(Type="ipsec.1", AmazonSideAsn=65010)["VpnGateway"]["VpnGatewayId"]
    with pytest.raises(ClientError) as excinfo:
        ec2.enable_vgw_route_propagation(RouteTableId=table, GatewayId=gateway)
    assert excinfo.value.response["Error"]["Code"] == "Gateway.NotAttached"
    assert propagating(ec2, table) == []

    ec2.attach_vpn_gateway(VpcId=vpc, VpnGatewayId=gateway)
    ec2.enable_vgw_route_propagation(RouteTableId=table, GatewayId=gateway)
    ec2.enable_vgw_route_propagation(RouteTableId=table, GatewayId=gateway)
    assert propagating(ec2, table) == [gateway]
    ec2.disable_vgw_route_propagation(RouteTableId=table, GatewayId=gateway)
    assert propagating(ec2, table) == []


def test_route_propagation_needs_a_known_table_and_gateway(owner: Account):
    ec2 = owner.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.22.0.0/16")["Vpc"]["VpcId"]
    table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    for args, code in (({"RouteTableId": "rtb-00000000", "GatewayId": "vgw-00000000"}, "InvalidRouteTableID.NotFound"), ({"RouteTableId": table, "GatewayId": "vgw-00000000"}, "InvalidVpnGatewayID.NotFound")):
        with pytest.raises(ClientError) as excinfo:
            ec2.enable_vgw_route_propagation(**args)
        assert excinfo.value.response["Error"]["Code"] == code


def test_a_zone_created_with_a_vpc_is_private_and_takes_more_vpcs(owner: Account):
    ec2, route53 = owner.client("ec2"), owner.client("route53")
    first = ec2.create_vpc(CidrBlock="10.23.0.0/16")["Vpc"]["VpcId"]
    second = ec2.create_vpc(CidrBlock="10.24.0.0/16")["Vpc"]["VpcId"]
    # What the AWS provider sends for aws_route53_zone with a vpc block: no HostedZoneConfig.PrivateZone.
    zone = route53.create_hosted_zone(Name="private.plgen.test", CallerReference="private-1", VPC={"VPCRegion": REGION, "VPCId": first})["HostedZone"]
    assert zone["Config"]["PrivateZone"] is True
    route53.associate_vpc_with_hosted_zone(HostedZoneId=zone["Id"], VPC={"VPCRegion": REGION, "VPCId": second})
    assert {v["VPCId"] for v in route53.get_hosted_zone(Id=zone["Id"])["VPCs"]} == {first, second}

    public = route53.create_hosted_zone(Name="public.plgen.test", CallerReference="public-1")["HostedZone"]
    assert public["Config"]["PrivateZone"] is False


def test_a_zone_is_associated_with_another_accounts_vpc_only_once_authorized_and_by_the_vpcs_owner(owner: Account, consumer: Account):
    zone_vpc = owner.client("ec2").create_vpc(CidrBlock="10.25.0.0/16")["Vpc"]["VpcId"]
    home = consumer.client("ec2").create_vpc(CidrBlock="10.26.0.0/16")["Vpc"]["VpcId"]
    route53 = owner.client("route53")
    zone = route53.create_hosted_zone(Name="cross.plgen.test", CallerReference="cross-1", VPC={"VPCRegion": REGION, "VPCId": zone_vpc})["HostedZone"]["Id"]
    zone_id = zone.split("/")[-1]
    home_vpc = {"VPCRegion": REGION, "VPCId": home}
    with pytest.raises(ClientError) as excinfo:  # the VPC's owner asks before any authorization
        consumer.client("route53").associate_vpc_with_hosted_zone(HostedZoneId=zone_id, VPC=home_vpc)
    assert excinfo.value.response["Error"]["Code"] == "NotAuthorizedException"

    created = route53.create_vpc_association_authorization(HostedZoneId=zone_id, VPC=home_vpc)
    assert created["HostedZoneId"] == zone_id and created["VPC"] == home_vpc
    assert route53.list_vpc_association_authorizations(HostedZoneId=zone_id)["VPCs"] == [home_vpc]
    with pytest.raises(ClientError) as excinfo:  # authorized, but the zone's owner cannot make the association for the VPC
        route53.associate_vpc_with_hosted_zone(HostedZoneId=zone_id, VPC=home_vpc)
    assert excinfo.value.response["Error"]["Code"] == "NotAuthorizedException"
    with pytest.raises(ClientError) as excinfo:  # nor may the VPC's owner authorize itself on a zone it does not own
        consumer.client("route53").create_vpc_association_authorization(HostedZoneId=zone_id, VPC=home_vpc)
    assert excinfo.value.response["Error"]["Code"] == "NoSuchHostedZone"

    consumer.client("route53").associate_vpc_with_hosted_zone(HostedZoneId=zone_id, VPC=home_vpc)
    assert {v["VPCId"] for v in route53.get_hosted_zone(Id=zone_id)["VPCs"]} == {zone_vpc, home}
    route53.delete_vpc_association_authorization(HostedZoneId=zone_id, VPC=home_vpc)
    assert route53.list_vpc_association_authorizations(HostedZoneId=zone_id)["VPCs"] == []
    with pytest.raises(ClientError) as excinfo:
        route53.delete_vpc_association_authorization(HostedZoneId=zone_id, VPC=home_vpc)
    assert excinfo.value.response["Error"]["Code"] == "VPCAssociationAuthorizationNotFound"


def test_the_vpcs_owner_lists_and_disassociates_another_accounts_zone_associated_with_its_vpc(owner: Account, consumer: Account, third: Account):
    zone_vpc = owner.client("ec2").create_vpc(CidrBlock="10.27.0.0/16")["Vpc"]["VpcId"]
    home = consumer.client("ec2").create_vpc(CidrBlock="10.28.0.0/16")["Vpc"]["VpcId"]
    route53 = owner.client("route53")
    zone_id = route53.create_hosted_zone(Name="listed.plgen.test", CallerReference="listed-1", VPC={"VPCRegion": REGION, "VPCId": zone_vpc})["HostedZone"]["Id"].split("/")[-1]
    home_vpc = {"VPCRegion": REGION, "VPCId": home}
    mine = consumer.client("route53")
    assert mine.list_hosted_zones_by_vpc(VPCId=home, VPCRegion=REGION)["HostedZoneSummaries"] == []
    route53.create_vpc_association_authorization(HostedZoneId=zone_id, VPC=home_vpc)
    mine.associate_vpc_with_hosted_zone(HostedZoneId=zone_id, VPC=home_vpc)
    # what the AWS provider reads an aws_route53_zone_association back with: the other account's zone, and its owner
    (summary,) = mine.list_hosted_zones_by_vpc(VPCId=home, VPCRegion=REGION)["HostedZoneSummaries"]
    assert (summary["HostedZoneId"], summary["Name"], summary["Owner"]) == (zone_id, "listed.plgen.test.", {"OwningAccount": owner.id})
    assert mine.list_hosted_zones_by_vpc(VPCId=home, VPCRegion="eu-west-1")["HostedZoneSummaries"] == []  # matched on the Region too
    (own,) = route53.list_hosted_zones_by_vpc(VPCId=zone_vpc, VPCRegion=REGION)["HostedZoneSummaries"]
    assert own["Owner"] == {"OwningAccount": owner.id}
    with pytest.raises(ClientError) as excinfo:  # neither the zone's nor the VPC's account
        third.client("route53").disassociate_vpc_from_hosted_zone(HostedZoneId=zone_id, VPC=home_vpc)
    assert excinfo.value.response["Error"]["Code"] == "NoSuchHostedZone"
    mine.disassociate_vpc_from_hosted_zone(HostedZoneId=zone_id, VPC=home_vpc)  # the VPC's owner
    assert mine.list_hosted_zones_by_vpc(VPCId=home, VPCRegion=REGION)["HostedZoneSummaries"] == []
    assert [v["VPCId"] for v in route53.get_hosted_zone(Id=zone_id)["VPCs"]] == [zone_vpc]


def test_a_rule_referencing_a_group_keeps_its_description(owner: Account):
    ec2 = owner.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.34.0.0/16")["Vpc"]["VpcId"]
    nlb = ec2.create_security_group(GroupName="nlb", Description="nlb", VpcId=vpc)["GroupId"]
    targets = ec2.create_security_group(GroupName="targets", Description="targets", VpcId=vpc)["GroupId"]
    pair = {"GroupId": nlb, "Description": "From the NLB's group, on a target port"}
    ec2.authorize_security_group_ingress(GroupId=targets, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 8443, "ToPort": 8443, "UserIdGroupPairs": [pair]}])
    [rule] = [r for r in ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [targets]}])["SecurityGroupRules"] if not r["IsEgress"]]
    assert rule["ReferencedGroupInfo"]["GroupId"] == nlb and rule["Description"] == "From the NLB's group, on a target port"
