"""``plgen plan``: a first plan of every root and unit without AWS, and the user's folders left as they were.

The offline plan runs the real Terraform and AWS provider 5.100 with the
overrides of ``plgen.verify.plan`` in a private copy: fake credentials, no
role, a local backend, other units' outputs read at apply. A data source that
must read AWS is named (exit 2), a root Terraform refuses is one line (exit 1).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from plgen.cli import main
from plgen.verify.plan import OVERRIDE, PlanInputError, offline_override, producers, roots_of
from tests.conftest import REPO, requires_terraform

SAAS = REPO / "blueprints" / "saas.yaml"
SAAS_HCL = REPO / "modules_out" / "saas" / "hcl"
LINE = re.compile(r"^ok   (.+): plan: (\d+) to add, 0 to change, 0 to destroy( \(hand-off values are .+\))?$")


def plan(*args: str):
    return CliRunner().invoke(main, ["plan", *args])


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (folders too) with the digest of each file: what "byte-identical" compares."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames:
            out[os.path.relpath(os.path.join(dirpath, name), folder) + "/"] = "dir"
        for name in filenames:
            path = os.path.join(dirpath, name)
            out[os.path.relpath(path, folder)] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return out


def planned(output: str) -> dict[str, int]:
    return {m.group(1): int(m.group(2)) for m in map(LINE.match, output.splitlines()) if m}


@requires_terraform
@pytest.mark.terraform
def test_a_blueprint_plans_its_example_root_and_every_unit_offline():
    result = plan(str(SAAS))
    assert result.exit_code == 0, result.output
    manifest = json.loads((SAAS_HCL / "units" / "units.json").read_text())
    in_order = [name for level in manifest["order"] for name in level]
    found = planned(result.output)
    assert list(found) == ["saas (example root)", *(f"saas/units/{n}" for n in in_order)], result.output
    assert all(count > 0 for count in found.values())
    # the units together create what the example root creates: the same resources, cut by account and Region
    assert found["saas (example root)"] == sum(count for label, count in found.items() if "/units/" in label)
    assert result.output.splitlines()[-1].startswith(f"{len(found)} of {len(found)} root(s) planned offline")  # the root and every unit (7 since the private-DNS passes)
    # every unit reading another side's output from a hand-off file plans before the file exists, and says so
    noted = {m.group(1) for m in map(LINE.match, result.output.splitlines()) if m and m.group(3)}
    readers = {f"saas/units/{u['name']}" for u in manifest["units"] if u["handoff_files"]}
    assert noted == readers and "saas/units/consumer-customer-acme" in readers and "saas/units/provider-billing-provider" not in readers


@requires_terraform
@pytest.mark.terraform
def test_a_unit_folder_plans_and_the_users_folder_is_left_byte_identical():
    unit = SAAS_HCL / "units" / "consumer-customer-acme"
    before = snapshot(SAAS_HCL)
    result = plan(str(unit.relative_to(REPO)) if Path.cwd() == REPO else str(unit))
    assert result.exit_code == 0, result.output
    assert list(planned(result.output)) and list(planned(result.output))[0].endswith("/units/consumer-customer-acme")
    assert snapshot(SAAS_HCL) == before  # no .terraform/, no lock file, no override, no state, no plan left behind


@requires_terraform
@pytest.mark.terraform
def test_a_zone_looked_up_by_name_is_named_as_needing_aws(tmp_path):
    """The provider unit looks its verification zone up by name (``zone:``): a fake credential cannot read it."""
    blueprint = tmp_path / "saas.yaml"
    text = SAAS.read_text()
    assert "zone_id: Z04417562KQ7EXAMPLE1" in text
    blueprint.write_text(re.sub(r"zone_id: Z04417562KQ7EXAMPLE1.*", "zone: saas-provider.example.com", text))
    out = tmp_path / "rendered"
    assert CliRunner().invoke(main, ["render", str(blueprint), "--out", str(out), "--format", "json"]).exit_code == 0
    result = plan(str(out / "saas" / "json" / "units" / "provider-billing-provider"))
    assert result.exit_code == 2, result.output
    (line,) = [line for line in result.output.splitlines() if line.startswith("needs AWS")]
    assert "data.aws_route53_zone.private_dns_verification" in line and "--real" in line and "zone_id" in line


@requires_terraform
@pytest.mark.terraform
def test_a_root_terraform_refuses_at_plan_is_one_line_and_exit_1(tmp_path):
    root = tmp_path / "mine"
    root.mkdir()
    (root / "main.tf").write_text(
        'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n'
        'provider "aws" {\n  region = "us-east-1"\n}\n'
        'resource "aws_vpc" "this" {\n  cidr_block = "10.0.0.0/33"\n}\n'
    )
    before = snapshot(root)
    result = plan(str(root))
    assert result.exit_code == 1, result.output
    (line,) = [line for line in result.output.splitlines() if line.startswith("fail ")]
    assert "aws_vpc.this" in line and "Traceback" not in result.output
    assert snapshot(root) == before


def test_what_is_not_a_root_is_refused_in_one_line(tmp_path, monkeypatch):
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))  # where plgen plan makes its private work folder
    target = tmp_path / "empty"
    target.mkdir()
    result = plan(str(target))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "no Terraform root here" in result.output
    assert list(private.iterdir()) == []  # the private work folder is removed on every exit


def test_a_broken_units_manifest_is_refused_not_a_crash(tmp_path):
    units = tmp_path / "units"
    units.mkdir()
    (units / "units.json").write_text('{"order": [["../../etc"]]}')
    with pytest.raises(PlanInputError, match="not a folder name"):
        roots_of(units)
    (units / "units.json").write_text("[")
    result = plan(str(units))
    assert result.exit_code == 2 and "not a plgen units manifest" in result.output


def test_the_offline_override_covers_every_provider_alias_the_backend_and_each_remote_state():
    unit = REPO / "modules_out" / "inter-region-service" / "hcl"
    override = offline_override(unit)
    aliases = [p.get("alias") for p in override["provider"]["aws"]]
    assert aliases[0] is None and len(aliases) > 1  # the default configuration and every alias, or init refuses the override
    assert all(p["assume_role"] == [{"role_arn": ""}] and p["allowed_account_ids"] is None for p in override["provider"]["aws"])
    assert override["terraform"]["backend"] == {"local": {"path": "plgen-offline.tfstate"}}
    consumer = offline_override(SAAS_HCL / "units" / "consumer-customer-acme-consumer-private-dns")
    assert set(consumer["data"]["terraform_remote_state"]) == {"consumer_us_east_1"}  # its own side's unit; the acceptance is a file
    assert "timestamp()" in consumer["data"]["terraform_remote_state"]["consumer_us_east_1"]["config"]["path"]
    assert OVERRIDE.endswith("_override.tf.json")  # Terraform merges only files named so


def test_a_reader_unit_reads_its_producers_outputs_from_the_producer_units_themselves():
    acceptance = SAAS_HCL / "units" / "provider-billing-provider-endpoint-acceptance"
    calls, locals_ = producers(acceptance)
    assert {c["source"] for c in calls.values()} == {"../provider-billing-provider", "../consumer-customer-acme", "../consumer-customer-globex"}
    assert locals_["from_consumer_us_east_1"] == (
        "${merge(module.plgen_producer_consumer_customer_acme.consumer_us_east_1, module.plgen_producer_consumer_customer_globex.consumer_us_east_1)}"
    )
    assert producers(SAAS_HCL / "units" / "provider-billing-provider") == ({}, {})


def test_a_unit_reading_hand_off_files_plans_with_its_producers_in_place_of_the_files_not_yet_handed_over():
    """Before the provider is applied no hand-off file exists; offline, the producer's planned output stands in for it."""
    acme = SAAS_HCL / "units" / "consumer-customer-acme"
    assert not (acme / "handoffs").exists()
    calls, locals_ = producers(acme)
    assert {c["source"] for c in calls.values()} == {"../provider-billing-provider"}
    assert locals_ == {"from_provider_us_east_1": "${merge(module.plgen_producer_provider_billing_provider.provider_us_east_1)}"}
    # a pass reading its own side's state and the other side's file: both producers, one local each
    calls, locals_ = producers(SAAS_HCL / "units" / "consumer-customer-acme-consumer-private-dns")
    assert {c["source"] for c in calls.values()} == {"../consumer-customer-acme", "../provider-billing-provider-endpoint-acceptance"}
    assert set(locals_) == {"from_consumer_us_east_1", "from_acceptance_us_east_1"}


def test_a_hand_off_file_not_named_for_its_call_is_refused_in_one_line(tmp_path):
    units = tmp_path / "units"
    for name in ("reader", "producer"):
        (units / name).mkdir(parents=True)
        (units / name / "main.tf.json").write_text("{}")
    (units / "producer" / "terraform.tfvars.json").write_text("{}")
    (units / "reader" / "terraform.tfvars.json").write_text(json.dumps({"handoffs": {"svc": ["handoffs/producer.other.json"]}}))
    with pytest.raises(PlanInputError, match=r"hand-off file handoffs/producer.other.json is not <unit>.svc.json"):
        producers(units / "reader")
