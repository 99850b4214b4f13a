"""Fixtures: one strict emulator per test module, and three accounts reached through ``sts:AssumeRole``.

moto's AssumeRole needs no existing role: the returned credentials belong to
the account in the role ARN (``moto/sts/models.py``: "The ARN can point to
another account"), so each account below is a separate moto account, as
separate as AWS accounts (``test_accounts_are_separate`` checks it).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import pytest

from tests.emulator import start_emulator, stop_emulator

REGION = "us-east-1"
OWNER, CONSUMER, THIRD = "111111111111", "222222222222", "333333333333"
_names = itertools.count()


@pytest.fixture(scope="module")
def emulator():
    server = start_emulator()
    try:
        yield server
    finally:
        stop_emulator(server)


@dataclass
class Account:
    """One account's session: boto3 clients as the role it assumed."""

    id: str
    role_arn: str
    credentials: dict[str, str]
    emulator: Any

    def client(self, service: str) -> Any:
        return self.emulator.client(service, REGION, **self.credentials)


@pytest.fixture(scope="module")
def assume(emulator):
    """Factory: an ``Account`` for ``sts:AssumeRole`` into ``arn:aws:iam::ACCOUNT:role/ROLE``."""

    def make(account: str, role: str = "platform") -> Account:
        arn = f"arn:aws:iam::{account}:role/{role}"
        c = emulator.client("sts", REGION).assume_role(RoleArn=arn, RoleSessionName="plgen-emulator-test")["Credentials"]
        creds = {"aws_access_key_id": c["AccessKeyId"], "aws_secret_access_key": c["SecretAccessKey"], "aws_session_token": c["SessionToken"]}
        return Account(account, arn, creds, emulator)

    return make


@pytest.fixture(scope="module")
def owner(assume):
    return assume(OWNER)


@pytest.fixture(scope="module")
def consumer(assume):
    return assume(CONSUMER)


@pytest.fixture(scope="module")
def third(assume):
    return assume(THIRD)


def subnet(account: Account, cidr: str) -> tuple[str, str]:
    """A new VPC with one subnet in ``us-east-1a``: (vpc id, subnet id)."""
    ec2 = account.client("ec2")
    vpc = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
    sub = ec2.create_subnet(VpcId=vpc, CidrBlock=cidr.replace("/16", "/24"), AvailabilityZone=f"{REGION}a")["Subnet"]["SubnetId"]
    return vpc, sub


def endpoint_service(account: Account, acceptance_required: bool = True, principals: tuple[str, ...] = (), private_dns_name: str | None = None) -> dict:
    """A new NLB-backed endpoint service in ``account``, allowing ``principals`` (with a private DNS name when given)."""
    _, sub = subnet(account, "10.0.0.0/16")
    nlb = account.client("elbv2").create_load_balancer(Name=f"nlb-{next(_names)}", Subnets=[sub], Type="network", Scheme="internal")
    ec2 = account.client("ec2")
    service = ec2.create_vpc_endpoint_service_configuration(
        NetworkLoadBalancerArns=[nlb["LoadBalancers"][0]["LoadBalancerArn"]],
        AcceptanceRequired=acceptance_required,
        **({"PrivateDnsName": private_dns_name} if private_dns_name else {}),
    )["ServiceConfiguration"]
    if principals:
        ec2.modify_vpc_endpoint_service_permissions(ServiceId=service["ServiceId"], AddAllowedPrincipals=list(principals))
    return service


def interface_endpoint(account: Account, service: dict) -> dict:
    """A new interface endpoint in ``account`` to ``service`` (raises what AWS would refuse)."""
    vpc, sub = subnet(account, "10.1.0.0/16")
    return account.client("ec2").create_vpc_endpoint(VpcId=vpc, ServiceName=service["ServiceName"], VpcEndpointType="Interface", SubnetIds=[sub])["VpcEndpoint"]


def state(account: Account, endpoint: dict) -> str:
    """The endpoint's state as its owner's ``DescribeVpcEndpoints`` reports it."""
    return account.client("ec2").describe_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])["VpcEndpoints"][0]["State"]
