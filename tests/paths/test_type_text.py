"""A variable's type constraint read from its text gives the type the full parser gives, or is left to it.

``type_text.read`` is a shortcut for the common forms (``plgen.terraform.type_text``, which the HCL writer reads types with too); anything else returns
None and ``types.type_of`` parses the text as an expression. Neither reading may differ from the other.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plgen.paths.hcl import types
from plgen.terraform import type_text
from plgen.paths.hcl.syntax import parse
from plgen.paths.hcl.values import CannotJudge, EvaluationError

REPO = Path(__file__).resolve().parents[2]


def _full(text: str):
    try:
        return types._type(parse(text))
    except (CannotJudge, EvaluationError) as exc:
        return type(exc)


def _quick(text: str):
    try:
        return type_text.read(text, types.Type, lambda default: types._constant(parse(default)))
    except (CannotJudge, EvaluationError) as exc:
        return type(exc)


def _catalogue_types() -> list[str]:
    found = set()
    for path in sorted((REPO / "modules_out").glob("*/json/**/*.tf.json")):
        for spec in json.loads(path.read_text()).get("variable", {}).values():
            if "type" in spec:
                found.add(spec["type"][2:-1] if spec["type"].startswith("${") else spec["type"])
    return sorted(found)


CATALOGUE = _catalogue_types()

COMMON = [
    "string",
    "any",
    "list",
    "map(number)",
    "set(string)",
    "tuple([string, number, bool])",
    "object({})",
    "object({ a = string, b = optional(number, 5) })",
    'object({\n  a = string\n  "b-c" = optional(list(string), ["x", "y"])\n})',
    'object({ a = optional(string, "a,b)"), b = optional(map(string), { k = "v" }) })',
    "object({ a = optional(object({ b = optional(bool, true) }), {}) })",
    "object({ a : string })",
    "object({ a = optional(number, -1) })",
    "object({ a = optional(number, 1 + 2) })",
]

LEFT_TO_THE_PARSER = [
    '"string"',  # Terraform 0.11's quoted type
    "object({ a = string # a comment\n})",
    'object({ a = optional(string, "${upper("x")}") })',
    "object({ a = string b = number })",  # no separator: Terraform refuses it
    "object({ a = string, a = number })",
    "list(string",
    "optional(string)",
    "map(string, number)",
    "object({ a = optional(string, \"x\", \"y\") })",
    "stringy",
]


def test_the_catalogue_declares_types_to_compare():
    assert len(CATALOGUE) >= 30


@pytest.mark.parametrize("text", CATALOGUE + COMMON, ids=lambda t: t[:60])
def test_a_common_type_is_read_from_its_text_as_the_parser_reads_it(text):
    quick = _quick(text)
    assert quick is not None, "the shortcut should read this"
    assert quick == _full(text)


@pytest.mark.parametrize("text", LEFT_TO_THE_PARSER, ids=lambda t: t[:60])
def test_anything_else_is_left_to_the_full_parser(text):
    assert _quick(text) is None


def test_type_of_reads_an_uncommon_type_through_the_parser():
    assert types.type_of('${"string"}') == types.Type("string")
    with pytest.raises(CannotJudge, match="the type stringy"):
        types.type_of("stringy")
