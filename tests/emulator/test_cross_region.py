"""Native cross-Region PrivateLink on the strict emulator: an endpoint in Region B to a service in Region A.

AWS: the endpoint names the service's Region (``ServiceRegion``); the service
must list B among its supported Regions, or B's callers are told it does not
exist; the connection is the service's, accepted in A.
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html
"""

from __future__ import annotations

import itertools

import pytest
from botocore.exceptions import ClientError

from tests.emulator.conftest import CONSUMER, Account

HOME, AWAY, ELSEWHERE = "us-east-1", "eu-west-1", "ap-southeast-2"
_names = itertools.count()


def ec2(account: Account, region: str):
    return account.emulator.client("ec2", region, **account.credentials)


def service_in(account: Account, region: str, supported: list[str], acceptance_required: bool = True) -> dict:
    """An NLB-backed endpoint service in ``region`` offered to ``supported`` (and its own Region)."""
    client = ec2(account, region)
    vpc = client.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    sub = client.create_subnet(VpcId=vpc, CidrBlock="10.0.0.0/24", AvailabilityZone=f"{region}a")["Subnet"]["SubnetId"]
    elbv2 = account.emulator.client("elbv2", region, **account.credentials)
    nlb = elbv2.create_load_balancer(Name=f"xr-{next(_names)}", Subnets=[sub], Type="network", Scheme="internal")["LoadBalancers"][0]
    service = client.create_vpc_endpoint_service_configuration(
        NetworkLoadBalancerArns=[nlb["LoadBalancerArn"]], AcceptanceRequired=acceptance_required, SupportedRegions=[region, *supported]
    )["ServiceConfiguration"]
    client.modify_vpc_endpoint_service_permissions(ServiceId=service["ServiceId"], AddAllowedPrincipals=[f"arn:aws:iam::{CONSUMER}:root"])
    return service


def endpoint_in(account: Account, region: str, service: dict, service_region: str | None) -> dict:
    client = ec2(account, region)
    vpc = client.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
    sub = client.create_subnet(VpcId=vpc, CidrBlock="10.1.0.0/24", AvailabilityZone=f"{region}a")["Subnet"]["SubnetId"]
    extra = {"ServiceRegion": service_region} if service_region else {}
    return client.create_vpc_endpoint(VpcId=vpc, ServiceName=service["ServiceName"], VpcEndpointType="Interface", SubnetIds=[sub], **extra)["VpcEndpoint"]


def test_an_endpoint_in_another_region_connects_when_the_service_supports_that_region(owner, consumer):
    service = service_in(owner, HOME, [AWAY])
    endpoint = endpoint_in(consumer, AWAY, service, HOME)
    assert (endpoint["State"], endpoint["ServiceRegion"]) == ("pendingAcceptance", HOME)
    [seen] = ec2(consumer, AWAY).describe_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])["VpcEndpoints"]
    assert seen["ServiceRegion"] == HOME

    [connection] = ec2(owner, HOME).describe_vpc_endpoint_connections(Filters=[{"Name": "service-id", "Values": [service["ServiceId"]]}])["VpcEndpointConnections"]
    assert (connection["VpcEndpointId"], connection["VpcEndpointRegion"], connection["VpcEndpointState"]) == (endpoint["VpcEndpointId"], AWAY, "pendingAcceptance")
    answer = ec2(owner, HOME).accept_vpc_endpoint_connections(ServiceId=service["ServiceId"], VpcEndpointIds=[endpoint["VpcEndpointId"]])
    assert answer["Unsuccessful"] == []
    [seen] = ec2(consumer, AWAY).describe_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])["VpcEndpoints"]
    assert seen["State"] == "available"


def test_a_region_the_service_does_not_support_is_told_it_does_not_exist(owner, consumer):
    service = service_in(owner, HOME, [AWAY])
    with pytest.raises(ClientError) as refused:
        endpoint_in(consumer, ELSEWHERE, service, HOME)
    assert refused.value.response["Error"]["Code"] == "InvalidServiceName"


def test_without_service_region_another_region_does_not_find_the_service(owner, consumer):
    """No ``ServiceRegion``: the endpoint's own Region is searched, where the service is not (moto connected it to nothing)."""
    service = service_in(owner, HOME, [AWAY])
    with pytest.raises(ClientError) as refused:
        endpoint_in(consumer, AWAY, service, None)
    assert refused.value.response["Error"]["Code"] == "InvalidServiceName"


def test_a_same_region_endpoint_reports_its_own_region_as_service_region(owner, consumer):
    service = service_in(owner, HOME, [])
    endpoint = endpoint_in(consumer, HOME, service, None)
    assert (endpoint["State"], endpoint["ServiceRegion"]) == ("pendingAcceptance", HOME)
