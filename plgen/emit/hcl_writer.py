"""A small HCL writer: blocks, attributes and values laid out the way ``terraform fmt`` leaves them.

What ``terraform fmt`` does, measured with Terraform 1.11 on samples:
two-space indentation; the ``=`` of consecutive single-line attributes is
aligned one space after the longest name; a blank line, a block, a comment or
an attribute whose value spans lines ends such a run (the multi-line attribute
itself keeps one space before ``=``). It does not re-space expressions, so
expressions are written as the constructs spelled them.

Values: Python scalars become HCL literals, strings are Terraform templates
(``"${x}"`` -> bare ``x``; mixed text stays a quoted template), lists and
dicts become tuple and object constructors. ``Raw`` carries source already in
HCL form (literal strings, references by name, type expressions).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from plgen.emit.hcl_expressions import pretty
from plgen.emit.hcl_layout import INDENT, assignments
from plgen.terraform.template import quote_template, single_interpolation

WIDTH = 100  # a tuple longer than this on one line is written one item per line
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_KEYWORDS = frozenset({"true", "false", "null", "for", "in", "if", "endfor", "endif"})


@dataclass(frozen=True)
class Raw:
    """HCL source to write as is."""

    source: str


@dataclass
class Attribute:
    name: str
    value: Any


@dataclass
class Block:
    type: str
    labels: tuple[str, ...] = ()
    body: list[Item] = field(default_factory=list)


Item = Attribute | Block | None  # None: a blank line between groups


def document(blocks: list[Block]) -> str:
    """A file of top-level blocks, one blank line between them, trailing newline."""
    chunks = ["\n".join(block_lines(block, 0)) for block in blocks]
    return "\n\n".join(chunks) + "\n" if chunks else ""


def block_lines(block: Block, level: int) -> list[str]:
    pad = INDENT * level
    header = " ".join([block.type, *(json.dumps(label) for label in block.labels)])
    inner = body_lines(block.body, level + 1)
    if not inner:
        return [f"{pad}{header} {{}}"]
    return [f"{pad}{header} {{", *inner, f"{pad}}}"]


def body_lines(items: list[Item], level: int) -> list[str]:
    """Lines of a block body; ``None`` items become single blank lines (never leading or trailing)."""
    pad = INDENT * level
    lines: list[str] = []
    run: list[tuple[str, str]] = []

    def flush() -> None:
        lines.extend(assignments(run, pad))
        run.clear()

    for item in items:
        if item is None:
            flush()
            if lines and lines[-1] != "":
                lines.append("")
        elif isinstance(item, Attribute):
            run.append((item.name, value(item.value, level, len(pad) + len(item.name) + 3)))
        else:
            flush()
            lines.extend(block_lines(item, level))
    flush()
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def value(v: Any, level: int, column: int = 0) -> str:
    """HCL source of a value written at nesting ``level``, starting at ``column`` (continuation lines indented from ``level``)."""
    if isinstance(v, Raw):
        return v.source
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return json.dumps(v)
    if isinstance(v, str):
        return pretty(expression(v), level, column)
    if isinstance(v, (list, tuple)):
        return _tuple(list(v), level)
    if isinstance(v, dict):
        return _object(v, level)
    raise TypeError(f"cannot write {type(v).__name__} as HCL")


def expression(template: str) -> str:
    """A Terraform JSON string as HCL: the bare expression when it is one interpolation, else a quoted template."""
    inner = single_interpolation(template)
    return inner if inner is not None else quote_template(template)


def key(name: str) -> str:
    """An object key: bare when it is a plain identifier, ``(expr)`` when computed, else quoted."""
    if _IDENTIFIER.match(name) and name not in _KEYWORDS:
        return name
    inner = single_interpolation(name)
    return f"({inner})" if inner is not None else quote_template(name)


def _tuple(items: list[Any], level: int) -> str:
    if not items:
        return "[]"
    texts = [value(item, level + 1, len(INDENT) * (level + 1)) for item in items]
    inline = "[" + ", ".join(texts) + "]"
    if "\n" not in inline and len(inline) + len(INDENT) * level <= WIDTH and not any(isinstance(i, dict) for i in items):
        return inline
    pad = INDENT * (level + 1)
    return "[\n" + "".join(f"{pad}{text},\n" for text in texts) + INDENT * level + "]"


def _object(mapping: dict[str, Any], level: int) -> str:
    return object_source([Attribute(key(k), v) for k, v in mapping.items()], level)


def object_source(attributes: list[Attribute], level: int) -> str:
    """An object constructor, one attribute per line (names written as given: bare keys such as ``aws.west``)."""
    if not attributes:
        return "{}"
    return "{\n" + "\n".join(body_lines(list(attributes), level + 1)) + "\n" + INDENT * level + "}"
