"""The strict emulator's ELBv2 area against boto3: an NLB's TLS listener can be modified."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.apply.emulator import self_signed_certificate
from tests.emulator.conftest import Account


def network_balancer(account: Account, cidr: str):
    ec2, elbv2 = account.client("ec2"), account.client("elbv2")
    vpc = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=cidr.replace("0.0/16", "0.0/24"))["Subnet"]["SubnetId"]
    lb = elbv2.create_load_balancer(Name=f"nlb-{vpc[-6:]}", Type="network", Scheme="internal", Subnets=[subnet])["LoadBalancers"][0]
    groups = [elbv2.create_target_group(Name=f"tg-{port}-{vpc[-6:]}", Protocol="TCP", Port=port, VpcId=vpc, TargetType="ip")["TargetGroups"][0] for port in (8443, 9443)]
    return elbv2, lb, groups


def test_a_tls_listener_moves_to_another_target_group_and_keeps_its_certificate(owner: Account):
    elbv2, lb, (old, new) = network_balancer(owner, "10.31.0.0/16")
    cert, key = self_signed_certificate("elbv2.plgen.test")
    arn = owner.client("acm").import_certificate(Certificate=cert, PrivateKey=key)["CertificateArn"]
    listener = elbv2.create_listener(
        LoadBalancerArn=lb["LoadBalancerArn"],
        Port=443,
        Protocol="TLS",
        Certificates=[{"CertificateArn": arn}],
        SslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06",
        DefaultActions=[{"Type": "forward", "TargetGroupArn": old["TargetGroupArn"]}],
    )["Listeners"][0]
    # What the provider sends for a changed default action: the whole listener.
    elbv2.modify_listener(
        ListenerArn=listener["ListenerArn"],
        Port=443,
        Protocol="TLS",
        Certificates=[{"CertificateArn": arn}],
        SslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06",
        DefaultActions=[{"Type": "forward", "TargetGroupArn": new["TargetGroupArn"]}],
    )
    [after] = elbv2.describe_listeners(ListenerArns=[listener["ListenerArn"]])["Listeners"]
    assert (after["Protocol"], after["DefaultActions"][0]["TargetGroupArn"], [c["CertificateArn"] for c in after["Certificates"]]) == ("TLS", new["TargetGroupArn"], [arn])


def test_a_tls_listener_needs_a_known_certificate(owner: Account):
    elbv2, lb, (old, _) = network_balancer(owner, "10.32.0.0/16")
    listener = elbv2.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Port=80, Protocol="TCP", DefaultActions=[{"Type": "forward", "TargetGroupArn": old["TargetGroupArn"]}])["Listeners"][0]
    with pytest.raises(ClientError) as excinfo:
        elbv2.modify_listener(ListenerArn=listener["ListenerArn"], Protocol="TLS", Certificates=[{"CertificateArn": "arn:aws:acm:us-east-1:111111111111:certificate/missing"}])
    assert excinfo.value.response["Error"]["Code"] == "CertificateNotFound"
    assert elbv2.describe_listeners(ListenerArns=[listener["ListenerArn"]])["Listeners"][0]["Protocol"] == "TCP"


def test_an_nlb_with_a_security_group_enforces_privatelink_inbound_rules_until_turned_off(owner: Account):
    ec2, elbv2 = owner.client("ec2"), owner.client("elbv2")
    vpc = ec2.create_vpc(CidrBlock="10.32.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.32.0.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="nlb-sg", Description="nlb", VpcId=vpc)["GroupId"]
    lb = elbv2.create_load_balancer(Name="nlb-with-sg", Type="network", Scheme="internal", Subnets=[subnet], SecurityGroups=[group])["LoadBalancers"][0]
    arn = lb["LoadBalancerArn"]
    assert lb["SecurityGroups"] == [group]
    assert elbv2.describe_load_balancers(LoadBalancerArns=[arn])["LoadBalancers"][0]["EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic"] == "on"
    answer = elbv2.set_security_groups(LoadBalancerArn=arn, SecurityGroups=[group], EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic="off")
    assert answer["EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic"] == "off"
    assert elbv2.describe_load_balancers(LoadBalancerArns=[arn])["LoadBalancers"][0]["EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic"] == "off"
    with pytest.raises(ClientError, match="must be 'on' or 'off'"):
        elbv2.set_security_groups(LoadBalancerArn=arn, SecurityGroups=[group], EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic="maybe")


def test_an_nlb_created_without_security_groups_cannot_get_one_later(owner: Account):
    elbv2, lb, _ = network_balancer(owner, "10.33.0.0/16")
    ec2 = owner.client("ec2")
    group = ec2.create_security_group(GroupName="late", Description="late", VpcId=lb["VpcId"])["GroupId"]
    with pytest.raises(ClientError, match="created without security groups"):
        elbv2.set_security_groups(LoadBalancerArn=lb["LoadBalancerArn"], SecurityGroups=[group])
