"""Read a blueprint file into plain data plus a map of where each field sits.

ruamel.yaml keeps the line and column of every key and list item; we flatten
that into ``{field path: (line, column)}`` so that any later stage (schema,
semantic rules) can point at the exact spot without carrying YAML nodes around.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from plgen.blueprint import fast_yaml
from plgen.errors import BlueprintError, Problem, relative_name

FieldPath = tuple[str | int, ...]
MAX_DEPTH = 64
MAX_NODES = 1_000_000
MAX_ALIAS_EXPANSIONS = 10_000


class _TooLarge(Exception):
    """A document deeper or (through aliases) larger than any blueprint needs."""

    def __init__(self, path: FieldPath, reason: str):
        self.path, self.reason = path, reason


@dataclass(frozen=True)
class Source:
    """A loaded blueprint document: its data and the position of every field."""

    file: str
    data: Any
    positions: dict[FieldPath, tuple[int, int]]

    def locate(self, path: FieldPath) -> tuple[int, int]:
        """Line and column of ``path``, or of its nearest ancestor that exists.

        A missing field has no position of its own; the mapping that should have
        held it is the most useful place to point at.
        """
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.positions:
                return self.positions[path[:cut]]
        return (1, 1)

    def problem(self, path: FieldPath, message: str, hint: str | None = None) -> Problem:
        line, column = self.locate(path)
        return Problem(self.file, line, column, path, message, hint)


def _plain(node: Any, path: FieldPath, positions: dict[FieldPath, tuple[int, int]], seen: dict[int, int] | None = None) -> Any:
    """Convert ruamel containers to dict/list, recording positions on the way.

    Depth, size and alias expansion are bounded so that deep nesting or an
    alias bomb (``&a [*a, *a]`` repeated) is a located problem, not a
    RecursionError or an exhausted memory. ``seen`` counts visits per
    container: a second visit is an alias being expanded.
    """
    seen = {} if seen is None else seen
    if len(path) > MAX_DEPTH:
        raise _TooLarge(path, f"the document nests deeper than {MAX_DEPTH} levels")
    if len(positions) > MAX_NODES:
        raise _TooLarge(path, f"the document has more than {MAX_NODES} values")
    if isinstance(node, CommentedMap | CommentedSeq):
        seen[id(node)] = seen.get(id(node), 0) + 1
        seen[0] = seen.get(0, 0) + (seen[id(node)] > 1)
        if seen[0] > MAX_ALIAS_EXPANSIONS:
            raise _TooLarge(path, f"aliases expand to more than {MAX_ALIAS_EXPANSIONS} copies (an alias bomb?)")
    if isinstance(node, CommentedMap):
        out = {}
        for key in node:
            line, col = node.lc.key(key)
            child = path + (str(key),)
            positions[child] = (line + 1, col + 1)
            out[str(key)] = _plain(node[key], child, positions, seen)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            line, col = node.lc.item(index)
            child = path + (index,)
            positions[child] = (line + 1, col + 1)
            items.append(_plain(value, child, positions, seen))
        return items
    if isinstance(node, str):
        return str(node)
    return node


def load_source(path: Path) -> Source:
    """Parse ``path``; YAML syntax errors become located problems."""
    name = relative_name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BlueprintError([Problem(name, 1, 1, (), f"cannot read file: {exc}")]) from None
    return parse_source(text, name)


def parse_source(text: str, name: str) -> Source:
    # libyaml reads the plain documents blueprints are, 20-40x faster and with
    # the same result; ruamel below reads the rest and locates every error.
    fast = fast_yaml.parse(text, MAX_DEPTH, MAX_NODES, MAX_ALIAS_EXPANSIONS)
    if fast is not None and isinstance(fast[0], dict):
        return Source(name, *fast)
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        document = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = (exc.problem or exc.context or "invalid YAML").strip()
        hint = "indent with spaces; YAML does not allow tabs" if "'\\t'" in reason else None
        raise BlueprintError([Problem(name, line, col, (), f"YAML syntax error: {reason}", hint)]) from None
    except YAMLError as exc:
        raise BlueprintError([Problem(name, 1, 1, (), f"YAML error: {exc}")]) from None
    if document is None:
        raise BlueprintError([Problem(name, 1, 1, (), "the file is empty; a blueprint needs at least name, pattern and providers")])
    positions: dict[FieldPath, tuple[int, int]] = {(): (1, 1)}
    try:
        data = _plain(document, (), positions)
    except _TooLarge as exc:
        line, col = next((positions[exc.path[:cut]] for cut in range(len(exc.path), -1, -1) if exc.path[:cut] in positions), (1, 1))
        raise BlueprintError([Problem(name, line, col, exc.path[:4], exc.reason)]) from None
    if not isinstance(data, dict):
        raise BlueprintError([Problem(name, 1, 1, (), f"a blueprint is a mapping of fields, not a {type(data).__name__}")])
    return Source(name, data, positions)
