"""Write compiled trees so that an error or a kill never leaves a half-written module.

Each blueprint's tree is written in full to a staging directory beside its
target, then swapped in with renames. If the process dies between the two
renames, the next run finds ``.<name>.previous`` and restores it before doing
anything else, so the output is always either the old tree or the new one.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

PREVIOUS = ".{}.previous"
PAUSE = "PLGEN_TEST_PAUSE_AT"


def _pause(point: str) -> None:
    """Test hook: stop at ``point`` ("staged" or "swapping") so a test can kill the process there.

    Set ``PLGEN_TEST_PAUSE_AT=<point>``; plgen prints ``paused at <point>`` to
    stderr and sleeps. Unset (always, outside tests) it does nothing.
    """
    if os.environ.get(PAUSE) == point:
        print(f"paused at {point}", file=sys.stderr, flush=True)
        time.sleep(600)


def recover(out: Path) -> None:
    """Undo a swap interrupted by a kill: put every ``.<name>.previous`` back."""
    if not out.is_dir():
        return
    for leftover in out.glob(".*.previous"):
        target = out / leftover.name[1 : -len(".previous")]
        if target.exists():
            shutil.rmtree(leftover)
        else:
            leftover.rename(target)
    for staging in out.glob(".staging-*"):
        shutil.rmtree(staging, ignore_errors=True)


def write_tree(out: Path, name: str, files: dict[str, str]) -> None:
    """Replace ``out/name`` with exactly ``files`` (relative path -> text)."""
    out.mkdir(parents=True, exist_ok=True)
    recover(out)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        tree = staging / name
        for relative, text in files.items():
            path = tree / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        for path in tree.rglob("*"):
            if path.is_file():
                with open(path, "rb") as handle:
                    os.fsync(handle.fileno())
        target = out / name
        previous = out / PREVIOUS.format(name)
        _pause("staged")
        if target.exists():
            target.rename(previous)
            _pause("swapping")
        tree.rename(target)
        if previous.exists():
            shutil.rmtree(previous)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def read_tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` as relative path -> text (for drift checks)."""
    if not root.is_dir():
        return {}
    return {
        str(path.relative_to(root).as_posix()): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and ".terraform" not in path.parts
        and not path.name.startswith(".terraform")
        and not path.name.endswith((".tfstate", ".tfstate.backup"))
    }
