"""``plgen render`` writes deterministic files, and ``--check`` catches drift."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from plgen.cli import main
from tests.trees import read_tree

REPO = Path(__file__).resolve().parents[2]


def render(out: Path, *extra: str):
    return CliRunner().invoke(main, ["render", str(REPO / "blueprints" / "saas.yaml"), "--out", str(out), *extra])


def test_committed_modules_are_up_to_date():
    result = subprocess.run([sys.executable, "-m", "plgen.cli", "render", "--check"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_two_renders_are_byte_identical_across_hash_seeds(tmp_path):
    trees = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "plgen.cli", "render", str(REPO / "blueprints" / "saas.yaml"), "--out", str(out)], check=True, env=env, capture_output=True
        )
        trees.append(read_tree(out / "saas"))
    assert trees[0] == trees[1]
    assert len(trees[0]) > 10


def test_check_reports_a_changed_file_and_exits_1(tmp_path):
    assert render(tmp_path).exit_code == 0
    variables = tmp_path / "saas" / "json" / "terraform.tfvars.json"
    variables.write_text(variables.read_text().replace("10.20.0.0/16", "10.21.0.0/16"))
    result = render(tmp_path, "--check")
    assert result.exit_code == 1
    assert "terraform.tfvars.json differs" in result.output


def test_check_reports_a_missing_file_but_not_a_user_file(tmp_path):
    assert render(tmp_path).exit_code == 0
    (tmp_path / "saas" / "json" / "outputs.tf.json").unlink()
    shutil.copy(tmp_path / "saas" / "json" / "main.tf.json", tmp_path / "saas" / "json" / "mine.tf.json")
    result = render(tmp_path, "--check")
    assert result.exit_code == 1
    assert "outputs.tf.json is missing" in result.output
    assert "mine.tf.json" not in result.output  # plgen did not write it: not drift (tests/emit/test_user_files.py)


def test_render_keeps_a_file_it_did_not_write(tmp_path):
    (tmp_path / "saas" / "json").mkdir(parents=True)
    (tmp_path / "saas" / "json" / "stale.tf.json").write_text("{}")
    assert render(tmp_path).exit_code == 0
    assert (tmp_path / "saas" / "json" / "stale.tf.json").read_text() == "{}"
    assert (tmp_path / "saas" / "json" / "modules" / "endpoint-service" / "main.tf.json").exists()
