"""``plgen paths --live`` without AWS: the declared read-only calls, the policy derived from them, the fix a drift names."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import botocore.session
import pytest
from botocore.exceptions import ClientError
from click.testing import CliRunner

from plgen.cli import main
from plgen.paths.adapters import live_accounts
from plgen.paths.adapters.live_accounts import CALLS, IAM_PREFIX, NotReadOnly, ReadOnly, fixes, policy, roles_for
from plgen.paths.proof import Hop, Path as ProofPath

ADAPTERS = Path(live_accounts.__file__).parent
SAAS = Path(__file__).parents[2] / "modules_out" / "saas" / "json"
READS = ("describe_", "list_", "get_")


def _issued() -> set[str]:
    """Every boto3 operation the live adapter's source calls (``x.describe_...(...)``, ``x.list_...``, ``x.get_...``)."""
    found = set()
    for source in sorted(ADAPTERS.glob("live*.py")):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr.startswith(READS):
                found.add(node.func.attr)
    return found


def test_every_call_the_live_adapter_issues_is_declared_and_every_declared_call_is_issued():
    declared = {botocore.xform_name(op) for ops in CALLS.values() for op in ops}
    assert _issued() == declared


def test_declared_calls_are_real_read_only_operations_of_their_services():
    loader = botocore.session.get_session()
    for service, ops in CALLS.items():
        model = loader.get_service_model(service)
        assert set(ops) <= set(model.operation_names), service
        assert all(op.startswith(("Describe", "List", "Get")) for op in ops)
        assert service in IAM_PREFIX


def test_the_policy_allows_exactly_the_declared_actions_and_is_deterministic():
    first = json.dumps(policy(), sort_keys=True)
    assert first == json.dumps(policy(), sort_keys=True)
    [statement] = policy()["Statement"]
    assert statement["Effect"] == "Allow"
    assert len(statement["Action"]) == sum(len(ops) for ops in CALLS.values())
    assert "ec2:DescribeSecurityGroupRules" in statement["Action"] and "elasticloadbalancing:DescribeTargetHealth" in statement["Action"]
    assert not [a for a in statement["Action"] if not a.split(":")[1].startswith(("Describe", "List", "Get"))]


class _Client:
    def __init__(self, answer=None, error=False) -> None:
        self.answer, self.error, self.sent = answer, error, []

    def describe_vpcs(self, **kwargs):
        self.sent.append(("describe_vpcs", kwargs))
        if self.error:
            raise ClientError({"Error": {"Code": "InvalidVpcID.NotFound", "Message": "no"}}, "DescribeVpcs")
        return self.answer

    def describe_subnets(self, **kwargs):
        if self.error:
            raise ClientError({"Error": {"Code": "UnauthorizedOperation", "Message": "not allowed"}}, "DescribeSubnets")
        return self.answer

    def delete_vpc(self, **kwargs):
        self.sent.append(("delete_vpc", kwargs))


def test_a_write_call_is_refused_before_it_is_sent():
    client = _Client({})
    with pytest.raises(NotReadOnly):
        ReadOnly("ec2", [client], set()).delete_vpc(VpcId="vpc-1")
    assert client.sent == []


def test_each_call_is_asked_in_every_account_and_the_answers_merged():
    calls: set = set()
    a, b, c = _Client({"Vpcs": [{"VpcId": "vpc-a"}]}), _Client(error=True), _Client({"Vpcs": [{"VpcId": "vpc-c"}, {"VpcId": "vpc-a"}]})
    assert ReadOnly("ec2", [a, b, c], calls).describe_vpcs(VpcIds=["vpc-a"]) == {"Vpcs": [{"VpcId": "vpc-a"}, {"VpcId": "vpc-c"}]}
    assert calls == {("ec2", "describe_vpcs")} and [len(x.sent) for x in (a, b, c)] == [1, 1, 1]
    with pytest.raises(ClientError):
        ReadOnly("ec2", [b], calls).describe_vpcs()


def test_a_call_the_role_may_not_make_stops_the_proof_even_when_another_account_answers():
    with pytest.raises(ClientError, match="UnauthorizedOperation"):
        ReadOnly("ec2", [_Client({"Subnets": []}), _Client(error=True)], set()).describe_subnets()


def test_each_account_is_read_through_the_units_role_or_the_named_one():
    data = json.loads((SAAS / "terraform.tfvars.json").read_text())
    assert roles_for(data, SAAS / "units", None) == {  # globex's unit names its own deploy role
        "111111111111": "arn:aws:iam::111111111111:role/plgen-deploy",
        "222222222222": "arn:aws:iam::222222222222:role/plgen-deploy",
        "333333333333": "arn:aws:iam::333333333333:role/platform-network",
    }
    assert roles_for(data, SAAS / "units", "audit")["222222222222"] == "arn:aws:iam::222222222222:role/audit"
    assert roles_for(data, None, None) == {a: None for a in ("111111111111", "222222222222", "333333333333")}


def _path(consumer: str, hop: str) -> ProofPath:
    return ProofPath(consumer, "billing-provider/billing-api", "443/TLS", [Hop("source", "PASS", ""), Hop(hop, "FAIL", "changed by hand")])


@pytest.mark.parametrize(
    ("consumer", "hop", "unit"),
    [
        ("customer-acme", "security group", "consumer-customer-acme"),
        ("customer-globex", "endpoint", "consumer-customer-globex"),
        ("customer-acme", "acceptance", "provider-billing-provider-endpoint-acceptance"),
        ("customer-acme", "targets", "provider-billing-provider"),
        ("customer-acme", "dns", "provider-billing-provider"),
    ],
)
def test_a_failing_hop_names_the_unit_whose_reapply_fixes_it(consumer, hop, unit):
    path = _path(consumer, hop)
    assert fixes([path], SAAS / "units") == {(consumer, path.endpoint, path.listener): f"{hop}: re-apply unit {unit} (units/{unit})"}


def test_paths_markdown_is_a_pull_request_summary(tmp_path):
    shutil.copytree(SAAS, tmp_path / "saas")
    result = CliRunner().invoke(main, ["paths", "--format", "markdown", str(tmp_path / "saas")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("**PASS**: ") and "3 path(s)" in lines[0]
    assert lines[2].startswith("| Consumer | Endpoint | Listener | source |")


def test_paths_live_on_a_folder_without_a_declaration_is_one_line_exit_2(tmp_path):
    result = CliRunner().invoke(main, ["paths", "--live", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "no terraform.tfvars.json" in result.output


def test_every_side_of_a_units_layout_has_the_live_proof_policy_beside_units_json():
    for fmt in ("json", "hcl"):
        units = SAAS.parent / fmt / "units"
        teams = sorted({u["team"] for u in json.loads((units / "units.json").read_text())["units"]})
        assert sorted(p.name for p in (units / "iam").glob("live-proof-*.json")) == [f"live-proof-{t}.json" for t in teams]
        for team in teams:
            assert json.loads((units / "iam" / f"live-proof-{team}.json").read_text()) == policy()


@pytest.mark.parametrize("command", [["validate", "blueprints/saas.yaml"], ["render", "--check", "blueprints/saas.yaml"], ["paths", "blueprints/saas.yaml"]])
def test_validate_render_and_the_offline_proof_never_import_boto3(command):
    """boto3 is the ``live`` extra: only ``paths --live`` imports it."""
    code = (
        "import sys; from plgen.cli import main\n"
        f"try:\n    main({command!r})\nexcept SystemExit as exc:\n    assert exc.code in (0, None), exc.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('boto3', 'botocore')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parents[2], timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_a_progress_line_per_account_names_how_it_is_read():
    lines: list[str] = []
    accounts = live_accounts.Accounts({"222222222222": None}, region="us-east-1", progress=lines.append)
    accounts.session("222222222222")
    accounts.session("222222222222")
    assert lines == ["live: account 222222222222: the base credentials (no role named: --role-name, or a units folder)"]


def test_the_text_table_paints_each_status_and_puts_the_fix_under_the_failing_path():
    from plgen.paths import report

    path = _path("customer-acme", "targets")
    key = (path.consumer, path.endpoint, path.listener)
    out = report.text("saas (live)", [path], {key: "targets: re-apply unit provider-billing-provider (units/provider-billing-provider)"}, lambda s: f"<{s}>")
    assert out.splitlines()[1:] == [
        "  customer-acme -> billing-provider/billing-api 443/TLS: <FAIL>",
        "    source   <PASS>  ",
        "    targets  <FAIL>  changed by hand",
        "    fix      targets: re-apply unit provider-billing-provider (units/provider-billing-provider)",
    ]
    assert report.as_json("saas (live)", [path], {key: "x"})["paths"][0]["fix"] == "x"
