"""Re-rendering never loses a file plgen did not write (issue 13), and ``--out`` problems are clean errors.

The rendered root is where users run Terraform, so it gathers state, its
backup, ``.terraform.lock.hcl``, ``.terraform/``, backend and override files
and notes (``USER_FILES``). They must survive every render byte for byte, and
``render --check`` must not count them as drift. Terraform itself is in
``test_rerender_terraform.py``.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from plgen.cli import main
from plgen.compiler import compile_paths
from plgen.emit.layout import FORMATS
from plgen.emit.lock import LOCK
from plgen.emit.manifest import MANIFEST
from tests.emit.user_files import PAUSED_RENDER, REPO, USER_FILES, add_user_files, assert_exactly, assert_old_or_new, encoded, snapshot

SAAS = REPO / "blueprints" / "saas.yaml"
INTER_REGION = REPO / "blueprints" / "inter-region-consumer.yaml"


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def render(blueprint: Path, out: Path, *extra: str):
    return cli("render", str(blueprint), "--out", str(out), *extra)


def compiled(blueprint: Path, out: Path, formats=FORMATS) -> dict[str, bytes]:
    """The files ``plgen render BLUEPRINT --out OUT`` writes (they name the blueprint by its path from OUT's folder)."""
    return encoded(compile_paths([blueprint], formats, project=out.parent)[0].files)


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("variants")
    paths = {
        "changed": SAAS.read_text().replace("10.20.0.0/16", "10.21.0.0/16"),  # a consumer's CIDR
        "peered": INTER_REGION.read_text().replace("name: inter-region-consumer\n", "name: saas\n", 1),  # folder saas/, two more modules
    }
    for key, text in paths.items():
        (folder / f"{key}.yaml").write_text(text)
    return {key: folder / f"{key}.yaml" for key in paths}


def test_state_lock_file_terraform_dir_backend_override_and_user_files_survive_re_renders(tmp_path, variants):
    out = tmp_path / "out"
    assert render(SAAS, out).exit_code == 0
    user = add_user_files(out / "saas")

    check = render(SAAS, out, "--check")
    assert check.exit_code == 0, check.output  # state and user files are not drift
    assert check.output.strip() == f"1 blueprint(s) up to date in {out}/"

    assert render(SAAS, out).exit_code == 0
    assert_exactly(out / "saas", compiled(SAAS, out), user)

    result = render(variants["changed"], out)
    assert result.exit_code == 0, result.output
    assert "note:" not in result.output
    new = compiled(variants["changed"], out)
    assert new != compiled(SAAS, out)
    assert_exactly(out / "saas", new, user)  # user files byte for byte, generated files the new ones
    assert b"10.21.0.0/16" in (out / "saas" / "json" / "terraform.tfvars.json").read_bytes()
    assert render(variants["changed"], out, "--check").exit_code == 0


def test_a_dropped_module_loses_plgen_files_only(tmp_path, variants):
    out = tmp_path / "out"
    assert render(variants["peered"], out).exit_code == 0
    peering = out / "saas" / "json" / "modules" / "peering"
    user = add_user_files(out / "saas", {**USER_FILES, "json/modules/peering/notes.md": b"why we peer\n"})
    (out / "saas" / "hcl" / "modules" / "peer-network" / "main.tf").write_text("# edited by hand\n")  # plgen's, changed since

    check = render(SAAS, out, "--check")
    assert check.exit_code == 1
    assert f"{peering / 'main.tf.json'} is not produced by {SAAS} (plgen wrote it; render removes it)" in check.output
    assert "notes.md" not in check.output

    result = render(SAAS, out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in peering.iterdir()) == ["notes.md"]  # the module's files went, the user's stayed
    assert not (out / "saas" / "hcl" / "modules" / "peering").exists()  # emptied: removed
    assert sorted(p.name for p in (out / "saas" / "hcl" / "modules" / "peer-network").iterdir()) == ["main.tf"]
    assert "hcl/modules/peer-network/main.tf: kept: plgen wrote it, it has changed since" in result.output
    kept = {"hcl/modules/peer-network/main.tf": b"# edited by hand\n"}
    assert_exactly(out / "saas", compiled(SAAS, out), {**user, **kept})
    assert "hcl/modules/peer-network/main.tf" not in json.loads((out / "saas" / MANIFEST).read_text())["files"]  # the user's now
    assert render(SAAS, out, "--check").exit_code == 0


def test_an_edited_generated_file_is_drift_and_is_replaced_with_a_note(tmp_path):
    out = tmp_path / "out"
    assert render(SAAS, out).exit_code == 0
    main_tf = out / "saas" / "json" / "main.tf.json"
    main_tf.write_text("{}\n")
    check = render(SAAS, out, "--check")
    assert check.exit_code == 1 and f"drift: {main_tf} differs" in check.output
    result = render(SAAS, out)
    assert result.exit_code == 0
    assert f"note: {main_tf}: had been changed since plgen wrote it; replaced" in result.output
    assert main_tf.read_bytes() == compiled(SAAS, out)["json/main.tf.json"]


def test_a_user_file_where_plgen_now_generates_one_is_an_error_and_nothing_moves(tmp_path, variants):
    out = tmp_path / "out"
    assert render(SAAS, out).exit_code == 0
    mine = out / "saas" / "json" / "modules" / "peering" / "main.tf.json"
    mine.parent.mkdir()
    mine.write_text('{"my": "module"}\n')
    before = snapshot(out)
    result = render(variants["peered"], out)
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: {mine}: plgen did not write this file, but blueprint saas now generates one here "
        "(move or rename yours: plgen never replaces a file it did not write); nothing was written"
    )
    assert snapshot(out) == before


def test_render_of_one_format_leaves_the_other_alone(tmp_path, variants):
    out = tmp_path / "out"
    assert render(SAAS, out).exit_code == 0
    old = snapshot(out / "saas")
    assert render(variants["changed"], out, "--format", "json").exit_code == 0
    now = snapshot(out / "saas")
    assert {k: v for k, v in now.items() if k.startswith("hcl/")} == {k: v for k, v in old.items() if k.startswith("hcl/")}
    assert {k: v for k, v in now.items() if k.startswith("json/")} == compiled(variants["changed"], out, ("json",))
    assert render(variants["changed"], out, "--format", "json", "--check").exit_code == 0


# -- something in the way: a clear error before anything moves ---------------------------------------------


def in_the_way(tmp_path: Path, where: str, kind: str) -> tuple[Path, Path]:
    out = tmp_path / "out"
    assert render(SAAS, out).exit_code == 0
    (out / "saas" / "json" / "terraform.tfstate").write_text("state\n")
    path = out / where
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not plgen's\n")
    moved = path.with_name(path.name + ".moved")
    path.rename(moved)
    if kind == "symlink":
        path.symlink_to(elsewhere)
    else:
        path.write_text("a file\n")
    return out, moved


@pytest.mark.parametrize(
    "where, kind, message",
    [
        ("saas", "symlink", "{path}: is a symbolic link (to {elsewhere}), where plgen writes a folder; plgen never writes through links (remove the link,"),
        ("saas", "file", "{path}: is a file, where plgen writes blueprint saas's folder (move it away, or render with --out elsewhere)"),
        ("saas/json/modules", "symlink", "{path}: is a symbolic link (to {elsewhere}), where plgen writes a folder;"),
        ("saas/json/main.tf.json", "symlink", "{path}: is a symbolic link (to {elsewhere}), where plgen writes a file;"),
    ],
)
def test_a_link_or_file_in_the_way_is_exit_2_and_nothing_moves(tmp_path, where, kind, message):
    out, moved = in_the_way(tmp_path, where, kind)
    before, elsewhere = snapshot(tmp_path), tmp_path / "elsewhere"
    result = cli("render", str(SAAS), str(REPO / "blueprints" / "microservices.yaml"), "--out", str(out))
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: " + message.format(path=out / where, elsewhere=elsewhere)), result.output
    assert result.output.rstrip().endswith("nothing was written") and len(result.output.splitlines()) == 1
    assert snapshot(tmp_path) == before and not (out / "microservices").exists()  # not even the other blueprint
    check = render(SAAS, out, "--check")
    assert check.exit_code == 1 and f"drift: {out / where}: is a" in check.output
    (out / where).unlink()
    moved.rename(out / where)
    assert render(SAAS, out).exit_code == 0  # fixed by hand: renders again
    assert (out / "saas" / "json" / "terraform.tfstate").read_text() == "state\n"


def test_a_tree_left_by_an_older_plgen_killed_mid_swap_is_put_back(tmp_path):
    out = tmp_path / "out"
    assert render(SAAS, out).exit_code == 0
    (out / "saas" / "json" / "terraform.tfstate").write_text("state\n")
    (out / "saas").rename(out / ".saas.previous")
    result = render(SAAS, out)
    assert result.exit_code == 0
    assert f"note: {out / 'saas'}: restored from {out / '.saas.previous'}" in result.output
    assert (out / "saas" / "json" / "terraform.tfstate").read_text() == "state\n"


def test_a_manifest_naming_files_outside_the_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    assert render(SAAS, out).exit_code == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("x")
    manifest = json.loads((out / "saas" / MANIFEST).read_text())
    manifest["files"]["json/../../../victim.txt"] = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"  # sha256("x")
    (out / "saas" / MANIFEST).write_text(json.dumps(manifest))
    result = render(SAAS, out)
    assert result.exit_code == 2 and "not a plgen manifest" in result.output
    assert victim.read_text() == "x"


# -- unwritable or full --out: one line, never a traceback ---------------------------------------------------


def test_an_unwritable_out_is_one_line_exit_2(tmp_path):
    if os.geteuid() != 0:
        parent = tmp_path / "read-only"
        parent.mkdir()
        parent.chmod(0o555)
        out = parent / "out"
    else:  # root writes anywhere on disk; sysfs refuses new folders even to root
        out = Path("/sys/plgen-test-out")
        try:
            out.mkdir()
        except OSError:
            pass
        else:
            out.rmdir()
            pytest.skip("no unwritable folder found for root")
    result = render(SAAS, out)
    assert result.exit_code == 2, result.output
    (line,) = result.output.splitlines()
    assert line.startswith(f"error: {out}: ") and line.endswith("nothing was written")
    assert "Traceback" not in result.output and "internal error" not in result.output


def test_an_out_below_a_file_is_one_line_exit_2(tmp_path):
    (tmp_path / "file").write_text("")
    result = render(SAAS, tmp_path / "file" / "out")
    assert result.exit_code == 2, result.output
    (line,) = result.output.splitlines()
    assert "Not a directory" in line and line.endswith("nothing was written")


def test_a_disk_full_half_way_is_one_line_and_the_next_render_finishes(tmp_path, variants):
    out = tmp_path / "out"
    assert render(SAAS, out).exit_code == 0
    user = add_user_files(out / "saas")
    old = snapshot(out / "saas")
    env = {**os.environ, "PAUSED_RENDER_FAIL": f"write:{errno.ENOSPC}:3"}  # the manifest's intent is written, then the disk is full
    result = subprocess.run(
        [sys.executable, str(PAUSED_RENDER), "render", str(variants["changed"]), "--out", str(out)], env=env, capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {out / 'saas'}/") and "No space left on device (free some space)" in line
    assert line.endswith("every file is either as before or as generated: fix this and render again")
    new = compiled(variants["changed"], out)
    assert_old_or_new(out / "saas", {k: v for k, v in old.items() if k not in user and k != MANIFEST}, new, user)
    assert render(variants["changed"], out, "--check").exit_code == 1
    assert render(variants["changed"], out).exit_code == 0
    assert_exactly(out / "saas", new, user)
    assert (out / LOCK).is_file()
