"""Concurrent renders into one ``--out`` are serialised by its lock: every tree stays whole (issue 13).

Twenty pairs of writer processes start at the same instant, each rendering a
different blueprint into the same folder ``saas/`` (the second has two more
modules), through ``write_trees``, the function ``plgen render`` calls. After
each pair the folder is exactly one of the two renders (every file equal to
that render's, no module without its ``main.tf``, no file of the other render
left) and the user's files are untouched. The compile step, which takes the
lock only after it is done, is left out so that the writes really collide;
``test_a_real_render_waits_for_the_lock`` shows the CLI takes the same lock.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from plgen.cli import main
from plgen.compiler import compile_paths
from plgen.emit.layout import FORMATS
from plgen.emit.lock import LOCK, LOCK_TIMEOUT
from tests.trees import write_tree
from tests.emit.user_files import REPO, USER_FILES, add_user_files, encoded, snapshot

SAAS = REPO / "blueprints" / "saas.yaml"
PAIRS = 20

WRITER = """
import json, sys, time
from pathlib import Path
from plgen.emit.writer import write_trees
out, files, ready, go = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text()), Path(sys.argv[3]), Path(sys.argv[4])
ready.touch()
while not go.exists():  # both imported and ready: then both write at once
    time.sleep(0.001)
write_trees(out, [("saas", files)])
"""


@pytest.fixture(scope="module")
def two_renders(tmp_path_factory) -> dict[str, dict[str, str]]:
    folder = tmp_path_factory.mktemp("two")
    peered = folder / "peered.yaml"
    peered.write_text((REPO / "blueprints" / "inter-region-consumer.yaml").read_text().replace("name: inter-region-consumer\n", "name: saas\n", 1))
    return {"saas": compile_paths([SAAS], FORMATS)[0].files, "peered": compile_paths([peered], FORMATS)[0].files}


def generated(tree: dict[str, bytes]) -> dict[str, bytes]:
    return {k: v for k, v in tree.items() if k not in USER_FILES and k != ".plgen-manifest.json"}


def test_twenty_pairs_of_concurrent_renders_leave_every_tree_whole(tmp_path, two_renders):
    sources = {}
    for key, files in two_renders.items():
        sources[key] = tmp_path / f"{key}.json"
        sources[key].write_text(json.dumps(files))
    expected = {key: encoded(files) for key, files in two_renders.items()}
    assert expected["saas"].keys() != expected["peered"].keys()
    out = tmp_path / "out"
    write_tree(out, "saas", two_renders["saas"])
    user = add_user_files(out / "saas")
    waited, winners = 0, {"saas": 0, "peered": 0}
    started = time.perf_counter()
    for pair in range(PAIRS):
        order = ("saas", "peered") if pair % 2 else ("peered", "saas")
        go = tmp_path / f"go-{pair}"
        ready = [tmp_path / f"ready-{pair}-{key}" for key in order]
        processes = [
            subprocess.Popen([sys.executable, "-c", WRITER, str(out), str(sources[key]), str(flag), str(go)], cwd=REPO, stderr=subprocess.PIPE, text=True)
            for key, flag in zip(order, ready, strict=True)
        ]
        deadline = time.monotonic() + 60
        while not all(flag.exists() for flag in ready) and time.monotonic() < deadline:
            time.sleep(0.001)
        go.touch()
        errors = [p.communicate(timeout=120)[1] for p in processes]
        assert [p.returncode for p in processes] == [0, 0], errors
        waited += sum("waiting for another plgen render" in e for e in errors)
        tree = snapshot(out / "saas")
        (winner,) = [key for key in expected if generated(tree) == expected[key]]  # exactly one whole render, nothing of the other
        winners[winner] += 1
        modules = {k.rsplit("/", 1)[0] for k in expected[winner] if "/modules/" in k and k.rsplit("/", 1)[1] in ("main.tf", "main.tf.json")}
        assert all(f"{m}/main.tf.json" in tree or f"{m}/main.tf" in tree for m in modules)
        assert {k: tree.get(k) for k in user} == user
    elapsed = time.perf_counter() - started
    print(f"{PAIRS} pairs in {elapsed:.1f} s: last writer {winners}, the second waited for the lock in {waited} pair(s)")
    assert waited >= PAIRS // 2  # the writes really overlapped


def test_a_real_render_waits_for_the_lock_then_finishes(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with open(out / LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        process = subprocess.Popen(
            [sys.executable, "-m", "plgen.cli", "render", str(SAAS), "--out", str(out)], cwd=REPO, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        line = process.stderr.readline()  # compiled, now waiting
        assert line.startswith(f"waiting for another plgen render to finish with {out}/ (lock {out / LOCK}, up to 60 s)")
        time.sleep(0.5)
        assert not (out / "saas").exists()
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert (out / "saas" / "json" / "main.tf.json").is_file()


def test_a_lock_held_too_long_is_one_line_and_nothing_is_written(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with open(out / LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        os.environ[LOCK_TIMEOUT] = "0.3"
        try:
            result = CliRunner().invoke(main, ["render", str(SAAS), "--out", str(out)])
        finally:
            del os.environ[LOCK_TIMEOUT]
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"error: {out / LOCK}: another plgen render held this lock for 0.3 s; nothing was written (let it finish, or set {LOCK_TIMEOUT} to wait longer)"
    )
    assert sorted(p.name for p in out.iterdir()) == [LOCK]
