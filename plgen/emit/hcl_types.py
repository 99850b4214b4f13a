"""Variable type constraints written as a person writes them: short ones inline, long objects one attribute per line.

The constructs spell a type on one line (``map(object({port = number, ...}))``),
which is what Terraform JSON needs; in HCL a 600-character line is unreadable,
so an ``object({...})`` that would run past ``WIDTH`` is opened up, with its
attributes aligned as ``terraform fmt`` aligns them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from plgen.emit.hcl_layout import INDENT
from plgen.emit.hcl_writer import Attribute, Raw, body_lines

WIDTH = 80
_TOKEN = re.compile(r'\s*("(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_-]*|-?[0-9][0-9.eE+-]*|[(){}\[\],=])')


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
    tokens = _tokens(type_expr)
    node, end = _parse(tokens, 0)
    if end != len(tokens):
        raise ValueError(f"cannot read type expression {type_expr!r}")
    return _write(node, level, len(INDENT) * level + prefix)


def _tokens(text: str) -> list[str]:
    tokens, i = [], 0
    while i < len(text):
        match = _TOKEN.match(text, i)
        if not match:
            if text[i:].strip():
                raise ValueError(f"cannot read type expression {text!r} at {i}")
            break
        tokens.append(match.group(1))
        i = match.end()
    return tokens


def _parse(tokens: list[str], i: int) -> tuple[Node, int]:
    token = tokens[i]
    if token in ("{", "["):
        close = "}" if token == "{" else "]"
        args, keys, i = [], [], i + 1
        while tokens[i] != close:
            if token == "{":
                keys.append(tokens[i])
                i += 2  # key, "="
            node, i = _parse(tokens, i)
            args.append(node)
            if tokens[i] == ",":
                i += 1
        return Node(token + close, args, keys if token == "{" else None), i + 1
    if i + 1 < len(tokens) and tokens[i + 1] == "(":
        args, i = [], i + 2
        while tokens[i] != ")":
            node, i = _parse(tokens, i)
            args.append(node)
            if tokens[i] == ",":
                i += 1
        return Node(token, args), i + 1
    return Node(token), i + 1


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
