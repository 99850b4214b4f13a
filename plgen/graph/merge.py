"""Override files and several ``terraform`` blocks merged into one configuration object, by Terraform's rules.

https://developer.hashicorp.com/terraform/language/files/override : an argument replaces the original's; nested
blocks of a type replace every block of that type in the original (``dynamic`` ones too); a ``lifecycle`` block
merges argument by argument; in ``terraform``, ``required_providers`` merge by provider and a backend (or
``cloud``) replaces the original's. Bodies are canonical (``plgen.graph.document``).
"""

from __future__ import annotations

from typing import Any

from plgen.graph.expressions import BLOCK


def merge_override(kind: str, original: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """An override block merged into its original."""
    if kind == "terraform":
        return merge_terraform(original, override, override=True)
    merged = dict(original)
    replaced = {key[: -len(BLOCK)].removeprefix("dynamic ") for key in override if key.endswith(BLOCK) and key != "lifecycle" + BLOCK}
    for name in replaced:  # blocks of a type replace every block of that type, dynamic ones too
        merged.pop(f"{name}{BLOCK}", None)
        merged.pop(f"dynamic {name}{BLOCK}", None)
    for key, value in override.items():
        if key == "lifecycle" + BLOCK and merged.get(key) and value:  # merged argument by argument
            merged[key] = [{**merged[key][0], **value[0]}]
        else:
            merged[key] = value
    return merged


def merge_terraform(original: dict[str, Any], other: dict[str, Any], override: bool) -> dict[str, Any]:
    """Two ``terraform`` blocks as one: required providers by name (the later wins), a backend replaced by another."""
    merged = dict(original)
    for key, value in other.items():
        if key == "required_providers" + BLOCK:
            providers: dict[str, Any] = {}
            for block in merged.get(key, []) + value:
                providers.update(block)
            merged[key] = [providers]
        elif key.removesuffix(BLOCK) in ("backend", "cloud"):
            for existing in [k for k in merged if k.removesuffix(BLOCK) in ("backend", "cloud")]:
                if not override:
                    raise ValueError(f"duplicate backend configuration (two {existing.removesuffix(BLOCK)} settings in terraform blocks)")
                merged.pop(existing)
            merged[key] = value
        elif key.endswith(BLOCK) and not override:
            merged[key] = merged.get(key, []) + value
        else:
            merged[key] = value
    return merged
