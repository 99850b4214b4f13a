"""Read a blueprint file into plain data plus a map of where each field sits.

ruamel.yaml keeps the line and column of every key and list item; we flatten
that into ``{field path: (line, column)}`` so that any later stage (schema,
semantic rules) can point at the exact spot without carrying YAML nodes around.

Reading is bounded before parsing starts: only regular files are opened (a
device such as ``/dev/zero`` or a FIFO is refused from ``stat``, never read),
a file larger than the byte limit (``MAX_BYTES``, ``--max-bytes``) is refused
from its size, and at most limit + 1 bytes are ever read. Parsing is bounded
by ``fast_yaml.Limits`` (nesting, node count, alias and merge expansion,
integer length), checked as the document is read on both paths, the libyaml
fast path and ruamel. Every refusal is a located problem (exit 2).
"""

from __future__ import annotations

import datetime
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar, merge_attrib
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.scalarbool import ScalarBoolean

from plgen.blueprint import fast_yaml
from plgen.blueprint.fast_yaml import Limits, TooLarge
from plgen.errors import BlueprintError, Problem, relative_name

FieldPath = tuple[str | int, ...]
MAX_BYTES = 10_000_000  # a blueprint of 8,192 consumers (the most the synthetic generator makes) is about 3 MB
LIMITS = Limits(alias_expansions=100_000)
MAX_DEPTH = LIMITS.depth
MAX_NODES = LIMITS.nodes
MAX_ALIAS_EXPANSIONS = LIMITS.alias_expansions

_max_bytes: ContextVar[int] = ContextVar("plgen_max_bytes", default=MAX_BYTES)


@contextmanager
def byte_limit(max_bytes: int | None) -> Iterator[None]:
    """Within the block, ``load_source`` accepts blueprints of up to ``max_bytes`` (the CLI's ``--max-bytes``)."""
    token = _max_bytes.set(max_bytes or MAX_BYTES)
    try:
        yield
    finally:
        _max_bytes.reset(token)


def limits_for(max_bytes: int) -> Limits:
    """The parse limits for a byte limit: the node limit grows with a raised byte limit (one node per 10 bytes)."""
    return LIMITS if max_bytes <= MAX_BYTES else Limits(nodes=max(LIMITS.nodes, max_bytes // 10), alias_expansions=LIMITS.alias_expansions)


@dataclass(frozen=True)
class Source:
    """A loaded blueprint document: its data and the position of every field.

    ``raw`` holds, for a plain scalar that did not become text, what was
    written when the value does not show it (``012345678912`` read as
    12345678912, ``~`` as None), so that a hint can quote it back.
    """

    file: str
    data: Any
    positions: dict[FieldPath, tuple[int, int]]
    raw: dict[FieldPath, str] = field(default_factory=dict)

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


def _file_kind(mode: int) -> str | None:
    """What a non-regular file is, in words; ``None`` for a regular file."""
    for test, kind in (
        (stat.S_ISREG, None),
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "not a regular file"


def _too_big(name: str, size: str, max_bytes: int) -> BlueprintError:
    return BlueprintError(
        [
            Problem(
                name,
                1,
                1,
                (),
                f"the file is {size} bytes; a blueprint may have at most {max_bytes:,}",
                "raise the limit with --max-bytes if this blueprint really is that large",
            )
        ]
    )


def check_file(path: Path, max_bytes: int | None = None) -> None:
    """Refuse ``path`` from ``stat`` alone (a device, FIFO or directory; over the byte limit), reading nothing.

    The CLI calls this before it imports the compiler (cdktf takes a second
    and more to import), so that such a file is refused at once.
    """
    name = relative_name(path)
    limit = max_bytes or _max_bytes.get()
    try:
        info = os.stat(path)
    except OSError as exc:
        raise BlueprintError([Problem(name, 1, 1, (), f"cannot read file: {exc.strerror or exc}")]) from None
    kind = _file_kind(info.st_mode)
    if kind:
        raise BlueprintError([Problem(name, 1, 1, (), f"{kind}, not a blueprint file", "give the path of a .yaml file")])
    if info.st_size > limit:
        raise _too_big(name, f"{info.st_size:,}", limit)


def read_bounded(path: Path, name: str, max_bytes: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``max_bytes``; anything else is a located problem.

    ``stat`` first: a device, FIFO, socket or directory is refused without
    being opened (opening a FIFO blocks until a writer comes; reading
    ``/dev/zero`` never ends). The file is then opened non-blocking and checked
    again (it may have been swapped since), and read up to ``max_bytes + 1``
    bytes, so a file that grows, or lies about its size (``/proc``), is still
    bounded.
    """

    def refuse(message: str, hint: str | None = None) -> BlueprintError:
        return BlueprintError([Problem(name, 1, 1, (), message, hint)])

    try:
        info = os.stat(path)
    except OSError as exc:
        raise refuse(f"cannot read file: {exc.strerror or exc}") from None
    kind = _file_kind(info.st_mode)
    if kind:
        raise refuse(f"{kind}, not a blueprint file", "give the path of a .yaml file")
    if info.st_size > max_bytes:
        raise _too_big(name, f"{info.st_size:,}", max_bytes)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise refuse(f"cannot read file: {exc.strerror or exc}") from None
    try:
        kind = _file_kind(os.fstat(fd).st_mode)
        if kind:
            raise refuse(f"{kind}, not a blueprint file", "give the path of a .yaml file")
        chunks, remaining = [], max_bytes + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as exc:
        raise refuse(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise _too_big(name, f"more than {max_bytes:,}", max_bytes)
    return data


def decode(data: bytes, name: str) -> str:
    """``data`` as UTF-8 text; a bad byte is a problem at its own line and column (in characters)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
        message = f"the file is not UTF-8 text: byte 0x{data[start]:02x} here is not valid UTF-8 ({exc.reason})"
        raise BlueprintError([Problem(name, line, column, (), message, "save the file as UTF-8")]) from None


def load_source(path: Path, max_bytes: int | None = None) -> Source:
    """Read and parse ``path`` within the byte limit (``byte_limit``, or ``max_bytes``); every failure is located."""
    name = relative_name(path)
    limit = max_bytes or _max_bytes.get()
    return parse_source(decode(read_bounded(path, name, limit), name), name, limits_for(limit))


def _too_large(name: str, exc: TooLarge, positions: dict[FieldPath, tuple[int, int]] | None = None) -> BlueprintError:
    if exc.line is not None:
        line, column = exc.line, exc.column or 1
    else:
        positions = positions or {}
        line, column = next((positions[exc.path[:cut]] for cut in range(len(exc.path), -1, -1) if exc.path[:cut] in positions), (1, 1))
    return BlueprintError([Problem(name, line, column, exc.path, exc.message, exc.hint)])


def _key_problems(name: str, found: list[tuple[int, int, FieldPath, str, str]]) -> BlueprintError:
    return BlueprintError([Problem(name, line, column, path, message, hint) for line, column, path, message, hint in found])


def parse_source(text: str, name: str, limits: Limits = LIMITS) -> Source:
    """Parse blueprint text; syntax errors, limits and keys that are not text become located problems."""
    # libyaml reads the plain documents blueprints are, 20-40x faster and with
    # the same result; ruamel below reads the rest and locates every error.
    try:
        fast = fast_yaml.parse(text, limits)
    except TooLarge as exc:
        raise _too_large(name, exc) from None
    if fast is not None and isinstance(fast[0], dict):
        data, positions, raw, key_problems = fast
        if key_problems:
            raise _key_problems(name, key_problems)
        return Source(name, data, positions, raw)
    state = _State(limits)
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.Composer = _bounded_composer(state)
    try:
        document = yaml.load(text)
    except TooLarge as exc:
        raise _too_large(name, exc) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = (exc.problem or exc.context or "invalid YAML").strip()
        hint = "indent with spaces; YAML does not allow tabs" if "'\\t'" in reason else None
        raise BlueprintError([Problem(name, line, col, (), f"YAML syntax error: {reason}", hint)]) from None
    except YAMLError as exc:
        raise BlueprintError([Problem(name, 1, 1, (), f"YAML error: {exc}")]) from None
    except RecursionError:  # not reached within the limits; kept so that it can never be exit 3
        raise BlueprintError([Problem(name, 1, 1, (), fast_yaml.depth_message(limits))]) from None
    if document is None:
        raise BlueprintError([Problem(name, 1, 1, (), "the file is empty; a blueprint needs at least name, pattern and providers")])
    try:
        data = _plain(document, (), state)
    except TooLarge as exc:
        raise _too_large(name, exc, state.positions) from None
    if not isinstance(data, dict):
        raise BlueprintError([Problem(name, 1, 1, (), f"a blueprint is a mapping of fields, not {_a(data)}")])
    if state.key_problems:
        raise _key_problems(name, state.key_problems)
    return Source(name, data, state.positions, state.raw)


def _a(value: Any) -> str:
    return {list: "a list", str: "text", int: "a number", float: "a number", bool: "true/false"}.get(type(value), f"a {type(value).__name__}")


class _State:
    """What the ruamel path collects: positions, raw scalar texts by mark, key problems, counters."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.positions: dict[FieldPath, tuple[int, int]] = {(): (1, 1)}
        self.raw: dict[FieldPath, str] = {}
        self.raw_at: dict[tuple[int, int], str] = {}  # (line, column), 0-based -> text of a plain scalar that is not a string
        self.key_problems: list[tuple[int, int, FieldPath, str, str]] = []
        self.seen: dict[int, int] = {}
        self.expansions = 0
        self.count = 0
        self.parts: list[str | int | None] = []


_CORE = "tag:yaml.org,2002:"  # YAML's own tags, written !!name


def _bounded_composer(state: _State) -> type[Composer]:
    """ruamel's composer with the fast path's limits, checked as each node is composed.

    ruamel composes recursively (about four frames a level), so without this a
    document nested 250 deep is a ``RecursionError``; and it would compose
    millions of nodes before ``_plain`` counts them. Counting and paths are
    the fast path's (``fast_yaml._compose``), so both report the same problem.
    """
    limits = state.limits

    class BoundedComposer(Composer):
        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.parser.peek_event()
            state.count += 1
            if index is None:
                part = None  # a key
            elif isinstance(index, int):
                part = index
            else:
                part = index.value if isinstance(index, ScalarNode) else "?"
            if state.count > limits.nodes or len(state.parts) > limits.depth:
                path = tuple(p for p in (*state.parts, part) if p is not None)
                message = fast_yaml.nodes_message(limits) if state.count > limits.nodes else fast_yaml.depth_message(limits)
                raise TooLarge(path, message, event.start_mark.line + 1, event.start_mark.column + 1)
            state.parts.append(part)
            try:
                return super().compose_node(parent, index)
            finally:
                state.parts.pop()

        def _explicit_tag(self, kind: type, plain: tuple[str, ...]) -> tuple[str, Any] | None:
            """The tag written on the next node when a blueprint cannot hold what it constructs (``!!omap``, ``!!binary``, ``!Ref [..]``)."""
            event = self.parser.peek_event()
            tag = None if event.ctag is None else str(event.ctag)
            if tag is None or tag == "!" or tag in plain:
                return None
            if kind is ScalarNode and not tag.startswith(_CORE):  # !Ref on a scalar: _plain locates it at its field
                return None
            return tag, event.start_mark

        def _refuse_tag(self, found: tuple[str, Any] | None, node: Any, kind: type) -> Any:
            """Record the tag as a located problem and read the node as plain YAML, so the rest is still checked.

            Without this, ``x: !!omap [a: 1]`` constructs an ordered map, ``!Ref [a]`` a
            sequence without positions, ``!!binary`` bytes: a crash (exit 3) later, not a problem.
            """
            if found is not None:
                tag, mark = found
                shown = "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
                path = tuple(p for p in state.parts if p is not None)
                state.key_problems.append((mark.line + 1, mark.column + 1, path, f"the YAML tag {shown} is not supported in a blueprint", "remove it; blueprints are plain YAML"))
                node.tag = self.resolver.resolve(kind, node.value if kind is ScalarNode else None, (True, False))
            return node

        def compose_sequence_node(self, anchor: Any) -> Any:
            found = self._explicit_tag(SequenceNode, (_CORE + "seq",))
            return self._refuse_tag(found, super().compose_sequence_node(anchor), SequenceNode)

        def compose_mapping_node(self, anchor: Any) -> Any:
            found = self._explicit_tag(MappingNode, (_CORE + "map",))
            return self._refuse_tag(found, super().compose_mapping_node(anchor), MappingNode)

        def compose_scalar_node(self, anchor: Any) -> Any:
            found = self._explicit_tag(ScalarNode, tuple(_CORE + name for name in ("str", "int", "float", "bool", "null")))
            node = self._refuse_tag(found, super().compose_scalar_node(anchor), ScalarNode)
            if node.style is None and str(node.tag) != "tag:yaml.org,2002:str":
                mark = node.start_mark
                too_long = fast_yaml.int_too_long(node.value, limits)
                if too_long:
                    path = tuple(p for p in state.parts if p is not None)
                    raise TooLarge(path, too_long.message, mark.line + 1, mark.column + 1, too_long.hint)
                state.raw_at[(mark.line, mark.column)] = node.value
            return node

    return BoundedComposer


def _owner(node: CommentedMap, key: Any, state: _State, path: FieldPath) -> CommentedMap:
    """The mapping where ``key`` was written: ``node`` itself, or the anchor a merge key (``<<``) took it from."""
    depth = 0
    while key not in node._ok:
        for merged in getattr(node, merge_attrib, ()):
            if key in merged:
                node = merged
                break
        else:
            return node
        depth += 1
        if depth > state.limits.depth:
            raise TooLarge(path, fast_yaml.merge_message(state.limits))
    return node


def _scalar(value: Any) -> Any:
    """ruamel's scalar subclasses as the plain Python values the fast path gives."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool | ScalarBoolean):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, datetime.datetime):
        return datetime.datetime.fromisoformat(value.isoformat())
    return value


def _plain(node: Any, path: FieldPath, state: _State) -> Any:
    """Convert ruamel containers to dict/list, recording positions on the way.

    Depth, size and alias expansion are bounded exactly as in
    ``fast_yaml._Walk`` (same counts, same messages), so that deep nesting or
    an alias bomb (``&a [*a, *a]`` repeated) is a located problem, not a
    RecursionError or an exhausted memory. ``state.seen`` counts visits per
    container: a second visit is an alias being expanded. A merged key
    (``<<: *defaults``) is placed where the anchor wrote it.
    """
    limits = state.limits
    tag = _custom_tag(node)
    if tag:
        line, column = state.positions.get(path, (1, 1))
        state.key_problems.append((line, column, path, f"the YAML tag {tag} is not supported in a blueprint", "remove it; blueprints are plain YAML"))
    if isinstance(node, TaggedScalar):
        return str(node.value)
    if isinstance(node, CommentedMap | CommentedSeq):
        visits = state.seen[id(node)] = state.seen.get(id(node), 0) + 1
        if visits > 1:
            state.expansions += 1
            if state.expansions > limits.alias_expansions:
                raise TooLarge(path, fast_yaml.alias_message(limits))
    if isinstance(node, CommentedMap):
        out = {}
        for key in node:
            owner = _owner(node, key, state, path)
            key_line, key_column = owner.lc.key(key)
            if isinstance(key, str):
                name = str(key)
            else:
                written = state.raw_at.get((key_line, key_column))
                name = written if written is not None else str(key)
                state.key_problems.append((key_line + 1, key_column + 1, path + (name,), *fast_yaml.key_problem(name, _scalar(key))))
            child = path + (name,)
            _place(state, child, key_line + 1, key_column + 1)
            value = node[key]
            if not isinstance(value, str | CommentedMap | CommentedSeq):
                _keep_raw(state, child, owner.lc.value(key), value)
            out[name] = _plain(value, child, state)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            line, col = node.lc.item(index)
            child = path + (index,)
            _place(state, child, line + 1, col + 1)
            if not isinstance(value, str | CommentedMap | CommentedSeq):
                _keep_raw(state, child, (line, col), value)
            items.append(_plain(value, child, state))
        return items
    return _scalar(node)


def _custom_tag(node: Any) -> str | None:
    """An explicit tag other than YAML's own (``!!str``, ``!!map``): ``!Ref`` and the like mean nothing here."""
    tag = getattr(node, "tag", None) if isinstance(node, CommentedMap | CommentedSeq | TaggedScalar) else None
    text = str(getattr(tag, "value", tag) or "")
    return text if text and not text.startswith("tag:yaml.org,2002:") else None


def _place(state: _State, child: FieldPath, line: int, column: int) -> None:
    state.positions[child] = (line, column)
    if len(state.positions) > state.limits.nodes:
        raise TooLarge(child, fast_yaml.expanded_message(state.limits), line, column)
    if len(child) > state.limits.depth:
        raise TooLarge(child, fast_yaml.depth_message(state.limits), line, column)


def _keep_raw(state: _State, child: FieldPath, at: tuple[int, int], value: Any) -> None:
    written = state.raw_at.get((at[0], at[1]))
    if written is not None and fast_yaml.keep_raw(written, _scalar(value)):
        state.raw[child] = written
