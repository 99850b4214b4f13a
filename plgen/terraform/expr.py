"""Terraform expressions as values: a reference knows what it refers to; text comes last.

The compiler used to build every expression as a Python string and then recover its structure from the text
(the apply order and the deployment units were a regex over ``module.<name>``). Here an expression is a
sequence of literal text and ``Ref`` parts, after cdktf's tokens: a ``Reference`` there is an identifier
and the stack that owns it, resolved to ``${identifier}`` only at synthesis, inside another expression
without the braces, and to a different identifier when it is read from another stack (a cross-stack
reference: an output plus a remote-state read), which is how cdktf finds the dependencies between stacks
(https://github.com/hashicorp/terraform-cdk/blob/main/packages/cdktf/lib/tfExpression.ts, ``Reference``
and ``ref``; ``packages/cdktf/lib/tokens/private/resolve.ts``). plgen's deployment units are those stacks:
``Expr.render(rename)`` writes ``module.<call>`` of another unit as ``local.from_<call>``, and
``Expr.refs`` gives the module calls, locals and variables an expression reads, with the module outputs
it reads of each call.

A plain ``str`` stays a valid expression wherever one is taken (``refs(...)`` of it is empty); it must not
read a module call or a root local, or the apply order would not see it
(``tests/build/test_expr.py`` compares the declared references of every catalogue root with the text).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

KINDS = ("resource", "data", "module", "var", "local")


@dataclass(frozen=True)
class Ref:
    """A reference to a named object of a Terraform module.

    ``kind`` is one of ``KINDS``; ``name`` is the object's name (``aws_lb.this`` for a resource,
    ``aws_vpc.this`` for a data source, the call's name for a module). ``outputs`` are the module outputs
    an expression reads through this reference (a module call only), declared by whoever builds the
    expression: a unit exports exactly those for the units that read it.
    """

    kind: str
    name: str
    outputs: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown reference kind {self.kind!r} (one of {', '.join(KINDS)})")
        if self.outputs and self.kind != "module":
            raise ValueError(f"only a module call has outputs; {self.address} does not")

    @property
    def address(self) -> str:
        """How Terraform spells the reference inside an expression."""
        prefix = {"resource": "", "data": "data.", "module": "module.", "var": "var.", "local": "local."}[self.kind]
        return prefix + self.name

    def reading(self, *outputs: str) -> Ref:
        """This module call, declared to read ``outputs`` (an attribute access or a for-loop over its instances)."""
        return Ref(self.kind, self.name, self.outputs | frozenset(outputs))

    def expr(self) -> Expr:
        return Expr((self,))

    def __str__(self) -> str:
        return self.address


@dataclass(frozen=True)
class Declared:
    """Text kept as a template by its author, with the references it contains declared beside it.

    Its text cannot be rewritten (``Expr.render`` refuses to rename a module call it declares).
    """

    text: str
    refs: frozenset[Ref]


Part = Any  # str | Ref | Declared


class Expr:
    """A Terraform expression (its inner form, without ``${}``): literal text and references, in order.

    Build one with ``expr(...)`` (parts) or ``Expr.format(template, *values)``; join with ``+``.
    ``str()`` gives its text; ``render(rename)`` the text with some module calls renamed; ``refs`` what it reads.
    """

    __slots__ = ("parts", "_refs")

    def __init__(self, parts: Iterable[Part]) -> None:
        merged: list[Part] = []
        for part in parts:
            if isinstance(part, Expr):
                merged.extend(part.parts)
            elif isinstance(part, (str, Ref, Declared)):
                merged.append(part)
            else:
                raise TypeError(f"an expression part is text, a Ref or an Expr, not {type(part).__name__}")
        self.parts: tuple[Part, ...] = tuple(merged)
        self._refs: frozenset[Ref] | None = None

    @classmethod
    def format(cls, template: str, *values: Any, **named: Any) -> Expr:
        """``template`` with each ``{}`` (or ``{name}``) replaced by a value: an Expr or Ref keeps its references.

        Doubled braces (``{{``, ``}}``) are literal braces, as in ``str.format``; no format specs.
        """
        import string

        parts: list[Part] = []
        position = 0
        for literal, field, spec, conversion in string.Formatter().parse(template):
            parts.append(literal)
            if field is None:
                continue
            if spec or conversion:
                raise ValueError(f"no format spec or conversion in an expression template: {template!r}")
            if field == "":
                value = values[position]
                position += 1
            elif field.isdigit():
                value = values[int(field)]
            else:
                value = named[field]
            parts.append(value if isinstance(value, (Expr, Ref)) else str(value))
        return cls(parts)

    @property
    def refs(self) -> frozenset[Ref]:
        if self._refs is None:  # an Expr never changes: its references are worked out once
            out = {p for p in self.parts if isinstance(p, Ref)}
            for p in self.parts:
                if isinstance(p, Declared):
                    out |= p.refs
            self._refs = frozenset(out)
        return self._refs

    def render(self, rename: Mapping[str, str] | None = None) -> str:
        """The text; a module call named in ``rename`` is written as the address it maps to."""
        out = []
        for part in self.parts:
            if isinstance(part, Ref):
                out.append(rename[part.name] if rename and part.kind == "module" and part.name in rename else part.address)
            elif isinstance(part, Declared):
                if rename and any(r.kind == "module" and r.name in rename for r in part.refs):
                    raise ValueError(f"cannot rename a module call inside declared text: {part.text!r}")
                out.append(part.text)
            else:
                out.append(part)
        return "".join(out)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Expr({self.render()!r})"

    def __add__(self, other: Any) -> Expr:
        if isinstance(other, (str, Ref, Expr)):
            return Expr((self, other))
        return NotImplemented

    def __radd__(self, other: Any) -> Expr:
        if isinstance(other, (str, Ref)):
            return Expr((other, self))
        return NotImplemented

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Expr) and self.parts == other.parts

    def __hash__(self) -> int:
        return hash(self.parts)


def expr(*parts: Part) -> Expr:
    """An expression of the given parts, in order (text, ``Ref``s and other expressions)."""
    return Expr(parts)


def declared_text(text: str, *declared: Ref) -> Expr:
    """``text`` (an expression written as a string elsewhere) with the references it contains declared."""
    return Expr((Declared(text, frozenset(declared)),))


def refs(value: Any) -> frozenset[Ref]:
    """Every reference declared in ``value``: an Expr or Ref, or dicts, lists and tuples of them (plain text: none)."""
    if isinstance(value, Expr):
        return value.refs
    if isinstance(value, Ref):
        return frozenset((value,))
    if isinstance(value, Mapping):
        return frozenset().union(*(refs(v) for v in value.values()))
    if isinstance(value, (list, tuple)):
        return frozenset().union(*(refs(v) for v in value))
    return frozenset()


def module_outputs(value: Any) -> dict[str, frozenset[str]]:
    """Per module call ``value`` reads: the outputs it reads of it."""
    out: dict[str, frozenset[str]] = {}
    for ref in refs(value):
        if ref.kind == "module":
            out[ref.name] = out.get(ref.name, frozenset()) | ref.outputs
    return out


def text(value: Any) -> Any:
    """``value`` with every expression as its text (what cdktf and the JSON writers take)."""
    if isinstance(value, (Expr, Ref)):
        return str(value)
    if isinstance(value, Mapping):
        return {k: text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [text(v) for v in value]
    return value
