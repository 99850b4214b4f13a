"""Terraform JSON files for one module, laid out like a registry module.

terraform-aws-modules keep ``main``, ``variables``, ``outputs`` and
``versions`` apart; we do the same with the ``.tf.json`` forms, so a reader
finds the interface of a module (variables, outputs) without reading its body.
"""

from __future__ import annotations

import json
from typing import Any

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
    """Deterministic JSON: sorted keys, two-space indent, trailing newline."""
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
