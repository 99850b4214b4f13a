"""A module's variable blocks come from its interface declaration (``plgen.interfaces``), never from a construct."""

from __future__ import annotations

from plgen.interfaces.base import Interface
from plgen.terraform import Construct, variable


def declare(scope: Construct, interface: Interface, name: str, features: frozenset[str]) -> str:
    """Add the variable block of ``interface``'s input ``name``; returns ``var.name``."""
    spec = interface.input(name).variable_spec(features)
    if "default" in spec:
        return variable(scope, name, spec["type"], spec["description"], default=spec["default"])
    return variable(scope, name, spec["type"], spec["description"])
