"""Issue 24: a consumer-only blueprint reaches another organisation's endpoint service, named by its service name.

The team's side (its VPC, endpoint, security group, DNS) is rendered, checked
and proven as any consumer's; the vendor's side is not in the blueprint, and
``plgen paths`` says it cannot judge it (a WARN the blueprint accepts with its
reason) instead of guessing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from plgen.blueprint import load_source
from plgen.cli import main
from plgen.paths import FAIL, PASS, WARN
from tests.conftest import REPO
from tests.paths.test_proof import copy_root, paths_of

VENDOR = REPO / "blueprints" / "vendor-database.yaml"
SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60789"


def _hops(report: dict) -> dict[str, tuple[str, str]]:
    (path,) = report["paths"]
    return {h["hop"]: (h["status"], h["reason"]) for h in path["hops"]}


def _edited(tmp_path: Path, change) -> Path:
    document = load_source(VENDOR).data
    change(document)
    path = tmp_path / "vendor-database.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


def test_the_consumer_side_is_proven_and_the_vendors_side_is_cannot_judge():
    code, report = paths_of(REPO / "modules_out" / "vendor-database" / "json")
    assert code == 0
    hops = _hops(report)
    assert [h for h in hops] == ["source", "endpoint", "security group", "provider side", "dns"]
    assert hops["endpoint"] == (PASS, f'module.consumer_us_east_1["analytics"].aws_vpc_endpoint.this["dbvendor/postgres"] in use1-az1, use1-az2, to dbvendor\'s {SERVICE}')
    assert hops["security group"][0] == PASS and "5432" in hops["security group"][1]
    status, reason = hops["provider side"]
    assert status == WARN and reason.startswith(f"cannot judge: dbvendor's side of {SERVICE}")
    assert hops["dns"] == (PASS, "db.dbvendor.example.com (private DNS, verified by dbvendor)")


def test_the_consumers_unit_reads_no_other_unit_and_its_endpoint_names_the_vendors_service():
    units = REPO / "modules_out" / "vendor-database" / "json" / "units"
    manifest = json.loads((units / "units.json").read_text())
    (unit,) = manifest["units"]
    assert (unit["name"], unit["reads"], unit["handoff_files"]) == ("consumer-analytics", [], [])
    tfvars = json.loads((units / "consumer-analytics" / "terraform.tfvars.json").read_text())
    assert tfvars["external_services"]["dbvendor"]["postgres"]["service_name"] == SERVICE
    assert "remote_states" not in tfvars and "handoffs" not in tfvars
    endpoint = tfvars["service_consumers"]["analytics"]["endpoints"]["dbvendor/postgres"]
    assert endpoint["accept"] is False and endpoint["auto_accept"] is False  # the vendor accepts on its side
    assert endpoint["ports"] == [{"ip_protocol": "tcp", "port": 5432}]
    root = json.loads((REPO / "modules_out" / "vendor-database" / "json" / "main.tf.json").read_text())
    assert set(root["module"]) == {"consumer_us_east_1"}  # nothing of the vendor's side is rendered


def test_an_endpoint_in_an_az_the_vendor_does_not_offer_fails_at_the_endpoint(tmp_path):
    """The proof reads the AZs from the declaration, not from the rule: a hand-edited declaration is caught too."""
    folder = copy_root(tmp_path, "vendor-database")
    tfvars = json.loads((folder / "terraform.tfvars.json").read_text())
    tfvars["external_services"]["dbvendor"]["postgres"]["azs"] = ["use1-az1", "use1-az4"]
    (folder / "terraform.tfvars.json").write_text(json.dumps(tfvars))
    code, report = paths_of(folder)
    assert code == 1
    assert _hops(report)["endpoint"] == (FAIL, "subnets in use1-az2, which dbvendor's service (offered in use1-az1, use1-az4) does not offer")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["consumers"][0].update(azs=["use1-az1", "use1-az3"]),
            "consumers[0].azs[1]: AZ use1-az3 is not one of the AZs dbvendor/postgres is offered in [use1-az1, use1-az2, use1-az4]",
        ),
        (
            lambda d: d["external_services"][0].update(acceptance_required=True),
            "consumers[0].endpoints[0].private_dns: dbvendor/postgres requires the vendor's acceptance: AWS refuses private DNS on an endpoint pending acceptance",
        ),
        (
            lambda d: d["external_services"][0].update(region="us-west-2"),
            "external_services[0]: `service_name` is a service of us-east-1, not of `region` us-west-2",
        ),
        (
            lambda d: d["consumers"][0]["endpoints"][0].update(service="dbvendor/mysql"),
            "consumers[0].endpoints[0].service: no service 'dbvendor/mysql' in this blueprint",
        ),
    ],
    ids=["az-not-offered", "private-dns-pending-acceptance", "region-not-the-names", "unknown-service"],
)
def test_an_endpoint_that_does_not_fit_the_vendors_description_is_refused_in_one_located_line(tmp_path, change, expected):
    result = CliRunner().invoke(main, ["validate", str(_edited(tmp_path, change))])
    assert result.exit_code == 2, result.output
    assert expected in result.output, result.output
