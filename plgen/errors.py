"""Errors a user can act on.

Every problem plgen reports about a blueprint carries the file, the line and
column, and the field path, so that an editor (or a person) can jump straight to
it. Problems are collected, not raised one by one: a user fixing a blueprint
wants to see everything wrong with it in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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

    @property
    def field_path(self) -> str:
        return format_path(self.path)

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.field_path}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class PlgenError(Exception):
    """Base of the errors the CLI turns into a message and a non-zero exit."""

    exit_code = 1


class BlueprintError(PlgenError):
    """A blueprint that cannot be compiled; holds every problem found in it."""

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


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
