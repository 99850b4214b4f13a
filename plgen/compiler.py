"""The whole pipeline in one place: load -> validate -> construct -> emit.

``compile_paths`` is what ``plgen render`` runs: every blueprint is loaded and
validated first (so one bad file stops the run before anything is written),
then all are built in one cdktf app (one jsii runtime for the whole
catalogue), then emitted as text. Writing is the caller's choice: render
writes, ``--check`` compares, tests inspect.
"""

from __future__ import annotations

import importlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from plgen.blueprint import load_source, validate
from plgen.blueprint.model import Blueprint
from plgen.emit.layout import files_for
from plgen.errors import BlueprintError

if TYPE_CHECKING:
    from plgen.patterns import Compiled

_patterns_import: Future[ModuleType] | None = None


def _patterns() -> Future[ModuleType]:
    """``plgen.patterns``, imported on a background thread the first time.

    The patterns import cdktf, whose jsii runtime starts a Node process and
    loads its assemblies (about a second, mostly spent waiting on Node).
    Reading YAML and checking the model need none of it, so ``load_all``
    starts the import first and waits for it only when it needs a pattern's
    rules: at a thousand consumers the two overlap almost completely.
    """
    global _patterns_import
    if _patterns_import is None:
        pool = ThreadPoolExecutor(1, thread_name_prefix="plgen-import")
        _patterns_import = pool.submit(importlib.import_module, "plgen.patterns")
        pool.shutdown(wait=False)
    return _patterns_import


def patterns() -> dict:
    """The pattern registry (``plgen.patterns.PATTERNS``), waiting for its import if needed."""
    return _patterns().result().PATTERNS


@dataclass
class Output:
    """One compiled blueprint and the files it renders to (relative to its folder)."""

    source: Path
    compiled: Compiled
    files: dict[str, str]

    @property
    def name(self) -> str:
        return self.compiled.blueprint.name


def load_all(paths: list[Path]) -> list[tuple[Path, Blueprint]]:
    """Load and validate every file; raise one ``BlueprintError`` with all problems of all files."""
    _patterns()
    loaded, problems = [], []
    for path in paths:
        try:
            source = load_source(path)
            loaded.append((path, validate(source, lambda bp: patterns()[bp.pattern].rules), source))
        except BlueprintError as exc:
            problems.extend(exc.problems)
    names: dict[str, Path] = {}
    for path, bp, source in loaded:
        if bp.name in names:
            problems.append(
                source.problem(("name",), f"blueprint name '{bp.name}' is also used by {names[bp.name]}", "names are output folders; make them unique")
            )
        names.setdefault(bp.name, path)
    if problems:
        raise BlueprintError(problems)
    return [(path, bp) for path, bp, _ in loaded]


def build(blueprints: list[tuple[Path, Blueprint]], formats: tuple[str, ...] = ("json",)) -> list[Output]:
    """Construct and emit every blueprint in one cdktf app."""
    from plgen.terraform import new_app  # starts the jsii runtime; only when there is work

    app = new_app()
    outputs = []
    for path, bp in blueprints:
        compiled = patterns()[bp.pattern].compile(app, bp)
        outputs.append(Output(path, compiled, files_for(compiled, formats)))
    return outputs


def compile_paths(paths: list[Path], formats: tuple[str, ...] = ("json",)) -> list[Output]:
    return build(load_all(paths), formats)
