"""A render killed mid-way leaves ``modules_out/`` exactly as it was, and the next run recovers.

``plgen render`` is run as a real process and SIGKILLed at the writer's two
dangerous moments (``PLGEN_TEST_PAUSE_AT``): after the new tree is staged,
and between the two renames of the swap. The output folder is then compared
byte for byte with the tree from before the render.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from plgen.emit.writer import PAUSE, recover

REPO = Path(__file__).resolve().parents[2]
SAAS = REPO / "blueprints" / "saas.yaml"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file and folder under ``root`` (hidden ones too), with file bytes."""
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else b"<dir>") for p in sorted(root.rglob("*"))}


def render(blueprint: Path, out: Path, pause: str | None = None) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != PAUSE}
    if pause:
        env[PAUSE] = pause
    return subprocess.Popen(
        [sys.executable, "-m", "plgen.cli", "render", str(blueprint), "--out", str(out)], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )


def kill_at(blueprint: Path, out: Path, point: str) -> None:
    process = render(blueprint, out, point)
    try:
        for line in process.stderr:  # blocks until the writer reaches the pause point
            if line.strip() == f"paused at {point}":
                break
        else:
            pytest.fail(f"render never reached {point} (exit {process.wait()})")
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL


@pytest.fixture
def before(tmp_path) -> tuple[Path, Path, dict[str, bytes]]:
    """An output folder rendered from saas.yaml, a changed blueprint, and the folder's snapshot."""
    out = tmp_path / "modules_out"
    assert render(SAAS, out).wait(timeout=300) == 0
    changed = tmp_path / "saas.yaml"
    changed.write_text(SAAS.read_text().replace("10.20.0.0/16", "10.21.0.0/16"))
    return out, changed, snapshot(out)


def visible(tree: dict[str, bytes]) -> dict[str, bytes]:
    return {k: v for k, v in tree.items() if not k.startswith(".staging-")}


def test_kill_after_staging_leaves_the_previous_tree(before):
    out, changed, old = before
    kill_at(changed, out, "staged")
    assert visible(snapshot(out)) == old  # only the hidden staging folder is new
    recover(out)
    assert snapshot(out) == old


def test_kill_in_the_middle_of_the_swap_is_undone_by_the_next_run(before):
    out, changed, old = before
    kill_at(changed, out, "swapping")
    assert not (out / "saas").exists() and (out / ".saas.previous").is_dir()  # the kill really hit the swap
    recover(out)
    assert snapshot(out) == old
    kill_at(changed, out, "swapping")
    assert render(changed, out).wait(timeout=300) == 0  # a normal run recovers first, then swaps in the new tree
    new = snapshot(out)
    assert set(new) == set(old) and new != old
    assert b"10.21.0.0/16" in new["saas/json/terraform.tfvars.json"]
