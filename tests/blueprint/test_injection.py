"""Blueprint text never becomes a Terraform template: ``${`` and ``%{`` are rejected, not escaped.

Blueprint strings reach Terraform as JSON string values (tfvars, tags,
descriptions) and, in the HCL output, as quoted HCL strings; in both,
Terraform would evaluate ``${...}`` and ``%{...}``. plgen's choice is to
*reject* them at validation (exit 2, located), so no escaping rule has to be
right in every emitter. Two tests prove it: every string the catalogue
blueprints contain (values and mapping keys), with either marker appended, is
refused at its own place; and every string slot of the model is constrained
(a pattern, a validator or an enum), so a new free-text field cannot slip in
unguarded.
"""

from __future__ import annotations

import copy
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from plgen.blueprint import parse_source, validate
from plgen.blueprint.model import Blueprint
from plgen.blueprint.bounded import is_model
from plgen.blueprint.validate import _fields_at
from plgen.errors import BlueprintError
from plgen.compiler import rules_for
from plgen.patterns import PATTERNS

REPO = Path(__file__).resolve().parents[2]
SEEDS = {p.stem: parse_source(p.read_text(), p.name).data for p in sorted((REPO / "blueprints").glob("*.yaml"))}
MARKERS = ("${jsonencode(var.x)}", "%{ if true }x%{ endif }")

# String fields without a pattern or validator in their type, and why they are safe anyway.
CHECKED_ELSEWHERE = {
    ("Endpoint", "service"): "a reference: resolved to provider/service names (slugs); an unknown one is an error",
    ("Target", "ip"): "a field validator requires an IPv4 address",
}


def string_leaves(node: Any, path: tuple = ()) -> list[tuple[tuple, bool]]:
    """(path, is_key) of every string value and every mapping key in a document."""
    found: list[tuple[tuple, bool]] = []
    if isinstance(node, dict):
        for key, child in node.items():
            found.append((path + (key,), True))
            found.extend(string_leaves(child, path + (key,)))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found.extend(string_leaves(child, path + (index,)))
    elif isinstance(node, str):
        found.append((path, False))
    return found


def inject(doc: dict, path: tuple, is_key: bool, marker: str) -> dict:
    doc = copy.deepcopy(doc)
    holder = doc
    for part in path[:-1]:
        holder = holder[part]
    if is_key:
        holder[f"{path[-1]}{marker}"] = holder.pop(path[-1])
    else:
        holder[path[-1]] = f"{holder[path[-1]]}{marker}"
    return doc


def _model_keys(path: tuple) -> bool:
    """Whether the key at ``path`` is a model field name (renaming it is an unknown-field error, not text)."""
    return path[-1] in _fields_at(path[:-1])


def _shape(path: tuple) -> tuple:
    return tuple("*" if isinstance(part, int) else part for part in path)


# One case per field (list positions folded), from whichever blueprint has it first.
_FIRST: dict[tuple, tuple] = {}
for _seed, _doc in SEEDS.items():
    for _path, _is_key in string_leaves(_doc):
        if not (_is_key and _model_keys(_path)):
            _FIRST.setdefault((_shape(_path), _is_key), (_seed, _path, _is_key))
CASES = [
    pytest.param(seed, path, is_key, marker, id=f"{seed}:{'.'.join(map(str, path))}{'[key]' if is_key else ''}:{marker[:2]}")
    for seed, path, is_key in _FIRST.values()
    for marker in MARKERS
]


def test_the_catalogue_has_free_text_to_inject_into():
    paths = {path[-1] for _, path, _, _ in (c.values for c in CASES) if isinstance(path[-1], str)}
    assert {"description", "name", "private_dns_name", "dns_name"} <= paths
    assert len(CASES) > 40


@pytest.mark.parametrize(("seed", "path", "is_key", "marker"), CASES)
def test_template_markers_are_rejected_where_they_are_written(seed, path, is_key, marker):
    doc = inject(SEEDS[seed], path, is_key, marker)
    target = path[:-1] + (f"{path[-1]}{marker}",) if is_key else path
    with pytest.raises(BlueprintError) as caught:
        validate(parse_source(_dump(doc), "x.yaml"), rules_for, PATTERNS)
    paths = [p.path for p in caught.value.problems]
    # The problem sits on the injected value, on its key, or on the object holding it (a model check).
    assert any(target[: len(p)] == p or p[: len(target)] == target for p in paths), [str(p) for p in caught.value.problems]


def _dump(doc: dict) -> str:
    return yaml.safe_dump(doc, sort_keys=False)


def string_slots(model: type[BaseModel], seen: set | None = None) -> list[tuple[str, str, Any]]:
    """(model, field, annotation) of every place the model holds a ``str`` (values, items, keys)."""
    seen = seen if seen is not None else set()
    if model in seen:
        return []
    seen.add(model)
    slots = []
    for name, info in model.model_fields.items():
        stack = [(info.annotation, info.metadata)]
        while stack:
            annotation, metadata = stack.pop()
            origin = typing.get_origin(annotation)
            if origin is typing.Annotated:
                base, *extra = typing.get_args(annotation)
                stack.append((base, [*metadata, *extra]))
            elif origin is not None:
                stack.extend((arg, []) for arg in typing.get_args(annotation))
            elif annotation is str:
                slots.append((model.__name__, name, metadata))
            elif is_model(annotation):
                slots.extend(string_slots(annotation, seen))
    return slots


def _guarded(metadata: list) -> bool:
    for item in metadata:
        if getattr(item, "pattern", None) or type(item).__name__ == "AfterValidator":
            return True
        if getattr(item, "json_schema_extra", None) and _guarded(getattr(item, "metadata", [])):
            return True
    return False


def test_every_string_slot_of_the_model_is_constrained():
    slots = string_slots(Blueprint)
    assert len(slots) > 20
    unguarded = sorted({(m, f) for m, f, meta in slots if not _guarded(meta)} - set(CHECKED_ELSEWHERE))
    assert not unguarded, f"free-text fields without a pattern or validator (add one, or reject '${{' like Text): {unguarded}"
