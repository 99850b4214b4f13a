"""Read an HCL module directory through python-hcl2 into a ``Document``.

python-hcl2 marks blocks (``__is_block__``), keeps labels and literal strings
quoted and prints expressions back as ``${...}``; this reader drops the marks
and quotes where the JSON reader has plain values (labels, literal fields,
names) and leaves expressions as python-hcl2 printed them, which is the form
the JSON reader produces too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import hcl2

from plgen.graph.document import LITERAL_FIELDS, NAME_FIELDS, Document, provider_address
from plgen.graph.expressions import BLOCK, OPTIONS, from_hcl, literal_from_hcl, name
from plgen.graph.merge import merge_terraform


def parse_file(path: Path, text: str) -> dict[str, list[Any]]:
    """python-hcl2's view of one ``.tf`` file (its text read by ``plgen.graph.files``, bounded)."""
    try:
        return hcl2.loads(text, serialization_options=OPTIONS)
    except RecursionError:
        raise ValueError(f"{path}: nested too deeply to parse") from None
    except Exception as exc:  # lark or python-hcl2 error: the first line says where
        raise ValueError(f"{path}: cannot parse HCL: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None


def document(module: dict[str, list[Any]]) -> Document:
    doc = Document()
    for kind in ("resource", "data"):
        for item in module.get(kind, []):
            for type_name, instances in item.items():
                for label, body in instances.items():
                    prefix = "data." if kind == "data" else ""
                    doc.add(f"{prefix}{literal_from_hcl(type_name)}.{literal_from_hcl(label)}", kind, _body(body))
    for kind, prefix in (("variable", "var."), ("output", "output."), ("module", "module.")):
        for item in module.get(kind, []):
            for label, spec in item.items():
                doc.add(prefix + literal_from_hcl(label), kind, _fields(kind, spec))
    for item in module.get("locals", []):
        for label, value in item.items():
            if label != "__is_block__":
                doc.add(f"local.{label}", "local", {"value": from_hcl(value)})
    for item in module.get("provider", []):
        for provider, config in item.items():
            body = _fields("provider", config)
            doc.add(provider_address(literal_from_hcl(provider), body), "provider", body)
    for settings in module.get("terraform", []):  # several terraform blocks are legal: one setting
        body = _terraform(settings)
        if "terraform" in doc.nodes:
            body = merge_terraform(doc.nodes["terraform"][1], body, override=False)
        doc.nodes["terraform"] = ("terraform", body)
    return doc


def _fields(kind: str, spec: dict[str, Any]) -> dict[str, Any]:
    literal = {k: literal_from_hcl(v) for k, v in spec.items() if k in LITERAL_FIELDS.get(kind, ())}
    body = {**literal, **_body({k: v for k, v in spec.items() if k not in literal and k != "providers"})}
    if "providers" in spec:
        body["providers"] = {name(literal_from_hcl(k)): name(v) for k, v in spec["providers"].items()}
    return body


def _terraform(settings: dict[str, Any]) -> dict[str, Any]:
    body = _fields("terraform", {k: v for k, v in settings.items() if k != "required_providers"})
    for block in settings.get("required_providers", []):
        providers = {
            p: {k: (_names(v) if k in NAME_FIELDS else literal_from_hcl(v)) for k, v in spec.items()} for p, spec in block.items() if p != "__is_block__"
        }
        body.setdefault("required_providers" + BLOCK, []).append(providers)
    return body


def _body(body: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in body.items():
        if key == "__is_block__":
            continue
        if key == "dynamic":
            for item in value:
                for label, spec in item.items():
                    out.setdefault(f"dynamic {literal_from_hcl(label)}{BLOCK}", []).append(_body(spec))
        elif _is_blocks(value):
            out[key + BLOCK] = [_body(item) for item in value]
        elif key in NAME_FIELDS or key == "iterator":
            out[key] = _names(value)
        else:
            out[key] = from_hcl(value)
    return out


def _is_blocks(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) and v.get("__is_block__") for v in value)


def _names(value: Any) -> Any:
    return [name(v) for v in value] if isinstance(value, list) else name(value)
