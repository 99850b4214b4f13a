"""Type constraints in HCL: short ones inline, long objects one attribute per line, read with the proof's own reader.

The writer reads a type with ``plgen.terraform.type_text`` (the reader the path proof uses for the same text), so
a type the proof would read one way cannot be laid out from another reading.
"""

from __future__ import annotations

import pytest

from plgen.emit.hcl_types import render


def test_a_short_type_stays_on_its_line():
    assert render("map(object({port = number, protocol = string}))", 0, 10) == "map(object({ port = number, protocol = string }))"


def test_a_long_object_opens_one_attribute_per_line_aligned_with_optional_defaults_kept():
    text = 'map(object({port = number, name = optional(string, "x"), items = tuple([string, bool]), empty = object({}), tags = optional(map(string), {})}))'
    assert render(text, 0, 10) == (
        "map(object({\n"
        "  port  = number\n"
        '  name  = optional(string, "x")\n'
        "  items = tuple([string, bool])\n"
        "  empty = object({})\n"
        "  tags  = optional(map(string), {})\n"
        "}))"
    )


def test_a_nested_object_opens_at_its_own_level():
    inner = ", ".join(f"attribute_{n} = string" for n in range(6))
    lines = render(f"object({{outer = object({{{inner}}})}})", 1, 0).splitlines()
    assert lines[0] == "object({"
    assert lines[1] == "    outer = object({"
    assert lines[2] == "      attribute_0 = string"
    assert lines[-1] == "  })"


def test_a_bare_collection_is_written_as_the_collection_of_any_it_means():
    assert render("object({values = list})", 0, 0) == "object({ values = list(any) })"


@pytest.mark.parametrize("text", ["map(", "object({a = string", "list(string) # a comment", "strin g"])
def test_a_type_it_cannot_read_is_an_error_not_a_guess(text):
    with pytest.raises(ValueError, match="cannot read type expression"):
        render(text, 0, 0)
