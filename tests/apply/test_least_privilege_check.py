"""The units apply's least-privilege check (``least_privilege_the_other_way``) fails when it should, without an apply.

The check runs after a blueprint's units are applied with IAM enforced (``tests/apply/test_units_apply.py``, minutes
per blueprint). Here the roles' policies live in a dictionary and each unit's "plan" is refused exactly when an action
it calls is missing from every policy of its role, as moto's evaluation does: with the check as written every unit is
refused naming its sampled action and the policies end as generated; a check that took nothing out (the plan passes),
or a refusal of another action, fails it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plgen.verify.terraform import TerraformFailed
from tests.apply import test_units_apply as units_apply

DEPLOY = {
    "a-net": ["ec2:CreateVpc", "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeRouteTables"],
    "a-lb": ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:DescribeLoadBalancers", "ec2:DescribeVpcs"],
}
STATE = {"a-net": ["aws_vpc", "aws_subnet", "aws_route_table"], "a-lb": ["aws_lb"]}
ACCOUNT = "111111111111"


class Roles:
    """role name -> policy name -> policy, as put by the check (the emulator's IAM, in one account)."""

    def __init__(self) -> None:
        self.policies: dict[str, dict[str, dict]] = {}

    def client(self, service: str, region: str):
        return self

    def put_role_policy(self, RoleName: str, PolicyName: str, PolicyDocument: str) -> None:
        self.policies.setdefault(RoleName, {})[PolicyName] = json.loads(PolicyDocument)

    def allowed(self, role: str) -> set[str]:
        return {a for policy in self.policies.get(role, {}).values() for s in policy["Statement"] for a in s["Action"]}


class Plan:
    """A unit's refresh: calls ``calls``; refused (as Terraform reports a 403) at the first one its role lacks."""

    def __init__(self, roles: Roles, calls: list[str], ignore_policies: bool = False) -> None:
        self.roles, self.calls, self.ignore_policies = roles, calls, ignore_policies

    def run(self, *args: str) -> str:
        for action in self.calls:
            if not self.ignore_policies and action not in self.roles.allowed("plgen-deploy"):
                service, name = action.split(":")
                raise TerraformFailed(list(args), Path("."), f"Error: operation error {service}: {name}, https response error\nStatusCode: 403, api error AccessDenied: not authorized to perform: {action}")
        return ""


def _work(tmp_path: Path, roles: Roles) -> tuple[Path, dict]:
    manifest = {"order": [["a-net"], ["a-lb"]], "units": [{"name": u, "account": ACCOUNT} for u in DEPLOY]}
    for unit, actions in DEPLOY.items():
        policy = {"Version": "2012-10-17", "Statement": [{"Sid": "DeployResources", "Effect": "Allow", "Action": actions, "Resource": "*"}]}
        role = {"account": ACCOUNT, "role_arn": f"arn:aws:iam::{ACCOUNT}:role/plgen-deploy", "policy_name": f"plgen-{unit}", "policy": policy, "trust_policy": {}}
        (tmp_path / "units" / "iam").mkdir(parents=True, exist_ok=True)
        (tmp_path / "units" / "iam" / f"{unit}.json").write_text(json.dumps({"roles": [role]}))
        (tmp_path / "units" / unit).mkdir()
        state = {"resources": [{"mode": "managed", "type": t} for t in STATE[unit]]}
        (tmp_path / "units" / unit / "terraform.tfstate").write_text(json.dumps(state))
        roles.put_role_policy(RoleName="plgen-deploy", PolicyName=f"plgen-{unit}", PolicyDocument=json.dumps(policy))
    return tmp_path, manifest


def _reads(unit: str) -> list[str]:
    return [units_apply.ACTIONS[t].read[0] for t in STATE[unit]]


def test_each_unit_is_refused_without_its_sampled_action_and_its_policies_are_put_back(tmp_path):
    roles = Roles()
    work, manifest = _work(tmp_path, roles)
    generated = json.loads(json.dumps(roles.policies))
    refused = units_apply.least_privilege_the_other_way(work, manifest, {u: Plan(roles, _reads(u)) for u in DEPLOY}, {ACCOUNT: roles})
    assert set(refused) == set(DEPLOY)
    assert all(refused[u] in _reads(u) for u in DEPLOY)
    assert roles.policies == generated
    # The action is stable: the same unit name picks the same action.
    assert refused == units_apply.least_privilege_the_other_way(work, manifest, {u: Plan(roles, _reads(u)) for u in DEPLOY}, {ACCOUNT: roles})


def test_a_plan_that_passes_without_the_action_fails_the_check(tmp_path):
    roles = Roles()
    work, manifest = _work(tmp_path, roles)
    plans = {u: Plan(roles, _reads(u), ignore_policies=(u == "a-lb")) for u in DEPLOY}  # as if nothing had been taken out
    with pytest.raises(AssertionError, match="least privilege: a-lb without .*: the plan passed"):
        units_apply.least_privilege_the_other_way(work, manifest, plans, {ACCOUNT: roles})


def test_a_refusal_of_another_action_fails_the_check(tmp_path):
    roles = Roles()
    work, manifest = _work(tmp_path, roles)
    plans = {u: Plan(roles, _reads(u)) for u in DEPLOY}
    plans["a-net"] = Plan(roles, ["ec2:DescribeNetworkInterfaces", *_reads("a-net")])  # a call no policy allows
    with pytest.raises(AssertionError, match="a-net: the plan without .* failed otherwise"):
        units_apply.least_privilege_the_other_way(work, manifest, plans, {ACCOUNT: roles})
