"""A type constraint read straight from its text, for the constraints written the common way.

A variable's ``type`` is its own small language: keywords, ``list(T)``, ``map(T)``, ``set(T)``, ``tuple([T, ...])``
and ``object({name = T, ...})`` with ``optional(T[, default])`` attributes
(https://developer.hashicorp.com/terraform/language/expressions/type-constraints). Terraform itself reads it with a
reader of its own, not as an ordinary expression (``typeexpr.TypeConstraint`` in hashicorp/hcl ``ext/typeexpr``).
A compiled blueprint's modules declare a few dozen such types, some of several thousand characters: they were
more than half of the text the path proof sent through python-hcl2's LALR parser, and that parse is the proof's
largest cost.

``read`` takes a constraint made only of those forms, with attribute names as identifiers or plain quoted
strings, attributes separated by commas or line breaks, and an ``optional`` default of any expression (handed,
as its own text, to the full parser). Anything else (a comment, a template in a string, an unknown character,
an unbalanced bracket) returns ``None``, and ``types.type_of`` reads the text with the full parser as before: this
is a shortcut for the common case, never a second opinion. ``tests/paths/test_type_text.py`` checks that both
readings agree on every type of the catalogue and the corpus.

It sits in the shared bottom because both branches read types with it: the path proof (``paths.hcl.types``) and
the HCL writer, which lays out plgen's own one-line types from the same reading (``emit.hcl_types``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_TOKEN = re.compile(
    r"""(?P<space>[ \t\r]+)|(?P<newline>\n)|(?P<name>[A-Za-z_][A-Za-z0-9_-]*)|(?P<number>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)"""
    r"""|(?P<string>"(?:[^"\\$%\n]|\\["\\nrt])*")|(?P<punct>[(){}\[\]=:,.+\-*/<>!?&|])"""
)
KEYWORDS = ("string", "number", "bool", "any")  # the primitive type keywords and any (types.py reads these too)
COLLECTIONS = ("list", "map", "set")  # a collection of one element type; bare, a collection of any


class _NotSimple(Exception):
    """The text uses something this reader leaves to the full parser."""


def _tokens(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, text, start, end) of each token; ``newline`` kept (it separates object attributes), spaces dropped."""
    out, at = [], 0
    while at < len(text):
        match = _TOKEN.match(text, at)
        if match is None:
            raise _NotSimple
        kind = match.lastgroup or ""
        if kind != "space":
            out.append((kind, match.group(), match.start(), match.end()))
        at = match.end()
    return out


class _Reader:
    def __init__(self, text: str, make: Callable[..., Any], constant: Callable[[str], Any]) -> None:
        self.text, self.make, self.constant = text, make, constant
        self.tokens = _tokens(text)
        self.at = 0

    def peek(self, skip_newlines: bool = True) -> tuple[str, str, int, int]:
        while skip_newlines and self.at < len(self.tokens) and self.tokens[self.at][0] == "newline":
            self.at += 1
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", "", len(self.text), len(self.text))

    def take(self, text: str) -> None:
        if self.peek()[1] != text:
            raise _NotSimple
        self.at += 1

    def whole(self) -> Any:
        result = self.type()
        if self.peek()[0] != "end":
            raise _NotSimple
        return result

    def type(self) -> Any:
        kind, name, _, _ = self.peek()
        if kind != "name":
            raise _NotSimple
        self.at += 1
        if self.peek(skip_newlines=False)[1] != "(":
            if name in KEYWORDS:
                return self.make(name)
            if name in COLLECTIONS:
                return self.make(name, self.make("any"))
            raise _NotSimple
        self.take("(")
        if name in COLLECTIONS:
            result = self.make(name, self.type())
        elif name == "tuple":
            self.take("[")
            items = []
            while self.peek()[1] != "]":
                items.append(self.type())
                if self.peek()[1] != "]":
                    self.take(",")
            self.take("]")
            result = self.make("tuple", items)
        elif name == "object":
            result = self.make("object", self.attributes())
        else:
            raise _NotSimple
        self.take(")")
        return result

    def attributes(self) -> dict[str, tuple[Any, bool, Any]]:
        self.take("{")
        fields: dict[str, tuple[Any, bool, Any]] = {}
        while self.peek()[1] != "}":
            kind, key, _, _ = self.peek()
            if kind == "string":
                key = key[1:-1]
                if "\\" in key:
                    raise _NotSimple
            elif kind != "name":
                raise _NotSimple
            if key in fields:
                raise _NotSimple  # a duplicate attribute: the full parser's reading says what happens
            self.at += 1
            if self.peek()[1] not in ("=", ":"):
                raise _NotSimple
            self.at += 1
            fields[key] = self.attribute()
            after = self.peek(skip_newlines=False)
            if after[1] == ",":
                self.at += 1
            elif after[0] != "newline" and after[1] != "}":
                raise _NotSimple  # attributes are separated by a comma or a line break
        self.take("}")
        return fields

    def attribute(self) -> tuple[Any, bool, Any]:
        kind, name, _, _ = self.peek()
        if not (kind == "name" and name == "optional" and self._next_is_paren()):
            return (self.type(), False, None)
        self.at += 1
        self.take("(")
        inner = self.type()
        default = None
        if self.peek()[1] == ",":
            self.at += 1
            default = self.constant(self.expression_text())
        self.take(")")
        return (inner, True, default)

    def _next_is_paren(self) -> bool:
        return self.at + 1 < len(self.tokens) and self.tokens[self.at + 1][1] == "("

    def expression_text(self) -> str:
        """The text of one expression up to the ``)`` closing ``optional(`` (brackets balanced)."""
        start = self.peek()[2]
        depth = 0
        while True:
            kind, text, begin, _ = self.peek()
            if kind == "end":
                raise _NotSimple
            if text in "([{" and kind == "punct":
                depth += 1
            elif text in ")]}" and kind == "punct":
                if depth == 0:
                    if text != ")":
                        raise _NotSimple
                    source = self.text[start:begin].strip()
                    if not source:
                        raise _NotSimple
                    return source
                depth -= 1
            elif text == "," and depth == 0:
                raise _NotSimple  # optional() takes at most two arguments
            self.at += 1


def read(text: str, make: Callable[..., Any], constant: Callable[[str], Any]) -> Any | None:
    """The type ``text`` spells, built with ``make(kind, item)``, each ``optional`` default read by ``constant(text)``;
    ``None`` when the text is not of the common forms (the caller reads it with the full parser)."""
    try:
        return _Reader(text, make, constant).whole()
    except _NotSimple:
        return None
