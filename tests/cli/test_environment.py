"""The CLI never blames itself for the world: a closed pipe, a full device, a read-only folder, a corrupt file.

Each case runs ``plgen`` as a user does (a subprocess, real file descriptors)
and checks the exit code and that standard error holds one line and no
traceback: 0 for a pipe its reader closed after plgen did its work, 2 for an
environment that refused (exit 3 means a plgen bug, and none of these is one).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PLGEN = [str(Path(sys.executable).with_name("plgen"))] if Path(sys.executable).with_name("plgen").exists() else [sys.executable, "-m", "plgen.cli"]
SAAS = REPO / "blueprints" / "saas.yaml"
HYBRID = REPO / "blueprints" / "hybrid.yaml"
SAAS_ROOT = REPO / "modules_out" / "saas" / "hcl"


def run(*args: str, stdout=subprocess.PIPE, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([*PLGEN, *args], stdout=stdout, stderr=subprocess.PIPE, text=True, cwd=cwd, timeout=300)


def closed_pipe(*args: str) -> subprocess.CompletedProcess:
    """``plgen ARGS`` writing into a pipe whose reader has already gone (as ``| head`` leaves it, but every time)."""
    child = subprocess.Popen([*PLGEN, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    child.stdout.close()
    _, err = child.communicate(timeout=300)
    return subprocess.CompletedProcess(child.args, child.returncode, "", err)


def into_head(*args: str) -> tuple[subprocess.CompletedProcess, str]:
    """``plgen ARGS | head -1``: plgen's result and the line head printed."""
    child = subprocess.Popen([*PLGEN, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    head = subprocess.run(["head", "-1"], stdin=child.stdout, capture_output=True, text=True, timeout=300)
    child.stdout.close()
    err = child.stderr.read().decode()
    child.wait(timeout=300)
    return subprocess.CompletedProcess(child.args, child.returncode, "", err), head.stdout


def one_line(err: str) -> str:
    """The only line on standard error (warnings aside), which is never a traceback."""
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith("warning: ")]
    assert "Traceback" not in err and "internal error" not in err, err
    assert len(lines) == 1, err
    return lines[0]


def unwritable(tmp_path: Path) -> Path:
    """A folder nobody may create files in: a 0555 folder, or for root (whom modes do not stop) sysfs."""
    if os.geteuid() == 0:
        return Path("/sys")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")


# -- a closed pipe after a complete write: exit 0, no claim that nothing was written ----------------------------


def test_render_into_head_writes_everything_and_exits_0(tmp_path):
    result, first = into_head("render", str(SAAS), str(HYBRID), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert first.startswith("rendered ") and "nothing was written" not in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "out" / "saas" / ".plgen-manifest.json").is_file() and (tmp_path / "out" / "hybrid" / ".plgen-manifest.json").is_file()


def test_render_into_a_closed_pipe_still_writes_every_file(tmp_path):
    result = closed_pipe("render", str(SAAS), "--out", str(tmp_path / "out"))
    assert result.returncode == 0 and "nothing was written" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    manifest = json.loads((tmp_path / "out" / "saas" / ".plgen-manifest.json").read_text())
    assert manifest["files"] and all((tmp_path / "out" / "saas" / rel).is_file() for rel in manifest["files"])


@pytest.mark.parametrize(
    "args",
    [("schema",), ("graph", str(SAAS_ROOT)), ("graph", str(SAAS_ROOT), "--format", "json"), ("paths", str(SAAS_ROOT)), ("validate", str(SAAS))],
    ids=["schema", "graph", "graph-json", "paths", "validate"],
)
def test_a_closed_pipe_is_never_a_plgen_bug(args):
    result = closed_pipe(*args)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr


def test_schema_into_head_gives_the_first_byte_and_exits_0():
    child = subprocess.Popen([*PLGEN, "schema"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    first = child.stdout.read(1)
    child.stdout.close()
    err = child.stderr.read().decode()
    assert child.wait(timeout=120) == 0 and first == b"{" and err == "", err


# -- a full device: one line, exit 2 --------------------------------------------------------------------------------


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [("schema",), ("graph", str(SAAS_ROOT)), ("paths", str(SAAS_ROOT)), ("validate", str(SAAS))],
    ids=["schema", "graph", "paths", "validate"],
)
def test_standard_output_on_a_full_device_is_one_line_and_exit_2(args):
    with open("/dev/full", "w") as full:
        result = run(*args, stdout=full)
    assert result.returncode == 2, result.stderr
    assert "No space left on device" in one_line(result.stderr)


# -- a folder that cannot be written: one line, exit 2 ---------------------------------------------------------


def test_docs_into_a_read_only_folder_is_one_line_and_exit_2(tmp_path):
    result = run("docs", str(SAAS), "--out", str(unwritable(tmp_path)), "--no-images")
    assert result.returncode == 2, result.stderr
    line = one_line(result.stderr)
    assert line.startswith("error: ") and "catalogue" in line


def test_render_into_a_read_only_folder_is_one_line_and_exit_2(tmp_path):
    result = run("render", str(SAAS), "--out", str(unwritable(tmp_path) / "modules_out"))
    assert result.returncode == 2, result.stderr
    assert one_line(result.stderr).startswith("error: ")


def test_a_manifest_nested_200k_deep_is_not_a_manifest(tmp_path):
    (tmp_path / "out" / "saas").mkdir(parents=True)
    (tmp_path / "out" / "saas" / ".plgen-manifest.json").write_text("[" * 200_000 + "]" * 200_000)
    result = run("render", str(SAAS), "--out", str(tmp_path / "out"))
    assert result.returncode == 2, result.stderr
    assert "not a plgen manifest" in one_line(result.stderr)


# -- input the loader refuses with a located line ----------------------------------------------------------------


@pytest.mark.parametrize("tag", ["!!omap [a: 1]", "!!set {a: null}", "!!pairs [a: 1]", "!!binary aGVsbG8=", "!!timestamp 2001-12-14", "!Ref [a]", "!!str [1]"])
def test_an_exotic_yaml_tag_is_a_located_problem(tmp_path, tag):
    text = SAAS.read_text().replace("description: A SaaS", f"x: {tag}\ndescription: A SaaS", 1)
    (tmp_path / "bp.yaml").write_text(text)
    result = run("validate", str(tmp_path / "bp.yaml"))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    shown = tag.split()[0]
    assert f"bp.yaml:5:4: x: the YAML tag {shown} is not supported in a blueprint" in result.stderr, result.stderr


def test_validate_a_folder_checks_every_yaml_and_yml_file_in_name_order(tmp_path):
    shutil.copy(SAAS, tmp_path / "b.yaml")
    shutil.copy(HYBRID, tmp_path / "a.yml")
    (tmp_path / "notes.txt").write_text("not a blueprint")
    result = run("validate", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert [line.split()[1] for line in result.stdout.splitlines()] == [str(tmp_path / "a.yml"), str(tmp_path / "b.yaml")]


def test_validate_a_folder_reports_the_bad_file_in_it(tmp_path):
    shutil.copy(SAAS, tmp_path / "good.yaml")
    (tmp_path / "bad.yml").write_text(HYBRID.read_text().replace("pattern: hybrid", "pattern: hybird"))
    result = run("validate", str(tmp_path))
    assert result.returncode == 2 and "bad.yml:" in result.stderr and "good.yaml" not in result.stderr, result.stderr


def test_validate_a_folder_without_blueprints_is_a_usage_error(tmp_path):
    result = run("validate", str(tmp_path))
    assert result.returncode == 2 and "no *.yaml or *.yml blueprint" in result.stderr


# -- paths on a deployment unit folder ------------------------------------------------------------------------------


def test_paths_on_a_consumer_unit_is_a_located_error_not_a_plgen_bug():
    unit = REPO / "modules_out" / "saas" / "hcl" / "units" / "consumer-customer-acme"
    for root in (unit, REPO / "modules_out" / "saas" / "json" / "units" / "consumer-customer-acme"):
        result = run("paths", str(root))
        assert result.returncode in (0, 1, 2), result.stderr  # 0/1 once branch judge proves units; never 3
        if result.returncode == 2:
            assert one_line(result.stderr).startswith(f"error: {root}: "), result.stderr


@pytest.mark.xfail(reason="the proof of a unit folder is rebuilt on branch judge: a consumer unit proves its paths, a provider unit is not a PASS with 0 paths")
def test_paths_on_unit_folders_proves_the_consumer_and_never_passes_with_no_path():
    units = REPO / "modules_out" / "saas" / "hcl" / "units"
    consumer = run("paths", str(units / "consumer-customer-acme"), "--format", "json")
    assert consumer.returncode == 0, consumer.stderr
    assert json.loads(consumer.stdout)["paths"]
    provider = run("paths", str(units / "provider-billing-provider"))
    assert provider.returncode != 0 or "0 path(s)" not in provider.stdout


@pytest.mark.parametrize("fmt", ["json", "hcl"])
def test_graph_of_a_consumer_unit_follows_its_module_beside_the_unit(fmt):
    """A unit calls ../../modules/consumer and reads its provider's state (terraform_remote_state): both are read, not a crash.

    Microservices: one organisation, whose units read each other's state (``handoff: remote_state``; SaaS
    customers read hand-off files instead)."""
    unit = REPO / "modules_out" / "microservices" / fmt / "units" / "consumer-checkout"
    result = run("graph", str(unit), "--format", "json")
    assert result.returncode == 0, result.stderr
    ids = {node["id"] for node in json.loads(result.stdout)["nodes"]}
    assert "module.consumer_us_east_1.aws_vpc_endpoint.this" in ids
    assert any(i.startswith("data.terraform_remote_state.") for i in ids)
