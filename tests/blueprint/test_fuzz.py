"""Fuzzing the front end: a mutated blueprint is either valid or a located problem, never a crash.

Hypothesis starts from the catalogue (``blueprints/*.yaml``) and applies a few
mutations a hand-editing platform team could make: drop a key, duplicate a
list item, give a value another type, replace it with random text, grow a list
to hundreds of items, nest it deeply, or splice random characters into the
YAML text itself. ``parse_source`` + ``validate`` must then return a
``Blueprint`` or raise ``BlueprintError`` whose every problem names the file,
a line and column inside the document, and a message. Anything else (a
``KeyError`` in a rule, a ``RecursionError``) is a bug the CLI would report as
exit 3. A sample of the mutants that stay valid is rendered, so the
constructs accept whatever the validator lets through.

``PLGEN_FUZZ_EXAMPLES`` raises the example count for a longer local hunt;
CI runs the default, derandomized so a failure reproduces.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plgen.blueprint import parse_source, validate
from plgen.blueprint.model import Blueprint
from plgen.compiler import build
from plgen.errors import BlueprintError
from plgen.compiler import rules_for
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


@st.composite
def mutants(draw) -> tuple[str, str]:
    """(seed name, YAML text) after one to three mutations."""
    seed = draw(st.sampled_from(sorted(SEEDS)))
    doc = copy.deepcopy(SEEDS[seed])
    for _ in range(draw(st.integers(1, 3))):
        where = paths(doc)
        if not where:
            break
        path = draw(st.sampled_from(where))
        holder, key = parent(doc, path), path[-1]
        kind = draw(st.sampled_from(["drop", "duplicate", "retype", "string", "huge", "nest", "rename"]))
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
    rendered = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    if draw(st.integers(0, 9)) == 0:  # now and then, damage the text itself
        at = draw(st.integers(0, len(rendered)))
        rendered = (
            rendered[:at] + draw(st.sampled_from(["\t", ":", "- ", "[", "{", "&a ", "*a", "'", '"', "\n  ", "!!python/object:os.system "])) + rendered[at:]
        )
    return seed, rendered


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


def test_mutated_blueprints_validate_or_fail_with_located_problems():
    valid: dict[str, Blueprint] = {}
    counts = {"examples": 0, "valid": 0}

    @settings(max_examples=EXAMPLES, deadline=None, derandomize="PLGEN_FUZZ_EXAMPLES" not in os.environ, suppress_health_check=list(HealthCheck))
    @given(mutants())
    def run(case: tuple[str, str]) -> None:
        seed, text_ = case
        counts["examples"] += 1
        blueprint = check(text_)
        if blueprint is not None:
            counts["valid"] += 1
            if blueprint != Blueprint.model_validate(SEEDS[seed]):
                valid.setdefault(seed, blueprint)

    run()
    assert counts["examples"] >= min(EXAMPLES, 500)
    # The mutants that stay valid compile: whatever the validator admits, the constructs accept.
    sample = [(Path(f"{name}.yaml"), bp.model_copy(update={"name": f"fuzz-{name}"[:32]})) for name, bp in sorted(valid.items())[:RENDER_SAMPLE]]
    for output in build(sample, ("json",)):
        assert output.files
