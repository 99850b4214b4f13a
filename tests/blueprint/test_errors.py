"""A bad blueprint gets file, line, column and field, exit code 2, and no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from plgen.cli import main

SAAS = (Path(__file__).resolve().parents[2] / "blueprints" / "saas.yaml").read_text()


def run(tmp_path: Path, text: str, *args: str):
    path = tmp_path / "bp.yaml"
    path.write_text(text)
    return CliRunner().invoke(main, ["validate", str(path), *args])


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    azs: [use1-az1, use1-az2, use1-az4]\n    services:",
            "    azs: [us-east-1a, use1-az2]\n    services:",
            "bp.yaml:19:11: providers[0].azs[0]: 'us-east-1a' is an Availability Zone name; use the AZ ID",
        ),
        (
            "          cross_zone: true",
            "          cross_zon: true",
            "bp.yaml:24:11: providers[0].services[0].nlb.cross_zon: unknown field 'cross_zon' (did you mean 'cross_zone'?)",
        ),
        (
            "            - port: 443",
            "            - port: 70000",
            "bp.yaml:27:15: providers[0].services[0].nlb.listeners[0].port: port 70000 is out of range 1-65535",
        ),
        ("      cidr: 10.20.0.0/16", "      cidr: 10.20.0.0/33", "bp.yaml:68:7: consumers[0].vpc.cidr: '10.20.0.0/33' is not an IPv4 CIDR block"),
        (
            "            - arn:aws:iam::222222222222:root",
            "            - arn:aws:iam::2222:root",
            "bp.yaml:41:15: providers[0].services[0].endpoint_service.allowed_principals[0]: 'arn:aws:iam::2222:root' is not an IAM principal ARN",
        ),
        (
            "      - service: billing-api\n",
            "      - service: billing-apj\n",
            "bp.yaml:86:9: consumers[1].endpoints[0].service: no service 'billing-apj' in this blueprint (known services: billing-provider/billing-api, billing-provider/billing-export)",
        ),
        (
            "    azs: [use1-az1, use1-az2, use1-az4]\n    endpoints:\n      - service: billing-provider/billing-api",
            "    azs: [use1-az1, use1-az6, use1-az4]\n    endpoints:\n      - service: billing-provider/billing-api",
            "bp.yaml:72:21: consumers[0].azs[1]: AZ use1-az6 is not one of the service's AZs [use1-az1, use1-az2, use1-az4]",
        ),
        (
            "private_dns_name: billing.saas-provider.example.com",
            "private_dns_name: not a domain",
            "providers[0].services[0].endpoint_service.private_dns_name: 'not a domain' is not a DNS domain name",
        ),
    ],
)
def test_bad_blueprint_message_names_file_line_and_field(tmp_path, old, new, expected):
    assert old in SAAS
    result = run(tmp_path, SAAS.replace(old, new, 1))
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert "Traceback" not in result.output


def test_several_problems_are_reported_together(tmp_path):
    text = SAAS.replace("cross_zone: true", "cross_zon: true").replace("- port: 443", "- port: 0")
    result = run(tmp_path, text)
    assert result.exit_code == 2
    assert "cross_zon" in result.output and "listeners[0].port" in result.output
    assert "2 problems found" in result.output


def test_yaml_syntax_error_is_located(tmp_path):
    result = run(tmp_path, "name: x\npattern: saas\nproviders: [\n")
    assert result.exit_code == 2
    assert "bp.yaml:4:1: <document>: YAML syntax error" in result.output


def test_empty_file_is_an_error(tmp_path):
    result = run(tmp_path, "# nothing here\n")
    assert result.exit_code == 2
    assert "the file is empty" in result.output


def test_render_of_bad_blueprint_writes_nothing(tmp_path):
    out = tmp_path / "out"
    (out / "saas").mkdir(parents=True)
    (out / "saas" / "keep.txt").write_text("previous render")
    path = tmp_path / "bp.yaml"
    path.write_text(SAAS.replace("- port: 443", "- port: -1"))
    result = CliRunner().invoke(main, ["render", str(path), "--out", str(out)])
    assert result.exit_code == 2
    assert [p.name for p in out.rglob("*")] == ["saas", "keep.txt"]
    assert (out / "saas" / "keep.txt").read_text() == "previous render"


def test_a_fleet_without_state_gets_one_short_line_naming_a_few_accounts(tmp_path):
    """1,000 customers in 1,000 accounts and no `state:`: the problem is one line, not a list of 1,001 accounts."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    import synthetic

    fleet = synthetic.saas(1000)
    assert fleet.pop("state") == "local"  # the bench's own blueprints say where their state is (they must render)
    result = run(tmp_path, synthetic.dump(fleet))
    assert result.exit_code == 2
    [line] = [x for x in result.output.splitlines() if "no `state:`" in x]
    assert "the sides are in 1001 accounts (111111111111, 200000000000, 200000000001, 200000000002 and 997 more)" in line, line
    assert len(line) < 600, line
