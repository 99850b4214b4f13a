"""Every semantic rule plgen has is shown to a user by at least one bad-corpus fixture.

A rule that no fixture triggers has no golden message: its wording, its
location and even whether it runs are untested. The rules are collected from
the modules, not from a registration list, so a rule that was written but
never registered (or moved to another module) is still found and must still
have a fixture.

Collected from: every module of ``plgen.blueprint.rules`` and of
``plgen.features`` (if that package exists), and the ``rules`` of the pattern
classes in ``plgen.patterns`` when those import (they pull in cdktf). A rule is
covered by a fixture when its check finds something in that fixture's
schema-valid blueprint and the fixture's ``expected`` holds that message, i.e.
``plgen validate`` reports it (``test_bad_corpus.py`` checks ``expected``).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from pydantic import ValidationError

from plgen.blueprint.loader import load_source
from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Rule
from plgen.errors import BlueprintError

BAD = Path(__file__).resolve().parents[1] / "bad"
RULE_PACKAGES = ("plgen.blueprint.rules", "plgen.features")


def _modules(package: str) -> Iterator[ModuleType]:
    try:
        root = importlib.import_module(package)
    except ModuleNotFoundError as exc:
        if exc.name == package:  # the package does not exist (yet): nothing to collect
            return
        raise
    yield root
    for info in pkgutil.walk_packages(getattr(root, "__path__", []), f"{package}."):
        yield importlib.import_module(info.name)


def _pattern_modules() -> Iterator[ModuleType]:
    try:
        patterns = importlib.import_module("plgen.patterns")
    except ImportError:  # cdktf (or jsii) missing: the rules they use are in RULE_PACKAGES anyway
        return
    yield patterns
    for info in pkgutil.walk_packages(patterns.__path__, "plgen.patterns."):
        try:
            yield importlib.import_module(info.name)
        except ImportError:
            continue


def _rules_in(module: ModuleType) -> Iterator[Rule]:
    for value in vars(module).values():
        if isinstance(value, Rule):
            yield value
        elif isinstance(value, list | tuple):
            yield from (v for v in value if isinstance(v, Rule))
        elif inspect.isclass(value) and isinstance(getattr(value, "rules", None), tuple | list):
            yield from (v for v in value.rules if isinstance(v, Rule))


def _unique(rules) -> tuple[Rule, ...]:
    found: dict[int, Rule] = {id(rule): rule for rule in rules}
    return tuple(sorted(found.values(), key=lambda r: r.slug))


@cache
def module_rules() -> tuple[Rule, ...]:
    """Rules defined or listed in the rule packages (no cdktf: cheap enough to parametrize over)."""
    return _unique(rule for package in RULE_PACKAGES for module in _modules(package) for rule in _rules_in(module))


@cache
def pattern_rules() -> tuple[Rule, ...]:
    """The ``rules`` of the pattern classes; empty if the patterns cannot be imported here."""
    return _unique(rule for module in _pattern_modules() for rule in _rules_in(module))


@cache
def fixtures() -> dict[str, tuple[Blueprint, str]]:
    """Schema-valid fixtures: slug -> (blueprint, expected text). Load or schema errors are not semantic."""
    out = {}
    for folder in sorted(p for p in BAD.iterdir() if (p / "blueprint.yaml").is_file()):
        try:
            source = load_source(folder / "blueprint.yaml")
            blueprint = Blueprint.model_validate(source.data)
        except (BlueprintError, ValidationError):
            continue
        out[folder.name] = (blueprint, (folder / "expected").read_text())
    return out


def covering(rule: Rule) -> list[str]:
    """Fixtures where ``rule`` finds a problem that the fixture's ``expected`` says plgen reports."""
    return [
        name for name, (blueprint, expected) in fixtures().items() if any(finding.message in expected for finding in rule.check(blueprint))
    ]


def test_rules_are_found_and_each_slug_names_one_rule():
    rules = _unique([*module_rules(), *pattern_rules()])
    assert rules, "no rules collected"
    registered = getattr(importlib.import_module("plgen.blueprint.rules"), "RULES", None)
    if registered is not None:  # while a registration list exists, the collector must see all of it
        assert set(map(id, registered)) <= set(map(id, rules)), "the collector misses registered rules"
    slugs = [rule.slug for rule in rules]
    assert len(slugs) == len(set(slugs)), f"two rules share a slug: {sorted(s for s in slugs if slugs.count(s) > 1)}"


def _uncovered_message(rule: Rule) -> str:
    return (
        f"no tests/bad/ fixture triggers rule {rule.slug!r} ({rule.summary}); add tests/bad/{rule.slug}/blueprint.yaml "
        f"and generate its expected with PLGEN_UPDATE_GOLDEN=1 pytest tests/blueprint/test_bad_corpus.py -k {rule.slug}"
    )


@pytest.mark.parametrize("rule", module_rules(), ids=lambda rule: rule.slug)
def test_rule_is_triggered_by_a_bad_corpus_fixture(rule):
    assert covering(rule), _uncovered_message(rule)


def test_every_pattern_rule_is_triggered_by_a_bad_corpus_fixture():
    """Pattern classes may hold rules defined outside the rule packages; those need fixtures too."""
    rules = pattern_rules()
    if not rules:
        pytest.skip("plgen.patterns does not import here (cdktf missing)")
    uncovered = [rule for rule in rules if not covering(rule)]
    assert not uncovered, "\n".join(map(_uncovered_message, uncovered))
