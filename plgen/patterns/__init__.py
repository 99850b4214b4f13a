"""The pattern registry: every ``plgen/patterns/<slug>.py`` that declares ``PATTERN``.

A pattern is added by adding its file (plus its guide in
``plgen/docs/patterns/<slug>.md``, a blueprint and a test); nothing else
lists it. Patterns are found by reading this package's modules in name
order and kept in catalogue order (``Pattern.order``). Nothing here imports
cdktf.
"""

from __future__ import annotations

import importlib
import pkgutil

from plgen.patterns.base import Pattern, feature_gate


def _discover() -> dict[str, Pattern]:
    found: list[Pattern] = []
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        declared = getattr(importlib.import_module(f"{__name__}.{module}"), "PATTERN", None)
        if isinstance(declared, Pattern):
            found.append(declared)
    orders = [p.order for p in found]
    if len(set(orders)) != len(orders) or len({p.slug for p in found}) != len(found):
        raise RuntimeError("two patterns share a slug or an order")
    registry = {p.slug: p for p in sorted(found, key=lambda p: p.order)}
    for pattern in registry.values():
        object.__setattr__(pattern, "gate", feature_gate(pattern, registry))
    return registry


PATTERNS: dict[str, Pattern] = _discover()

__all__ = ["PATTERNS", "Pattern"]
