"""A render SIGKILLed at any of the writer's dangerous moments leaves every file old or new, and the next run finishes.

``plgen render`` runs as a real process through ``paused_render.py``, which
wraps the writer's ``os.replace`` / ``os.unlink`` / ``os.rmdir`` / ``os.write``
from the test side (the production writer has no test hook), stops just before
the chosen call and is killed there. The folder already holds a rendered tree
and files a user and Terraform put there (state, lock file, ``.terraform/``,
backend and override files). After the kill each generated file has its old or
its new bytes, none that both renders produce is missing, and every user file is
untouched; ``--check`` reports drift; a normal render then leaves exactly the new
tree beside the user's files, and ``--check`` is clean.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from plgen.cli import main
from plgen.compiler import compile_paths
from plgen.emit.layout import FORMATS
from plgen.emit.manifest import MANIFEST
from tests.trees import write_tree
from tests.emit.user_files import REPO, USER_FILES, add_user_files, assert_exactly, assert_old_or_new, encoded, run_paused, snapshot, trace

SAAS = REPO / "blueprints" / "saas.yaml"
INTER_REGION = REPO / "blueprints" / "inter-region-consumer.yaml"


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def blueprints(tmp_path_factory):
    """(old, new) blueprint pairs rendered into the same folder: a changed CIDR, and a pattern that drops two modules."""
    folder = tmp_path_factory.mktemp("blueprints")
    changed = folder / "saas.yaml"
    changed.write_text(SAAS.read_text().replace("10.20.0.0/16", "10.21.0.0/16"))
    dropped = folder / "inter-region-consumer.yaml"  # same folder name, saas pattern: no peering, no peer network
    dropped.write_text(SAAS.read_text().replace("name: saas\n", "name: inter-region-consumer\n", 1))
    return {"changed": (SAAS, changed), "dropped": (INTER_REGION, dropped)}


@pytest.fixture(scope="module")
def files(blueprints):
    """Blueprint path -> (folder name, files) compiled in this process."""
    paths = sorted({p for pair in blueprints.values() for p in pair})
    return {out.source: (out.name, out.files) for path in paths for out in compile_paths([path], FORMATS)}


def baseline(tmp_path: Path, old: tuple[str, dict[str, str]], user: dict[str, bytes]) -> Path:
    out = tmp_path / "baseline"
    name, generated = old
    write_tree(out, name, generated)
    add_user_files(out / name, user)
    return out


def kill_and_recover(
    tmp_path: Path,
    base: Path,
    blueprint: Path,
    name: str,
    old: dict[str, str],
    new: dict[str, str],
    user: dict[str, bytes],
    at: str,
    then_at: str | None = None,
):
    out = tmp_path / f"{at}-{then_at}".replace(":", "-")
    shutil.copytree(base, out, symlinks=True)
    run_paused(["render", str(blueprint), "--out", str(out)], at)
    assert_old_or_new(out / name, encoded(old), encoded(new), user)
    state = snapshot(out / name)
    if then_at:  # the next render is killed too
        run_paused(["render", str(blueprint), "--out", str(out)], then_at)
        assert_old_or_new(out / name, encoded(old), encoded(new), user)
    assert cli("render", str(blueprint), "--out", str(out), "--check").exit_code == 1
    result = cli("render", str(blueprint), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert_exactly(out / name, encoded(new), user)
    check = cli("render", str(blueprint), "--out", str(out), "--check")
    assert check.exit_code == 0, check.output
    return state


def test_kill_at_every_replace_of_a_re_render_leaves_old_or_new_files(tmp_path, blueprints, files):
    source, changed = blueprints["changed"]
    name, old = files[source]
    _, new = files[changed]
    base = baseline(tmp_path, (name, old), USER_FILES)
    ops = trace(["render", str(changed), "--out", str(shutil.copytree(base, tmp_path / "trace", symlinks=True))])
    replaces = [n for op, n, _ in ops if op == "replace"]
    assert len(replaces) >= 4  # the manifest's intent, at least two tfvars files, the final manifest
    for n in replaces:
        state = kill_and_recover(tmp_path, base, changed, name, old, new, USER_FILES, f"replace:{n}")
        if n == replaces[-1]:  # the kill really hit: every file new, the manifest still says "writing"
            assert {k: v for k, v in state.items() if k in new} == encoded(new)
            assert "writing" in json.loads(state[MANIFEST])
    kill_and_recover(tmp_path, base, changed, name, old, new, USER_FILES, "write:2")  # half-way through a temporary file
    kill_and_recover(tmp_path, base, changed, name, old, new, USER_FILES, f"replace:{replaces[len(replaces) // 2]}", then_at="replace:2")


def test_kill_while_removing_a_dropped_module_keeps_user_files(tmp_path, blueprints, files):
    source, dropped = blueprints["dropped"]
    name, old = files[source]
    _, new = files[dropped]
    assert any("/modules/peering/" in k for k in old) and not any("/modules/peering/" in k for k in new)
    user = {**USER_FILES, "json/modules/peering/notes.md": b"the user's own notes on peering\n"}
    base = baseline(tmp_path, (name, old), user)
    ops = trace(["render", str(dropped), "--out", str(shutil.copytree(base, tmp_path / "trace", symlinks=True))])
    replaces, unlinks, rmdirs = ([n for op, n, _ in ops if op == kind] for kind in ("replace", "unlink", "rmdir"))
    assert unlinks and rmdirs
    for at in (f"replace:{replaces[0]}", f"replace:{replaces[len(replaces) // 2]}", f"replace:{replaces[-1]}", "unlink:1", f"unlink:{unlinks[-1]}", "rmdir:1"):
        kill_and_recover(tmp_path, base, dropped, name, old, new, user, at)
    finished = tmp_path / f"{at}-None".replace(":", "-") / name
    assert sorted(p.name for p in (finished / "json" / "modules" / "peering").iterdir()) == ["notes.md"]
    assert not (finished / "hcl" / "modules" / "peering").exists()
