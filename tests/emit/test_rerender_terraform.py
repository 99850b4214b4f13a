"""A rendered root stays a working Terraform directory across re-renders (issue 13).

``terraform init`` and an offline ``plan`` run in the rendered folder itself
(not a copy), with a state file Terraform reads. The blueprint then changes and
plgen renders into the same folder; without another ``init``, ``plan`` works
again and sees the change: the lock file, ``.terraform/``, the state, the test's
provider override and the saved plan all survived byte for byte.
"""

from __future__ import annotations

import json
import uuid

import pytest
from click.testing import CliRunner

from plgen.cli import main
from plgen.verify.terraform import OFFLINE, OVERRIDE, Terraform, planned_resources, provider_aliases
from tests.conftest import requires_terraform
from tests.emit.user_files import REPO, snapshot

SAAS = REPO / "blueprints" / "saas.yaml"


def render(blueprint, out):
    result = CliRunner().invoke(main, ["render", str(blueprint), "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    return result


def consumer_cidrs(plan: dict) -> set[str]:
    return {r["values"]["cidr_block"] for r in planned_resources(plan) if r["type"] == "aws_vpc"}


@requires_terraform
@pytest.mark.terraform
def test_plan_works_again_after_a_re_render_into_the_initialised_root(tmp_path):
    out = tmp_path / "out"
    render(SAAS, out)
    root = out / "saas" / "json"
    tf = Terraform(root)
    tf.override_provider(OFFLINE, provider_aliases(root))
    tf.init()
    state = {"version": 4, "terraform_version": "1.11.0", "serial": 3, "lineage": str(uuid.uuid4()), "outputs": {}, "resources": [], "check_results": None}
    (root / "terraform.tfstate").write_text(json.dumps(state))
    assert "10.20.0.0/16" in consumer_cidrs(tf.plan_json())
    working = {k: v for k, v in snapshot(root).items() if k.startswith(".terraform") or k in ("terraform.tfstate", "plan.tfplan", OVERRIDE)}
    assert {".terraform.lock.hcl", "terraform.tfstate", "plan.tfplan", OVERRIDE} <= working.keys()
    assert any(k.startswith(".terraform/") for k in working)

    changed = tmp_path / "saas.yaml"
    changed.write_text(SAAS.read_text().replace("10.20.0.0/16", "10.21.0.0/16"))
    render(changed, out)
    after = snapshot(root)
    assert {k: after.get(k) for k in working} == working  # lock file, .terraform/, state, override, plan: byte for byte
    assert (root / ".terraform" / "providers").is_dir()

    cidrs = consumer_cidrs(tf.plan_json())  # no init: the kept lock file and .terraform/ are enough
    assert "10.21.0.0/16" in cidrs and "10.20.0.0/16" not in cidrs
    assert json.loads((root / "terraform.tfstate").read_text())["lineage"] == state["lineage"]
