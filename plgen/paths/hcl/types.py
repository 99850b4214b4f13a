"""Terraform type constraints (``string``, ``list(...)``, ``object({...})`` with ``optional``) and conversion to them.

Conversion follows https://developer.hashicorp.com/terraform/language/expressions/type-constraints:
a number or bool converts to a string and a decimal string to a number (``port = "443"`` where a number is
expected is 443); a list or tuple converts to a set (duplicates dropped, Terraform's order); an object converts
to an object type by dropping the attributes the type does not declare, ``optional(T, default)`` filling the
absent or null ones; a required attribute missing is an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lark import Tree

from plgen.terraform import type_text
from plgen.paths.hcl.syntax import _args, _kids, _unwrap, is_expression, parse
from plgen.paths.hcl.values import CannotJudge, EvaluationError, Ref, TerraformSet, kind, set_of, to_bool, to_number, to_string

PRIMITIVES = {"string": to_string, "number": to_number, "bool": to_bool}


@dataclass(frozen=True)
class Type:
    kind: str  # string number bool any map list set object tuple
    item: Any = None  # element type (map/list/set), [Type, ...] (tuple), or {name: (Type, optional, default)} (object)

    def convert(self, value: Any) -> Any:
        if value is None or isinstance(value, Ref) or self.kind == "any":
            return value
        if self.kind in PRIMITIVES:
            return PRIMITIVES[self.kind](value)
        if self.kind in ("list", "set", "tuple"):
            if not isinstance(value, list):
                raise EvaluationError(f"{self.kind} required, got {kind(value)}")
            if self.kind == "tuple":
                if len(value) != len(self.item):
                    raise EvaluationError(f"tuple of {len(self.item)} elements required, got {len(value)}")
                return [t.convert(v) for t, v in zip(self.item, value, strict=True)]
            items = [self.item.convert(v) for v in value]
            return set_of(items) if self.kind == "set" else items
        if self.kind == "map":
            if not isinstance(value, dict):
                raise EvaluationError(f"map required, got {kind(value)}")
            return {k: self.item.convert(v) for k, v in value.items()}
        if self.kind == "object" and hasattr(value, "get_attribute"):  # a whole resource or module instance
            value = {name: value.get_attribute(name) for name in self.item}
        if self.kind == "object":
            if not isinstance(value, dict):
                raise EvaluationError(f"object required, got {kind(value)}")
            out = {}
            for name, (t, optional, default) in self.item.items():
                if name in value and value[name] is not None:
                    out[name] = t.convert(value[name])
                elif optional:
                    out[name] = t.convert(default) if default is not None else None
                elif name in value:
                    out[name] = None
                else:
                    raise EvaluationError(f"attribute '{name}' is required")
            return out
        raise CannotJudge(f"the type {self.kind}")


ANY = Type("any")


@lru_cache(maxsize=4096)
def type_of(expression: str) -> Type:
    """The type a constraint's text spells; read once per text (every instance of a module converts its inputs).

    The common forms are read straight from the text (``type_text``), the rest parsed as an expression."""
    text = expression[2:-1] if is_expression(expression) else expression
    quick = type_text.read(text, Type, lambda default: _constant(parse(default)))
    return quick if quick is not None else _type(parse(text))


def _type(node: Tree) -> Type:
    node = _unwrap(node)
    if node.data == "identifier":
        name = str(node.children[0])
        if name in type_text.KEYWORDS:
            return Type(name)
        if name in type_text.COLLECTIONS:  # a bare collection keyword is a collection of any
            return Type(name, ANY)
        raise CannotJudge(f"the type {name}")
    if node.data == "string":  # Terraform 0.11 quoted types: "string", "list", "map"
        legacy = {'"string"': Type("string"), '"list"': Type("list", Type("string")), '"map"': Type("map", Type("string"))}
        text = "".join(str(c.children[0]) for c in node.children if isinstance(c, Tree))
        if f'"{text}"' in legacy:
            return legacy[f'"{text}"']
        raise CannotJudge(f'the type "{text}"')
    if node.data == "function_call":
        name = str(_kids(node)[0].children[0])
        args = _args(node)[0]
        if name in type_text.COLLECTIONS and len(args) == 1:
            return Type(name, _type(args[0]))
        if name == "tuple" and len(args) == 1 and _unwrap(args[0]).data == "tuple":
            return Type("tuple", [_type(a) for a in _kids(_unwrap(args[0]))])
        if name == "object" and len(args) == 1 and _unwrap(args[0]).data == "object":
            fields = {}
            for elem in _kids(_unwrap(args[0])):
                key_node, value_node = _kids(elem)
                key = _unwrap(_kids(key_node)[0])
                key = str(key.children[0]) if key.data == "identifier" else _constant(key)
                value_node = _unwrap(value_node)
                if value_node.data == "function_call" and str(_kids(value_node)[0].children[0]) == "optional":
                    opt = _args(value_node)[0]
                    default = _constant(opt[1]) if len(opt) > 1 else None
                    fields[key] = (_type(opt[0]), True, default)
                else:
                    fields[key] = (_type(value_node), False, None)
            return Type("object", fields)
        raise CannotJudge(f"the type constraint {name}(...)")
    raise CannotJudge(f"a type constraint written as {node.data}")


def _constant(node: Tree) -> Any:
    from plgen.paths.hcl.expressions import Evaluator

    return Evaluator.constant(node)


__all__ = ["ANY", "Type", "TerraformSet", "type_of"]


def conform(value: Any, cty: Any) -> Any:
    """A resource argument converted to the type the provider's schema gives it, as Terraform converts it
    (``from_port = "443"`` is the number 443; a ``set`` of known strings is in Terraform's order).

    ``cty`` is the schema's JSON type: ``"string"``, ``"number"``, ``"bool"``, ``"dynamic"``, or
    ``["list"|"set"|"map", T]``, ``["object", {name: T}]``, ``["tuple", [T, ...]]``
    (https://developer.hashicorp.com/terraform/cli/commands/providers/schema). A set holding values known only
    after apply keeps the order it was written in (Terraform's order of those is not known before apply either).
    """
    if value is None or isinstance(value, Ref) or cty == "dynamic":
        return value
    if isinstance(cty, str):
        if cty in PRIMITIVES:
            return PRIMITIVES[cty](value)
        raise CannotJudge(f"the provider type {cty}")
    shape, inner = cty[0], cty[1]
    if shape in ("list", "set"):
        if not isinstance(value, list):
            raise EvaluationError(f"{shape} required, got {kind(value)}")
        items = [conform(v, inner) for v in value]
        if shape == "set" and all(kind(v) in ("string", "number", "bool") for v in items):
            return set_of(items) if items else TerraformSet()
        return items
    if shape == "map":
        if not isinstance(value, dict):
            raise EvaluationError(f"map required, got {kind(value)}")
        return {k: conform(v, inner) for k, v in value.items()}
    if shape == "object":
        if not isinstance(value, dict):
            return value
        return {k: conform(v, inner[k]) if k in inner else v for k, v in value.items()}
    if shape == "tuple" and isinstance(value, list) and len(value) == len(inner):
        return [conform(v, t) for v, t in zip(value, inner, strict=True)]
    raise CannotJudge(f"the provider type {cty!r}")
