"""The template scanner (``plgen.terraform.template.parts``) jumps between the characters that matter; it must
split every template exactly as reading it one character at a time does (the reference below, plgen's earlier
scanner), on tricky spellings and on every string of the rendered catalogue."""

from __future__ import annotations

import json

import pytest

from plgen.terraform.template import TemplateError, parts
from tests.conftest import REPO


def reference(source: str) -> list[tuple[str, str]]:
    out, text, i = [], [], 0
    while i < len(source):
        if source.startswith(("$${", "%%{"), i):
            text.append(source[i : i + 3])
            i += 3
        elif source.startswith(("${", "%{"), i):
            if text:
                out.append(("text", "".join(text)))
                text = []
            end = _end(source, i + 2)
            out.append(("interpolation" if source[i] == "$" else "directive", source[i : end + 1]))
            i = end + 1
        else:
            text.append(source[i])
            i += 1
    if text:
        out.append(("text", "".join(text)))
    return out


def _end(source: str, i: int) -> int:
    depth = 0
    while i < len(source):
        ch = source[i]
        if ch == '"':
            i = _string_end(source, i + 1)
            continue
        if ch in "{([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "}":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    raise TemplateError(source)


def _string_end(source: str, i: int) -> int:
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
        elif ch == '"':
            return i + 1
        elif source.startswith(("$${", "%%{"), i):
            i += 3
        elif source.startswith(("${", "%{"), i):
            i = _end(source, i + 2) + 1
        else:
            i += 1
    raise TemplateError(source)


TRICKY = [
    "", "plain", "$", "$$", "$${x}", "$$${x}", "%%{x}", "%%%{ if a }b%{ endif }", "a${b}c", "${a}${b}", "${ {a = 1} }",
    '${merge(x, { Name = "${var.name}-x" })}', '${"}"}', '${"\\"}"}', '${"$${"}', '${f("a", [1, (2)])}-${g()}',
    "%{ for x in y }${x}%{ endfor }", '${"a\\\\"}b', "${a[0]}[${b}]", "x{y}z", "${ replace(a, \"/\\\\}/\", \"\") }",
]
BROKEN = ["${", "${a", '${"a}', "${f(}", '${"${a"}']


@pytest.mark.parametrize("source", TRICKY, ids=repr)
def test_tricky_templates_split_as_one_character_at_a_time(source):
    assert parts(source) == reference(source)


@pytest.mark.parametrize("source", BROKEN, ids=repr)
def test_an_unclosed_template_is_refused_by_both(source):
    with pytest.raises(TemplateError):
        reference(source)
    with pytest.raises(TemplateError):
        parts(source)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)


def test_every_string_of_the_rendered_catalogue_splits_the_same():
    strings = {s for path in (REPO / "modules_out").rglob("*.tf.json") for s in _strings(json.loads(path.read_text()))}
    assert len(strings) > 1000
    assert [s for s in sorted(strings) if parts(s) != reference(s)] == []
