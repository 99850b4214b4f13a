"""Variable type constraints written as a person writes them: short ones inline, long objects one attribute per line.

The constructs spell a type on one line (``map(object({port = number, ...}))``),
which is what Terraform JSON needs; in HCL a 600-character line is unreadable,
so an ``object({...})`` that would run past ``WIDTH`` is opened up, with its
attributes aligned as ``terraform fmt`` aligns them. The type is read with
``plgen.terraform.type_text``, the reader the path proof uses for the same text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from plgen.emit.hcl_layout import INDENT
from plgen.emit.hcl_writer import Attribute, Raw, body_lines
from plgen.terraform import type_text

WIDTH = 80


@dataclass
class Node:
    """``name(args)``, ``{key = value, ...}`` (name ``{}``), ``[items]`` (name ``[]``) or an atom (no args)."""

    name: str
    args: list[Node] | None = None
    keys: list[str] | None = None


@lru_cache(maxsize=4096)
def render(type_expr: str, level: int, prefix: int) -> str:
    """Source of ``type_expr`` written at nesting ``level`` after ``prefix`` characters on its first line (a pure
    function of its arguments, kept for the modules and units that declare the same types)."""
    node = type_text.read(type_expr, _make, Node)  # an optional attribute's default is kept as its own text
    if node is None:
        raise ValueError(f"cannot read type expression {type_expr!r}")
    return _write(node, level, len(INDENT) * level + prefix)


def _make(kind: str, item: Any = None) -> Node:
    """The layout tree of what ``type_text.read`` read: a keyword, ``list(T)``, ``tuple([...])``, ``object({...})``
    (a bare ``list`` is read, and so written, as the ``list(any)`` it means)."""
    if item is None:
        return Node(kind)
    if kind == "tuple":
        return Node(kind, [Node("[]", list(item))])
    if kind == "object":
        values = [Node("optional", [t] + ([d] if d is not None else [])) if optional else t for t, optional, d in item.values()]
        return Node(kind, [Node("{}", values, list(item))])
    return Node(kind, [item])


def _inline(node: Node) -> str:
    if node.args is None:
        return node.name
    if node.name == "{}":
        return "{ " + ", ".join(f"{k} = {_inline(v)}" for k, v in zip(node.keys or [], node.args, strict=True)) + " }" if node.args else "{}"
    if node.name == "[]":
        return "[" + ", ".join(_inline(a) for a in node.args) + "]"
    return node.name + "(" + ", ".join(_inline(a) for a in node.args) + ")"


def _write(node: Node, level: int, column: int) -> str:
    """Inline when it fits from ``column``; else open the objects inside, one attribute per line."""
    inline = _inline(node)
    if column + len(inline) <= WIDTH or node.args is None:
        return inline
    if node.name == "{}":
        fields = [Attribute(k, Raw(_write(v, level + 1, len(INDENT) * (level + 1) + len(k) + 3))) for k, v in zip(node.keys or [], node.args, strict=True)]
        return "{\n" + "\n".join(body_lines(fields, level + 1)) + "\n" + INDENT * level + "}"
    if node.name == "[]":
        return "[" + ", ".join(_write(a, level, column) for a in node.args) + "]"
    written, offset = [], column + len(node.name) + 1
    for arg in node.args:
        text = _write(arg, level, offset)
        written.append(text)
        offset = len(text.rsplit("\n", 1)[-1]) + 2 if "\n" in text else offset + len(text) + 2
    return node.name + "(" + ", ".join(written) + ")"
