"""``plgen rules`` lists every rule a blueprint can be refused by, with what it checks and where its code is."""

from __future__ import annotations

import json

from click.testing import CliRunner

from plgen.blueprint.rules import RULES
from plgen.cli import main
from plgen.features import FEATURES
from plgen.patterns import PATTERNS
from tests.conftest import REPO


def every_registered_rule():
    yield from RULES
    for feature in FEATURES.values():
        yield from feature.rules
    for pattern in PATTERNS.values():
        yield pattern.gate
        yield from pattern.rules
        for variant in pattern.variants:
            yield from variant.rules


def listed() -> list[dict]:
    result = CliRunner().invoke(main, ["rules", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_every_rule_of_every_registry_is_listed_once_with_its_summary():
    entries = listed()
    by_slug = {e["slug"]: e for e in entries}
    assert len(by_slug) == len(entries), "a slug names two rules"
    for rule in every_registered_rule():
        assert rule.slug in by_slug, rule.slug
        assert by_slug[rule.slug]["summary"] == rule.summary and rule.summary


def test_each_rule_says_where_it_runs_and_its_file_defines_it():
    entries = {e["slug"]: e for e in listed()}
    assert entries["endpoint-sources"]["scopes"] == ["common"]
    assert entries["endpoint-sources"]["source"] == "plgen/blueprint/rules/endpoint_sources.py"
    assert entries["saas-features"]["scopes"] == ["pattern saas"] and entries["saas-features"]["source"] == "plgen/patterns/base.py"
    for slug, feature in FEATURES.items():
        for rule in feature.rules:
            assert f"feature {slug}" in entries[rule.slug]["scopes"]
    for entry in entries.values():
        source = REPO / entry["source"]
        assert source.is_file() and f'"{entry["slug"]}"' in source.read_text() or entry["slug"].endswith("-features"), entry


def test_the_text_listing_is_one_line_per_rule_and_the_same_every_run():
    first = CliRunner().invoke(main, ["rules"])
    second = CliRunner().invoke(main, ["rules"])
    assert first.exit_code == 0 and first.output == second.output
    lines = first.output.splitlines()
    assert lines[-1] == f"{len(listed())} rules" and len(lines) == len(listed()) + 1
    assert any(line.startswith("sources-not-internet ") and line.endswith("[plgen/blueprint/rules/sources_not_internet.py]") for line in lines)
