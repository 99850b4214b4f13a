"""Every blueprint's HCL tree is what ``terraform fmt`` would leave, and Terraform accepts it."""

from __future__ import annotations

import subprocess

import hcl2
import pytest

from plgen.terraform.template import single_interpolation
from plgen.graph.expressions import strings
from tests.conftest import blueprint_ids, requires_terraform


@pytest.mark.parametrize("name", blueprint_ids())
def test_hcl_tree_mirrors_the_json_tree(rendered, name):
    json_files = {p.relative_to(rendered / name / "json").as_posix() for p in (rendered / name / "json").rglob("*") if p.is_file()}
    hcl_files = {p.relative_to(rendered / name / "hcl").as_posix() for p in (rendered / name / "hcl").rglob("*") if p.is_file()}
    assert hcl_files == {f.removesuffix(".json") if f.endswith(".tf.json") else f for f in json_files}
    assert "terraform.tfvars.json" in hcl_files  # the data stays JSON in both trees


@pytest.mark.parametrize("name", blueprint_ids())
def test_references_are_bare_not_quoted_interpolations(rendered, name):
    """``x = "${aws_lb.this.arn}"`` is JSON's spelling; in HCL a lone interpolation is written bare."""
    quoted = []
    for path in (rendered / name / "hcl").rglob("*.tf"):
        for text in strings(hcl2.loads(path.read_text())):
            if text.startswith('"') and single_interpolation(text[1:-1]) is not None:
                quoted.append(f"{path.name}: {text}")
    assert quoted == []


@requires_terraform
@pytest.mark.parametrize("name", blueprint_ids())
def test_terraform_fmt_finds_nothing_to_change(rendered, name):
    result = subprocess.run(["terraform", "fmt", "-check", "-recursive", "-diff", "-no-color"], cwd=rendered / name / "hcl", capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@requires_terraform
@pytest.mark.terraform
@pytest.mark.parametrize("name", blueprint_ids())
def test_hcl_root_validates(terraform_root, name):
    result = terraform_root(name, "hcl").validate()
    assert result["valid"], result["diagnostics"]
    assert result["warning_count"] == 0, result["diagnostics"]
