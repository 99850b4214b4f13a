"""The shape of a ``verify`` unit, applied with the AWS provider 5.100 against the strict emulator's Reachability Analyzer.

A consumer VPC with an interface endpoint accepted by the service owner, a probe
network interface beside it, an ``aws_ec2_network_insights_path`` from the probe
to the endpoint on the listener's port and an ``aws_ec2_network_insights_analysis``
of it whose postcondition asserts ``path_found`` (the provider waits for the
analysis to finish: ``wait_for_completion``, default true). Applied, the analysis
finds the path; after the endpoint group's ingress rule is removed by hand, a new
analysis (the resource replaced: an analysis is a one-time result) does not, and
the apply fails at the postcondition.
https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_network_insights_analysis
"""

from __future__ import annotations

import json

import pytest

from plgen.verify.terraform import Terraform, TerraformFailed
from tests.conftest import requires_terraform
from tests.emulator.conftest import REGION, endpoint_service

ROOT = """
variable "service_name" { type = string }
resource "aws_vpc" "consumer" { cidr_block = "10.31.0.0/16" }
resource "aws_subnet" "consumer" {
  vpc_id            = aws_vpc.consumer.id
  cidr_block        = "10.31.1.0/24"
  availability_zone = "us-east-1a"
}
resource "aws_security_group" "endpoint" { vpc_id = aws_vpc.consumer.id }
resource "aws_security_group" "probe" { vpc_id = aws_vpc.consumer.id }
resource "aws_vpc_security_group_ingress_rule" "endpoint" {
  security_group_id = aws_security_group.endpoint.id
  cidr_ipv4         = aws_vpc.consumer.cidr_block
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}
resource "aws_vpc_security_group_egress_rule" "probe" {
  security_group_id = aws_security_group.probe.id
  cidr_ipv4         = aws_vpc.consumer.cidr_block
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}
resource "aws_vpc_endpoint" "consumer" {
  vpc_id              = aws_vpc.consumer.id
  service_name        = var.service_name
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.consumer.id]
  security_group_ids  = [aws_security_group.endpoint.id]
  private_dns_enabled = false
}
resource "aws_network_interface" "probe" {
  subnet_id       = aws_subnet.consumer.id
  security_groups = [aws_security_group.probe.id]
}
resource "aws_ec2_network_insights_path" "verify" {
  source           = aws_network_interface.probe.id
  destination      = aws_vpc_endpoint.consumer.id
  protocol         = "tcp"
  destination_port = 443
}
resource "aws_ec2_network_insights_analysis" "verify" {
  network_insights_path_id = aws_ec2_network_insights_path.verify.id
  lifecycle {
    postcondition {
      condition     = self.path_found
      error_message = "Reachability Analyzer finds no path from the probe to the endpoint on 443."
    }
  }
}
output "endpoint" { value = aws_vpc_endpoint.consumer.id }
output "path_found" { value = aws_ec2_network_insights_analysis.verify.path_found }
"""


@requires_terraform
@pytest.mark.apply  # applies against an emulator: excluded from the default run (DEVELOPERS.md)
def test_the_analysis_finds_the_path_and_fails_its_postcondition_once_a_rule_is_removed(tmp_path, emulator, owner):
    service = endpoint_service(owner, acceptance_required=False)  # the owner's own account: available at once
    (tmp_path / "providers.tf.json").write_text(json.dumps({"provider": {"aws": [{"region": REGION, **emulator.provider_settings(**owner.credentials)}]}}))
    (tmp_path / "versions.tf.json").write_text(json.dumps({"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": "5.100.0"}}}}))
    (tmp_path / "main.tf").write_text(ROOT)
    (tmp_path / "terraform.tfvars.json").write_text(json.dumps({"service_name": service["ServiceName"]}))
    tf = Terraform(tmp_path)
    tf.init()
    try:
        tf.run("apply", "-input=false", "-auto-approve")
        out = {k: v["value"] for k, v in json.loads(tf.run("output", "-json")).items()}
        assert out["path_found"] is True

        ec2 = owner.client("ec2")
        [vpce] = ec2.describe_vpc_endpoints(VpcEndpointIds=[out["endpoint"]])["VpcEndpoints"]
        group = vpce["Groups"][0]["GroupId"]
        rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [group]}])["SecurityGroupRules"]
        ec2.revoke_security_group_ingress(GroupId=group, SecurityGroupRuleIds=[r["SecurityGroupRuleId"] for r in rules if not r["IsEgress"]])
        with pytest.raises(TerraformFailed) as failed:
            # -target: a new analysis alone (the removed rule is not one of its dependencies, so it is not restored first).
            tf.run("apply", "-input=false", "-auto-approve", "-replace=aws_ec2_network_insights_analysis.verify", "-target=aws_ec2_network_insights_analysis.verify")
        assert "finds no path from the probe to the endpoint" in failed.value.output
    finally:
        tf.run("destroy", "-input=false", "-auto-approve")
