"""Terraform JSON files for one module, laid out like a registry module.

terraform-aws-modules keep ``main``, ``variables``, ``outputs`` and
``versions`` apart; we do the same with the ``.tf.json`` forms, so a reader
finds the interface of a module (variables, outputs) without reading its body.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

# Top-level Terraform JSON key -> file that holds it.
FILES = {
    "terraform": "versions",
    "provider": "providers",
    "variable": "variables",
    "output": "outputs",
    "locals": "main",
    "data": "main",
    "resource": "main",
    "module": "main",
}
ORDER = ("main", "variables", "outputs", "providers", "versions")


def dumps(document: Any) -> str:
    """Deterministic JSON: sorted keys, two-space indent, trailing newline.

    orjson writes the same bytes as ``json.dumps(indent=2, sort_keys=True,
    ensure_ascii=False)`` ten times faster (the standard library's C encoder
    is not used when indenting); a 5,000-consumer ``terraform.tfvars.json`` is
    10 MB. Documents orjson refuses (non-string keys) go through ``json``.
    """
    try:
        return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE).decode()
    except TypeError:
        return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def split(module: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Group a synthesized module's top-level blocks by the file they belong in."""
    files: dict[str, dict[str, Any]] = {}
    for key, value in module.items():
        if key not in FILES:
            raise ValueError(f"unexpected top-level Terraform key '{key}'")
        if value:
            files.setdefault(FILES[key], {})[key] = value
    return {name: files[name] for name in ORDER if name in files}


def render(module: dict[str, Any]) -> dict[str, str]:
    """File name -> content for one module directory."""
    return {f"{name}.tf.json": dumps(body) for name, body in split(module).items()}
