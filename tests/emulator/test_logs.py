"""The strict emulator's log areas against boto3: NLB access logs need a bucket AWS would write to; flow logs as AWS creates them."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.apply.emulator import delivery_policy
from tests.emulator.conftest import Account
from tests.emulator.test_elbv2 import network_balancer


def enable(elbv2, lb, bucket: str, prefix: str = "nlb"):
    return elbv2.modify_load_balancer_attributes(
        LoadBalancerArn=lb["LoadBalancerArn"],
        Attributes=[{"Key": "access_logs.s3.enabled", "Value": "true"}, {"Key": "access_logs.s3.bucket", "Value": bucket}, {"Key": "access_logs.s3.prefix", "Value": prefix}],
    )


def refused(call) -> str:
    with pytest.raises(ClientError) as excinfo:
        call()
    error = excinfo.value.response["Error"]
    assert error["Code"] == "InvalidConfigurationRequest"
    return error["Message"]


def test_access_logs_go_only_to_a_bucket_whose_policy_lets_log_delivery_write(owner: Account):
    elbv2, lb, _ = network_balancer(owner, "10.41.0.0/16")
    s3 = owner.client("s3")
    assert "does not exist" in refused(lambda: enable(elbv2, lb, "nlb-logs-missing"))
    s3.create_bucket(Bucket="nlb-logs-no-policy")
    assert refused(lambda: enable(elbv2, lb, "nlb-logs-no-policy")) == "Access Denied for bucket: nlb-logs-no-policy. Please check S3bucket permission"
    s3.create_bucket(Bucket="nlb-logs-other-prefix")
    s3.put_bucket_policy(Bucket="nlb-logs-other-prefix", Policy=delivery_policy("nlb-logs-other-prefix", "elsewhere", owner.id))
    assert "Access Denied" in refused(lambda: enable(elbv2, lb, "nlb-logs-other-prefix"))
    s3.create_bucket(Bucket="nlb-logs")
    s3.put_bucket_policy(Bucket="nlb-logs", Policy=delivery_policy("nlb-logs", "nlb", owner.id))
    assert "AWSLogs" in refused(lambda: enable(elbv2, lb, "nlb-logs", "nlb/AWSLogs"))
    enable(elbv2, lb, "nlb-logs")
    attrs = {a["Key"]: a["Value"] for a in elbv2.describe_load_balancer_attributes(LoadBalancerArn=lb["LoadBalancerArn"])["Attributes"]}
    assert (attrs["access_logs.s3.enabled"], attrs["access_logs.s3.bucket"], attrs["access_logs.s3.prefix"]) == ("true", "nlb-logs", "nlb")


def test_access_logs_need_a_bucket_in_the_load_balancers_region(owner: Account):
    elbv2, lb, _ = network_balancer(owner, "10.42.0.0/16")
    s3 = owner.emulator.client("s3", "eu-west-1", **owner.credentials)
    s3.create_bucket(Bucket="nlb-logs-eu", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    s3.put_bucket_policy(Bucket="nlb-logs-eu", Policy=delivery_policy("nlb-logs-eu", "nlb", owner.id))
    assert "is in eu-west-1" in refused(lambda: enable(elbv2, lb, "nlb-logs-eu"))


def test_turning_access_logs_off_needs_no_bucket(owner: Account):
    elbv2, lb, _ = network_balancer(owner, "10.43.0.0/16")
    elbv2.modify_load_balancer_attributes(LoadBalancerArn=lb["LoadBalancerArn"], Attributes=[{"Key": "access_logs.s3.enabled", "Value": "false"}])


def test_a_flow_log_to_s3_takes_a_prefix_and_no_role(owner: Account):
    ec2, s3 = owner.client("ec2"), owner.client("s3")
    vpc = ec2.create_vpc(CidrBlock="10.44.0.0/16")["Vpc"]["VpcId"]
    s3.create_bucket(Bucket="vpc-flow-logs")
    with pytest.raises(ClientError) as excinfo:
        ec2.create_flow_logs(
            ResourceType="VPC", ResourceIds=[vpc], TrafficType="ALL", LogDestinationType="s3", LogDestination="arn:aws:s3:::vpc-flow-logs",
            DeliverLogsPermissionArn=f"arn:aws:iam::{owner.id}:role/flow-logs",
        )  # fmt: skip
    assert excinfo.value.response["Error"] == {"Code": "InvalidParameter", "Message": "DeliverLogsPermissionArn is not applicable for s3 delivery"}
    missing = ec2.create_flow_logs(ResourceType="VPC", ResourceIds=[vpc], TrafficType="ALL", LogDestinationType="s3", LogDestination="arn:aws:s3:::no-such-bucket/vpc")
    assert (missing["FlowLogIds"], missing["Unsuccessful"][0]["Error"]["Message"]) == ([], "LogDestination: no-such-bucket does not exist.")
    created = ec2.create_flow_logs(ResourceType="VPC", ResourceIds=[vpc], TrafficType="REJECT", LogDestinationType="s3", LogDestination="arn:aws:s3:::vpc-flow-logs/vpc")
    [flow_log] = ec2.describe_flow_logs(FlowLogIds=created["FlowLogIds"])["FlowLogs"]
    assert (flow_log["ResourceId"], flow_log["LogDestination"], flow_log["TrafficType"]) == (vpc, "arn:aws:s3:::vpc-flow-logs/vpc", "REJECT")


def test_a_flow_log_to_a_log_group_needs_a_role_and_delivers_once_the_group_exists(owner: Account):
    ec2, logs = owner.client("ec2"), owner.client("logs")
    vpc = ec2.create_vpc(CidrBlock="10.45.0.0/16")["Vpc"]["VpcId"]
    group = f"arn:aws:logs:us-east-1:{owner.id}:log-group:vpc-flow-logs"
    with pytest.raises(ClientError):
        ec2.create_flow_logs(ResourceType="VPC", ResourceIds=[vpc], TrafficType="ALL", LogDestinationType="cloud-watch-logs", LogDestination=group)
    role = f"arn:aws:iam::{owner.id}:role/flow-logs"
    early = ec2.create_flow_logs(ResourceType="VPC", ResourceIds=[vpc], TrafficType="ALL", LogDestinationType="cloud-watch-logs", LogDestination=group, DeliverLogsPermissionArn=role)
    assert ec2.describe_flow_logs(FlowLogIds=early["FlowLogIds"])["FlowLogs"][0]["DeliverLogsStatus"] == "FAILED"
    ec2.delete_flow_logs(FlowLogIds=early["FlowLogIds"])
    logs.create_log_group(logGroupName="vpc-flow-logs")
    created = ec2.create_flow_logs(ResourceType="VPC", ResourceIds=[vpc], TrafficType="ALL", LogDestinationType="cloud-watch-logs", LogDestination=group, DeliverLogsPermissionArn=role)
    [flow_log] = ec2.describe_flow_logs(FlowLogIds=created["FlowLogIds"])["FlowLogs"]
    assert (flow_log["DeliverLogsStatus"], flow_log["LogDestination"], flow_log["DeliverLogsPermissionArn"]) == ("SUCCESS", group, role)
