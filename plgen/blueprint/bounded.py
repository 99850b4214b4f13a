"""Schema validation of a large document, model by model, with a bounded list of errors.

pydantic validates a whole document in one call and returns every error: for
a blueprint of 10,000 consumers written as ``- {}`` that is 60,000 errors, and
the loader admits up to a million nodes (about 500 bytes of memory per error
inside pydantic, more once they become Python dicts). For a large document
(``validate.LARGE`` positions) ``check`` instead validates each model on its
own, children first: a child that passes is handed to its parent as a model
instance (pydantic does not validate an instance again); when one fails, the
parent is checked without that field (and without its errors about the
field's absence or about the whole model), so no error is reported twice. Long lists of scalars and long mappings are validated in
slices first, and are cut to one item for their model's check when a slice failed. Every error is counted; at most ``KEPT`` are kept as pydantic error
dicts for messages, the rest only counted (``Errors.omitted``).

A valid document gives the same ``Blueprint`` as ``Blueprint.model_validate``
(``tests/blueprint/test_input_limits.py`` checks both ways on the catalogue
and on generated blueprints).
"""

from __future__ import annotations

import types
import typing
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

KEPT = 1_000  # errors kept for messages; past this they are counted
SLICE = 500  # items of a list of scalars (or entries of a mapping) validated at once

FieldPath = tuple[str | int, ...]


class Errors:
    """pydantic error dicts with their full location, at most ``KEPT`` of them, and a count of the rest."""

    def __init__(self) -> None:
        self.kept: list[dict[str, Any]] = []
        self.omitted = 0

    def __bool__(self) -> bool:
        return bool(self.kept or self.omitted)

    def add(self, exc: ValidationError, loc: FieldPath, offset: int = 0, skip: frozenset[str] = frozenset()) -> None:
        """The errors of ``exc`` (from validating the value at ``loc``); list indices shift by ``offset``.

        Errors inside a field in ``skip`` were reported by that field's own check.
        """
        if not skip and len(self.kept) >= KEPT:
            self.omitted += exc.error_count()
            return
        for error in exc.errors(include_url=False):
            inner = tuple(error["loc"])
            if inner and inner[0] in skip and len(inner) > 1:
                continue
            if offset and inner and isinstance(inner[0], int):
                inner = (inner[0] + offset, *inner[1:])
            self.keep({**error, "loc": loc + inner})

    def keep(self, error: dict[str, Any]) -> None:
        if len(self.kept) < KEPT:
            self.kept.append(error)
        else:
            self.omitted += 1


def unwrap(annotation: Any) -> Any:
    """The type inside ``Annotated[...]`` and ``X | None``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _shape(annotation: Any) -> tuple[str | None, Any]:
    """How ``check`` treats a field: ("model", M), ("models", M), ("scalars", item type), ("mapping", type) or (None, None)."""
    bare = unwrap(annotation)
    if is_model(bare):
        return "model", bare
    origin = typing.get_origin(bare)
    if origin is list:
        (item,) = typing.get_args(bare)
        return ("models", unwrap(item)) if is_model(unwrap(item)) else ("scalars", item)
    if origin is dict:
        return "mapping", bare
    return None, None


@lru_cache(maxsize=None)
def _plan(model: type[BaseModel]) -> tuple[frozenset[str], tuple[tuple[str, str, Any], ...]]:
    """The field names of ``model``, and (name, kind, type) of those ``check`` looks into."""
    fields = type.__getattribute__(model, "__pydantic_fields__")
    shapes = ((name, *_shape(info.annotation)) for name, info in fields.items())
    return frozenset(fields), tuple((name, kind, inner) for name, kind, inner in shapes if kind)


@lru_cache(maxsize=None)
def _adapter(annotation: Any) -> TypeAdapter:
    return TypeAdapter(annotation)


FAILED = object()  # what ``check`` returns for a value that is not valid (its errors are in ``errors``)


def check(model: type[BaseModel], data: Any, loc: FieldPath, errors: Errors) -> Any:
    """``data`` validated as ``model`` (an instance), or ``FAILED`` with its errors in ``errors``."""
    if not isinstance(data, dict):
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            errors.add(exc, loc)
            return FAILED
    names, children = _plan(model)
    trimmed = dict(data)
    if not names.issuperset(data):
        for name in [key for key in data if key not in names]:
            errors.keep({"type": "extra_forbidden", "loc": loc + (name,), "msg": "Extra inputs are not permitted", "input": trimmed.pop(name)})
    checked: set[str] = set()
    removed: set[str] = set()
    children_failed = False
    for name, kind, inner in children:
        if name not in data:
            continue
        value = data[name]
        before = len(errors.kept) + errors.omitted
        if kind == "model" and isinstance(value, dict):
            trimmed[name] = check(inner, value, loc + (name,), errors)
            if trimmed[name] is FAILED:
                del trimmed[name]
                removed.add(name)
        elif kind == "models" and isinstance(value, list):
            items = [check(inner, item, loc + (name, index), errors) for index, item in enumerate(value)]
            if any(item is FAILED for item in items):
                del trimmed[name]
                removed.add(name)
            else:
                trimmed[name] = items
        elif kind == "scalars" and isinstance(value, list) and len(value) > SLICE:
            adapter = _adapter(list[inner])
            for start in range(0, len(value), SLICE):
                try:
                    adapter.validate_python(value[start : start + SLICE])
                except ValidationError as exc:
                    errors.add(exc, loc + (name,), offset=start)
            # when an item failed, the model is checked with the first item only (for the list's own constraints)
            if len(errors.kept) + errors.omitted > before:
                trimmed[name] = value[:1]
        elif kind == "mapping" and isinstance(value, dict) and len(value) > SLICE:
            adapter, entries = _adapter(inner), list(value.items())
            for start in range(0, len(entries), SLICE):
                try:
                    adapter.validate_python(dict(entries[start : start + SLICE]))
                except ValidationError as exc:
                    errors.add(exc, loc + (name,))
            if len(errors.kept) + errors.omitted > before:
                trimmed[name] = dict(entries[:1])
        else:
            continue
        checked.add(name)
        children_failed |= len(errors.kept) + errors.omitted > before
    try:
        return model.model_validate(trimmed)
    except ValidationError as exc:
        if children_failed:  # only the errors about the model's other fields
            for error in exc.errors(include_url=False):
                inner_loc = tuple(error["loc"])
                if inner_loc and inner_loc[0] not in removed and not (inner_loc[0] in checked and len(inner_loc) > 1):
                    errors.keep({**error, "loc": loc + inner_loc})
        else:
            errors.add(exc, loc, skip=frozenset(checked))
    return FAILED
