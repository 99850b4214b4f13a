"""The evaluator: one module instance's expressions, in an ``each``/``count``/``for`` scope."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from lark import Tree

from plgen.paths.hcl.functions import FUNCTIONS
from plgen.paths.hcl.syntax import _args, _kids, _tokens, _unwrap, is_expression, parse
from plgen.paths.hcl.values import EvaluationError, Ref

if TYPE_CHECKING:
    from plgen.paths.instances import ModuleInstance


class Evaluator:
    """Expressions of one module instance, with its variables, in an ``each``/``count``/``for`` scope."""

    def __init__(self, module: ModuleInstance) -> None:
        self.module = module

    @staticmethod
    def constant(node: Tree) -> Any:
        return Evaluator(None).eval(node, {})  # type: ignore[arg-type]

    def value(self, canonical: Any, scope: dict[str, Any]) -> Any:
        """The value of a canonical document value (an argument, a local, an output)."""
        if is_expression(canonical):
            return self.eval(parse(canonical[2:-1]), scope)
        if isinstance(canonical, str) and len(canonical) >= 2 and canonical[0] == canonical[-1] == '"':
            return self.eval(parse(canonical), scope)
        if isinstance(canonical, list):
            return [self.value(v, scope) for v in canonical]
        if isinstance(canonical, dict):
            return {k: self.value(v, scope) for k, v in canonical.items()}
        return canonical

    def eval(self, node: Tree, scope: dict[str, Any]) -> Any:
        method = getattr(self, f"_{node.data}", None)
        if method is None:
            raise EvaluationError(f"unsupported expression: {node.data}")
        return method(node, scope)

    # terms
    def _expr_term(self, node, scope):
        return self.eval(_kids(node)[0], scope)

    def _literal_value(self, node, scope):
        return {"true": True, "false": False, "null": None}[str(node.children[0])]

    def _int_lit(self, node, scope):
        return int(str(node.children[0]))

    def _float_lit(self, node, scope):
        return float(str(node.children[0]))

    def _string(self, node, scope):
        parts = [c for c in node.children if isinstance(c, Tree)]
        values = []
        for part in parts:
            child = part.children[0]
            if isinstance(child, Tree) and child.data == "interpolation":
                values.append(self.eval(_kids(child)[0], scope))
            elif isinstance(child, Tree):
                raise EvaluationError("template directives are not supported")
            else:
                values.append(_unescape(str(child)))
        if len(values) == 1 and len(parts) == 1 and isinstance(parts[0].children[0], Tree):
            return values[0]  # "${x}" alone keeps x's type
        if any(isinstance(v, Ref) for v in values):
            return Ref("template(" + "".join(v.path if isinstance(v, Ref) else str(v) for v in values) + ")")
        return "".join(_template_text(v) for v in values)

    def _tuple(self, node, scope):
        return [self.eval(k, scope) for k in _kids(node)]

    def _object(self, node, scope):
        out = {}
        for elem in _kids(node):
            key_node, value_node = _kids(elem)
            inner = _unwrap(_kids(key_node)[0]) if _kids(key_node) else None
            key = str(inner.children[0]) if inner is not None and inner.data == "identifier" else self.eval(_kids(key_node)[0], scope)
            out[key] = self.eval(value_node, scope)
        return out

    def _identifier(self, node, scope):
        name = str(node.children[0])
        if name in scope:
            return scope[name]
        return self.module.namespace(name)

    def _get_attr_expr_term(self, node, scope):
        base, attr = _kids(node)
        return get(self.eval(base, scope), str(_kids(attr)[0].children[0]))

    def _index_expr_term(self, node, scope):
        base, index = _kids(node)
        key = self.eval(_kids(index)[0], scope) if index.data == "braces_index" else int(_tokens(index)[-1])
        return get(self.eval(base, scope), key)

    def _full_splat_expr_term(self, node, scope):
        base, splat = _kids(node)
        value = self.eval(base, scope)
        items = [] if value is None else list(value.values()) if isinstance(value, dict) else value if isinstance(value, list) else [value]
        out = []
        for item in items:
            for op in _kids(splat):
                item = get(item, str(_kids(op)[0].children[0])) if op.data == "get_attr" else get(item, self.eval(_kids(op)[0], scope))
            out.append(item)
        return out

    _attr_splat_expr_term = _full_splat_expr_term

    def _function_call(self, node, scope):
        name = str(_kids(node)[0].children[0])
        nodes, expand = _args(node)
        if name == "try":  # the first argument that evaluates
            for argument in nodes:
                try:
                    return self.eval(argument, scope)
                except EvaluationError:
                    continue
            raise EvaluationError("no argument of try() evaluates")
        args = [self.eval(a, scope) for a in nodes]
        if expand:
            args = [*args[:-1], *args[-1]]
        if name not in FUNCTIONS:
            raise EvaluationError(f"function {name}() is not supported by the path proof")
        if any(isinstance(a, Ref) for a in args) and name not in ("coalesce", "tostring", "merge", "concat"):
            return Ref(f"{name}(...)")
        return FUNCTIONS[name](*args)

    def _conditional(self, node, scope):
        condition, yes, no = _kids(node)
        test = self.eval(condition, scope)
        if isinstance(test, Ref):
            raise EvaluationError(f"a condition depends on {test.path}, known only after apply")
        return self.eval(yes if test else no, scope)

    def _binary_op(self, node, scope):
        left, term = _kids(node)
        operator = str(_kids(term)[0].children[0])
        a = self.eval(left, scope)
        if operator == "&&" and a is False:
            return False
        if operator == "||" and a is True:
            return True
        b = self.eval(_kids(term)[1], scope)
        if isinstance(a, Ref) or isinstance(b, Ref):
            return Ref(f"({operator})")
        ops = {
            "==": lambda: a == b,
            "!=": lambda: a != b,
            "<": lambda: a < b,
            ">": lambda: a > b,
            "<=": lambda: a <= b,
            ">=": lambda: a >= b,
            "+": lambda: a + b,
            "-": lambda: a - b,
            "*": lambda: a * b,
            "/": lambda: a / b,
            "%": lambda: a % b,
            "&&": lambda: a and b,
            "||": lambda: a or b,
        }
        return ops[operator]()

    def _unary_op(self, node, scope):
        operator = _tokens(node)[0]
        value = self.eval(_kids(node)[0], scope)
        return (not value) if operator == "!" else -value

    def _for_tuple_expr(self, node, scope):
        return [body for _, body in self._for(node, scope, object_form=False)]

    def _for_object_expr(self, node, scope):
        grouped = "..." in _tokens(node)
        out: dict[str, Any] = {}
        for key, value in self._for(node, scope, object_form=True):
            if grouped:
                out.setdefault(key, []).append(value)
            elif key in out:
                raise EvaluationError(f"duplicate key {key!r} in a for expression")
            else:
                out[key] = value
        return out

    def _for(self, node, scope, object_form: bool):
        kids = _kids(node)
        intro = kids[0]
        names = [str(k.children[0]) for k in _kids(intro) if k.data == "identifier"]
        collection = self.eval(_kids(intro)[-1], scope)
        if isinstance(collection, Ref):
            yield from ()
            return
        condition = next((k for k in kids if k.data == "for_cond"), None)
        bodies = [k for k in kids[1:] if k.data != "for_cond"]
        items = sorted(collection.items()) if isinstance(collection, dict) else list(enumerate(collection or []))
        for k, v in items:
            inner = {**scope, **({names[0]: k, names[1]: v} if len(names) == 2 else {names[0]: v})}
            if condition is not None:
                test = self.eval(_kids(condition)[0], inner)
                if isinstance(test, Ref):
                    raise EvaluationError(f"a for condition depends on {test.path}, known only after apply")
                if not test:
                    continue
            if object_form:
                yield self.eval(bodies[0], inner), self.eval(bodies[1], inner)
            else:
                yield None, self.eval(bodies[0], inner)


def _unescape(text: str) -> str:
    return text.replace("$${", "${").replace("%%{", "%{").encode().decode("unicode_escape") if "\\" in text else text.replace("$${", "${")


def _template_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def get(value: Any, key: Any) -> Any:
    """``value.key`` / ``value[key]`` for plain values, references, instances and namespaces."""
    if isinstance(value, Ref):
        return value.attr(key) if isinstance(key, str) and re.fullmatch(r"[A-Za-z_][\w-]*", key) else value.index(key)
    if hasattr(value, "get_attribute"):
        return value.get_attribute(key)
    if isinstance(value, dict):
        if key not in value:
            raise EvaluationError(f"no key {key!r} (has {sorted(value)[:8]})")
        return value[key]
    if isinstance(value, list):
        return value[int(key)]
    raise EvaluationError(f"cannot take {key!r} of {type(value).__name__}")
