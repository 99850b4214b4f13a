"""What a semantic rule is: a slug, a one-line summary, and a check.

Rules see a schema-valid ``Blueprint`` and report ``Finding``s with the field
path they concern; the validator turns paths into file positions. One rule per
file keeps each constraint from the reference notes findable by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from plgen.blueprint.loader import FieldPath
from plgen.blueprint.model import Blueprint


@dataclass(frozen=True)
class Finding:
    path: FieldPath
    message: str
    hint: str | None = None


@dataclass(frozen=True)
class Rule:
    slug: str
    summary: str
    check: Callable[[Blueprint], Iterable[Finding]]


def rule(slug: str, summary: str) -> Callable[[Callable[[Blueprint], Iterable[Finding]]], Rule]:
    """Decorate a check function into a ``Rule``; registration stays explicit in ``RULES``."""

    def wrap(check: Callable[[Blueprint], Iterable[Finding]]) -> Rule:
        return Rule(slug, summary, check)

    return wrap
