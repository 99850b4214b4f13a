"""The loader's fast path: libyaml's C parser, giving the same data and positions as ruamel.

ruamel.yaml's round-trip loader (``loader.py``) records the line and column
of every key, but it is pure Python: about 3 s for a 1,000-consumer blueprint,
20-40 times slower than libyaml, and the largest cost of a render at scale.
Here PyYAML's C parser composes the document into nodes, which carry their
marks, and one walk builds the same ``(data, positions)`` pair as
``loader._plain``, with YAML 1.2 core scalars as ruamel resolves them.

It handles the plain subset blueprints are written in: mappings, sequences,
anchors and aliases, strings, decimal integers, YAML 1.2 booleans and null.
Anything else (a syntax error, a duplicate key, a merge key, an explicit
tag, a float, a timestamp, an octal or hexadecimal integer, a non-scalar key, a
%YAML directive, a document past the size limits) returns ``None``, and the caller parses with
ruamel, which stays the reference and reports every error with its position.
``tests/blueprint/test_fast_yaml.py`` checks that both paths agree.
"""

from __future__ import annotations

import re
from typing import Any

try:
    import yaml
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml: ruamel does all the work
    CParser = None

FieldPath = tuple[str | int, ...]
Positions = dict[FieldPath, tuple[int, int]]

# YAML 1.2 core schema, as ruamel.yaml's resolver spells it.
NULL = frozenset({"~", "null", "Null", "NULL", ""})
BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
DECIMAL = re.compile(r"^-?(?:0|[1-9][0-9]*)$")
# Plain scalars ruamel reads as something other than a string or a decimal
# integer: its YAML 1.2 float, int, timestamp, merge and value patterns.
OTHER = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)
    |[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[\ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[\ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?
    |<<|=)$""",
    re.X,
)
DIRECTIVE = re.compile(r"^%", re.M)  # %YAML 1.1 changes how ruamel reads scalars
NUMERIC_START = frozenset("-+0123456789.<=")  # first characters OTHER can match
STR = "plgen:quoted"  # a quoted scalar: always text
PLAIN = "plgen:plain"  # a plain (unquoted) scalar, resolved by ``_scalar``


class _Unsupported(Exception):
    """The document uses something only the ruamel path handles exactly."""


if CParser is not None:

    class _Composer(CParser):
        """libyaml composer that only marks scalars plain or quoted; ``_scalar`` resolves them."""

        def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
            if kind is not yaml.ScalarNode:
                return "plgen:collection"
            return PLAIN if implicit[0] else STR

        def descend_resolver(self, parent: Any, index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass


def _scalar(node: Any) -> Any:
    if node.tag == STR:
        return node.value
    if node.tag != PLAIN:
        raise _Unsupported(f"tag {node.tag}")
    value = node.value
    if value in NULL:
        return None
    if value in BOOL:
        return BOOL[value]
    if value[0] in NUMERIC_START:
        if DECIMAL.match(value):
            return int(value)
        if OTHER.match(value):
            raise _Unsupported(f"scalar {value!r}")
    return value


def parse(text: str, max_depth: int, max_nodes: int, max_alias_expansions: int) -> tuple[Any, Positions] | None:
    """``(data, positions)`` as ``loader._plain`` gives them, or ``None`` to use ruamel."""
    if CParser is None or DIRECTIVE.search(text):
        return None
    composer = _Composer(text)
    try:
        root = composer.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        composer.dispose()
    if root is None:
        return None
    positions: Positions = {(): (1, 1)}
    visited: set[int] = set()
    expansions = 0
    scalar_node, mapping_node = yaml.ScalarNode, yaml.MappingNode

    def value_of(node: Any, path: FieldPath) -> Any:
        # Leaves (most nodes) are read here without a call to walk.
        if type(node) is scalar_node and len(path) <= max_depth:
            return _scalar(node)
        return walk(node, path)

    def walk(node: Any, path: FieldPath) -> Any:
        nonlocal expansions
        if len(path) > max_depth or len(positions) > max_nodes:
            raise _Unsupported("size limits")
        if type(node) is scalar_node:
            return _scalar(node)
        if id(node) in visited:  # an alias being expanded
            expansions += 1
            if expansions > max_alias_expansions:
                raise _Unsupported("alias expansion limit")
        visited.add(id(node))
        if type(node) is mapping_node:
            out: dict[str, Any] = {}
            raw: set[Any] = set()  # ruamel compares keys as values: 1 and true are the same key
            for key_node, value_node in node.value:
                if type(key_node) is not scalar_node:
                    raise _Unsupported("complex key")
                value = _scalar(key_node)
                key = value if type(value) is str else str(value)
                if key in out or value in raw:
                    raise _Unsupported("duplicate key")
                raw.add(value)
                child = path + (key,)
                mark = key_node.start_mark
                positions[child] = (mark.line + 1, mark.column + 1)
                out[key] = value_of(value_node, child)
            return out
        items = []
        for index, item in enumerate(node.value):
            child = path + (index,)
            mark = item.start_mark
            positions[child] = (mark.line + 1, mark.column + 1)
            items.append(value_of(item, child))
        return items

    try:
        data = walk(root, ())
    except (_Unsupported, RecursionError):
        return None
    # ruamel's loader stops once the count passes the limit, wherever that happens
    return None if len(positions) > max_nodes else (data, positions)
