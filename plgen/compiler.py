"""The whole pipeline in one place: load -> validate -> build -> emit.

``load_all`` reads and checks blueprints and needs no Node: the rules, the
features and the patterns import no cdktf, so ``plgen validate`` never starts
jsii. ``compile_paths`` is what ``plgen render``, ``docs`` and ``graph`` run:
every blueprint is loaded and validated first (so one bad file stops the run
before anything is built), then all are built in one cdktf app (one jsii
runtime for the whole catalogue) into records (``plgen.records``); files are
emitted only when formats are asked for. Writing is the caller's choice.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from dataclasses import dataclass, field
from types import ModuleType

from plgen.blueprint import load_source, validate
from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules import RULES, Rule
from plgen.errors import BlueprintError, Problem
from plgen.patterns import PATTERNS
from plgen.records import Output
from plgen.terraform import engine

_build_import: Future[ModuleType] | None = None


def _start_build_import() -> Future[ModuleType]:
    """``plgen.assemble``, imported on a background thread the first time, and the CDK engine started (``engine.start``).

    The engine's start is mostly a wait on Node; reading YAML and checking the
    model need none of it, so a command that will build starts both first and
    waits for them only when it builds.
    """
    global _build_import
    engine.start()
    if _build_import is None:
        pool = ThreadPoolExecutor(1, thread_name_prefix="plgen-import")
        _build_import = pool.submit(importlib.import_module, "plgen.assemble")
        pool.shutdown(wait=False)
    return _build_import


def rules_for(bp: Blueprint):
    """The semantic rules of ``bp``: common, its pattern's feature gate, its features', its pattern's own."""
    return PATTERNS[bp.pattern].checks(bp)


@dataclass(frozen=True)
class RuleEntry:
    """One rule as ``plgen rules`` lists it: what it checks, where it runs, where its code is."""

    slug: str
    summary: str
    scopes: tuple[str, ...]  # "common", "feature <slug>", "pattern <slug>", "pattern <slug> (connectivity <c>)"
    source: str  # the file that defines the check, from the repository root (plgen/blueprint/rules/<rule>.py)


def rule_catalogue() -> list[RuleEntry]:
    """Every semantic rule of every registry, once, in the order they run: common, features (by slug), patterns (catalogue order).

    A rule listed in several places (a feature's rule two patterns share) is
    one entry naming every scope. The patterns' feature gates are listed with
    their pattern. Deterministic: no registry order depends on import timing.
    """
    from plgen.features import FEATURES

    scopes: dict[Rule, list[str]] = {}

    def add(rule: Rule, scope: str) -> None:
        scopes.setdefault(rule, [])
        if scope not in scopes[rule]:
            scopes[rule].append(scope)

    for rule in RULES:
        add(rule, "common")
    for slug in sorted(FEATURES):
        for rule in FEATURES[slug].rules:
            add(rule, f"feature {slug}")
    for pattern in sorted(PATTERNS.values(), key=lambda p: p.order):
        for rule in (*([pattern.gate] if pattern.gate else []), *pattern.rules):
            add(rule, f"pattern {pattern.slug}")
        for variant in pattern.variants:
            for rule in variant.rules:
                add(rule, f"pattern {pattern.slug} (connectivity {variant.connectivity})")
    root = Path(__file__).resolve().parent.parent
    entries = []
    for rule, where in scopes.items():
        source = Path(inspect.getsourcefile(rule.check) or "").resolve()
        entries.append(RuleEntry(rule.slug, rule.summary, tuple(where), source.relative_to(root).as_posix() if source.is_relative_to(root) else source.as_posix()))
    return entries


def load_all(paths: list[Path]) -> list[tuple[Path, Blueprint]]:
    """Load and validate every file; raise one ``BlueprintError`` with all problems of all files."""
    loaded, problems = [], []
    for path in paths:
        try:
            source = load_source(path)
            loaded.append((path, validate(source, rules_for, PATTERNS), source))
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


def source_label(path: Path, project: Path | None = None) -> str:
    """How generated files name a blueprint: its path relative to ``project`` (default: the current folder).

    A blueprint outside ``project`` is named by its absolute path.

    ``plgen render`` and ``plgen docs`` pass the folder that holds their
    ``--out`` (for ``modules_out`` and ``docs``, the repository), so the files
    name ``blueprints/saas.yaml`` from whatever folder plgen runs in, and stay
    byte-identical run after run.
    """
    resolved, root = path.resolve(), (project or Path.cwd()).resolve()
    return resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else resolved.as_posix()


def build(
    blueprints: list[tuple[Path, Blueprint]], formats: tuple[str, ...] = (), project: Path | None = None, meanwhile: Callable[[], None] | None = None
) -> list[Output]:
    """Build every blueprint in one cdktf app; emit files in ``formats`` (none: records only).

    ``meanwhile`` runs first, before the engine is waited for: work the caller needs later anyway (the proof's
    parser, for ``plgen render``) done while Node starts, when this thread would otherwise only wait.
    """
    from plgen.emit.layout import files_for
    from plgen.terraform import new_app  # starts the jsii runtime; only when there is work

    if meanwhile is not None:
        meanwhile()

    compile_blueprint = _start_build_import().result().compile_blueprint
    app = new_app()
    outputs = []
    for path, bp in blueprints:
        compiled = compile_blueprint(app, bp)
        label = source_label(path, project)
        outputs.append(Output(path, compiled, files_for(compiled, formats, label) if formats else {}, label))
    return outputs


def compile_paths(paths: list[Path], formats: tuple[str, ...] = (), project: Path | None = None, meanwhile: Callable[[], None] | None = None) -> list[Output]:
    _start_build_import()
    return build(load_all(paths), formats, project, meanwhile)


@dataclass(frozen=True)
class PathWarnings:
    """What ``prove_paths`` says about weak paths: the open warnings, those a blueprint accepted, and acceptances that match none.

    ``open`` are printed one by one; ``settled`` (each with the blueprint's
    reason) are counted in one summary line, so a deliberate weakness is said
    once and not on every render; ``unused`` names an ``accept_warnings`` entry
    whose hop has no warning on its endpoint (a typo, or a weakness since fixed),
    printed as a warning so a stale reason does not outlive its cause.
    """

    open: list[Problem] = field(default_factory=list)
    settled: list[tuple[Problem, str]] = field(default_factory=list)
    unused: list[Problem] = field(default_factory=list)

    def summary(self) -> str | None:
        """One line counting the settled warnings per blueprint file, or None."""
        if not self.settled:
            return None
        per_file: dict[str, int] = {}
        for problem, _ in self.settled:
            per_file[problem.file] = per_file.get(problem.file, 0) + 1
        files = ", ".join(f"{name}: {count}" for name, count in sorted(per_file.items()))
        count = len(self.settled)
        return f"{count} path warning{'s' if count != 1 else ''} accepted in the blueprints with a reason (accept_warnings; {files}); `plgen paths` shows them"


class _LazySource:
    """A blueprint's source with positions (``load_source``), read the first time a problem is located in it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._source = None

    def problem(self, at: tuple, message: str, hint: str | None = None) -> Problem:
        if self._source is None:
            self._source = load_source(self.path)
        return self._source.problem(at, message, hint)


def prove_paths(outputs: list[Output]) -> PathWarnings:
    """Prove every consumer path of the compiled blueprints; raise ``BlueprintError`` for a failing one.

    A failing hop is located at the consumer's endpoint in its blueprint and
    names the service, listener and hop; warnings are returned, located alike,
    split by the endpoint's ``accept_warnings`` (by hop) into open and settled.
    """
    from plgen.interfaces.consumer import endpoint_key
    from plgen.interfaces.resource_consumer import resource_endpoint_key
    from plgen.paths import FAIL, WARN, Root, prove

    failures, warnings, settled, used = [], [], [], set()
    unused = []
    for output in outputs:
        bp = output.compiled.blueprint
        source = _LazySource(output.source)  # read again with positions only to locate a problem
        index = {(c.name, endpoint_key(bp, e)): (i, j) for i, c in enumerate(bp.consumers) for j, e in enumerate(c.endpoints)}
        accepted = {(i, j, a.hop): a.reason for i, c in enumerate(bp.consumers) for j, e in enumerate(c.endpoints) for a in e.accept_warnings}
        # A customer of another organisation (external_consumers) is located, and its warnings settled, at its entry.
        customers = {
            (c.name, f"{p.name}/{s.name}"): ("providers", i, "services", j, "endpoint_service", "external_consumers", k)
            for i, p in enumerate(bp.providers)
            for j, s in enumerate(p.services)
            for k, c in enumerate(s.endpoint_service.external_consumers)
        }
        accepted |= {
            (at, a.hop): a.reason
            for at in customers.values()
            for a in bp.providers[at[1]].services[at[3]].endpoint_service.external_consumers[at[6]].accept_warnings
        }
        # Resource-access paths are located at their resource endpoint (or service-network endpoint), which take no accept_warnings.
        where = {(c.name, resource_endpoint_key(bp, e)): ("consumers", i, "resource_endpoints", j) for i, c in enumerate(bp.consumers) for j, e in enumerate(c.resource_endpoints)}
        position = {c.name: k for k, c in enumerate(bp.consumers)}
        for path in prove(Root.modules(output.compiled.modules, output.compiled.inputs)):
            i, j = index.get((path.consumer, path.endpoint), (0, 0))
            customer = customers.get((path.consumer, path.endpoint)) if (path.consumer, path.endpoint) not in index else None
            at = customer or where.get((path.consumer, path.endpoint)) or (
                ("consumers", position[path.consumer], "service_network_endpoint")
                if path.consumer in position and path.endpoint.endswith(" (service network)")
                else ("consumers", i, "endpoints", j)
            )
            for hop in path.hops:
                if hop.status == FAIL:
                    failures.append(source.problem(at, f"path to {path.endpoint} {path.listener} fails at {hop.name}: {hop.reason}"))
                elif hop.status == WARN:  # once per endpoint and weakness, whatever the listener
                    problem = source.problem(at, f"path to {path.endpoint} is weak at {hop.name}: {hop.reason}")
                    key = (customer, hop.name) if customer else (i, j, hop.name)
                    reason = accepted.get(key)
                    if reason is None:
                        warnings.append(problem)
                    else:
                        settled.append((problem, reason))
                        used.add(key)
        for i, consumer in enumerate(bp.consumers):
            for j, endpoint in enumerate(consumer.endpoints):
                for k, accept in enumerate(endpoint.accept_warnings):
                    if (i, j, accept.hop) not in used:
                        where = ("consumers", i, "endpoints", j, "accept_warnings", k, "hop")
                        unused.append(source.problem(where, f"no path of this endpoint is weak at '{accept.hop}'", "remove this entry (its weakness is gone, or the hop is misspelt)"))
        for at in customers.values():
            for k, accept in enumerate(bp.providers[at[1]].services[at[3]].endpoint_service.external_consumers[at[6]].accept_warnings):
                if (at, accept.hop) not in used:
                    unused.append(source.problem((*at, "accept_warnings", k, "hop"), f"no path of this customer is weak at '{accept.hop}'", "remove this entry (its weakness is gone, or the hop is misspelt)"))
    if failures:
        raise BlueprintError(failures)
    return PathWarnings(sorted(set(warnings)), sorted(set(settled)), sorted(set(unused)))
