"""The evaluator: one module instance's expressions, in an ``each``/``count``/``for`` scope.

Operators, conditionals, templates, ``for`` expressions and splats follow
https://developer.hashicorp.com/terraform/language/expressions (operators, conditionals, strings and templates,
for expressions, splat expressions); a construct not implemented here (template directives, heredocs, ...) is
``CannotJudge``. A value known only after apply is a ``Ref``; an operation on one is itself unknown.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from hcl2.utils import process_escape_sequences
from lark import Tree

from plgen.paths.hcl.functions import FUNCTIONS, STRUCTURAL
from plgen.paths.hcl.syntax import _args, _kids, _tokens, _unwrap, is_expression, parse
from plgen.paths.hcl.values import (
    CannotJudge,
    EvaluationError,
    Ref,
    TerraformSet,
    equal,
    is_number,
    kind,
    number,
    to_bool,
    to_number,
    to_string,
)

if TYPE_CHECKING:
    from plgen.paths.instances import ModuleInstance

_TEMPLATE_MARKS = ("${", "%{", "\\", "\n")  # what makes a quoted template more than its text (an escape, an interpolation, a directive)
MAX_DEPTH = 200  # nesting of one expression (calls, operators, brackets), far above any real configuration


def _has_ref(value: Any, depth: int = 0) -> bool:
    if isinstance(value, Ref):
        return True
    if depth > MAX_DEPTH:
        raise CannotJudge(f"a value nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, list):
        return any(_has_ref(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return any(_has_ref(v, depth + 1) for v in value.values())
    return False


def _refs(value: Any):
    """The ``Ref``s inside a value (what a result known only after apply depends on)."""
    if isinstance(value, Ref):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _refs(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _refs(v)


class Evaluator:
    """Expressions of one module instance, with its variables, in an ``each``/``count``/``for`` scope."""

    def __init__(self, module: ModuleInstance | None) -> None:
        self.module = module
        self._depth = 0

    @staticmethod
    def constant(node: Tree) -> Any:
        """A value that refers to nothing (a type's ``optional`` default, a ``.tfvars`` value)."""
        return Evaluator(None).eval(node, {})

    def value(self, canonical: Any, scope: dict[str, Any]) -> Any:
        """The value of a canonical document value (an argument, a local, an output)."""
        if is_expression(canonical):
            return self.eval(parse(canonical[2:-1]), scope)
        if isinstance(canonical, str) and len(canonical) >= 2 and canonical[0] == canonical[-1] == '"':
            text = canonical[1:-1]
            if not any(mark in text for mark in _TEMPLATE_MARKS):  # plain text: the template is its own value
                return text
            return self.eval(parse(canonical), scope)
        if isinstance(canonical, list):
            return [self.value(v, scope) for v in canonical]
        if isinstance(canonical, dict):
            return {k: self.value(v, scope) for k, v in canonical.items()}
        if isinstance(canonical, float):
            return number(canonical)
        return canonical

    def eval(self, node: Tree, scope: dict[str, Any]) -> Any:
        try:
            target, method, levels = node._plgen_eval  # type: ignore[attr-defined]
        except AttributeError:
            target, method, levels = node._plgen_eval = _dispatch(node)  # type: ignore[attr-defined]
        if method is None:
            raise CannotJudge(f"the expression construct {target.data}")
        self._depth += levels
        try:
            if self._depth > MAX_DEPTH:
                raise CannotJudge(f"an expression nested more than {MAX_DEPTH} levels deep")
            return method(self, target, scope)
        finally:
            self._depth -= levels

    # terms
    def _expr_term(self, node, scope):
        return self.eval(_kids(node)[0], scope)

    def _literal_value(self, node, scope):
        return {"true": True, "false": False, "null": None}[str(node.children[0])]

    def _int_lit(self, node, scope):
        return number(Fraction(str(node.children[0])))

    def _float_lit(self, node, scope):
        return number(Fraction(str(node.children[0])))

    def _string(self, node, scope):
        """A quoted template: literal parts and ``${...}`` interpolations (``%{...}`` directives are refused).

        https://developer.hashicorp.com/terraform/language/expressions/strings#interpolation: "${x}" alone keeps
        x's type; otherwise each value is converted to a string (a null or a collection is an error).
        """
        parts = [c for c in node.children if isinstance(c, Tree)]
        values = []
        for part in parts:
            child = part.children[0]
            if isinstance(child, Tree) and child.data == "interpolation":
                values.append(self.eval(_kids(child)[0], scope))
            elif isinstance(child, Tree):
                raise CannotJudge(f"the template directive {child.data}")
            else:
                values.append(_unescape(str(child)))
        if len(values) == 1 and len(parts) == 1 and isinstance(parts[0].children[0], Tree):
            return values[0]
        texts = []
        for v in values:
            if v is None:
                raise EvaluationError("invalid template interpolation value: the expression result is null")
            if isinstance(v, (list, dict)) or hasattr(v, "get_attribute"):
                raise EvaluationError(f"invalid template interpolation value: cannot include a {kind(v)} in a string template")
            texts.append(v if isinstance(v, Ref) else to_string(v))
        if any(isinstance(t, Ref) for t in texts):
            return Ref("template(" + "".join(t.path if isinstance(t, Ref) else t for t in texts) + ")")
        return "".join(texts)

    def _tuple(self, node, scope):
        return [self.eval(k, scope) for k in _kids(node)]

    def _object(self, node, scope):
        out = {}
        for elem in _kids(node):
            key_node, value_node = _kids(elem)
            inner = _unwrap(_kids(key_node)[0]) if _kids(key_node) else None
            key = str(inner.children[0]) if inner is not None and inner.data == "identifier" else self.eval(_kids(key_node)[0], scope)
            if isinstance(key, Ref):
                raise CannotJudge(f"an object key known only after apply ({key.path})")
            key = to_string(key)
            if key is None:
                raise EvaluationError("an object key cannot be null")
            out[key] = self.eval(value_node, scope)
        return out

    def _identifier(self, node, scope):
        try:
            name = node._plgen_name  # type: ignore[attr-defined]
        except AttributeError:
            name = node._plgen_name = str(node.children[0])  # type: ignore[attr-defined]
        if name in scope:
            return scope[name]
        if self.module is None:
            raise EvaluationError(f"variables are not allowed here (the expression refers to {name})")
        return self.module.namespace(name)

    def _get_attr_expr_term(self, node, scope):
        try:
            base, name = node._plgen_attr  # type: ignore[attr-defined]
        except AttributeError:  # the base node and the attribute's name, kept on the node (trees never change)
            base, attr = _kids(node)
            base, name = node._plgen_attr = (base, str(_kids(attr)[0].children[0]))  # type: ignore[attr-defined]
        return get(self.eval(base, scope), name)

    def _index_expr_term(self, node, scope):
        base, index = _kids(node)
        key = self.eval(_kids(index)[0], scope) if index.data == "braces_index" else int(_tokens(index)[-1])
        return get(self.eval(base, scope), key, indexed=True)

    def _full_splat_expr_term(self, node, scope):
        """``x[*].a``: each element's ``a``; a single non-null value is a one-element list, null an empty one."""
        base, splat = _kids(node)
        value = self.eval(base, scope)
        if isinstance(value, Ref):
            return Ref(f"{value.path}[*]")
        if isinstance(value, dict):
            raise CannotJudge("a splat over a map or object (Terraform treats it as a single value)")
        items = [] if value is None else value if isinstance(value, list) else [value]
        out = []
        for item in items:
            for op in _kids(splat):
                item = get(item, str(_kids(op)[0].children[0])) if op.data == "get_attr" else get(item, self.eval(_kids(op)[0], scope), indexed=True)
            out.append(item)
        return out

    _attr_splat_expr_term = _full_splat_expr_term

    def _function_call(self, node, scope):
        name = str(_kids(node)[0].children[0])
        nodes, expand = _args(node)
        if name in ("try", "can"):
            return self._try(name, nodes, scope)
        if name not in FUNCTIONS:
            raise CannotJudge(f"the function {name}()")
        args = [self.eval(a, scope) for a in nodes]
        if expand:
            if isinstance(args[-1], Ref):
                return Ref(f"{name}({args[-1].path}...)")
            if not isinstance(args[-1], list):
                raise EvaluationError(f"{name}(): the expanded argument must be a list, set or tuple")
            args = [*args[:-1], *args[-1]]
        if (any(isinstance(a, Ref) for a in args) and name not in ("coalesce", "tostring")) or (name not in STRUCTURAL and _has_ref(args)):
            return Ref(f"{name}({', '.join(sorted({r.path for r in _refs(args)}))})")
        return FUNCTIONS[name](*args)

    def _try(self, name, nodes, scope):
        """https://developer.hashicorp.com/terraform/language/functions/try (and ``can``): the first argument that
        evaluates without an error. What this evaluator cannot judge is never taken for an error: it is raised."""
        if not nodes:
            raise EvaluationError(f"{name}() needs at least one argument")
        for argument in nodes if name == "try" else nodes[:1]:
            try:
                value = self.eval(argument, scope)
            except CannotJudge:
                raise
            except EvaluationError:
                continue
            if name == "can":
                return Ref("can(...)") if _has_ref(value) else True
            return value
        if name == "can":
            return False
        raise EvaluationError("no argument of try() evaluates without an error")

    def _conditional(self, node, scope):
        """``c ? a : b``: the result has the type both branches convert to (``true ? 1 : "x"`` is ``"1"``)."""
        condition, yes, no = _kids(node)  # a null condition is an error (https://github.com/hashicorp/terraform/issues/32306)
        test = to_bool(self.eval(condition, scope))
        if isinstance(test, Ref):
            raise CannotJudge(f"a condition that depends on {test.path}, known only after apply")
        if test is None:
            raise EvaluationError("the condition value is null")
        chosen = self.eval(yes if test else no, scope)
        if is_number(chosen) or isinstance(chosen, bool):
            try:
                other = self.eval(no if test else yes, scope)
            except CannotJudge:
                raise
            except EvaluationError:  # the other branch's errors are not reported; its type is then unknown
                return chosen
            if isinstance(other, Ref):
                raise CannotJudge("a conditional whose other branch's type is known only after apply")
            if isinstance(other, str):
                return to_string(chosen)
        return chosen

    def _binary_op(self, node, scope):
        """Operators: arithmetic and comparison on numbers (strings convert), ``&&``/``||`` on bools, typed equality.

        Both operands are always evaluated: Terraform's logical operators do not short-circuit
        (https://github.com/hashicorp/terraform/issues/24128), so ``var.x != null && var.x.y`` is an error when x is null.
        """
        left, term = _kids(node)
        operator = str(_kids(term)[0].children[0])
        a = self.eval(left, scope)
        b = self.eval(_kids(term)[1], scope)
        if operator in ("==", "!="):
            result = equal(a, b)
            return result if isinstance(result, Ref) else (result if operator == "==" else not result)
        if operator in ("&&", "||"):
            a, b = to_bool(a), to_bool(b)
            if a is None or b is None:
                raise EvaluationError(f"unsupported null operand of {operator}")
            if operator == "&&" and (a is False or b is False):
                return False
            if operator == "||" and (a is True or b is True):
                return True
            if isinstance(a, Ref) or isinstance(b, Ref):
                return Ref(f"({operator})")
            return a and b if operator == "&&" else a or b
        a, b = to_number(a), to_number(b)
        if a is None or b is None:
            raise EvaluationError(f"unsupported null operand of {operator}")
        if isinstance(a, Ref) or isinstance(b, Ref):
            return Ref(f"({operator})")
        if operator in ("/", "%") and b == 0:
            raise EvaluationError("divide by zero")
        ops = {
            "<": lambda: a < b,
            ">": lambda: a > b,
            "<=": lambda: a <= b,
            ">=": lambda: a >= b,
            "+": lambda: number(a + b),
            "-": lambda: number(a - b),
            "*": lambda: number(a * b),
            "/": lambda: number(Fraction(a) / Fraction(b)),
            # Terraform's remainder takes the sign of the dividend (Go's truncated division): -5 % 3 is -2.
            "%": lambda: number(Fraction(a) - Fraction(b) * math.trunc(Fraction(a) / Fraction(b))),
        }
        if operator not in ops:
            raise CannotJudge(f"the operator {operator}")
        return ops[operator]()

    def _unary_op(self, node, scope):
        operator = _tokens(node)[0]
        value = self.eval(_kids(node)[0], scope)
        if operator == "!":
            value = to_bool(value)
            return value if isinstance(value, Ref) else not value
        value = to_number(value)
        return value if isinstance(value, Ref) else number(-value)

    def _for_tuple_expr(self, node, scope):
        pairs = self._for(node, scope, object_form=False)
        return pairs if isinstance(pairs, Ref) else [body for _, body in pairs]

    def _for_object_expr(self, node, scope):
        grouped = "..." in _tokens(node)
        pairs = self._for(node, scope, object_form=True)
        if isinstance(pairs, Ref):
            return pairs
        out: dict[str, Any] = {}
        for key, value in pairs:
            if isinstance(key, Ref):
                raise CannotJudge(f"a for expression key known only after apply ({key.path})")
            key = to_string(key)
            if key is None:
                raise EvaluationError("a for expression key cannot be null")
            if grouped:
                out.setdefault(key, []).append(value)
            elif key in out:
                raise EvaluationError(f"duplicate key {key!r} in a for expression (use ... to group)")
            else:
                out[key] = value
        return dict(sorted(out.items()))

    def _for(self, node, scope, object_form: bool):
        """The (key, value) bodies of a for expression; a collection known only after apply makes it unknown."""
        kids = _kids(node)
        intro = kids[0]
        names = [str(k.children[0]) for k in _kids(intro) if k.data == "identifier"]
        collection = self.eval(_kids(intro)[-1], scope)
        if isinstance(collection, Ref):
            return Ref(f"for({collection.path})")
        if collection is None:
            raise EvaluationError("a for expression over null")
        condition = next((k for k in kids if k.data == "for_cond"), None)
        bodies = [k for k in kids[1:] if k.data != "for_cond"]
        if isinstance(collection, dict):
            items = sorted(collection.items())
        elif isinstance(collection, TerraformSet):
            items = [(v, v) for v in collection]
        elif isinstance(collection, list):
            items = list(enumerate(collection))
        else:
            raise EvaluationError(f"a for expression needs a collection, not {kind(collection)}")
        out = []
        for k, v in items:
            inner = {**scope, **({names[0]: k, names[1]: v} if len(names) == 2 else {names[0]: v})}
            if condition is not None:
                test = to_bool(self.eval(_kids(condition)[0], inner))
                if isinstance(test, Ref):
                    raise CannotJudge(f"a for condition that depends on {test.path}, known only after apply")
                if test is None:
                    raise EvaluationError("a for condition is null")
                if not test:
                    continue
            if object_form:
                out.append((self.eval(bodies[0], inner), self.eval(bodies[1], inner)))
            else:
                out.append((None, self.eval(bodies[0], inner)))
        return out


# The evaluator's method for each construct (a parse tree node's ``data``): ``_int_lit`` for ``int_lit``. Looked up
# once per node evaluated (hundreds of thousands in a fleet's proof), so a table, not ``getattr`` on a formatted name.
_METHODS = {
    name[1:]: method
    for name, method in vars(Evaluator).items()
    if name.startswith("_") and not name.startswith("__") and callable(method)
    and method.__code__.co_argcount == 3 and method.__code__.co_varnames[1:3] == ("node", "scope")
}


def _dispatch(node: Tree) -> tuple[Tree, Any, int]:
    """The node that ``node`` evaluates as, its method (None: a construct the evaluator does not implement) and the
    nesting levels that are: an ``expr_term`` around one child (brackets, or the grammar's wrapping) is that child,
    counted as a level, so the depth limit is the same as evaluating each wrapper in turn."""
    levels = 1
    while node.data == "expr_term" and _kids(node):
        node, levels = _kids(node)[0], levels + 1
    return node, _METHODS.get(node.data), levels


def _unescape(text: str) -> str:
    """A template's literal text: HCL escapes (``\\n``, ``\\"``, ``\\u00e9``), ``$${`` and ``%%{`` read once."""
    return process_escape_sequences(text).replace("$${", "${").replace("%%{", "%{") if "\\" in text else text.replace("$${", "${").replace("%%{", "%{")


_NAME = re.compile(r"[A-Za-z_][\w-]*")


def get(value: Any, key: Any, indexed: bool = False) -> Any:
    """``value.key`` / ``value[key]`` for plain values, references, instances and namespaces."""
    if type(value) is dict and type(key) is str and key in value:  # the common case first: an object's attribute, a map's key
        return value[key]
    if isinstance(value, Ref):
        return value.attr(key) if isinstance(key, str) and _NAME.fullmatch(key) and not indexed else value.index(key)
    if isinstance(key, Ref):
        if isinstance(value, (list, dict)):
            return Ref(f"index({key.path})")
        raise CannotJudge(f"an index known only after apply ({key.path})")
    if hasattr(value, "get_attribute"):
        return value.get_attribute(key)
    if isinstance(value, TerraformSet):
        raise EvaluationError("elements of a set are identified only by their value and don't have any separate index or key")
    if isinstance(value, dict):
        key = to_string(key)
        if key not in value:
            raise EvaluationError(f"no key {key!r} (has {sorted(value)[:8]})")
        return value[key]
    if isinstance(value, list):
        position = to_number(key)
        if not isinstance(position, int):
            raise EvaluationError(f"a list index must be a whole number, not {key!r}")
        if not 0 <= position < len(value):
            raise EvaluationError(f"index {position} out of range for a list of {len(value)} elements")
        return value[position]
    if value is None:
        raise EvaluationError(f"attempt to get {key!r} of a null value")
    raise EvaluationError(f"cannot take {key!r} of {kind(value)}")
