"""The loader's fast path: libyaml's C parser, giving the same data and positions as ruamel.

ruamel.yaml's round-trip loader (``loader.py``) records the line and column
of every key, but it is pure Python: about 3 s for a 1,000-consumer blueprint,
20-40 times slower than libyaml, and the largest cost of a render at scale.
Here PyYAML's C parser produces events, which carry their marks; one loop
composes them into light nodes, checking the limits (``Limits``) as each node
arrives, so that a hostile document (deep nesting, millions of tiny items, an
integer of 5,000 digits) is refused after reading only as much as proves it,
and one walk builds the same ``(data, positions, raw)`` as ``loader._plain``,
with YAML 1.2 core scalars as ruamel resolves them.

It handles the plain subset blueprints are written in: mappings, sequences,
anchors and aliases, merge keys (``<<: *defaults``), strings, decimal
integers, YAML 1.2 booleans and null. Anything else (a syntax error, a
duplicate key, an explicit tag, a float, a timestamp, an octal or hexadecimal
integer, a non-scalar key, a %YAML directive, a NEL or U+2028/U+2029, which
libyaml counts as line breaks and ruamel does not) returns ``None``, and the caller
parses with ruamel, which stays the reference and reports every error with its
position; documents larger than ruamel reads in reasonable time
(``Limits.ruamel_nodes``) get the fast path's own located error instead.
``tests/blueprint/test_fast_yaml.py`` checks that both paths agree.

The limits are checked identically on both paths (same counts, same place,
same message): ``TooLarge`` carries a message built by the functions below.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

try:
    import yaml
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml: ruamel does all the work
    CParser = None

FieldPath = tuple[str | int, ...]
Positions = dict[FieldPath, tuple[int, int]]


@dataclass(frozen=True)
class Limits:
    """How much document plgen reads; past any of these a blueprint is a located error.

    ``nodes`` counts every YAML node as it is parsed (keys, values, list items,
    aliases), and again every value an alias or merge key expands to; the
    largest generated blueprint (8,192 consumers) has about 450,000.
    """

    depth: int = 64
    nodes: int = 1_000_000
    alias_expansions: int = 10_000
    int_digits: int = 4_300  # Python's own limit for int <-> str (sys.get_int_max_str_digits)
    ruamel_nodes: int = 200_000  # ruamel reads ~15,000 nodes/s; above this the fast path reports


class TooLarge(Exception):
    """A document past a limit, at a place: ``line``/``column`` (1-based) or, without them, ``path``'s position."""

    def __init__(self, path: FieldPath, message: str, line: int | None = None, column: int | None = None, hint: str | None = None):
        super().__init__(message)
        self.path, self.message, self.line, self.column, self.hint = path[:4], message, line, column, hint


def depth_message(limits: Limits) -> str:
    return f"the document nests deeper than {limits.depth} levels"


def nodes_message(limits: Limits) -> str:
    return f"the document has more than {limits.nodes:,} YAML nodes (keys, values and list items)"


def expanded_message(limits: Limits) -> str:
    return f"aliases expand the document to more than {limits.nodes:,} values"


def alias_message(limits: Limits) -> str:
    return f"aliases expand to more than {limits.alias_expansions} copies (an alias bomb?)"


_INT_FORMS = ((re.compile(r"[-+]?0b([0-1_]+)"), 2), (re.compile(r"[-+]?0x([0-9a-fA-F_]+)"), 16), (re.compile(r"[-+]?0o([0-7_]+)"), 8), (re.compile(r"[-+]?([0-9_]+)"), 10))


def int_too_long(text: str, limits: Limits) -> TooLarge | None:
    """The error for an integer literal Python would refuse to convert (or print), else ``None``.

    ``int("9" * 5000)`` raises ``ValueError`` (CVE-2020-10735's guard), and so
    does printing a hexadecimal one of as many decimal digits: checked on the
    text, before ruamel or the fast path converts it.
    """
    if len(text) <= limits.int_digits * 0.8:  # no form of this length reaches int_digits decimal digits
        return None
    for form, base in _INT_FORMS:
        match = form.fullmatch(text)
        if match:
            digits = len(match.group(1).replace("_", ""))
            if digits * math.log10(base) > limits.int_digits:
                return TooLarge(
                    (),
                    f"a number of {digits:,} digits is longer than plgen reads (at most {limits.int_digits:,} decimal digits)",
                    hint="no blueprint field takes a number longer than 10 digits; quote it if it is text",
                )
            return None
    return None


_KIND = {type(None): "null", bool: "a boolean", int: "a number", float: "a number"}


def key_problem(raw: str, value: Any) -> tuple[str, str]:
    """(message, hint) for a mapping key YAML read as something other than text.

    ``~:`` would become a tag named "None" and ``true:`` / ``"True":`` the same
    key once converted; every blueprint key is a name, so only text is taken.
    """
    kind = _KIND.get(type(value), f"a {type(value).__name__}")
    shown = raw if raw else "(empty)"
    return (f"key {shown} is {kind}, not text", f'quote it: "{raw}"' if raw else "write the key's name")


# YAML 1.2 core schema, as ruamel.yaml's resolver spells it.
NULL = frozenset({"~", "null", "Null", "NULL", ""})
BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")
# Plain scalars ruamel reads as something other than a string or a decimal
# integer: its YAML 1.2 float, int, timestamp, merge and value patterns.
OTHER = re.compile(
    r"""(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
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
    |=)""",
    re.X,
)
DIRECTIVE = re.compile(r"^%", re.M)  # %YAML 1.1 changes how ruamel reads scalars
# Line breaks to libyaml (YAML 1.1), not to ruamel (YAML 1.2): positions after one would differ.
YAML11_BREAKS = re.compile("[\x85\u2028\u2029]")
NUMERIC_START = frozenset("-+0123456789.=")  # first characters OTHER can match
SCALAR, SEQUENCE, MAPPING = 0, 1, 2


class _Marker:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


MERGE = _Marker("<<")  # a plain ``<<`` key
UNSUPPORTED = _Marker("unsupported")  # a scalar only ruamel reads exactly


class _Node:
    """A composed node: ``value`` is the resolved scalar, or the list of items or of (key, value) pairs.

    ``raw`` is the text of a plain scalar that did not become a string
    (``012`` became 12, ``~`` became None): hints quote what was written.
    """

    __slots__ = ("kind", "value", "line", "column", "raw")

    def __init__(self, kind: int, value: Any, line: int, column: int, raw: str | None = None):
        self.kind, self.value, self.line, self.column, self.raw = kind, value, line, column, raw


def keep_raw(raw: str, value: Any) -> bool:
    """Whether ``raw``, the text of a plain scalar that became ``value``, says more than ``value`` shows.

    ``012345678912`` became 12345678912 and ``~`` became None: a hint that
    says "quote it" must quote what was written. ``443`` and ``true`` need no copy.
    """
    if value is None or type(value) is float:
        return True
    if type(value) is bool:
        return raw not in ("true", "false")
    return type(value) is int and raw != str(value)


def _resolve(event: Any, limits: Limits) -> tuple[Any, str | None]:
    """(value, raw) of a scalar event, as ruamel's YAML 1.2 resolver and constructor give it.

    ``raw`` is the text of a plain scalar that is not a string (for hints and
    for keys that must be text).
    """
    value = event.value
    if event.tag is not None and event.tag != "!":
        return UNSUPPORTED, value  # an explicit tag
    if not event.implicit[0]:
        return value, None  # quoted (or a block scalar): text
    if not value or value[0] in NUMERIC_START:
        if value in NULL:
            return None, value
        if len(value) > limits.int_digits * 0.8:
            too_long = int_too_long(value, limits)
            if too_long:
                raise too_long
        if DECIMAL.fullmatch(value):
            return int(value), value
        if OTHER.fullmatch(value):
            return UNSUPPORTED, value
        return value, None
    if value in BOOL:
        return BOOL[value], value
    if value in NULL:
        return None, value
    if value == "<<":
        return MERGE, value
    return value, None


def _mark_path(stack: list[_Node], keys: list[_Node | None], key_of: list[str | int | None]) -> FieldPath:
    """The field path of the node about to be attached below ``stack[-1]`` (a key gets its mapping's path)."""
    path = tuple(part for part in key_of if part is not None)
    if stack:
        parent = stack[-1]
        if parent.kind == SEQUENCE:
            path += (len(parent.value),)
        elif keys[-1] is not None:
            path += (_part(keys[-1]),)
    return path


def _part(key: _Node) -> str:
    if key.kind != SCALAR:
        return "?"
    return key.value if type(key.value) is str else (key.raw if key.raw is not None else str(key.value))


class _Declined(Exception):
    """libyaml could not read the document (a syntax error); ``count`` nodes were read before it."""

    def __init__(self, count: int, error: Any):
        self.count, self.error = count, error


def _compose(text: str, limits: Limits) -> tuple[_Node | None, tuple[str, int, int] | None, int]:
    """(root, why the fast path cannot finish, node count), reading events one at a time.

    Iterative, so nesting costs no Python stack; every node is counted and its
    depth checked when it arrives, so a limit stops the read right there.
    """
    parser = CParser(text)
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    sequence_start, mapping_start = yaml.SequenceStartEvent, yaml.MappingStartEvent
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    stack: list[_Node] = []  # open collections
    keys: list[_Node | None] = []  # per open mapping: the key waiting for its value
    key_of: list[str | int | None] = []  # per open collection: its part of the field path
    anchors: dict[str, _Node] = {}
    root: _Node | None = None
    unsupported: tuple[str, int, int] | None = None
    count = 0
    try:
        get = parser.get_event
        get()  # stream start
        if type(parser.peek_event()) is yaml.StreamEndEvent:
            return None, "empty document", 0
        get()  # document start
        while True:
            event = get()
            kind = type(event)
            if kind is scalar_event or kind is mapping_start or kind is sequence_start or kind is alias_event:
                count += 1
                mark = event.start_mark
                if count > limits.nodes:
                    raise TooLarge(_mark_path(stack, keys, key_of), nodes_message(limits), mark.line + 1, mark.column + 1)
                if len(stack) > limits.depth:
                    raise TooLarge(_mark_path(stack, keys, key_of), depth_message(limits), mark.line + 1, mark.column + 1)
                if kind is scalar_event:
                    if event.tag is None and not event.implicit[0]:
                        node = _Node(SCALAR, event.value, mark.line + 1, mark.column + 1)  # quoted: text
                    else:
                        try:
                            value, raw = _resolve(event, limits)
                        except TooLarge as exc:
                            raise TooLarge(_mark_path(stack, keys, key_of), exc.message, mark.line + 1, mark.column + 1, exc.hint) from None
                        if value is UNSUPPORTED:
                            unsupported = unsupported or (f"the scalar {event.value[:40]!r}", mark.line + 1, mark.column + 1)
                        node = _Node(SCALAR, value, mark.line + 1, mark.column + 1, raw)
                    if event.anchor is not None:
                        anchors[event.anchor] = node
                    if not stack:
                        root = node
                    elif stack[-1].kind == SEQUENCE:
                        stack[-1].value.append(node)
                    elif keys[-1] is None:
                        keys[-1] = node
                    else:
                        stack[-1].value.append((keys[-1], node))
                        keys[-1] = None
                    continue
                if kind is alias_event:
                    node = anchors.get(event.anchor)
                    if node is None:
                        unsupported = unsupported or ("an undefined alias", mark.line + 1, mark.column + 1)
                        node = _Node(SCALAR, UNSUPPORTED, mark.line + 1, mark.column + 1)
                else:
                    if event.tag is not None and event.tag != "!":
                        unsupported = unsupported or (f"the tag {event.tag}", mark.line + 1, mark.column + 1)
                    node = _Node(SEQUENCE if kind is sequence_start else MAPPING, [], mark.line + 1, mark.column + 1)
                    if event.anchor is not None:
                        anchors[event.anchor] = node
                part: str | int | None = None  # a key (its children, if any, are not on the field path) or the root
                if stack:
                    parent = stack[-1]
                    if parent.kind == SEQUENCE:
                        part = len(parent.value)
                        parent.value.append(node)
                    elif keys[-1] is None:
                        keys[-1] = node
                    else:
                        part = _part(keys[-1])
                        parent.value.append((keys[-1], node))
                        keys[-1] = None
                else:
                    root = node
                if kind is not alias_event:
                    stack.append(node)
                    keys.append(None)
                    key_of.append(part)
            elif kind in ends:
                stack.pop()
                keys.pop()
                key_of.pop()
            elif kind is yaml.DocumentEndEvent:
                break
        if type(get()) is not yaml.StreamEndEvent:
            unsupported = unsupported or ("several documents", 1, 1)
    except yaml.YAMLError as exc:
        raise _Declined(count, exc) from None
    finally:
        parser.dispose()
    return root, unsupported, count


def merge_message(limits: Limits) -> str:
    return f"merge keys nest deeper than {limits.depth} levels"


def merge_work_message(limits: Limits) -> str:
    return f"merge keys expand to more than {limits.nodes:,} keys"


class _Walk:
    """One walk over composed nodes: the outputs, the counters, and why ruamel must read the document instead."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.positions: Positions = {(): (1, 1)}
        self.raw: dict[FieldPath, str] = {}
        self.key_problems: list[tuple[int, int, FieldPath, str, str]] = []
        self.visited: set[int] = set()
        self.expansions = 0
        self.merge_budget = limits.nodes
        self.unsupported: tuple[str, int, int] | None = None

    def decline(self, reason: str, node: _Node) -> None:
        self.unsupported = self.unsupported or (reason, node.line, node.column)

    def pairs(self, node: _Node, path: FieldPath, active: tuple[int, ...] = ()) -> list[tuple[_Node, _Node]]:
        """A mapping's (key, value) pairs with its merge key applied, as ruamel reads it.

        Own keys win over merged ones wherever ``<<`` is written; with
        ``<<: [*a, *b]``, ``a``'s keys win over ``b``'s; a merged mapping's own
        merge key is applied first. The pairs are the anchor's nodes, so every
        merged field keeps the position where it was written (in the anchor,
        not at the ``<<`` line). The work is counted: merging the same large
        anchor into many mappings is bounded like an alias bomb.
        """
        merges = [value for key, value in node.value if key.kind == SCALAR and key.value is MERGE]
        if not merges:
            return node.value
        own = [(key, value) for key, value in node.value if not (key.kind == SCALAR and key.value is MERGE)]
        if len(merges) > 1 or id(node) in active:
            self.decline("a duplicate or recursive merge key", node)
            return own
        if len(active) >= self.limits.depth:
            raise TooLarge(path, merge_message(self.limits), node.line, node.column)
        source = merges[0]
        if source.kind == MAPPING:
            sources = [source]
        elif source.kind == SEQUENCE and all(item.kind == MAPPING for item in source.value):
            sources = source.value
        else:
            self.decline("a merge of something other than mappings", node)
            return own
        taken = {key.value for key, _ in own if key.kind == SCALAR}
        result = list(own)
        for mapping in sources:
            merged = self.pairs(mapping, path, (*active, id(node)))
            self.merge_budget -= len(merged)
            if self.merge_budget < 0:
                raise TooLarge(path, merge_work_message(self.limits), node.line, node.column)
            for key, value in merged:
                if key.kind != SCALAR:
                    self.decline("a complex key", key)
                elif key.value not in taken:
                    taken.add(key.value)
                    result.append((key, value))
        return result

    def place(self, child: FieldPath, line: int, column: int) -> None:
        self.positions[child] = (line, column)
        if len(self.positions) > self.limits.nodes:
            raise TooLarge(child, expanded_message(self.limits), line, column)
        if len(child) > self.limits.depth:
            raise TooLarge(child, depth_message(self.limits), line, column)

    def walk(self, node: _Node, path: FieldPath) -> Any:
        if id(node) in self.visited:  # an alias being expanded
            self.expansions += 1
            if self.expansions > self.limits.alias_expansions:
                raise TooLarge(path, alias_message(self.limits), *self.positions[path])
        self.visited.add(id(node))
        raw, place = self.raw, self.place
        if node.kind == MAPPING:
            out: dict[str, Any] = {}
            seen: set[Any] = set()  # ruamel compares keys as values: 1 and true are the same key
            for key_node, value_node in self.pairs(node, path):
                if key_node.kind != SCALAR:
                    self.decline("a complex key", key_node)
                    continue
                value = key_node.value
                if type(value) is str:
                    key = value
                else:
                    key = key_node.raw if key_node.raw is not None else str(value)
                    if value is UNSUPPORTED:
                        value = ("unsupported", key)
                    else:
                        self.key_problems.append((key_node.line, key_node.column, path + (key,), *key_problem(key, value)))
                if value in seen:
                    self.decline("a duplicate key", key_node)
                    continue
                seen.add(value)
                child = path + (key,)
                place(child, key_node.line, key_node.column)
                if value_node.kind == SCALAR:
                    out[key] = value_node.value
                    if value_node.raw is not None and keep_raw(value_node.raw, value_node.value):
                        raw[child] = value_node.raw
                else:
                    out[key] = self.walk(value_node, child)
            return out
        items = []
        for index, item in enumerate(node.value):
            child = path + (index,)
            place(child, item.line, item.column)
            if item.kind == SCALAR:
                items.append(item.value)
                if item.raw is not None and keep_raw(item.raw, item.value):
                    raw[child] = item.raw
            else:
                items.append(self.walk(item, child))
        return items


def parse(text: str, limits: Limits = Limits()) -> tuple[Any, Positions, dict[FieldPath, str], list[tuple[int, int, FieldPath, str, str]]] | None:
    """``(data, positions, raw, key problems)`` as ``loader._plain`` gives them, or ``None`` to use ruamel.

    Raises ``TooLarge`` for a document past ``limits``, wherever it is found:
    a document only ruamel reads exactly is still composed and walked here
    first, so that ruamel never sees one that is too large (ruamel is about
    70 times slower, and would also expand an alias or merge bomb). A document
    that needs ruamel but is larger than ``limits.ruamel_nodes`` is refused.
    """
    if CParser is None or DIRECTIVE.search(text):
        return None
    try:
        return _parse(text, limits)
    except TooLarge as exc:
        if exc.line is not None and YAML11_BREAKS.search(text):
            exc.line, exc.column = _yaml12_position(text, exc.line, exc.column or 1)
        raise


LIBYAML_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _yaml12_position(text: str, line: int, column: int) -> tuple[int, int]:
    """libyaml's (YAML 1.1) 1-based line and column as plgen reports them (YAML 1.2: only ``\n`` ends a line).

    libyaml also ends a line at U+0085, U+2028 and U+2029, so past one of them
    its line numbers run ahead of the file's; a limit found while composing is
    moved back to the character it names.
    """
    start = 0
    for _, found in zip(range(line - 1), LIBYAML_BREAK.finditer(text)):
        start = found.end()
    at = min(start + column - 1, len(text))
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def _parse(text: str, limits: Limits):
    try:
        root, unsupported, count = _compose(text, limits)
    except _Declined as declined:
        if declined.count > limits.ruamel_nodes:
            mark = getattr(declined.error, "problem_mark", None)
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            reason = (getattr(declined.error, "problem", None) or "invalid YAML").strip()
            raise TooLarge((), f"YAML syntax error: {reason}", line, column) from None
        return None
    if root is None:
        return None
    state = _Walk(limits)
    state.unsupported = unsupported
    odd_break = YAML11_BREAKS.search(text)
    if odd_break and not unsupported:
        at = odd_break.start()
        line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        state.unsupported = (f"the line separator U+{ord(odd_break.group()):04X}", line, column)
    data = root.value if root.kind == SCALAR else state.walk(root, ())
    if state.unsupported:
        if count > limits.ruamel_nodes:
            what, line, column = state.unsupported
            raise TooLarge(
                (),
                f"this document ({count:,} YAML nodes) uses {what}, which plgen reads only in documents of at most {limits.ruamel_nodes:,} nodes",
                line,
                column,
                "write large blueprints in plain YAML: mappings, lists, anchors, merge keys, text, whole numbers, true/false",
            )
        return None
    return data, state.positions, state.raw, state.key_problems
