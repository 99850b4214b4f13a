"""The values an evaluation produces, and how Terraform converts between them.

Plain values are JSON-like: ``str``, ``bool``, numbers, ``None`` (null),
``list``, ``dict``. Terraform numbers are arbitrary precision
(https://developer.hashicorp.com/terraform/language/expressions/types: "a
numeric value ... can represent both whole numbers like 15 and fractional
values like 6.283185"), so ``5.0 == 5``: a whole number is an ``int`` and any
other a ``fractions.Fraction`` (exact; never a binary float). A set is a
``TerraformSet`` (a list in Terraform's iteration order). ``Ref`` stands for a
value known only after apply.

``EvaluationError`` is what Terraform itself would reject (or a reference the
root does not declare); ``CannotJudge`` is what Terraform accepts but this
evaluator does not implement exactly: it names the construct, and the module,
resource or variable where it was met, and never stands for a value.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any


class EvaluationError(ValueError):
    """The root uses something Terraform would reject, or a value only apply can tell (a located one-line message)."""

    def __init__(self, message: str, where: str = "") -> None:
        self.message, self.where = message, where
        super().__init__(f"{where}: {message}" if where else message)

    def located(self, where: str) -> EvaluationError:
        """The same error, said where it was met (the innermost place wins)."""
        if self.where or not where:
            return self
        error = type(self).__new__(type(self))
        EvaluationError.__init__(error, self.message, where)
        if isinstance(self, CannotJudge):
            error.construct = self.construct
        return error


class CannotJudge(EvaluationError):
    """Terraform takes this construct; this evaluator does not implement it exactly, so it gives no value."""

    def __init__(self, construct: str, where: str = "") -> None:
        self.construct = construct
        super().__init__(f"cannot judge {construct}", where)


@dataclass(frozen=True)
class Ref:
    """A value known only after apply: ``<instance address>.<attribute path>``."""

    path: str

    def attr(self, name: str) -> Ref:
        return Ref(f"{self.path}.{name}")

    def index(self, key: Any) -> Ref:
        return Ref(f"{self.path}[{json.dumps(key, default=str)}]")

    def base(self) -> str:
        """The instance address the reference starts from (without the attribute)."""
        match = re.match(r"^(.*?\.[a-z0-9_]+\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?)\.", self.path + ".")
        return match.group(1) if match else self.path


class TerraformSet(list):
    """A set: unique elements in Terraform's order (strings lexically, numbers by value); it cannot be indexed.

    https://developer.hashicorp.com/terraform/language/functions/toset: "toset(["c", "b", "b"])" is ``["b", "c"]``
    and mixed primitive elements become strings (``toset(["a", "b", 3])`` is ``["3", "a", "b"]``).
    """


def address(prefix: str, local: str, key: Any) -> str:
    text = f"{prefix}.{local}" if prefix else local
    return text if key is None else f"{text}[{json.dumps(key)}]"


# -- numbers ------------------------------------------------------------------------------

_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def is_number(value: Any) -> bool:
    return isinstance(value, (int, Fraction)) and not isinstance(value, bool)


def number(value: int | Fraction | float | str) -> int | Fraction:
    """An exact number: an ``int`` when whole, else a ``Fraction`` (a float is read from its shortest decimal text)."""
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CannotJudge(f"the number {value}")
        value = Fraction(repr(value))
    elif isinstance(value, str):
        value = Fraction(value)
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value.numerator)
    return value


def number_text(value: int | Fraction) -> str:
    """A number as Terraform prints it (``5.0`` is ``"5"``, ``2.5`` is ``"2.5"``, never an exponent).

    https://developer.hashicorp.com/terraform/language/functions/tostring: ``tostring(1)`` is ``"1"``. A fraction
    without a finite decimal expansion (``1/3``) is printed by Terraform at its 512-bit precision: refused here.
    """
    value = number(value)
    if isinstance(value, int):
        return str(value)
    denominator, twos, fives = value.denominator, 0, 0
    while denominator % 2 == 0:
        denominator, twos = denominator // 2, twos + 1
    while denominator % 5 == 0:
        denominator, fives = denominator // 5, fives + 1
    if denominator != 1:
        raise CannotJudge(f"the decimal text of the number {value.numerator}/{value.denominator}")
    digits = max(twos, fives)
    scaled = abs(value.numerator) * (10**digits // value.denominator)
    text = str(scaled).rjust(digits + 1, "0")
    return ("-" if value < 0 else "") + f"{text[:-digits]}.{text[-digits:]}".rstrip("0").rstrip(".")


# -- conversions (https://developer.hashicorp.com/terraform/language/expressions/type-constraints#conversion-of-primitive-types)


def kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, float):
        return "number"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if is_number(value):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, TerraformSet):
        return "set"
    if isinstance(value, list):
        return "tuple"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, Ref):
        return "unknown"
    return "object"  # an instance or a namespace


def to_string(value: Any) -> Any:
    """https://developer.hashicorp.com/terraform/language/functions/tostring: only primitives and null convert."""
    value = number(value) if isinstance(value, float) else value
    if value is None or isinstance(value, (str, Ref)):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if is_number(value):
        return number_text(value)
    raise EvaluationError(f"cannot convert {kind(value)} to string")


def to_number(value: Any) -> Any:
    """https://developer.hashicorp.com/terraform/language/functions/tonumber: numbers, null, and decimal strings."""
    value = number(value) if isinstance(value, float) else value
    if value is None or isinstance(value, Ref) or is_number(value):
        return value
    if isinstance(value, str):
        if _DECIMAL.fullmatch(value):
            return number(value)
        raise EvaluationError(f"cannot convert {json.dumps(value)} to number: string must be a decimal representation of a number")
    raise EvaluationError(f"cannot convert {kind(value)} to number")


def to_bool(value: Any) -> Any:
    """https://developer.hashicorp.com/terraform/language/functions/tobool: booleans, null, and "true"/"false"."""
    if value is None or isinstance(value, (bool, Ref)):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise EvaluationError(f"cannot convert {json.dumps(value) if isinstance(value, str) else kind(value)} to bool")


def unify(items: list[Any], what: str) -> list[Any]:
    """Elements of one collection brought to one type as Terraform does: primitives of mixed types become strings.

    https://developer.hashicorp.com/terraform/language/expressions/type-constraints#conversion-of-primitive-types;
    collections of mixed structural types are refused (Terraform's unification of those is not implemented here).
    """
    kinds = {kind(v) for v in items} - {"null", "unknown"}
    if len(kinds) <= 1:
        return list(items)
    if kinds <= {"string", "number", "bool"}:
        return [to_string(v) for v in items]
    raise CannotJudge(f"{what} of elements of mixed types ({', '.join(sorted(kinds))})")


def equal(a: Any, b: Any) -> Any:
    """``a == b`` as Terraform: values of different types are never equal (``5 == "5"`` is false, ``true != 1``).

    Two collections compare equal only with the same *type* (``var.list == []`` is false for a ``list(string)``):
    types are not tracked for collections here, so that comparison is refused.
    """
    if isinstance(a, Ref) or isinstance(b, Ref):
        return Ref("(==)")
    if a is None or b is None:
        return a is None and b is None
    ka, kb = kind(a), kind(b)
    if ka in ("string", "number", "bool") and kb in ("string", "number", "bool"):
        return ka == kb and a == b
    if ka in ("string", "number", "bool") or kb in ("string", "number", "bool"):
        return False
    raise CannotJudge("== between two collections (the result depends on their exact types)")


def set_of(items: list[Any]) -> TerraformSet:
    """A set in Terraform's order: strings lexically (UTF-8 byte order, which is code point order), numbers by value."""
    if any(isinstance(v, Ref) for v in items):
        raise CannotJudge("a set with elements known only after apply")
    if any(v is None for v in items):
        raise EvaluationError("sets cannot contain null values")
    items = unify(items, "a set")
    if not items:
        return TerraformSet()
    if kind(items[0]) in ("string", "number"):
        return TerraformSet(sorted(set(items)))
    if len(items) == 1:
        return TerraformSet(items)
    raise CannotJudge(f"the order of a set of {kind(items[0])} elements")
