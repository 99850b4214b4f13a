"""The strict emulator's PrivateLink area against boto3, with accounts 111111111111 (owner),
222222222222 (consumer) and 333333333333 (a stranger), each reached through sts:AssumeRole."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from tests.emulator.conftest import CONSUMER, OWNER, THIRD, Account, endpoint_service, interface_endpoint, state, subnet


def error_code(excinfo) -> str:
    return excinfo.value.response["Error"]["Code"]


def test_accounts_are_separate(owner, consumer):
    assert owner.client("sts").get_caller_identity()["Account"] == OWNER
    assert consumer.client("sts").get_caller_identity()["Arn"].startswith(f"arn:aws:sts::{CONSUMER}:assumed-role/platform/")
    vpc = owner.client("ec2").create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    assert vpc not in {v["VpcId"] for v in consumer.client("ec2").describe_vpcs()["Vpcs"]}


def test_cross_account_endpoint_is_pending_until_the_owner_accepts(owner, consumer):
    service = endpoint_service(owner, principals=(f"arn:aws:iam::{CONSUMER}:root",))
    endpoint = interface_endpoint(consumer, service)
    assert endpoint["State"] == "pendingAcceptance"

    connections = owner.client("ec2").describe_vpc_endpoint_connections(Filters=[{"Name": "service-id", "Values": [service["ServiceId"]]}])
    [connection] = connections["VpcEndpointConnections"]
    assert (connection["VpcEndpointId"], connection["VpcEndpointOwner"], connection["VpcEndpointState"]) == (
        endpoint["VpcEndpointId"],
        CONSUMER,
        "pendingAcceptance",
    )

    answer = owner.client("ec2").accept_vpc_endpoint_connections(ServiceId=service["ServiceId"], VpcEndpointIds=[endpoint["VpcEndpointId"]])
    assert answer["Unsuccessful"] == []
    assert state(consumer, endpoint) == "available"


def test_only_the_owner_can_accept(owner, consumer, third):
    service = endpoint_service(owner, principals=(f"arn:aws:iam::{CONSUMER}:root",))
    endpoint = interface_endpoint(consumer, service)
    for stranger in (consumer, third):
        with pytest.raises(ClientError) as refused:
            stranger.client("ec2").accept_vpc_endpoint_connections(ServiceId=service["ServiceId"], VpcEndpointIds=[endpoint["VpcEndpointId"]])
        assert error_code(refused) == "InvalidVpcEndpointServiceId.NotFound"
    assert state(consumer, endpoint) == "pendingAcceptance"
    assert consumer.client("ec2").describe_vpc_endpoint_connections()["VpcEndpointConnections"] == []


def test_a_principal_not_allowed_is_told_the_service_does_not_exist(owner, consumer, assume):
    service = endpoint_service(owner, principals=(f"arn:aws:iam::{CONSUMER}:root", f"arn:aws:iam::{THIRD}:role/team-a"))
    with pytest.raises(ClientError) as refused:
        interface_endpoint(assume(THIRD, "team-b"), service)
    assert error_code(refused) == "InvalidServiceName"
    assert interface_endpoint(assume(THIRD, "team-a"), service)["State"] == "pendingAcceptance"
    assert interface_endpoint(assume(CONSUMER, "anyone"), service)["State"] == "pendingAcceptance"


def test_an_iam_user_named_as_principal_may_connect(owner, emulator):
    iam = emulator.client("iam", "us-east-1")  # moto's default account, 123456789012
    iam.create_user(UserName="builder")
    key = iam.create_access_key(UserName="builder")["AccessKey"]
    builder = Account("123456789012", "", {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}, emulator)
    service = endpoint_service(owner, principals=("arn:aws:iam::123456789012:user/builder",))
    assert interface_endpoint(builder, service)["State"] == "pendingAcceptance"


def test_reject_pending_or_available_and_unsuccessful_items(owner, consumer):
    service = endpoint_service(owner, principals=("*",))
    pending, accepted = interface_endpoint(consumer, service), interface_endpoint(consumer, service)
    ec2, sid = owner.client("ec2"), service["ServiceId"]
    ec2.accept_vpc_endpoint_connections(ServiceId=sid, VpcEndpointIds=[accepted["VpcEndpointId"]])

    answer = ec2.reject_vpc_endpoint_connections(ServiceId=sid, VpcEndpointIds=[pending["VpcEndpointId"], accepted["VpcEndpointId"], "vpce-0123456789abcdef0"])
    assert [(u["ResourceId"], u["Error"]["Code"]) for u in answer["Unsuccessful"]] == [("vpce-0123456789abcdef0", "InvalidVpcEndpointId.NotFound")]
    assert state(consumer, pending) == state(consumer, accepted) == "rejected"

    again = ec2.accept_vpc_endpoint_connections(ServiceId=sid, VpcEndpointIds=[pending["VpcEndpointId"]])
    assert [u["Error"]["Code"] for u in again["Unsuccessful"]] == ["IncorrectState"]
    rejected = ec2.describe_vpc_endpoint_connections(Filters=[{"Name": "vpc-endpoint-state", "Values": ["rejected"]}, {"Name": "service-id", "Values": [sid]}])
    assert len(rejected["VpcEndpointConnections"]) == 2
    with pytest.raises(ClientError) as bad_filter:
        ec2.describe_vpc_endpoint_connections(Filters=[{"Name": "vpc-endpoint-id ", "Values": ["x"]}])
    assert error_code(bad_filter) == "InvalidFilter"


def test_acceptance_not_required_is_available_at_once(owner, consumer):
    service = endpoint_service(owner, acceptance_required=False, principals=(f"arn:aws:iam::{CONSUMER}:root",))
    assert interface_endpoint(consumer, service)["State"] == "available"


def test_same_account_is_pending_too_and_auto_accept_works_only_there(owner, consumer):
    """What the provider's ``auto_accept`` does: find the service by name in the caller's account, then accept."""
    endpoint_service(owner)  # a second service, so the name filter has to work
    service = endpoint_service(owner)
    endpoint = interface_endpoint(owner, service)
    assert endpoint["State"] == "pendingAcceptance"

    by_name = [{"Name": "service-name", "Values": [service["ServiceName"]]}]
    [found] = owner.client("ec2").describe_vpc_endpoint_service_configurations(Filters=by_name)["ServiceConfigurations"]
    owner.client("ec2").accept_vpc_endpoint_connections(ServiceId=found["ServiceId"], VpcEndpointIds=[endpoint["VpcEndpointId"]])
    assert state(owner, endpoint) == "available"
    assert consumer.client("ec2").describe_vpc_endpoint_service_configurations(Filters=by_name)["ServiceConfigurations"] == []


def test_connection_notifications_are_published_to_the_topic(owner, consumer):
    sns, sqs, ec2 = owner.client("sns"), owner.client("sqs"), owner.client("ec2")
    topic = sns.create_topic(Name="vpce-events")["TopicArn"]
    queue = sqs.create_queue(QueueName="vpce-events")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn, Attributes={"RawMessageDelivery": "true"})
    service = endpoint_service(owner, principals=(f"arn:aws:iam::{CONSUMER}:root",))
    created = ec2.create_vpc_endpoint_connection_notification(
        ServiceId=service["ServiceId"], ConnectionNotificationArn=topic, ConnectionEvents=["Connect", "Accept"]
    )
    nid = created["ConnectionNotification"]["ConnectionNotificationId"]
    ec2.modify_vpc_endpoint_connection_notification(ConnectionNotificationId=nid, ConnectionEvents=["Connect", "Accept", "Reject", "Delete"])
    [described] = ec2.describe_vpc_endpoint_connection_notifications(ConnectionNotificationId=nid)["ConnectionNotificationSet"]
    assert (described["ServiceId"], described["ConnectionNotificationArn"], sorted(described["ConnectionEvents"])) == (
        service["ServiceId"],
        topic,
        ["Accept", "Connect", "Delete", "Reject"],
    )

    kept, turned_down = interface_endpoint(consumer, service), interface_endpoint(consumer, service)
    ec2.accept_vpc_endpoint_connections(ServiceId=service["ServiceId"], VpcEndpointIds=[kept["VpcEndpointId"]])
    ec2.reject_vpc_endpoint_connections(ServiceId=service["ServiceId"], VpcEndpointIds=[turned_down["VpcEndpointId"]])
    consumer.client("ec2").delete_vpc_endpoints(VpcEndpointIds=[kept["VpcEndpointId"]])

    bodies = [json.loads(m["Body"]) for m in sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]]
    events = [(b["event"], b["vpcEndpointId"], b["vpcEndpointOwner"]) for b in bodies]
    k, t = kept["VpcEndpointId"], turned_down["VpcEndpointId"]
    assert events == [("Connect", k, CONSUMER), ("Connect", t, CONSUMER), ("Accept", k, CONSUMER), ("Reject", t, CONSUMER), ("Delete", k, CONSUMER)]

    assert ec2.delete_vpc_endpoint_connection_notifications(ConnectionNotificationIds=[nid])["Unsuccessful"] == []
    with pytest.raises(ClientError) as gone:
        ec2.describe_vpc_endpoint_connection_notifications(ConnectionNotificationId=nid)
    assert error_code(gone) == "InvalidConnectionNotification"


def test_notifications_only_on_the_callers_own_service(owner, consumer):
    service = endpoint_service(owner, principals=("*",))
    with pytest.raises(ClientError) as refused:
        consumer.client("ec2").create_vpc_endpoint_connection_notification(
            ServiceId=service["ServiceId"], ConnectionNotificationArn=f"arn:aws:sns:us-east-1:{CONSUMER}:spy", ConnectionEvents=["Connect"]
        )
    assert error_code(refused) == "InvalidVpcEndpointServiceId.NotFound"
    with pytest.raises(ClientError) as not_a_topic:
        owner.client("ec2").create_vpc_endpoint_connection_notification(
            ServiceId=service["ServiceId"], ConnectionNotificationArn=f"arn:aws:sqs:us-east-1:{OWNER}:queue", ConnectionEvents=["Connect"]
        )
    assert error_code(not_a_topic) == "InvalidParameterValue"


def test_private_dns_waits_for_acceptance(owner, consumer):
    """A pendingAcceptance endpoint takes no private DNS, at creation or by ModifyVpcEndpoint; once accepted it does."""
    service = endpoint_service(owner, principals=(f"arn:aws:iam::{CONSUMER}:root",))
    vpc, sub = _consumer_subnet(consumer)
    ec2 = consumer.client("ec2")
    with pytest.raises(ClientError) as refused:
        ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=service["ServiceName"], VpcEndpointType="Interface", SubnetIds=[sub], PrivateDnsEnabled=True)
    assert error_code(refused) == "InvalidParameter"
    endpoint = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=service["ServiceName"], VpcEndpointType="Interface", SubnetIds=[sub], PrivateDnsEnabled=False)["VpcEndpoint"]
    with pytest.raises(ClientError) as pending:
        ec2.modify_vpc_endpoint(VpcEndpointId=endpoint["VpcEndpointId"], PrivateDnsEnabled=True)
    assert error_code(pending) == "InvalidParameter"
    owner.client("ec2").accept_vpc_endpoint_connections(ServiceId=service["ServiceId"], VpcEndpointIds=[endpoint["VpcEndpointId"]])
    ec2.modify_vpc_endpoint(VpcEndpointId=endpoint["VpcEndpointId"], PrivateDnsEnabled=True)
    [described] = ec2.describe_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])["VpcEndpoints"]
    assert described["PrivateDnsEnabled"] is True


def test_private_dns_at_creation_without_acceptance(owner, consumer):
    service = endpoint_service(owner, principals=(f"arn:aws:iam::{CONSUMER}:root",), acceptance_required=False)
    vpc, sub = _consumer_subnet(consumer)
    endpoint = consumer.client("ec2").create_vpc_endpoint(
        VpcId=vpc, ServiceName=service["ServiceName"], VpcEndpointType="Interface", SubnetIds=[sub], PrivateDnsEnabled=True
    )["VpcEndpoint"]
    assert endpoint["State"] == "available"


def _consumer_subnet(account):
    return subnet(account, "10.1.0.0/16")
