"""Every side module passes its own ``terraform test`` contract offline, and a module broken on purpose does not.

``plgen render`` writes ``tests/contract.tftest.hcl`` into each side module
(``plgen.emit.contracts``): a fixed fixture applied against
``mock_provider "aws"`` with assertions on what a path relies on. Modules
identical across blueprints (same code, same contract) are tested once, and
the JSON syntax once (the SaaS blueprint's modules): each run is an init and
an in-memory apply, about six seconds.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from plgen.verify.terraform import Terraform, TerraformFailed
from tests.conftest import REPO, requires_terraform

OUT = REPO / "modules_out"


def distinct_modules() -> dict[str, Path]:
    """Each distinct HCL module, and the SaaS blueprint's JSON modules (the same code in the other syntax)."""
    found: dict[str, Path] = {}
    for folder in [*sorted(OUT.glob("*/hcl/modules/*")), *sorted(OUT.glob("saas/json/modules/*"))]:
        if not (folder / "tests" / "contract.tftest.hcl").is_file():
            continue
        digest = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "README.md")).hexdigest()
        found.setdefault(digest, folder)
    return {str(p.relative_to(OUT)): p for p in found.values()}


MODULES = distinct_modules()


def test_every_side_module_of_every_blueprint_has_a_contract():
    modules = [p for p in OUT.glob("*/*/modules/*") if p.is_dir()]
    assert modules and all((p / "tests" / "contract.tftest.hcl").is_file() for p in modules)


def initialised_copy(source: Path, tmp_path: Path) -> Terraform:
    work = tmp_path / source.name
    shutil.copytree(source, work)
    tf = Terraform(work)
    tf.init()
    return tf


@requires_terraform
@pytest.mark.terraform
@pytest.mark.parametrize("module", sorted(MODULES))
def test_the_module_passes_its_contract(module, tmp_path):
    output = initialised_copy(MODULES[module], tmp_path).test()
    assert "0 failed" in output and " passed" in output


@requires_terraform
@pytest.mark.terraform
@pytest.mark.parametrize(
    ("module", "old", "new", "message"),
    [
        ("saas/hcl/modules/consumer", "for_each = local.security_group_rules", "for_each = {}", "every named group on every listener port"),
        ("saas/hcl/modules/endpoint-service", "for_each = local.nlb_to_targets", "for_each = {}", "one rule per target port, nothing else"),
        (
            "saas/hcl/modules/endpoint-acceptance",
            "for_each = var.connections",
            'for_each = { for key, c in var.connections : key => c if key != "b/prov/api" }',
            "every expected endpoint is accepted",
        ),
        ("saas/json/modules/endpoint-service", '"internal": "${each.value.internal}"', '"internal": false', "the NLB must be internal"),
    ],
    ids=["endpoint group rule", "target group rule", "accepter", "internet-facing NLB (JSON)"],
)
def test_a_module_broken_on_purpose_fails_its_contract(module, old, new, message, tmp_path):
    tf = initialised_copy(OUT / module, tmp_path)
    main_tf = next(p for p in (tf.root / "main.tf", tf.root / "main.tf.json") if p.is_file())
    text = main_tf.read_text()
    assert old in text
    main_tf.write_text(text.replace(old, new))
    with pytest.raises(TerraformFailed) as failed:
        tf.test()
    assert message in str(failed.value)
