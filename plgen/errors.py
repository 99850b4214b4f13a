"""Errors a user can act on.

Every problem plgen reports about a blueprint carries the file, the line and
column, and the field path, so that an editor (or a person) can jump straight to
it. Problems are collected, not raised one by one: a user fixing a blueprint
wants to see everything wrong with it in one run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

# Most problems a command prints; the rest are counted ("... and N more problems").
MAX_PRINTED = 50

# C0 and C1 controls, DEL, and the invisible format characters that reorder or
# hide text on a terminal (bidi overrides and isolates, zero-width marks).
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def printable(text: str) -> str:
    """``text`` with every control or invisible formatting character written as an escape.

    Blueprint strings reach messages (an unknown key, a bad value, a file name):
    an ESC sequence would recolour or rewrite the user's terminal, a newline
    would forge a second message line, a bidi override would reorder what is
    shown. ``\\x1b``, ``\\n``, ``\\u202e`` are shown instead.
    """
    return _UNSAFE.sub(_escape_char, text) if _UNSAFE.search(text) else text


def format_path(path: tuple[str | int, ...]) -> str:
    """Render a field path the way a user writes it: ``consumers[1].azs[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "<document>"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a blueprint, located in its source file."""

    file: str
    line: int
    column: int
    path: tuple[str | int, ...] = field(compare=False)
    message: str = field(compare=True)
    hint: str | None = field(default=None, compare=False)
    # How many further problems of the same blueprint were found but not
    # kept (a flood of them: see validate.py); counted, never printed.
    omitted: int = field(default=0, compare=False)

    @property
    def field_path(self) -> str:
        return format_path(self.path)

    def __str__(self) -> str:
        """``file:line:column: field.path: message (hint)``, every part escaped with ``printable``."""
        text = f"{self.file}:{self.line}:{self.column}: {self.field_path}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return printable(text)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.message)


class PlgenError(Exception):
    """Base of the errors the CLI turns into a message and a non-zero exit."""

    exit_code = 1


class BlueprintError(PlgenError):
    """A blueprint that cannot be compiled; holds every problem found in it."""

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        # one per place and message, sorted on a key tuple (not the dataclass
        # order: a flood of problems is thousands long), keeping the count of
        # problems omitted behind any of them
        unique: dict[tuple[str, int, int, str], Problem] = {}
        for problem in problems:
            key = problem.sort_key
            if key not in unique:
                unique[key] = problem
            elif problem.omitted:  # a duplicate that carries a count: the count stays
                unique[key] = replace(unique[key], omitted=unique[key].omitted + problem.omitted)
        self.problems = sorted(unique.values(), key=lambda p: p.sort_key)
        self.omitted = sum(p.omitted for p in self.problems)
        super().__init__(self.count)

    @property
    def count(self) -> int:
        """Every problem found: those listed in ``problems`` and those only counted."""
        return len(self.problems) + self.omitted

    def __str__(self) -> str:
        shown = [str(p) for p in self.problems[:MAX_PRINTED]]
        if self.count > MAX_PRINTED:
            shown.append(more_problems(self.count - len(shown)))
        return "\n".join(shown)


def more_problems(count: int) -> str:
    return f"... and {count:,} more problem{'s' if count != 1 else ''}"


class CompileError(PlgenError):
    """The compiler asked for something the Terraform AWS provider does not have.

    This is a bug in plgen, not in the blueprint: the provider schema snapshot
    catches it before Terraform ever sees the module.
    """

    exit_code = 3


def relative_name(path: Path) -> str:
    """Show a file the way the user named it, relative when it is below cwd."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
