"""Fuzzing the front end: a mutated blueprint is either valid or a located problem, never a crash.

Hypothesis starts from the catalogue (``blueprints/*.yaml``) and applies a few
mutations a hand-editing platform team could make: drop a key, duplicate a
list item, give a value another type, replace it with random text, grow a list
to hundreds of items, nest it deeply, or splice random characters into the
YAML text itself, merge a list item into another with a YAML merge key
(``<<: *anchor``), or write a tag of random characters. ``parse_source`` +
``validate`` must then return a
``Blueprint`` or raise ``BlueprintError`` whose every problem names the file,
a line and column inside the document, and a message. Anything else (a
``KeyError`` in a rule, a ``RecursionError``) is a bug the CLI would report as
exit 3. A merged document must read as its expansion (both paths), and a tag
key or value of characters AWS allows must be accepted, one with a character
AWS refuses must be a problem at that tag. ``plgen validate`` on the mutants
exits 0 or 2, never 3. A sample of the mutants that stay valid is rendered,
so the constructs accept whatever the validator lets through.

``PLGEN_FUZZ_EXAMPLES`` raises the example count for a longer local hunt;
CI runs the default, derandomized so a failure reproduces.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plgen.blueprint import fast_yaml, parse_source, validate
from plgen.blueprint.model import Blueprint
from plgen.cli import main
from plgen.compiler import build, rules_for
from plgen.errors import BlueprintError
from plgen.patterns import PATTERNS

REPO = Path(__file__).resolve().parents[2]
SEEDS = {p.stem: parse_source(p.read_text(), p.name).data for p in sorted((REPO / "blueprints").glob("*.yaml"))}
EXAMPLES = int(os.environ.get("PLGEN_FUZZ_EXAMPLES", "600"))
RENDER_SAMPLE = 2

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    text,
    st.sampled_from(
        ["${var.x}", "%{ if true }x%{ endif }", "0.0.0.0/0", "10.0.0.0/30", "10.0.0.0/28", "*", "use1-az1", "us-east-1a", "10.0.0.0/8", "", " ", "null", "~"]
    ),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(text, inner, max_size=4)), max_leaves=8)


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value in the document (the root excluded)."""
    found = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in items:
        found.append(prefix + (key,))
        found.extend(paths(child, prefix + (key,)))
    return found


def parent(doc: Any, path: tuple) -> Any:
    for part in path[:-1]:
        doc = doc[part]
    return doc


# Characters for tags: what AWS allows (letters and digits of any script, spaces, _ . : / = + - @) and what it refuses.
TAG_ALLOWED_ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _.:/=+-@"
TAG_REFUSED = "\"'\\#$%&*!?<>{}[]|~^`;,\t\n\x00\x1b"
tag_text = st.text(st.sampled_from([*TAG_ALLOWED_ASCII, *"éßøÄ日本語チーム١٢", *TAG_REFUSED, "🚀", "\u2028"]), max_size=12)


def dicts_in_lists(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Paths of every list whose items are all mappings (providers, consumers, listeners, endpoints...)."""
    found = []
    if isinstance(node, list) and node and all(isinstance(item, dict) for item in node):
        found.append(prefix)
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in items:
        found.extend(dicts_in_lists(child, prefix + (key,)))
    return found


def expand(node: Any) -> Any:
    """``node`` with every ``{"<<": base, ...}`` replaced by base's keys overridden by its own (what YAML means)."""
    if isinstance(node, dict):
        own = {k: expand(v) for k, v in node.items() if k != "<<"}
        return {**expand(node["<<"]), **own} if "<<" in node else own
    if isinstance(node, list):
        return [expand(item) for item in node]
    return node


def dump(doc: Any) -> str:
    """YAML text; a shared mapping gets an anchor, and a ``"<<"`` key becomes a real merge key."""
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True).replace("'<<':", "<<:")


@st.composite
def mutants(draw) -> tuple[str, str, Any]:
    """(seed name, YAML text, the data it must read as, or None once the text itself is damaged) after one to three mutations."""
    seed = draw(st.sampled_from(sorted(SEEDS)))
    doc = copy.deepcopy(SEEDS[seed])
    for _ in range(draw(st.integers(1, 3))):
        where = paths(doc)
        if not where:
            break
        path = draw(st.sampled_from(where))
        holder, key = parent(doc, path), path[-1]
        kind = draw(st.sampled_from(["drop", "duplicate", "retype", "string", "huge", "nest", "rename", "tag"]))
        if kind == "drop":
            del holder[key]
        elif kind == "duplicate" and isinstance(holder, list):
            holder.insert(key, copy.deepcopy(holder[key]))
        elif kind == "duplicate" or kind == "rename":
            if isinstance(holder, dict):
                holder[draw(text) if kind == "rename" else f"{key}_"] = holder.pop(key) if kind == "rename" else copy.deepcopy(holder[key])
        elif kind == "retype":
            holder[key] = draw(values)
        elif kind == "string":
            holder[key] = draw(text) if draw(st.booleans()) else f"{holder[key]}{draw(text)}"
        elif kind == "huge":
            holder[key] = [copy.deepcopy(holder[key])] * draw(st.integers(100, 600))
        elif kind == "nest":
            for _ in range(draw(st.integers(1, 90))):
                holder[key] = [holder[key]]
        elif kind == "tag" and isinstance(doc.get("tags"), dict):
            doc["tags"][draw(tag_text)] = draw(tag_text)
    lists = dicts_in_lists(doc)
    if lists and draw(st.integers(0, 3)) == 0:  # merge one item of a list of mappings into another (last: the base stays shared)
        items = parent(doc, (*draw(st.sampled_from(lists)), 0))
        base = items[draw(st.integers(0, len(items) - 1))]
        override = {k: v for k, v in base.items() if draw(st.booleans())}
        if override and draw(st.booleans()):
            changed = draw(st.sampled_from(sorted(override, key=str)))
            override[changed] = draw(values)
        items.insert(draw(st.integers(0, len(items))), {"<<": base, **override})
    rendered = dump(doc)
    expected = expand(doc)
    if draw(st.integers(0, 9)) == 0:  # now and then, damage the text itself
        at = draw(st.integers(0, len(rendered)))
        rendered = (
            rendered[:at] + draw(st.sampled_from(["\t", ":", "- ", "[", "{", "&a ", "*a", "'", '"', "\n  ", "!!python/object:os.system ", "<<: "])) + rendered[at:]
        )
        expected = None
    return seed, rendered, expected


def check(text_: str) -> Blueprint | None:
    """Validate ``text_``; only a located ``BlueprintError`` is an acceptable failure."""
    lines = text_.count("\n") + 1
    try:
        source = parse_source(text_, "fuzz.yaml")
        return validate(source, rules_for, PATTERNS)
    except BlueprintError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == "fuzz.yaml"
            assert 1 <= problem.line <= lines and problem.column >= 1, str(problem)
            assert problem.message.strip(), str(problem)
            assert "Traceback" not in str(problem)
        return None


def read_both(text_: str, monkeypatch) -> list[Any]:
    """What each loader path (fast, ruamel) reads: (data, positions), or the problems it raises."""
    found = []
    for ruamel in (False, True):
        with monkeypatch.context() as patch:
            if ruamel:
                patch.setattr(fast_yaml, "parse", lambda *args: None)
            try:
                source = parse_source(text_, "fuzz.yaml")
                found.append((source.data, source.positions))
            except BlueprintError as exc:
                found.append([str(p) for p in exc.problems])
    return found


def check_reading(text_: str, expected: Any, monkeypatch) -> None:
    """Both loader paths read a merged document alike, and as its expansion, with a position for every field.

    The expansion is the oracle only where it survives a round trip itself
    (PyYAML writes a few odd strings, such as a line of NEL and spaces, that
    read back differently): then the merge keys are all that differ.
    """
    if "<<:" not in text_:
        return
    fast, ruamel = read_both(text_, monkeypatch)
    assert fast == ruamel
    if not isinstance(fast, tuple):
        return
    plain = read_both(dump(expected), monkeypatch)[0]
    if isinstance(plain, tuple) and plain[0] == expected:
        data, positions = fast
        assert data == expected
        assert set(positions) >= {(), *map(tuple, paths(expected))}


def check_tags(text_: str) -> None:
    """A tag of only AWS-allowed ASCII is accepted; one with a refused character is a problem at that tag."""
    try:
        source = parse_source(text_, "fuzz.yaml")
    except BlueprintError:
        return
    tags = source.data.get("tags") if isinstance(source.data, dict) else None
    if not isinstance(tags, dict):
        return
    try:
        validate(source, rules_for, PATTERNS)
        problems: list = []
    except BlueprintError as exc:
        problems = exc.problems
    at_tags = {p.path[1] for p in problems if p.path[:1] == ("tags",) and len(p.path) > 1}
    for key, value in tags.items():
        strings = [key] + ([value] if isinstance(value, str) else [])
        if any(ch in TAG_REFUSED or ch in "🚀\u2028" for s in strings for ch in s):
            assert key in at_tags, (key, value, [str(p) for p in problems])
        elif all(ch in TAG_ALLOWED_ASCII for s in strings for ch in s) and isinstance(value, str):
            if 1 <= len(key) <= 128 and not key.lower().startswith("aws:") and not value.lower().startswith("aws:") and "${" not in value:
                assert key not in at_tags, (key, value, [str(p) for p in problems if p.path[:1] == ("tags",)])


def test_mutated_blueprints_validate_or_fail_with_located_problems(monkeypatch):
    valid: dict[str, Blueprint] = {}
    counts = {"examples": 0, "valid": 0, "merged": 0}

    @settings(max_examples=EXAMPLES, deadline=None, derandomize="PLGEN_FUZZ_EXAMPLES" not in os.environ, suppress_health_check=list(HealthCheck))
    @given(mutants())
    def run(case: tuple[str, str, Any]) -> None:
        seed, text_, expected = case
        counts["examples"] += 1
        counts["merged"] += "<<:" in text_
        if expected is not None:
            check_reading(text_, expected, monkeypatch)
        check_tags(text_)
        blueprint = check(text_)
        if blueprint is not None:
            counts["valid"] += 1
            if blueprint != Blueprint.model_validate(SEEDS[seed]):
                valid.setdefault(seed, blueprint)

    run()
    assert counts["examples"] >= min(EXAMPLES, 500)
    assert counts["merged"] >= counts["examples"] // 10, counts
    # The mutants that stay valid compile: whatever the validator admits, the constructs accept.
    sample = [(Path(f"{name}.yaml"), bp.model_copy(update={"name": f"fuzz-{name}"[:32]})) for name, bp in sorted(valid.items())[:RENDER_SAMPLE]]
    for output in build(sample, ("json",)):
        assert output.files


def test_plgen_validate_exits_0_or_2_on_mutants(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mutants")

    @settings(max_examples=min(EXAMPLES, 60), deadline=None, derandomize="PLGEN_FUZZ_EXAMPLES" not in os.environ, suppress_health_check=list(HealthCheck))
    @given(mutants())
    def run(case: tuple[str, str, Any]) -> None:
        path = folder / "mutant.yaml"
        path.write_text(case[1])
        result = CliRunner().invoke(main, ["validate", str(path)])
        assert result.exit_code in (0, 2), result.output
        assert "internal error" not in result.output and "Traceback" not in result.output

    run()
