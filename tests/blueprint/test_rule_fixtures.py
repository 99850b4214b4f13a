"""Every semantic rule plgen has is shown to a user by at least one bad-corpus fixture.

A rule that no fixture triggers has no golden message: its wording, its
location and even whether it runs are untested. The rules are collected from
the modules, not from a registration list, so a rule that was written but
never registered (or moved to another module) is still found and must still
have a fixture.

Collected from every module of ``plgen.blueprint.rules``, ``plgen.features``
and ``plgen.patterns`` (none imports cdktf; a module that fails to import is
skipped): module-level rules, rules in lists, tuples and dicts, and rules held
by plgen objects there (a feature's or pattern's ``rules``, a pattern's
feature ``gate``). A rule is covered by a fixture when its check finds
something in that fixture's schema-valid blueprint and the fixture's
``expected`` holds that message, i.e. ``plgen validate`` reports it
(``test_bad_corpus.py`` checks ``expected``); a rule of another pattern that
happens to match finds a message the fixture does not expect.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import ValidationError

from plgen.blueprint.loader import load_source
from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Rule
from plgen.errors import BlueprintError

BAD = Path(__file__).resolve().parents[1] / "bad"
RULE_PACKAGES = ("plgen.blueprint.rules", "plgen.features", "plgen.patterns")


def _modules(package: str) -> Iterator[ModuleType]:
    try:
        root = importlib.import_module(package)
    except ModuleNotFoundError as exc:
        if exc.name == package:  # the package does not exist (yet): nothing to collect
            return
        raise
    yield root
    for info in pkgutil.walk_packages(getattr(root, "__path__", []), f"{package}."):
        try:
            yield importlib.import_module(info.name)
        except ImportError:  # e.g. a module that needs cdktf: not a rule module
            continue


def _rules_in(value: Any, depth: int = 3) -> Iterator[Rule]:
    """Rules in ``value``: itself, its items, or the attributes of a plgen object (a Feature, a Pattern)."""
    if isinstance(value, Rule):
        yield value
    elif depth == 0 or isinstance(value, str | bytes | ModuleType) or inspect.isroutine(value):
        return
    elif isinstance(value, dict):
        for item in value.values():
            yield from _rules_in(item, depth - 1)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _rules_in(item, depth - 1)
    elif type(value).__module__.startswith("plgen.") and hasattr(value, "__dict__"):
        for item in vars(value).values():
            yield from _rules_in(item, depth - 1)


@cache
def all_rules() -> tuple[Rule, ...]:
    found: dict[int, Rule] = {}
    for package in RULE_PACKAGES:
        for module in _modules(package):
            for value in vars(module).values():
                for rule in _rules_in(value):
                    found.setdefault(id(rule), rule)
    return tuple(sorted(found.values(), key=lambda r: r.slug))


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
    rules = all_rules()
    assert rules, "no rules collected"
    registered = getattr(importlib.import_module("plgen.blueprint.rules"), "RULES", None)
    if registered is not None:  # while a registration list exists, the collector must see all of it
        assert set(map(id, registered)) <= set(map(id, rules)), "the collector misses registered rules"
    slugs = [rule.slug for rule in rules]
    assert len(slugs) == len(set(slugs)), f"two rules share a slug: {sorted(s for s in slugs if slugs.count(s) > 1)}"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.slug)
def test_rule_is_triggered_by_a_bad_corpus_fixture(rule):
    assert covering(rule), (
        f"no tests/bad/ fixture triggers rule {rule.slug!r} ({rule.summary}); add tests/bad/{rule.slug}/blueprint.yaml "
        f"and generate its expected with PLGEN_UPDATE_GOLDEN=1 pytest tests/blueprint/test_bad_corpus.py -k {rule.slug}"
    )
