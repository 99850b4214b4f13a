"""HCL files for one module, written from its synthesized Terraform JSON.

Platform teams review and keep HCL. This writes what a person would write,
in the same file split as the JSON form (``json_module.split``): nested blocks
as blocks (the provider schema snapshot says which names are blocks),
references bare, meta-arguments first and ``lifecycle``/``depends_on`` last,
variable types opened up where long, everything else sorted. Strings that
Terraform JSON treats as literals (descriptions, ``source``, ``type``, variable
defaults) stay literal: a ``${`` in them is escaped, never evaluated.
"""

from __future__ import annotations

import json
from typing import Any

from plgen.emit import hcl_types
from plgen.emit.hcl_writer import Attribute, Block, Item, Raw, document, object_source
from plgen.emit.json_module import split
from plgen.terraform.template import quote_literal, single_interpolation
from plgen.terraform.schema import LIFECYCLE_BLOCKS, PROVIDER_BLOCKS, block_schema

FIRST = ("count", "for_each", "provider")  # meta-arguments, before the arguments
LAST = ("lifecycle", "depends_on")  # after the nested blocks
REFERENCE_LISTS = ("depends_on", "replace_triggered_by", "ignore_changes")
VARIABLE_ORDER = ("description", "type", "default", "nullable", "sensitive", "ephemeral")
OUTPUT_ORDER = ("description", "value", "sensitive", "ephemeral")


def render(module: dict[str, Any]) -> dict[str, str]:
    """File name (``main.tf`` ...) -> HCL text, for one module directory."""
    return {f"{name}.tf": _file(body) for name, body in split(module).items()}


_WRITTEN: dict[str, str] = {}  # a file's JSON text -> its HCL: a catalogue's blueprints share many module files
MAX_WRITTEN = 4096


def _file(body: dict[str, Any]) -> str:
    """One file's HCL, a function of its JSON body alone (the provider schema snapshot is fixed), written once."""
    key = json.dumps(body, separators=(",", ":"))
    text = _WRITTEN.get(key)
    if text is None:
        text = document(_blocks(body))
        if len(_WRITTEN) < MAX_WRITTEN:
            _WRITTEN[key] = text
    return text


def _blocks(body: dict[str, Any]) -> list[Block]:
    blocks: list[Block] = []
    for kind in ("terraform", "provider", "variable", "locals", "data", "resource", "module", "output"):
        if kind in body:
            blocks.extend(WRITERS[kind](body[kind]))
    return blocks


# -- top-level blocks ------------------------------------------------------------


def _terraform(settings: dict[str, Any]) -> list[Block]:
    items: list[Item] = []
    for name, setting in sorted(settings.items()):
        if name in ("required_providers", "backend"):
            continue
        if not isinstance(setting, (str, bool, int, float)):
            raise ValueError(f"terraform block: '{name}' is not supported by the HCL writer")
        items.append(Attribute(name, _literal(setting)))
    if "required_providers" in settings:
        providers = [Attribute(p, _required_provider(spec)) for p, spec in sorted(settings["required_providers"].items())]
        items += [None, Block("required_providers", (), providers)]
    for backend, config in sorted(settings.get("backend", {}).items()):  # one backend "<type>" block (deployment units)
        items += [None, Block("backend", (backend,), [Attribute(k, _literal(v)) for k, v in sorted(config.items())])]
    return [Block("terraform", (), items)]


def _required_provider(spec: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {k: Raw(quote_literal(spec[k])) for k in ("source", "version") if k in spec}
    if "configuration_aliases" in spec:
        out["configuration_aliases"] = Raw("[" + ", ".join(_reference(a) for a in spec["configuration_aliases"]) + "]")
    return out


def _providers(providers: dict[str, Any]) -> list[Block]:
    blocks = []
    for name, configs in sorted(providers.items()):
        configs = configs if isinstance(configs, list) else [configs]
        for config in sorted(configs, key=lambda c: c.get("alias", "")):
            items: list[Item] = [Attribute("alias", _literal(config["alias"])), None] if "alias" in config else []
            rest = {k: v for k, v in config.items() if k != "alias"}
            items += _arguments(rest, blocks=lambda k: k in PROVIDER_BLOCKS)
            blocks.append(Block("provider", (name,), items))
    return blocks


def _variables(variables: dict[str, Any]) -> list[Block]:
    blocks = []
    for name, spec in sorted(variables.items()):
        unknown = set(spec) - set(VARIABLE_ORDER) - {"validation"}
        if unknown:
            raise ValueError(f"variable '{name}': {sorted(unknown)} not supported by the HCL writer")
        items: list[Item] = []
        for field in VARIABLE_ORDER:
            if field == "type" and field in spec:
                type_expr = single_interpolation(spec["type"]) or spec["type"]
                items.append(Attribute("type", Raw(hcl_types.render(type_expr, 1, len("type = ")))))
            elif field in spec:
                items.append(Attribute(field, _literal(spec[field])))
        for rule in _as_list(spec.get("validation", [])):
            items += [None, Block("validation", (), _arguments(rule))]
        blocks.append(Block("variable", (name,), items))
    return blocks


def _locals(values: dict[str, Any]) -> list[Block]:
    return [Block("locals", (), [Attribute(k, v) for k, v in sorted(values.items())])]


def _outputs(outputs: dict[str, Any]) -> list[Block]:
    blocks = []
    for name, spec in sorted(outputs.items()):
        items: list[Item] = []
        for field in OUTPUT_ORDER:
            if field in spec:
                items.append(Attribute(field, spec[field] if field == "value" else _literal(spec[field])))
        rest = {k: v for k, v in spec.items() if k not in OUTPUT_ORDER}
        items += [None, *_arguments(rest)] if rest else []
        blocks.append(Block("output", (name,), items))
    return blocks


def _modules(calls: dict[str, Any]) -> list[Block]:
    blocks = []
    for name, spec in sorted(calls.items()):
        items: list[Item] = [Attribute(k, _literal(spec[k])) for k in ("source", "version") if k in spec]
        meta = [Attribute(k, spec[k]) for k in ("count", "for_each") if k in spec]
        if "providers" in spec:
            # keys are provider configuration names in the child (aws, aws.peer), written bare like the values
            names = [Attribute(k, Raw(_reference(v))) for k, v in sorted(spec["providers"].items())]
            meta.append(Attribute("providers", Raw(object_source(names, 1))))
        inputs = {k: v for k, v in spec.items() if k not in ("source", "version", "count", "for_each", "providers", "depends_on")}
        items += [None, *meta, None, *(Attribute(k, v) for k, v in sorted(inputs.items()))]
        if "depends_on" in spec:
            items += [None, Attribute("depends_on", _references(spec["depends_on"]))]
        blocks.append(Block("module", (name,), items))
    return blocks


def _resources(kind: str):
    def write(types: dict[str, Any]) -> list[Block]:
        blocks = []
        for type_name, instances in sorted(types.items()):
            schema = BUILTIN_DATA[type_name] if kind == "data" and type_name in BUILTIN_DATA else block_schema(kind, type_name)
            for name, body in sorted(instances.items()):
                blocks.append(Block(kind, (type_name, name), _resource_body(body, schema)))
        return blocks

    return write


# Data sources of Terraform's built-in provider (not in the AWS schema): no nested blocks.
BUILTIN_DATA: dict[str, dict[str, Any]] = {"terraform_remote_state": {"block_types": {}}}

WRITERS = {
    "terraform": _terraform,
    "provider": _providers,
    "variable": _variables,
    "locals": _locals,
    "data": _resources("data"),
    "resource": _resources("resource"),
    "module": _modules,
    "output": _outputs,
}


# -- bodies ------------------------------------------------------------------------


def _resource_body(body: dict[str, Any], schema: dict[str, Any]) -> list[Item]:
    """Meta-arguments, arguments and nested blocks (schema-driven), dynamic blocks, lifecycle, depends_on."""
    items: list[Item] = []
    for name in FIRST:
        if name in body:
            items.append(Attribute(name, Raw(_reference(body[name])) if name == "provider" else body[name]))
    rest = {k: v for k, v in body.items() if k not in FIRST and k not in LAST}
    items += [None, *_arguments(rest, schema)]
    if "lifecycle" in body:
        items += [None, Block("lifecycle", (), _arguments(body["lifecycle"], blocks=LIFECYCLE_BLOCKS.__contains__))]
    if "depends_on" in body:
        items += [None, Attribute("depends_on", _references(body["depends_on"]))]
    return items


def _arguments(body: dict[str, Any], schema: dict[str, Any] | None = None, blocks=None) -> list[Item]:
    """Attributes (sorted), then nested blocks (sorted by name, list order kept), then ``dynamic`` blocks."""
    nested = (schema or {}).get("block_types", {})
    is_block = blocks or (lambda name: name in nested)
    attributes: list[Item] = []
    children: list[Item] = []
    for name, v in sorted(body.items()):
        if name == "dynamic":
            continue
        if is_block(name) and isinstance(v, (dict, list)):
            child_schema = nested[name]["block"] if name in nested else None
            for item in _as_list(v):
                children += [None, Block(name, (), _arguments(item, child_schema))]
        elif name in REFERENCE_LISTS:
            attributes.append(Attribute(name, _references(v)))
        else:
            attributes.append(Attribute(name, v))
    for name, spec in sorted(body.get("dynamic", {}).items()):
        for item in _as_list(spec):
            children += [None, _dynamic(name, item, nested.get(name, {}).get("block"))]
    return attributes + children


def _dynamic(name: str, spec: dict[str, Any], schema: dict[str, Any] | None) -> Block:
    items: list[Item] = [Attribute(k, spec[k]) for k in ("for_each", "iterator", "labels") if k in spec]
    if "iterator" in spec:
        items[[i.name for i in items].index("iterator")] = Attribute("iterator", Raw(_reference(spec["iterator"])))
    items += [None, Block("content", (), _arguments(spec.get("content", {}), schema))]
    return Block("dynamic", (name,), items)


# -- values ------------------------------------------------------------------------


def _literal(value: Any) -> Any:
    """A value Terraform JSON does not evaluate: strings escaped so HCL does not evaluate them either."""
    if isinstance(value, str):
        return Raw(quote_literal(value))
    if isinstance(value, list):
        return [_literal(v) for v in value]
    if isinstance(value, dict):
        return {k: _literal(v) for k, v in value.items()}
    return value


def _reference(name: str) -> str:
    """A reference by name (``aws.west``, ``aws_lb.this``): JSON may or may not wrap it in ``${}``."""
    return single_interpolation(name) or name


def _references(names: list[str] | str) -> Raw:
    if isinstance(names, str):  # ignore_changes = all
        return Raw(_reference(names))
    return Raw("[" + ", ".join(_reference(n) for n in names) + "]")


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
