"""Drift: how ``--out`` differs from what the blueprints compile to (``plgen render --check``); writes nothing."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from plgen.emit.lock import locked
from plgen.emit.manifest import MANIFEST, format_of
from plgen.emit.output import OutputError, os_error
from plgen.emit.writer import plan_render


def check_trees(out: Path, trees: Iterable[tuple[str, dict[str, str], str]]) -> list[str]:
    """Drift between ``out`` and ``(name, files, source)``, one line each; writes nothing.

    Only plgen's files are drift: a generated file missing or different, a file
    the manifest lists that the blueprint no longer produces, a missing or
    out-of-date manifest, an interrupted render. Files plgen did not write
    (state, lock files, ``.terraform/``, backend and override files, anything
    else) are not.
    """
    problems: list[str] = []
    with locked(out, exclusive=False) if out.is_dir() else _nothing():
        for name, files, source in trees:
            try:
                problems += _check_one(out, name, files, source)
            except OutputError as exc:
                problems.append(str(exc).removesuffix("; nothing was written"))
            except OSError as exc:
                problems.append(str(os_error(exc, out / name, "cannot check")))
    return problems


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _check_one(out: Path, name: str, files: dict[str, str], source: str) -> list[str]:
    plan = plan_render(out, name, files)
    root = plan.paths.root
    problems = [f"{root / rel} {'differs' if os.path.lexists(root / rel) else 'is missing'}" for rel in plan.write]
    problems += [f"{root / rel} is not produced by {source} (plgen wrote it; render removes it)" for rel in plan.stale]
    problems += [f"{root / rel} is not produced by {source} and has changed since plgen wrote it (render keeps it as yours)" for rel in plan.kept]
    formats = {format_of(rel) for rel in plan.data}
    if plan.old_text is None:
        problems.append(f"{root / MANIFEST} is missing (render writes it: the list of files plgen wrote, so that it never deletes yours)")
    elif any(format_of(rel) in formats for rel in plan.old.writing) or plan.leftovers:
        problems.append(f"{root}: a render was interrupted here; run plgen render to finish it")
    elif not problems and plan.old_text != plan.final.text():
        problems.append(f"{root / MANIFEST} differs")
    return problems
