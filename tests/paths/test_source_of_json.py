"""A compiled blueprint's proof reads each Terraform JSON value as its HCL source, parsed only when evaluated.

The canonical reading (``from_json``: parsed and printed back, so JSON and HCL readings compare equal) and the
source reading (``source_of_json``) must give the evaluator the same value for every spelling Terraform JSON
allows: plain text, escapes, ``$${`` and ``%%{``, one interpolation, a template.
"""

from __future__ import annotations

import pytest

from plgen.graph import from_json as reader
from plgen.graph.expressions import from_json, source_of_json
from plgen.paths.hcl.expressions import Evaluator
from plgen.paths.hcl.values import CannotJudge

SPELLINGS = [
    "tcp",
    "",
    'say "hi"',
    "back\\slash",
    "two\nlines",
    "tab\there",
    "literal $${not_an_expression}",
    "literal %%{not_a_directive}",
    '${"a"}',
    '${upper("a")}',
    'prefix-${upper("a")}-suffix',
    '${merge({ a = 1 }, { b = "${upper("x")}" })}',
    "${1 + 2}",
    '${ "spaced" }',
    ["${1}", "two", {"k": '${"v"}'}],
]


TEXTS = [s for s in SPELLINGS if isinstance(s, str) and "${" not in s.replace("$${", "")]


@pytest.mark.parametrize("value", TEXTS, ids=repr)
def test_a_string_without_interpolation_is_its_text_in_either_reading(value):
    """Terraform JSON: a string is a template; without ``${``/``%{`` it is its text, ``$${``/``%%{`` the escapes."""
    text = value.replace("$${", "${").replace("%%{", "%{")
    assert [Evaluator(None).value(read(value), {}) for read in (from_json, source_of_json)] == [text, text]


@pytest.mark.parametrize("value", SPELLINGS, ids=repr)
def test_the_source_reading_evaluates_as_the_canonical_one(value):
    evaluate = Evaluator(None).value
    assert evaluate(source_of_json(value), {}) == evaluate(from_json(value), {})


def test_a_directive_is_refused_in_either_reading():
    value = '%{ if true }yes%{ endif }'
    for read in (from_json, source_of_json):
        with pytest.raises(CannotJudge, match="directive"):
            Evaluator(None).value(read(value), {})


def test_the_source_reading_parses_nothing_until_evaluated():
    module = {"locals": {"broken": "${var.a +* 2}"}, "output": {"ok": {"value": "${1}"}}}
    with pytest.raises(ValueError, match="cannot parse"):
        reader.document(module)  # the canonical reading parses every expression as it reads
    document = reader.document(module, canonical=False)
    assert document.nodes["local.broken"][1]["value"] == "${var.a +* 2}"
    with pytest.raises(CannotJudge, match="cannot parse"):
        Evaluator(None).value(document.nodes["local.broken"][1]["value"], {})


def test_a_variable_type_reads_the_same_in_either_reading():
    from plgen.paths.hcl.types import type_of

    module = {"variable": {"x": {"type": '${map(object({ port = number, name = optional(string, "web"), cidrs = optional(set(string)) }))}'}}}
    types = [type_of(reader.document(module, canonical=c).nodes["var.x"][1]["type"]) for c in (True, False)]
    assert types[0] == types[1]
    assert types[1].convert({"a": {"port": "443"}}) == {"a": {"port": 443, "name": "web", "cidrs": None}}
