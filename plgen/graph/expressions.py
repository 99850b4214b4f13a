"""One spelling for every value, whichever format it was read from, and the references inside it.

Both readers hand their expressions to python-hcl2 and keep what it prints
back: the HCL reader gets that from parsing the file, the JSON reader parses
each ``${...}`` (or mixed template) on its own. Two spellings of the same
expression (``{ for k, v in x : k => v }`` and ``{for k, v in x : k => v}``)
therefore compare equal, and two different expressions do not.

Canonical values: ``"${expr}"`` for an expression, ``'"text ${x}"'`` (HCL
source, quotes included) for a string template or literal in an evaluated
position, plain Python strings in literal positions (descriptions, ``source``),
numbers, booleans, None, lists and dicts. Names used as references by name
(``depends_on``, ``ignore_changes``, ``provider``) are plain dotted strings.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import hcl2
from hcl2.utils import process_escape_sequences
from lark import Tree

from plgen.terraform.template import quote_template, single_interpolation

OPTIONS = hcl2.SerializationOptions(with_comments=False)
BLOCK = " {}"  # suffix of a key that holds nested blocks: "default_action {}" -> [body, ...]

_NAME = r"[A-Za-z_][A-Za-z0-9_-]*"
_REFERENCE = re.compile(rf"(?<![\w.\"])(?:(var|local|module)\.({_NAME})(?:\.({_NAME}))?|data\.({_NAME})\.({_NAME})|({_NAME})\.({_NAME}))")


# Canonical expression text -> the Lark node it was printed from. The path proof's evaluator parses canonical
# text again; seeding its cache from here makes each expression of a compiled blueprint one LALR parse, not two
# (the parse is the largest single cost of a render). At most MAX_TREES entries are kept.
TREES: dict[str, Tree] = {}
MAX_TREES = 65536


@cache
def parse_expression(source: str) -> Any:
    """The canonical value of one HCL expression given as source text."""
    try:
        tree = hcl2.parses_to_tree(f"x = {source}\n")
        value = hcl2.serialize(hcl2.transform(tree), serialization_options=OPTIONS)["x"]
    except RecursionError:
        raise ValueError(f"cannot parse HCL expression {source[:60]!r}: nested too deeply") from None
    except Exception as exc:  # lark or python-hcl2 error: say which expression
        raise ValueError(f"cannot parse HCL expression {source!r}: {exc}") from exc
    if isinstance(value, str) and len(TREES) < MAX_TREES:
        key = value[2:-1] if value.startswith("${") and value.endswith("}") else value
        TREES.setdefault(key, _expression_node(tree))
    return value


def _expression_node(tree: Tree) -> Tree:
    """The expression of the one attribute ``x = ...`` in a parsed body."""
    attribute = next(c for c in tree.children[0].children if isinstance(c, Tree) and c.data == "attribute")
    return [c for c in attribute.children if isinstance(c, Tree) and c.data != "new_line_or_comment"][-1]


def from_json(value: Any) -> Any:
    """Canonical form of a Terraform JSON value in an evaluated position."""
    if isinstance(value, str):
        inner = single_interpolation(value)
        return parse_expression(inner if inner is not None else quote_template(value))
    if isinstance(value, list):
        return [from_json(v) for v in value]
    if isinstance(value, dict):
        return {k: from_json(v) for k, v in value.items()}
    return value


def source_of_json(value: Any) -> Any:
    """A Terraform JSON value in an evaluated position as HCL source, not parsed: ``"${expr}"`` for a string that is
    one interpolation, the quoted template (``'"text ${x}"'``) for any other string. The evaluator reads both
    spellings alike; only the canonical one (``from_json``) compares equal to an HCL reading."""
    if isinstance(value, str):
        inner = single_interpolation(value)
        return f"${{{inner}}}" if inner is not None else quote_template(value)
    if isinstance(value, list):
        return [source_of_json(v) for v in value]
    if isinstance(value, dict):
        return {k: source_of_json(v) for k, v in value.items()}
    return value


def from_hcl(value: Any) -> Any:
    """Canonical form of a python-hcl2 value in an evaluated position (object keys unquoted)."""
    if isinstance(value, list):
        return [from_hcl(v) for v in value]
    if isinstance(value, dict):
        return {literal_from_hcl(k): from_hcl(v) for k, v in value.items() if k != "__is_block__"}
    return value


def literal_from_hcl(value: Any) -> Any:
    """The plain value of an HCL literal as python-hcl2 prints it (``'"a \\\\"b\\\\""'`` -> ``a "b"``)."""
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return process_escape_sequences(value[1:-1]).replace("$${", "${").replace("%%{", "%{")
    if isinstance(value, list):
        return [literal_from_hcl(v) for v in value]
    if isinstance(value, dict):
        return {literal_from_hcl(k): literal_from_hcl(v) for k, v in value.items() if k != "__is_block__"}
    return value


def name(value: str) -> str:
    """A reference by name, however it is spelled: ``${aws.west}``, ``"aws.west"`` or ``aws.west``."""
    inner = single_interpolation(value)
    if inner is not None:
        return inner
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


def strings(value: Any):
    """Every string inside a canonical value (keys included), where references can hide."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings(v)


def references(value: Any) -> set[tuple[str, ...]]:
    """References in a canonical value: ("var", x), ("local", x), ("module", m, out|None), ("data", t, n), ("resource", t, n)."""
    found: set[tuple[str, ...]] = set()
    for text in strings(value):
        if "." not in text:
            continue
        for m in _REFERENCE.finditer(text):
            scope, first, second, data_type, data_name, res_type, res_name = m.groups()
            if scope in ("var", "local"):
                found.add((scope, first))
            elif scope == "module":
                found.add(("module", first, second or ""))
            elif data_type:
                found.add(("data", data_type, data_name))
            else:
                found.add(("resource", res_type, res_name))
    return found
