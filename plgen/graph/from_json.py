"""Read a Terraform JSON module directory (or a synthesized module dict) into a ``Document``.

Which keys of a resource are nested blocks comes from the provider schema
snapshot, as it does for the HCL writer; the HCL reader learns the same from
the syntax. A block written as one object or as a list of objects is the
same list of bodies here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from plgen.graph.document import LITERAL_FIELDS, NAME_FIELDS, Document, provider_address
from plgen.graph.expressions import BLOCK, from_json, name, parse_expression
from plgen.errors import CompileError
from plgen.terraform.schema import LIFECYCLE_BLOCKS, PROVIDER_BLOCKS, block_schema


def read(directory: Path) -> dict[str, Any]:
    """The module's top-level Terraform JSON, merged over its ``*.tf.json`` files (overrides skipped)."""
    module: dict[str, Any] = {}
    for path in sorted(directory.glob("*.tf.json")):
        if path.name.endswith("_override.tf.json"):
            continue
        for kind, value in json.loads(path.read_text(encoding="utf-8")).items():
            _merge(module.setdefault(kind, {}), value)
    return module


def _schema(kind: str, type_name: str) -> dict[str, Any] | None:
    """The type's block schema; a type outside plgen's snapshot (anybody's Terraform) is read without one:
    its nested objects stay values, as the path proof reads them, instead of a plgen bug (exit 3)."""
    try:
        return block_schema(kind, type_name)
    except CompileError:
        return None


def document(module: dict[str, Any]) -> Document:
    doc = Document()
    for kind in ("resource", "data"):
        for type_name, instances in sorted(module.get(kind, {}).items()):
            schema = _schema(kind, type_name)
            for label, body in sorted(instances.items()):
                prefix = "data." if kind == "data" else ""
                doc.add(f"{prefix}{type_name}.{label}", kind, _body(body, schema))
    for label, spec in sorted(module.get("variable", {}).items()):
        doc.add(f"var.{label}", "variable", _variable(spec))
    for label, spec in sorted(module.get("output", {}).items()):
        doc.add(f"output.{label}", "output", _fields("output", spec))
    for label, value in sorted(module.get("locals", {}).items()):
        doc.add(f"local.{label}", "local", {"value": from_json(value)})
    for label, spec in sorted(module.get("module", {}).items()):
        body = _fields("module", {k: v for k, v in spec.items() if k != "providers"})
        if "providers" in spec:
            body["providers"] = {k: name(v) for k, v in spec["providers"].items()}
        doc.add(f"module.{label}", "module", body)
    for provider, configs in sorted(module.get("provider", {}).items()):
        for config in configs if isinstance(configs, list) else [configs]:
            doc.add(provider_address(provider, config), "provider", _fields("provider", config, blocks=PROVIDER_BLOCKS))
    if module.get("terraform"):
        doc.add("terraform", "terraform", _terraform(module["terraform"]))
    return doc


def _fields(kind: str, spec: dict[str, Any], blocks=frozenset()) -> dict[str, Any]:
    literal = {k: v for k, v in spec.items() if k in LITERAL_FIELDS.get(kind, ())}
    return {**literal, **_body({k: v for k, v in spec.items() if k not in literal}, None, blocks)}


def _variable(spec: dict[str, Any]) -> dict[str, Any]:
    body = _fields("variable", {k: v for k, v in spec.items() if k != "type"}, blocks={"validation"})
    if "type" in spec:
        body["type"] = parse_expression(name(spec["type"]))
    return body


def _terraform(settings: dict[str, Any]) -> dict[str, Any]:
    body = _fields("terraform", {k: v for k, v in settings.items() if k != "required_providers"})
    if "required_providers" in settings:
        providers = {p: {k: (_names(v) if k in NAME_FIELDS else v) for k, v in spec.items()} for p, spec in settings["required_providers"].items()}
        body["required_providers" + BLOCK] = [providers]
    return body


def _body(body: dict[str, Any], schema: dict[str, Any] | None, blocks=frozenset()) -> dict[str, Any]:
    nested = (schema or {}).get("block_types", {})
    out: dict[str, Any] = {}
    for key, value in body.items():
        if key == "dynamic":
            for label, specs in value.items():
                content = {"block_types": {"content": {"block": nested.get(label, {}).get("block")}}}
                out[f"dynamic {label}{BLOCK}"] = [_body(spec, content) for spec in _as_list(specs)]
        elif key == "lifecycle":
            out[key + BLOCK] = [_body(value, None, LIFECYCLE_BLOCKS)]
        elif key in NAME_FIELDS or key == "iterator":
            out[key] = _names(value)
        elif (key in nested or key in blocks) and isinstance(value, (dict, list)):
            out[key + BLOCK] = [_body(item, nested.get(key, {}).get("block")) for item in _as_list(value)]
        else:
            out[key] = from_json(value)
    return out


def _names(value: Any) -> Any:
    return [name(v) for v in value] if isinstance(value, list) else name(value)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _merge(into: dict[str, Any], value: dict[str, Any]) -> None:
    for key, item in value.items():
        if isinstance(item, dict) and isinstance(into.get(key), dict):
            _merge(into[key], item)
        else:
            into[key] = item
