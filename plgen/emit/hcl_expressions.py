"""Long expressions opened up the way people write them, so no HCL line runs hundreds of characters.

The constructs write every expression on one line (Terraform JSON needs
that). Here an expression that would run past ``WIDTH`` is broken at its
brackets: the last bracket of a line opens a new indented level
(``merge([`` ... ``]...)``), a ``for`` expression puts its clauses on their own
lines, object constructors put one ``key = value`` per line (aligned as
``terraform fmt`` aligns them), tuples and long argument lists one item per
line with a trailing comma. Strings (with their nested templates) are never
split. Anything this reader does not follow (heredocs) stays on one line.
The JSON/HCL graph comparison reads the result back through python-hcl2, so a
break that changed the meaning would fail the round-trip tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from plgen.emit.hcl_layout import INDENT, assignments
from plgen.terraform.template import _string_end

WIDTH = 100
_OPEN = {"(": ")", "[": "]", "{": "}"}
_ASSIGN = re.compile(r"(?<![=!<>])=(?![=>])")


@dataclass
class Group:
    """A bracketed part: ``open``, its elements (lists of parts, split at top-level commas), ``close``."""

    open: str
    elements: list[list[str | Group]] = field(default_factory=list)

    @property
    def close(self) -> str:
        return _OPEN[self.open]


@lru_cache(maxsize=65536)
def pretty(expression: str, level: int, column: int) -> str:
    """``expression`` as is when it fits from ``column``; else broken at its brackets, continuation lines at ``level``
    (a pure function of its arguments, kept: a catalogue writes the same expressions in many modules)."""
    if column + len(expression) <= WIDTH or "<<" in expression:
        return expression
    try:
        return _seq(_parse(expression), level, column)
    except ValueError:  # a shape this reader does not follow: one line is still valid HCL
        return expression


def _parse(source: str) -> list[str | Group]:
    stack: list[Group] = []
    top: list[str | Group] = []
    current = top
    atom: list[str] = []

    def flush() -> None:
        if atom:
            current.append("".join(atom))
            atom.clear()

    i = 0
    while i < len(source):
        ch = source[i]
        if ch == '"':
            end = _string_end(source, i + 1)
            atom.append(source[i:end])
            i = end
            continue
        if ch in _OPEN:
            flush()
            group = Group(ch, [[]])
            current.append(group)
            stack.append(group)
            current = group.elements[-1]
        elif ch in ")]}":
            flush()
            if not stack or stack[-1].close != ch:
                raise ValueError(f"unbalanced {ch!r} in {source!r}")
            stack.pop()
            current = stack[-1].elements[-1] if stack else top
        elif ch == "," and stack:
            flush()
            if _is_for(stack[-1]):  # for k, v in ...: the comma is part of the clause
                atom.append(ch)
            else:
                stack[-1].elements.append([])
                current = stack[-1].elements[-1]
        else:
            atom.append(ch)
        i += 1
    flush()
    if stack:
        raise ValueError(f"unclosed {stack[-1].open!r} in {source!r}")
    return top


def _flat(parts: list[str | Group]) -> str:
    return "".join(p if isinstance(p, str) else _flat_group(p) for p in parts)


def _flat_group(group: Group) -> str:
    return group.open + ",".join(_flat(e) for e in group.elements) + group.close


def _is_for(group: Group) -> bool:
    first = group.elements[0]
    return group.open in "[{" and bool(first) and isinstance(first[0], str) and first[0].lstrip().startswith("for ")


def _is_index(parts: list[str | Group], i: int) -> bool:
    """``a[b]``: a bracket right after a name or a close is an index, whose one key HCL does not let end in a comma."""
    if parts[i].open != "[" or i == 0:
        return False
    before = parts[i - 1]
    return isinstance(before, Group) or (bool(before) and (before[-1].isalnum() or before[-1] in "_])"))


def _seq(parts: list[str | Group], level: int, column: int) -> str:
    """Everything inline up to the last group, which is broken (the rest of the line follows its close)."""
    flat = _flat(parts)
    groups = [i for i, p in enumerate(parts) if isinstance(p, Group) and any(e for e in p.elements) and not _is_index(parts, i)]
    if column + len(flat) <= WIDTH or not groups:
        return flat
    last = groups[-1]
    head = _flat(parts[:last])
    return head + _group(parts[last], level, column + len(head)) + _flat(parts[last + 1 :])


def _group(group: Group, level: int, column: int) -> str:
    pad, inner = INDENT * level, INDENT * (level + 1)
    elements = [_strip(e) for e in group.elements]
    if _is_for(group):
        return group.open + "\n" + "\n".join(inner + line for line in _for_clauses(elements[0], level + 1)) + "\n" + pad + group.close
    if group.open == "{":
        return group.open + "\n" + "\n".join(_object_items(elements, level + 1)) + "\n" + pad + group.close
    if group.open == "(" and all(len(_flat(e)) <= 40 for e in elements[:-1]):
        # hug the last argument: f(a, b, {  ...  })
        head = ", ".join(_flat(e) for e in elements[:-1])
        head = head + ", " if head else ""
        return "(" + head + _seq(elements[-1], level, column + 1 + len(head)) + ")"
    items = [inner + _seq(e, level + 1, len(inner)) + "," for e in elements if e]
    return group.open + "\n" + "\n".join(items) + "\n" + pad + group.close


def _for_clauses(parts: list[str | Group], level: int) -> list[str]:
    """``for k, v in x : body`` on one line (the body broken if long), then ``if cond`` on a line of its own."""
    colon = _top_level(parts, _colon)
    if colon is None:
        return [_flat(parts)]
    head, body = _cut(parts, *colon)
    condition = _top_level(body, _if)
    lines = []
    if condition is not None:
        body, cond = _cut(body, *condition)
        lines.append(_flat(_strip(cond)))
    head_text = _flat(head)
    return [head_text + _seq(_strip(body), level, len(INDENT) * level + len(head_text)), *lines]


def _colon(text: str, state: list[int]) -> int | None:
    """Offset just after the ``: `` that ends a for clause (a ternary's ``?`` claims the next ``:``)."""
    for offset, ch in enumerate(text):
        if ch == "?":
            state[0] += 1
        elif ch == ":" and state[0]:
            state[0] -= 1
        elif ch == ":":
            return offset + 2 if text[offset + 1 : offset + 2] == " " else offset + 1
    return None


def _if(text: str, state: list[int]) -> int | None:
    match = re.search(r"(?<![\w.])if ", text)
    return match.start() if match else None


def _top_level(parts: list[str | Group], find) -> tuple[int, int] | None:
    """(part index, offset) of the first match of ``find`` outside brackets and strings."""
    state = [0]
    for index, part in enumerate(parts):
        if isinstance(part, str):
            offset = find(_blank_strings(part), state)
            if offset is not None:
                return index, offset
    return None


def _blank_strings(text: str) -> str:
    """``text`` with the insides of its quoted strings replaced by spaces (same length)."""
    out, i = [], 0
    while i < len(text):
        if text[i] == '"':
            end = _string_end(text, i + 1)
            out.append('"' + " " * (end - i - 2) + '"')
            i = end
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _cut(parts: list[str | Group], index: int, offset: int) -> tuple[list[str | Group], list[str | Group]]:
    text = parts[index]
    assert isinstance(text, str)
    left = [*parts[:index], text[:offset]]
    right = [text[offset:], *parts[index + 1 :]]
    return [p for p in left if p != ""], [p for p in right if p != ""]


def _object_items(elements: list[list[str | Group]], level: int) -> list[str]:
    attributes = []
    for element in elements:
        if not element:
            continue
        first = element[0]
        # the item's `=` is the first one outside strings: a quoted key may hold one ("a=b" = 1)
        match = _ASSIGN.search(_blank_strings(first)) if isinstance(first, str) else None
        if match is None:
            raise ValueError("object item without '='")
        name = first[: match.start()].strip()
        value = [first[match.end() :].lstrip(), *element[1:]]
        attributes.append((name, _seq(value, level, len(INDENT) * level + len(name) + 3)))
    return assignments(attributes, INDENT * level)


def _strip(parts: list[str | Group]) -> list[str | Group]:
    """An element without the spaces around it."""
    parts = list(parts)
    if parts and isinstance(parts[0], str):
        parts[0] = parts[0].lstrip()
    if parts and isinstance(parts[-1], str):
        parts[-1] = parts[-1].rstrip()
    return [p for p in parts if p != ""]
