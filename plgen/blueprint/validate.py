"""Turn a loaded document into a ``Blueprint``, or into located problems.

Two passes, as a compiler front end does: the schema pass (types, required
fields, unknown keys) and, only when it succeeds, the semantic pass (the rules
in ``plgen.blueprint.rules``, which need a well-typed model to reason about).
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from plgen.blueprint.loader import FieldPath, Source
from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules import RULES, Rule
from plgen.errors import BlueprintError, Problem


def validate(source: Source, pattern_rules: Callable[[Blueprint], Iterable[Rule]] = lambda bp: ()) -> Blueprint:
    """The typed blueprint for ``source``; raises ``BlueprintError`` listing every problem.

    ``pattern_rules`` adds the checks of the blueprint's pattern (they live with
    the pattern, which this layer does not import).
    """
    try:
        blueprint = Blueprint.model_validate(source.data)
    except ValidationError as exc:
        raise BlueprintError([_schema_problem(source, err) for err in exc.errors()]) from None
    problems = [
        source.problem(finding.path, finding.message, finding.hint) for rule in [*RULES, *pattern_rules(blueprint)] for finding in rule.check(blueprint)
    ]
    if problems:
        raise BlueprintError(problems)
    return blueprint


def _schema_problem(source: Source, error: Any) -> Problem:
    path: FieldPath = tuple(error["loc"])
    kind = error["type"]
    message = error["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    hint = None
    if kind == "extra_forbidden":
        known = sorted(_fields_at(path[:-1]))
        message = f"unknown field '{path[-1]}'"
        close = difflib.get_close_matches(str(path[-1]), known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"known fields: {', '.join(known)}"
    elif kind == "missing":
        message = f"required field '{path[-1]}' is missing"
    elif kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        message = f"'{error.get('input')}' is not one of {expected}"
    elif kind == "string_pattern_mismatch":
        message = f"'{error.get('input')}' does not match the expected form {error['ctx']['pattern']}"
    elif kind.endswith("_type") and "input" in error:
        message = f"{message} (got {type(error['input']).__name__} {error['input']!r:.60})"
    return source.problem(path, message, hint)


def _fields_at(path: FieldPath) -> set[str]:
    """The field names of the model that ``path`` points into (for did-you-mean)."""
    annotation: Any = Blueprint
    for part in path:
        annotation = _unwrap(annotation)
        if isinstance(part, str) and _is_model(annotation):
            annotation = annotation.model_fields[part].annotation if part in annotation.model_fields else None
        else:
            args = typing.get_args(annotation)
            annotation = args[-1] if args else None
    annotation = _unwrap(annotation)
    return set(annotation.model_fields) if _is_model(annotation) else set()


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)
