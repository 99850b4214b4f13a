"""Module interfaces, declared once: the types, data and wiring of every side module's inputs.

A module input is one ``Input``: its name, Terraform type, description,
default, the features that bring it, and either where its value comes from
in the blueprint (``source``: it is data, written to ``terraform.tfvars.json``
and passed by the root as ``each.value.<name>``) or the root's expression that
wires it from other modules (``wiring``). Object types are ``Obj`` of ``Attr``:
each attribute likewise names its type, default and source.

From these declarations, and nothing else, come:

- the module's ``variable`` blocks (``variable_spec``), through the constructs;
- the example root's variable types (``SideVariable.type``) and the data that
  fills them (``SideVariable.data``), so a type and its data cannot disagree;
- the root's module-call arguments (``call_inputs``);
- the README and catalogue input tables, which read the variable blocks.

An attribute may exist only in the module (``where="module"``: the root wires
it, e.g. an endpoint's ``service_name``) or only in the root's data
(``where="root"``: what the root needs to wire it, e.g. which provider's
service an endpoint names).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from plgen.features.names import feature_names


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


REQUIRED = _Marker("REQUIRED")  # no default: the caller must pass it
NULL = _Marker("NULL")  # optional, null when absent
OMIT = _Marker("OMIT")  # a source's answer for "leave this optional attribute out of the data"

Features = frozenset[str]


def _needs(feature: str | tuple[str, ...] | None) -> tuple[str, ...]:
    if feature is None:
        return ()
    return (feature,) if isinstance(feature, str) else tuple(feature)


@dataclass(frozen=True)
class Attr:
    """One attribute of an object type."""

    name: str
    type: Any  # a Terraform type: str ("string", "list(string)") or Obj / MapOf / ListOf
    source: Callable[[Any], Any] | None = None
    default: Any = REQUIRED
    feature: str | tuple[str, ...] | None = None
    where: str = "both"  # "both", "module" (wired by the root, not data) or "root" (data the root reads, not a module input)

    def __post_init__(self) -> None:
        feature_names(self.feature, f"attribute {self.name}")

    def present(self, features: Features) -> bool:
        return all(f in features for f in _needs(self.feature))


@dataclass(frozen=True)
class Obj:
    attrs: tuple[Attr, ...]

    def __init__(self, *attrs: Attr) -> None:
        object.__setattr__(self, "attrs", attrs)


@dataclass(frozen=True)
class MapOf:
    item: Any


@dataclass(frozen=True)
class ListOf:
    item: Any


def hcl_value(value: Any) -> str:
    """A default as HCL writes it inside ``optional(type, default)``."""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (list, dict)) and not value:
        return "[]" if isinstance(value, list) else "{}"
    return json.dumps(value)


def type_expr(t: Any, scope: str, features: Features) -> str:
    """The Terraform type expression of ``t`` as ``scope`` ("module" or "root") declares it."""
    if isinstance(t, str):
        return t
    if isinstance(t, MapOf):
        return f"map({type_expr(t.item, scope, features)})"
    if isinstance(t, ListOf):
        return f"list({type_expr(t.item, scope, features)})"
    parts = []
    for a in t.attrs:
        if a.where not in ("both", scope) or not a.present(features):
            continue
        inner = type_expr(a.type, scope, features)
        if a.default is REQUIRED:
            parts.append(f"{a.name} = {inner}")
        elif a.default is NULL:
            parts.append(f"{a.name} = optional({inner})")
        else:
            parts.append(f"{a.name} = optional({inner}, {hcl_value(a.default)})")
    return "object({" + ", ".join(parts) + "})"


def data(t: Any, value: Any, features: Features) -> Any:
    """The data for type ``t`` built from ``value`` (a source's context) by the attributes' sources."""
    if value is None:
        return None
    if isinstance(t, Obj):
        out = {}
        for a in t.attrs:
            if a.where == "module" or not a.present(features):
                continue
            item = a.source(value) if a.source is not None else value[a.name]
            if item is not OMIT:
                out[a.name] = data(a.type, item, features)
        return out
    if isinstance(t, MapOf):
        return {key: data(t.item, item, features) for key, item in value.items()}
    if isinstance(t, ListOf):
        return [data(t.item, item, features) for item in value]
    return value


@dataclass(frozen=True)
class Input:
    """One input variable of a module."""

    name: str
    type: Any
    description: str
    default: Any = REQUIRED
    feature: str | tuple[str, ...] | None = None
    source: Callable[[Any], Any] | None = None  # side context -> value: the input is data
    wiring: str | Callable[[Features], str] | None = None  # else the root's expression for it (or a function of the features)

    def __post_init__(self) -> None:
        feature_names(self.feature, f"input {self.name}")

    def present(self, features: Features) -> bool:
        return all(f in features for f in _needs(self.feature))

    def variable_spec(self, features: Features) -> dict[str, Any]:
        """``type``, ``description`` and (when not required) ``default`` of the variable block."""
        spec: dict[str, Any] = {"type": type_expr(self.type, "module", features), "description": self.description}
        if self.default is not REQUIRED:
            spec["default"] = None if self.default is NULL else self.default
        return spec

    def root_field(self, features: Features) -> Attr:
        """This input as an attribute of the root's side variable."""
        return Attr(self.name, self.type, self.source, self.default, where="root")


def _type_features(t: Any) -> set[str]:
    """The features the attributes of a type (at any depth) are gated on."""
    if isinstance(t, Obj):
        return {f for a in t.attrs for f in (*_needs(a.feature), *_type_features(a.type))}
    if isinstance(t, (MapOf, ListOf)):
        return _type_features(t.item)
    return set()


@dataclass(frozen=True)
class Interface:
    """A module's inputs, and the features that change its code (its cache key).

    ``features`` is derived: every feature an input or attribute is gated on,
    plus the ones given here, which change the module's resources without
    adding an input (a construct reading ``features`` directly).
    """

    module: str  # directory, e.g. "modules/consumer"
    purpose: str
    inputs: tuple[Input, ...]
    features: Features = frozenset()  # given: features the constructs read that no input is gated on

    def __post_init__(self) -> None:
        feature_names(self.features, f"interface {self.module}")
        gated = {f for i in self.inputs for f in (*_needs(i.feature), *_type_features(i.type))}
        object.__setattr__(self, "features", frozenset(self.features) | frozenset(gated))

    def input(self, name: str) -> Input:
        return next(i for i in self.inputs if i.name == name)

    def present(self, features: Features) -> list[Input]:
        return [i for i in self.inputs if i.present(features)]

    def relevant(self, features: Features) -> Features:
        """The features of a blueprint that make a difference to this module's code."""
        return frozenset(features & self.features)

    def call_inputs(self, features: Features) -> dict[str, str]:
        """The root's expression for each input: its wiring, or ``each.value.<name>`` for data."""
        def wired(i: Input) -> str:
            return (i.wiring(features) if callable(i.wiring) else i.wiring) or f"each.value.{i.name}"

        return {i.name: wired(i) for i in self.present(features)}


@dataclass(frozen=True)
class SideVariable:
    """A root variable holding, per side name, the data of one module's calls (``service_providers``)."""

    name: str
    description: str
    interface: Interface
    routing: tuple[Attr, ...] = field(default=())  # what the root needs to place each call: Region, account

    def _obj(self, features: Features) -> Obj:
        data_inputs = [i.root_field(features) for i in self.interface.present(features) if i.source is not None]
        return Obj(*self.routing, *data_inputs)

    def type(self, features: Features) -> str:
        return type_expr(MapOf(self._obj(features)), "root", features)

    def data(self, sides: Iterable[tuple[str, Any]], features: Features) -> dict[str, Any]:
        obj = self._obj(features)
        return {name: data(obj, ctx, features) for name, ctx in sides}
