"""Dual-stack PrivateLink on the strict emulator: a service's IP address types and the endpoints that use them."""

from __future__ import annotations

import itertools

import pytest
from botocore.exceptions import ClientError

from tests.emulator.conftest import CONSUMER, REGION, Account

_names = itertools.count()


def vpc_with_subnet(account: Account, cidr: str, kind: str) -> tuple[str, str]:
    """A VPC with an Amazon-provided IPv6 /56 and one subnet: ``ipv4``, ``dualstack`` or ``ipv6`` (IPv6-only)."""
    ec2 = account.client("ec2")
    vpc = ec2.create_vpc(CidrBlock=cidr, AmazonProvidedIpv6CidrBlock=True)["Vpc"]
    block = ec2.describe_vpcs(VpcIds=[vpc["VpcId"]])["Vpcs"][0]["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]
    six = block.replace("/56", "/64")
    args = {"ipv4": {"CidrBlock": cidr.replace("/16", "/24")}, "dualstack": {"CidrBlock": cidr.replace("/16", "/24"), "Ipv6CidrBlock": six}, "ipv6": {"Ipv6CidrBlock": six, "Ipv6Native": True}}[kind]
    sub = ec2.create_subnet(VpcId=vpc["VpcId"], AvailabilityZone=f"{REGION}a", **args)["Subnet"]["SubnetId"]
    return vpc["VpcId"], sub


def service(account: Account, nlb_type: str, types: list[str]) -> dict:
    _, sub = vpc_with_subnet(account, "10.0.0.0/16", "dualstack")
    nlb = account.client("elbv2").create_load_balancer(Name=f"ds-{next(_names)}", Subnets=[sub], Type="network", Scheme="internal", IpAddressType=nlb_type)["LoadBalancers"][0]
    config = account.client("ec2").create_vpc_endpoint_service_configuration(
        NetworkLoadBalancerArns=[nlb["LoadBalancerArn"]], AcceptanceRequired=True, SupportedIpAddressTypes=types
    )["ServiceConfiguration"]
    account.client("ec2").modify_vpc_endpoint_service_permissions(ServiceId=config["ServiceId"], AddAllowedPrincipals=[f"arn:aws:iam::{CONSUMER}:root"])
    return config


def endpoint(account: Account, config: dict, subnets: str, ip_type: str, records: str | None = None) -> dict:
    vpc, sub = vpc_with_subnet(account, "10.1.0.0/16", subnets)
    extra = {"DnsOptions": {"DnsRecordIpType": records}} if records else {}
    return account.client("ec2").create_vpc_endpoint(
        VpcId=vpc, ServiceName=config["ServiceName"], VpcEndpointType="Interface", SubnetIds=[sub], IpAddressType=ip_type, **extra
    )["VpcEndpoint"]


def code(excinfo) -> str:
    return excinfo.value.response["Error"]["Code"]


def test_a_dual_stack_service_reports_its_ip_address_types(owner):
    config = service(owner, "dualstack", ["ipv4", "ipv6"])
    [seen] = owner.client("ec2").describe_vpc_endpoint_service_configurations(ServiceIds=[config["ServiceId"]])["ServiceConfigurations"]
    assert seen["SupportedIpAddressTypes"] == ["ipv4", "ipv6"]
    owner.client("ec2").modify_vpc_endpoint_service_configuration(ServiceId=config["ServiceId"], RemoveSupportedIpAddressTypes=["ipv6"])
    [seen] = owner.client("ec2").describe_vpc_endpoint_service_configurations(ServiceIds=[config["ServiceId"]])["ServiceConfigurations"]
    assert seen["SupportedIpAddressTypes"] == ["ipv4"]


def test_ipv6_needs_a_dual_stack_nlb(owner):
    with pytest.raises(ClientError) as refused:
        service(owner, "ipv4", ["ipv4", "ipv6"])
    assert code(refused) == "InvalidParameter"


def test_endpoints_of_each_type_to_a_dual_stack_service(owner, consumer):
    config = service(owner, "dualstack", ["ipv4", "ipv6"])
    dual = endpoint(consumer, config, "dualstack", "dualstack", "dualstack")
    assert (dual["IpAddressType"], dual["DnsOptions"]) == ("dualstack", {"DnsRecordIpType": "dualstack"})
    six = endpoint(consumer, config, "ipv6", "ipv6")
    assert (six["IpAddressType"], six["DnsOptions"]) == ("ipv6", {"DnsRecordIpType": "ipv6"})
    [seen] = consumer.client("ec2").describe_vpc_endpoints(VpcEndpointIds=[six["VpcEndpointId"]])["VpcEndpoints"]
    assert seen["IpAddressType"] == "ipv6"
    connections = owner.client("ec2").describe_vpc_endpoint_connections(Filters=[{"Name": "ip-address-type", "Values": ["ipv6"]}])["VpcEndpointConnections"]
    assert [c["VpcEndpointId"] for c in connections] == [six["VpcEndpointId"]]


def test_an_ipv6_endpoint_to_an_ipv4_only_service_is_refused(owner, consumer):
    config = service(owner, "dualstack", ["ipv4"])
    with pytest.raises(ClientError) as refused:
        endpoint(consumer, config, "ipv6", "ipv6")
    assert code(refused) == "InvalidParameter"
    assert "does not support the IP address type ipv6" in refused.value.response["Error"]["Message"]


def test_an_ipv6_endpoint_needs_ipv6_only_subnets(owner, consumer):
    config = service(owner, "dualstack", ["ipv4", "ipv6"])
    with pytest.raises(ClientError) as refused:
        endpoint(consumer, config, "dualstack", "ipv6")
    assert "needs IPv6-only subnets" in refused.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as refused:
        endpoint(consumer, config, "ipv4", "dualstack")
    assert "ipv4 and ipv6 ranges" in refused.value.response["Error"]["Message"]


def test_dns_records_of_a_family_the_endpoint_lacks_are_refused(owner, consumer):
    config = service(owner, "dualstack", ["ipv4", "ipv6"])
    with pytest.raises(ClientError) as refused:
        endpoint(consumer, config, "ipv4", "ipv4", "ipv6")
    assert code(refused) == "InvalidParameter"


def test_ipv6_subnets_report_their_association_and_no_ipv4_addresses(owner):
    vpc, sub = vpc_with_subnet(owner, "10.7.0.0/16", "ipv6")
    [seen] = owner.client("ec2").describe_subnets(SubnetIds=[sub])["Subnets"]
    assert seen["Ipv6Native"] is True and seen["AvailableIpAddressCount"] == 0
    assert [a["Ipv6CidrBlockState"]["State"] for a in seen["Ipv6CidrBlockAssociationSet"]] == ["associated"]
    _, dual = vpc_with_subnet(owner, "10.8.0.0/16", "dualstack")
    [seen] = owner.client("ec2").describe_subnets(SubnetIds=[dual])["Subnets"]
    assert seen["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlockState"]["State"] == "associated" and seen["AvailableIpAddressCount"] > 0


@pytest.mark.parametrize("direction", ["ingress", "egress"])
def test_a_rule_takes_ipv6_ranges_in_ipv6_ranges_only(consumer, direction):
    """An IPv6 CIDR in ``IpRanges[].CidrIp`` (or an IPv4 one in ``Ipv6Ranges[].CidrIpv6``) is refused, as AWS refuses it.

    ``CidrIp``: "The IPv4 address range, in CIDR format"; ``CidrIpv6``: "The IPv6 address range, in CIDR format"
    (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html,
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Ipv6Range.html). moto 5.2.5 already answers
    ``InvalidParameterValue``; this keeps the emulator from getting kinder on an upgrade (a module that put a
    dual-stack service's IPv6 clients into ``cidr_ipv4`` rules applied nowhere, issue 23).
    """
    ec2 = consumer.client("ec2")
    vpc, _ = vpc_with_subnet(consumer, "10.44.0.0/16", "dualstack")
    group = ec2.create_security_group(GroupName=f"v6-{next(_names)}", Description="rules by IP version", VpcId=vpc)["GroupId"]
    authorize = getattr(ec2, f"authorize_security_group_{direction}")
    for ranges in ({"IpRanges": [{"CidrIp": "2001:db8::/48"}]}, {"Ipv6Ranges": [{"CidrIpv6": "10.44.0.0/16"}]}):
        with pytest.raises(ClientError) as refused:
            authorize(GroupId=group, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, **ranges}])
        assert refused.value.response["Error"]["Code"] == "InvalidParameterValue", ranges
    authorize(GroupId=group, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "Ipv6Ranges": [{"CidrIpv6": "2001:db8::/48"}]}])
