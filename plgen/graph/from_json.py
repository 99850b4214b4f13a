"""Read a Terraform JSON module directory (or a synthesized module dict) into a ``Document``.

Which keys of a resource are nested blocks comes from the provider schema
snapshot, as it does for the HCL writer; the HCL reader learns the same from
the syntax. A block written as one object or as a list of objects is the
same list of bodies here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from plgen.errors import CompileError
from plgen.graph.document import LITERAL_FIELDS, NAME_FIELDS, UNKNOWN_SHAPE, Document, provider_address
from plgen.graph.expressions import BLOCK, from_json, name, parse_expression, source_of_json
from plgen.graph.merge import merge_terraform
from plgen.terraform.schema import LIFECYCLE_BLOCKS, META_ARGUMENTS, PROVIDER_BLOCKS, block_schema


def document(module: dict[str, Any], canonical: bool = True) -> Document:
    """One file's (or one synthesized module's) Terraform JSON as a ``Document``.

    ``canonical``: every expression in its canonical spelling (``graph.expressions``), parsed now, so that a
    JSON and an HCL reading compare equal. The path proof of a compiled blueprint compares nothing: it takes
    each expression as its HCL source text (``source_of_json``), parsed only if and when it is evaluated.
    A shape Terraform's JSON syntax does not have (a string where an object belongs) is a ``ValueError``.
    """
    if not isinstance(module, dict):
        raise ValueError("a Terraform JSON file holds one object")
    try:
        return _document(module, from_json if canonical else source_of_json)
    except (AttributeError, TypeError) as exc:
        raise ValueError(f"not the shape of Terraform JSON configuration ({exc})") from None


def _objects(value: Any) -> list[dict[str, Any]]:
    """A JSON block given as one object or as an array of objects (both are Terraform JSON)."""
    return value if isinstance(value, list) else [value]


def _document(module: dict[str, Any], value: Callable[[Any], Any]) -> Document:
    doc = Document()
    for kind in ("resource", "data"):
        for type_name, instances in sorted(module.get(kind, {}).items()):
            schema = _schema(kind, type_name)
            for label, body in sorted(instances.items()):
                prefix = "data." if kind == "data" else ""
                read = _body(body, schema, value)
                if schema is None:
                    unknown = sorted(k for k, v in body.items() if k not in META_ARGUMENTS and k not in MAP_ATTRIBUTES and _object_shaped(v))
                    if unknown:
                        read[UNKNOWN_SHAPE] = unknown
                doc.add(f"{prefix}{type_name}.{label}", kind, read)
    for label, spec in sorted(module.get("variable", {}).items()):
        doc.add(f"var.{label}", "variable", _variable(spec, value))
    for label, spec in sorted(module.get("output", {}).items()):
        doc.add(f"output.{label}", "output", _fields("output", spec, value))
    for locals_ in _objects(module.get("locals", {})):
        for label, local in sorted(locals_.items()):
            doc.add(f"local.{label}", "local", {"value": value(local)})
    for label, spec in sorted(module.get("module", {}).items()):
        body = _fields("module", {k: v for k, v in spec.items() if k != "providers"}, value)
        if "providers" in spec:
            body["providers"] = {k: name(v) for k, v in spec["providers"].items()}
        doc.add(f"module.{label}", "module", body)
    for provider, configs in sorted(module.get("provider", {}).items()):
        for config in configs if isinstance(configs, list) else [configs]:
            doc.add(provider_address(provider, config), "provider", _fields("provider", config, value, blocks=PROVIDER_BLOCKS))
    for settings in _objects(module.get("terraform") or []):  # several terraform blocks are one setting
        body = _terraform(settings, value)
        doc.nodes["terraform"] = ("terraform", merge_terraform(doc.nodes["terraform"][1], body, override=False) if "terraform" in doc.nodes else body)
    return doc


MAP_ATTRIBUTES = frozenset({"tags", "tags_all"})  # map(string) on every AWS resource that has them


def _schema(kind: str, type_name: str) -> dict[str, Any] | None:
    """The provider schema of a type, or None for one plgen's snapshot lacks (a hand-written root may use any)."""
    try:
        return block_schema(kind, type_name)
    except CompileError:
        return None


def _object_shaped(value: Any) -> bool:
    return isinstance(value, dict) or (isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value))


def _fields(kind: str, spec: dict[str, Any], value: Callable[[Any], Any], blocks=frozenset()) -> dict[str, Any]:
    literal = {k: v for k, v in spec.items() if k in LITERAL_FIELDS.get(kind, ())}
    return {**literal, **_body({k: v for k, v in spec.items() if k not in literal}, None, value, blocks)}


def _variable(spec: dict[str, Any], value: Callable[[Any], Any]) -> dict[str, Any]:
    body = _fields("variable", {k: v for k, v in spec.items() if k != "type"}, value, blocks={"validation"})
    if "type" in spec:  # a type constraint is an expression, never a template: canonical, or its source as written
        constraint = name(spec["type"])
        body["type"] = parse_expression(constraint) if value is from_json else f"${{{constraint}}}"
    return body


def _terraform(settings: dict[str, Any], value: Callable[[Any], Any]) -> dict[str, Any]:
    body = _fields("terraform", {k: v for k, v in settings.items() if k != "required_providers"}, value)
    if "required_providers" in settings:
        providers = {p: {k: (_names(v) if k in NAME_FIELDS else v) for k, v in spec.items()} for p, spec in settings["required_providers"].items()}
        body["required_providers" + BLOCK] = [providers]
    return body


def _body(body: dict[str, Any], schema: dict[str, Any] | None, value: Callable[[Any], Any], blocks=frozenset()) -> dict[str, Any]:
    nested = (schema or {}).get("block_types", {})
    out: dict[str, Any] = {}
    for key, item in body.items():
        if key == "dynamic":
            for label, specs in item.items():
                content = {"block_types": {"content": {"block": nested.get(label, {}).get("block")}}}
                out[f"dynamic {label}{BLOCK}"] = [_body(spec, content, value) for spec in _as_list(specs)]
        elif key == "lifecycle":
            out[key + BLOCK] = [_body(item, None, value, LIFECYCLE_BLOCKS)]
        elif key in NAME_FIELDS or key == "iterator":
            out[key] = _names(item)
        elif (key in nested or key in blocks) and isinstance(item, (dict, list)):
            out[key + BLOCK] = [_body(one, nested.get(key, {}).get("block"), value) for one in _as_list(item)]
        else:
            out[key] = value(item)
    return out


def _names(value: Any) -> Any:
    return [name(v) for v in value] if isinstance(value, list) else name(value)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]

