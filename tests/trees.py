"""Test helpers: one blueprint's files written into a folder, and a folder read back (the writer's own API is ``write_trees``)."""

from __future__ import annotations

from pathlib import Path

from plgen.emit.atomic import TMP
from plgen.emit.lock import LOCK
from plgen.emit.writer import Summary, write_trees


def write_tree(out: Path, name: str, files: dict[str, str]) -> Summary:
    """Render one blueprint's ``files`` into ``out/name``."""
    return write_trees(out, [(name, files)])[name]


def read_tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` as relative path -> text, for comparisons.

    Left out: Terraform's working files (state, ``.terraform*``) and plgen's
    lock and temporary files, which say nothing about the output.
    """
    if not root.is_dir():
        return {}
    return {
        str(path.relative_to(root).as_posix()): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and ".terraform" not in path.parts
        and not path.name.startswith(".terraform")
        and not path.name.endswith((".tfstate", ".tfstate.backup", TMP))
        and path.name != LOCK
    }
