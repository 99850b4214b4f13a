"""A deployment unit applies with a deploy role holding only plgen's generated policy, and fails without one action.

The strict emulator enforces IAM from the moment the test asks it to
(``POST /plgen/enforce-iam``, ``tests/emulator/__main__.py``): moto then
authorizes every request against the caller's policies, and for assumed-role
credentials it evaluates the role's inline and attached policies
(``moto.iam.access_control.AssumedRoleAccessKey``), with IAM's rule that a
request is allowed only by an explicit allow and denied otherwise
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
Before that, as free setup, the pipeline gets an admin user and the unit's
account gets ``plgen-deploy`` with the unit's generated policy
(``units/iam/<unit>.json``) as its only policy.

Run against the emulator this found three actions the AWS provider 5.100
calls that the table lacked (``elasticloadbalancing:DescribeCapacityReservation``,
``elasticloadbalancing:DescribeListenerAttributes``, and
``ec2:DescribeNetworkInterfaces`` before deleting subnets and security groups).

Microservices' ``provider-catalog`` (VPC, subnets, security groups, NLBs,
listeners, target groups, endpoint services, flow logs): about 2 minutes per
apply and destroy on the shared VM.
"""

from __future__ import annotations

import json
import shutil
import urllib.request

import pytest

from plgen.verify.terraform import Terraform, TerraformFailed, provider_aliases
from tests.conftest import requires_terraform
from tests.emulator.server import start_emulator, stop_emulator

BLUEPRINT, UNIT = "microservices", "provider-catalog"
ADMIN = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
# Sampled required actions, one removed per run: the VPC (the first step), the NLB, and the endpoint service.
REMOVED = ("ec2:CreateVpc", "elasticloadbalancing:CreateLoadBalancer", "ec2:CreateVpcEndpointServiceConfiguration")


def _apply_as_deploy_role(rendered, tmp_path, drop: str | None) -> tuple[bool, str]:
    work = tmp_path / (drop or "generated").replace(":", "-")
    shutil.copytree(rendered / BLUEPRINT / "json", work)
    (role,) = json.loads((work / "units" / "iam" / f"{UNIT}.json").read_text())["roles"]
    policy = role["policy"]
    if drop:
        for statement in policy["Statement"]:
            assert drop in statement["Action"] or statement["Sid"] != "DeployResources", f"{drop} is not a required action of {UNIT}"
            statement["Action"] = [a for a in statement["Action"] if a != drop]
    emulator = start_emulator()
    try:
        iam = emulator.client("iam", "us-east-1")
        iam.create_user(UserName="pipeline")
        iam.put_user_policy(UserName="pipeline", PolicyName="admin", PolicyDocument=json.dumps(ADMIN))
        key = iam.create_access_key(UserName="pipeline")["AccessKey"]
        pipeline = {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}
        setup = emulator.client("sts", "us-east-1").assume_role(RoleArn=role["role_arn"], RoleSessionName="setup")["Credentials"]
        account = emulator.client(
            "iam", "us-east-1", aws_access_key_id=setup["AccessKeyId"], aws_secret_access_key=setup["SecretAccessKey"], aws_session_token=setup["SessionToken"]
        )
        name = role["role_arn"].rsplit("/", 1)[1]
        account.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(role["trust_policy"]))
        account.put_role_policy(RoleName=name, PolicyName=role["policy_name"], PolicyDocument=json.dumps(policy))
        urllib.request.urlopen(urllib.request.Request(emulator.url + "/plgen/enforce-iam", method="POST"), timeout=10).read()
        # Enforcement is on: the setup credentials' own calls are now judged too.
        with pytest.raises(Exception, match="not authorized|AccessDenied"):
            account.create_role(RoleName="escalate", AssumeRolePolicyDocument=json.dumps(role["trust_policy"]))

        folder = work / "units" / UNIT
        tf = Terraform(folder)
        tf.override_provider({**emulator.provider_settings(**pipeline), "skip_requesting_account_id": False}, provider_aliases(folder))
        tf.init(backend=True)
        try:
            tf.run("apply", "-input=false", "-auto-approve")
        except TerraformFailed as failed:
            return False, str(failed)
        tf.run("destroy", "-input=false", "-auto-approve")  # the policy's delete actions, as enforced as the rest
        return True, ""
    finally:
        stop_emulator(emulator)


@requires_terraform
@pytest.mark.apply
def test_a_unit_applies_and_destroys_with_only_its_generated_policy(rendered, tmp_path):
    ok, output = _apply_as_deploy_role(rendered, tmp_path, None)
    assert ok, output[-3000:]


@requires_terraform
@pytest.mark.apply
@pytest.mark.parametrize("removed", REMOVED)
def test_without_one_required_action_the_unit_does_not_apply(rendered, tmp_path, removed):
    ok, output = _apply_as_deploy_role(rendered, tmp_path, removed)
    assert not ok, f"{UNIT} applied without {removed}"
    # EC2 names the action ("not authorized to perform: ec2:CreateVpc"); moto's ELBv2 answers a denial as a bare
    # 403 on the call (CreateLoadBalancer): either way the failing call is the removed action's.
    action = removed.split(":", 1)[1]
    assert f"{removed}" in output or f"{action}, https response error StatusCode: 403" in output, output[-3000:]
