"""The AWS provider 5.100 against the strict emulator: a cross-account endpoint accepted by
``aws_vpc_endpoint_connection_accepter``, a same-account one by ``auto_accept``, and a
``aws_vpc_endpoint_connection_notification`` on the service; apply, re-plan, destroy.

The provider's endpoint waiter counts ``pendingAcceptance`` as done, so without
the accepter the consumer's endpoint would apply and stay pending; this checks
that the accepter's calls (AcceptVpcEndpointConnections, then
DescribeVpcEndpointConnections filtered by service-id until ``available``) and
``auto_accept``'s (DescribeVpcEndpointServiceConfigurations by service-name,
then accept) work end to end. The NLB is made with boto3 beforehand: ``aws_lb``
alone would take a minute of the provider's waiting.
"""

from __future__ import annotations

import json

import pytest

from plgen.verify.terraform import Terraform
from tests.conftest import requires_terraform
from tests.emulator.conftest import CONSUMER, OWNER, REGION, subnet

ROOT = """
resource "aws_vpc" "provider" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "provider" {
  vpc_id            = aws_vpc.provider.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "us-east-1a"
}
variable "nlb_arn" { type = string }
resource "aws_vpc_endpoint_service" "service" {
  acceptance_required        = true
  network_load_balancer_arns = [var.nlb_arn]
  allowed_principals         = ["arn:aws:iam::CONSUMER:root"]
}
resource "aws_sns_topic" "events" { name = "vpce-events" }
resource "aws_vpc_endpoint_connection_notification" "events" {
  vpc_endpoint_service_id     = aws_vpc_endpoint_service.service.id
  connection_notification_arn = aws_sns_topic.events.arn
  connection_events           = ["Connect", "Accept", "Reject", "Delete"]
}
resource "aws_vpc_endpoint" "own" {
  vpc_id            = aws_vpc.provider.id
  service_name      = aws_vpc_endpoint_service.service.service_name
  vpc_endpoint_type = "Interface"
  subnet_ids        = [aws_subnet.provider.id]
  auto_accept       = true
}

resource "aws_vpc" "consumer" {
  provider   = aws.consumer
  cidr_block = "10.1.0.0/16"
}
resource "aws_subnet" "consumer" {
  provider          = aws.consumer
  vpc_id            = aws_vpc.consumer.id
  cidr_block        = "10.1.1.0/24"
  availability_zone = "us-east-1a"
}
resource "aws_vpc_endpoint" "consumer" {
  provider            = aws.consumer
  vpc_id              = aws_vpc.consumer.id
  service_name        = aws_vpc_endpoint_service.service.service_name
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.consumer.id]
  private_dns_enabled = false
}
resource "aws_vpc_endpoint_connection_accepter" "consumer" {
  vpc_endpoint_service_id = aws_vpc_endpoint_service.service.id
  vpc_endpoint_id         = aws_vpc_endpoint.consumer.id
}

output "consumer_endpoint" { value = aws_vpc_endpoint.consumer.id }
output "accepted_state" { value = aws_vpc_endpoint_connection_accepter.consumer.vpc_endpoint_state }
output "own_state" { value = aws_vpc_endpoint.own.state }
output "service_id" { value = aws_vpc_endpoint_service.service.id }
"""


@requires_terraform
@pytest.mark.apply  # applies against an emulator: excluded from the default run, run by CI (DEVELOPERS.md)
def test_provider_accepts_cross_account_and_auto_accepts_same_account(tmp_path, emulator, owner, consumer):
    providers = [
        {"region": REGION, **emulator.provider_settings(**owner.credentials)},
        {"alias": "consumer", "region": REGION, **emulator.provider_settings(**consumer.credentials)},
    ]
    (tmp_path / "providers.tf.json").write_text(json.dumps({"provider": {"aws": providers}}, indent=2))
    (tmp_path / "versions.tf.json").write_text(json.dumps({"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": "5.100.0"}}}}))
    (tmp_path / "main.tf").write_text(ROOT.replace("CONSUMER", CONSUMER))
    _, nlb_subnet = subnet(owner, "10.8.0.0/16")
    nlb = owner.client("elbv2").create_load_balancer(Name="plgen-emulator-tf", Subnets=[nlb_subnet], Type="network", Scheme="internal")
    (tmp_path / "terraform.tfvars.json").write_text(json.dumps({"nlb_arn": nlb["LoadBalancers"][0]["LoadBalancerArn"]}))
    tf = Terraform(tmp_path)
    tf.init()
    try:
        tf.run("apply", "-input=false", "-auto-approve")
        out = {k: v["value"] for k, v in json.loads(tf.run("output", "-json")).items()}
        assert (out["accepted_state"], out["own_state"]) == ("available", "available")
        [endpoint] = consumer.client("ec2").describe_vpc_endpoints(VpcEndpointIds=[out["consumer_endpoint"]])["VpcEndpoints"]
        assert (endpoint["State"], endpoint["OwnerId"]) == ("available", CONSUMER)
        connections = owner.client("ec2").describe_vpc_endpoint_connections(Filters=[{"Name": "service-id", "Values": [out["service_id"]]}])
        assert sorted((c["VpcEndpointOwner"], c["VpcEndpointState"]) for c in connections["VpcEndpointConnections"]) == [
            (OWNER, "available"),
            (CONSUMER, "available"),
        ]
        [notification] = owner.client("ec2").describe_vpc_endpoint_connection_notifications()["ConnectionNotificationSet"]
        assert notification["ServiceId"] == out["service_id"]
        tf.run("plan", "-input=false", "-detailed-exitcode")  # exit 2 (changes) would raise
    finally:
        tf.run("destroy", "-input=false", "-auto-approve")
    assert owner.client("ec2").describe_vpc_endpoint_connection_notifications()["ConnectionNotificationSet"] == []
