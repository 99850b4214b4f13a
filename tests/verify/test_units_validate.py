"""Every deployment unit of every catalogue blueprint passes ``terraform init -backend=false`` and ``validate``.

One unit is one ``terraform validate`` of about 3.5 s (the AWS provider's
schema is loaded each time); the catalogue has some thirty units per format.
So the units are validated together: one harness root per format calls every
unit as a child module with the unit's own ``terraform.tfvars.json`` as its
arguments (which also type-checks each unit's data slice against its
variables), and the only warning Terraform may give is that the units'
backends are ignored in a child module. The units of the blueprint with
every kind of unit (provider, consumer, peer network, peering, acceptance)
are also validated one by one as the roots a team runs.
"""

from __future__ import annotations

import json
import shutil

import pytest

from plgen.verify.terraform import Terraform
from tests.conftest import blueprint_ids, requires_terraform

BACKEND_IGNORED = "Backend configuration ignored"


def _harness(rendered, fmt: str, tmp_path) -> Terraform:
    work = tmp_path / "catalogue"
    shutil.copytree(rendered, work, dirs_exist_ok=True)
    calls = {}
    for name in blueprint_ids():
        manifest = json.loads((work / name / fmt / "units" / "units.json").read_text())
        for unit in manifest["units"]:
            folder = work / name / fmt / "units" / unit["name"]
            arguments = json.loads((folder / "terraform.tfvars.json").read_text())
            calls[f"{name}__{unit['name']}".replace("-", "_")] = {"source": f"../{name}/{fmt}/units/{unit['name']}", **arguments}
    harness = work / "harness"
    harness.mkdir()
    (harness / "main.tf.json").write_text(json.dumps({"module": calls}, indent=2))
    tf = Terraform(harness)
    tf.init()
    return tf


@requires_terraform
@pytest.mark.terraform
@pytest.mark.parametrize("fmt", ["json", "hcl"])
def test_every_unit_of_the_catalogue_validates(rendered, tmp_path, fmt):
    tf = _harness(rendered, fmt, tmp_path)
    result = tf.validate()
    assert result["valid"], result["diagnostics"]
    warnings = [d for d in result["diagnostics"] if d["severity"] == "warning" and d["summary"] != BACKEND_IGNORED]
    assert warnings == []
    units = sum(len(json.loads((rendered / n / fmt / "units" / "units.json").read_text())["units"]) for n in blueprint_ids())
    assert units >= 30


@requires_terraform
@pytest.mark.terraform
@pytest.mark.parametrize("fmt", ["json", "hcl"])
def test_each_unit_validates_as_the_root_its_team_runs(rendered, tmp_path, fmt):
    name = "inter-region-consumer"
    work = tmp_path / name
    shutil.copytree(rendered / name / fmt, work)
    manifest = json.loads((work / "units" / "units.json").read_text())
    assert {u["side"] for u in manifest["units"]} == {"provider", "consumer", "peer"}
    for unit in manifest["units"]:
        tf = Terraform(work / "units" / unit["name"])
        tf.init()
        result = tf.validate()
        assert result["valid"] and result["warning_count"] == 0, (unit["name"], result["diagnostics"])
