"""Terraform type constraints (``string``, ``list(...)``, ``object({...})`` with ``optional``) and conversion to them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lark import Tree

from plgen.paths.hcl.syntax import _args, _kids, _unwrap, is_expression, parse
from plgen.paths.hcl.values import EvaluationError, Ref


@dataclass(frozen=True)
class Type:
    kind: str  # string number bool any map list set object tuple
    item: Any = None  # element type (map/list/set), or {name: (Type, optional, default)} for object
    def convert(self, value: Any) -> Any:
        if value is None or isinstance(value, Ref):
            return value
        if self.kind in ("map", "list", "set"):
            if isinstance(value, dict):
                return {k: self.item.convert(v) for k, v in value.items()}
            return [self.item.convert(v) for v in value]
        if self.kind == "object":
            if not isinstance(value, dict):
                return value
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
        return value


def type_of(expression: str) -> Type:
    return _type(parse(expression[2:-1] if is_expression(expression) else expression))


def _type(node: Tree) -> Type:
    node = _unwrap(node)
    if node.data == "identifier":
        return Type(str(node.children[0]))
    if node.data == "function_call":
        name = str(_kids(node)[0].children[0])
        args = _args(node)[0]
        if name in ("map", "list", "set"):
            return Type(name, _type(args[0]))
        if name == "object":
            fields = {}
            for elem in _kids(_unwrap(args[0])):
                key_node, value_node = _kids(elem)
                key = str(_unwrap(_kids(key_node)[0]).children[0])
                value_node = _unwrap(value_node)
                if value_node.data == "function_call" and str(_kids(value_node)[0].children[0]) == "optional":
                    opt = _args(value_node)[0]
                    default = _constant(opt[1]) if len(opt) > 1 else None
                    fields[key] = (_type(opt[0]), True, default)
                else:
                    fields[key] = (_type(value_node), False, None)
            return Type("object", fields)
    return Type("any")


def _constant(node: Tree) -> Any:
    from plgen.paths.hcl.expressions import Evaluator

    return Evaluator.constant(node)
