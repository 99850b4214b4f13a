"""Terraform string templates, as Terraform JSON and HCL both spell them.

A Terraform JSON string such as ``"${aws_lb.this.arn}"`` or
``"${var.name}-endpoint"`` is a template: literal text with ``${...}``
interpolations and ``%{...}`` directives, where ``$${`` and ``%%{`` are
escapes for the literal characters. HCL uses the same template language inside
quotes, so converting a JSON string to HCL source is: a template that is one
interpolation becomes the bare expression; anything else stays a quoted
template whose *literal* parts get HCL string escapes (the expressions inside
``${...}`` are HCL source already and are copied unchanged).

The scanner follows nesting (an interpolation may hold a quoted string that
holds an interpolation: ``"${merge(x, { Name = "${var.name}-x" })}"``), which
is why it is not a regular expression.
"""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["text", "interpolation", "directive"]

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


class TemplateError(ValueError):
    """A string whose ``${`` or ``%{`` is never closed: Terraform would reject it too."""


def parts(source: str) -> list[tuple[Kind, str]]:
    """Split a template into literal text (escapes kept as written) and ``${...}``/``%{...}`` parts (with delimiters)."""
    out: list[tuple[Kind, str]] = []
    pos = text_from = 0
    while (mark := _MARK.search(source, pos)) is not None:
        if len(mark.group()) == 3:  # $${ or %%{: an escape, literal text
            pos = mark.end()
            continue
        start = mark.start()
        if start > text_from:
            out.append(("text", source[text_from:start]))
        end = _expression_end(source, start + 2)
        out.append(("interpolation" if source[start] == "$" else "directive", source[start : end + 1]))
        pos = text_from = end + 1
    if text_from < len(source):
        out.append(("text", source[text_from:]))
    return out


def single_interpolation(source: str) -> str | None:
    """The expression inside ``source`` when the whole string is one ``${...}``, else None."""
    split = parts(source)
    if len(split) == 1 and split[0][0] == "interpolation":
        inner = split[0][1][2:-1]
        if not inner.startswith("~") and not inner.endswith("~"):
            return inner.strip()
    return None


def quote_template(source: str) -> str:
    """HCL quoted-template source for a Terraform template (interpolations kept live)."""
    return '"' + "".join(escape(text) if kind == "text" else text for kind, text in parts(source)) + '"'


def quote_literal(value: str) -> str:
    """HCL source for a string that must stay literal (``${`` in it is text, not an interpolation)."""
    return '"' + escape(value.replace("${", "$${").replace("%{", "%%{")) + '"'


def escape(text: str) -> str:
    """HCL string escapes for literal text: quotes, backslashes and control characters."""
    return "".join(_ESCAPES.get(ch, f"\\u{ord(ch):04x}" if ord(ch) < 0x20 else ch) for ch in text)


# The next character that matters, scanning a template, an expression or a quoted string inside one. The leftmost
# match wins: ``$${`` starts one character before the ``${`` inside it, so an escape is never read as ``$`` and ``${``.
_MARK = re.compile(r"\$\$\{|%%\{|\$\{|%\{")
_IN_EXPRESSION = re.compile(r'["{}()\[\]]')
_IN_STRING = re.compile(r'\\|"|\$\$\{|%%\{|\$\{|%\{')


def _expression_end(source: str, i: int) -> int:
    """Index of the ``}`` closing the expression that starts at ``i``."""
    depth = 0
    while (found := _IN_EXPRESSION.search(source, i)) is not None:
        ch, i = found.group(), found.start()
        if ch == '"':
            i = _string_end(source, i + 1)
            continue
        if ch in "{([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0:  # "}"
            return i
        else:
            depth -= 1
        i += 1
    raise TemplateError(f"unclosed interpolation in {source!r}")


def _string_end(source: str, i: int) -> int:
    """Index just after the ``"`` closing a quoted string whose body starts at ``i``."""
    while (found := _IN_STRING.search(source, i)) is not None:
        mark, i = found.group(), found.start()
        if mark == "\\":
            i += 2
        elif mark == '"':
            return i + 1
        elif len(mark) == 3:  # $${ or %%{
            i += 3
        else:  # ${ or %{
            i = _expression_end(source, i + 2) + 1
    raise TemplateError(f"unclosed string in {source!r}")
