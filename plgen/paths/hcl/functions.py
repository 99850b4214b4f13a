"""Terraform's built-in functions that this evaluator implements exactly; any other is ``CannotJudge``.

Each follows its page under https://developer.hashicorp.com/terraform/language/functions/ (named in its
docstring). Where a function's result depends on something not implemented here (grapheme clusters in
non-ASCII text, Unicode case rules, a format flag), it raises ``CannotJudge`` instead of guessing.

``STRUCTURAL`` functions take values known only after apply (``Ref``) inside their arguments and keep them in
place (``merge``, ``concat``, ``length`` of a list of IDs); any other function of such a value is itself known
only after apply (the evaluator returns a ``Ref``).
"""

from __future__ import annotations

import ipaddress
import json
import math
import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import re2

from plgen.paths.hcl.values import (
    CannotJudge,
    EvaluationError,
    Ref,
    TerraformSet,
    equal,
    is_number,
    kind,
    number,
    number_text,
    set_of,
    to_bool,
    to_number,
    to_string,
    unify,
)

DOCS = "https://developer.hashicorp.com/terraform/language/functions/"


def _ascii(text: str, what: str) -> str:
    if not text.isascii():
        raise CannotJudge(f"{what} of non-ASCII text (Terraform counts grapheme clusters and applies Unicode case rules)")
    return text


def _string(value: Any, what: str) -> str:
    text = to_string(value)
    if text is None:
        raise EvaluationError(f"{what}: argument must not be null")
    return text


def _sequence(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise EvaluationError(f"{what}: a list, set or tuple is required, not {kind(value)}")
    return value


def _mapping(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise EvaluationError(f"{what}: a map or object is required, not {kind(value)}")
    return value


def merge(*maps):
    """merge: later arguments win; null arguments are skipped."""
    out: dict[str, Any] = {}
    for m in maps:
        if m is not None:
            out.update(_mapping(m, "merge"))
    return dict(sorted(out.items()))


def concat(*lists):
    """concat: the elements of every list, in order."""
    return [x for item in lists for x in _sequence(item, "concat")]


def distinct(items):
    """distinct: the first occurrence of each element, in order."""
    out: list[Any] = []
    for item in unify(_sequence(items, "distinct"), "distinct"):
        if not any(equal(item, seen) is True for seen in out):
            out.append(item)
    return out


def values(m):
    """values: the map's values, in the lexical order of its keys."""
    m = _mapping(m, "values")
    return [m[k] for k in sorted(m)]


def keys(m):
    """keys: the map's keys in lexical order."""
    return sorted(_mapping(m, "keys"))


def length(value):
    """length: elements of a collection, or characters (grapheme clusters) of a string."""
    if isinstance(value, str):
        return len(_ascii(value, "length"))
    if isinstance(value, (list, dict)):
        return len(value)
    raise EvaluationError(f"length: a collection or string is required, not {kind(value)}")


def one(value):
    """one: null for an empty collection, its element for one, an error for more."""
    items = _sequence(value, "one")
    if len(items) > 1:
        raise EvaluationError(f"one: must be a list, set, or tuple value with either zero or one elements (has {len(items)})")
    return items[0] if items else None


def coalesce(*args):
    """coalesce: the first argument that is neither null nor an empty string (primitives brought to one type).

    A value known only after apply before any known one stands for the result (an AWS ID is never empty).
    """
    for value in unify(list(args), "coalesce") if not any(isinstance(a, Ref) for a in args) else args:
        if isinstance(value, (list, dict)) and not isinstance(value, Ref):
            raise CannotJudge("coalesce of collections")
        if value is not None and value != "":
            return value
    raise EvaluationError("coalesce: no non-null, non-empty-string arguments")


def tostring(value):
    """tostring: primitives and null only (``tostring(5.0)`` is ``"5"``)."""
    return to_string(value)


def tonumber(value):
    """tonumber: numbers, null, and strings holding a decimal number."""
    return to_number(value)


def tobool(value):
    """tobool: booleans, null, and the strings "true" and "false"."""
    return to_bool(value)


_GO_TEMPLATE = re.compile(r"\$(?:\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))")


def _go_expand(template: str, match) -> str:
    """Go's ``Regexp.Expand``: ``$1``/``${1}``/``$name``; an unknown or unmatched group is empty; ``$$`` is ``$``."""

    def one(m: re.Match[str]) -> str:
        if m.group(0) == "$$":
            return "$"
        name = m.group(1) or m.group(2)
        try:
            group: Any = int(name) if name.isdigit() else name
            return match.group(group) or ""
        except (IndexError, KeyError, ValueError, TypeError):
            return ""

    return _GO_TEMPLATE.sub(one, template)


def replace(string, substring, replacement):
    """replace: every occurrence; a substring wrapped in ``/`` is an RE2 regular expression (Go's syntax).

    RE2 through google-re2 (the same engine and syntax as Go's regexp, which Terraform uses); ``$n`` and
    ``${name}`` in the replacement are capture groups as Go's ``Regexp.Expand`` reads them.
    """
    string, substring, replacement = (_string(v, "replace") for v in (string, substring, replacement))
    if len(substring) > 1 and substring[0] == substring[-1] == "/":
        try:
            pattern = re2.compile(substring[1:-1])
        except re2.error as exc:
            raise EvaluationError(f"replace: invalid regular expression {substring!r}: {exc}") from exc
        return pattern.sub(lambda m: _go_expand(replacement, m), string)
    return string.replace(substring, replacement)


def endswith(string, suffix):
    """endswith."""
    return _string(string, "endswith").endswith(_string(suffix, "endswith"))


def startswith(string, prefix):
    """startswith."""
    return _string(string, "startswith").startswith(_string(prefix, "startswith"))


def contains(items, value):
    """contains: whether the collection has an element equal to the value."""
    return any(equal(item, value) is True for item in _sequence(items, "contains"))


def lookup(m, key, *default):
    """lookup: the map's element for key, else the default (an error without one)."""
    m, key = _mapping(m, "lookup"), _string(key, "lookup")
    if key in m:
        return m[key]
    if default:
        return default[0]
    raise EvaluationError(f"lookup: the given key {key!r} does not exist in the map and no default was given")


def flatten(items):
    """flatten: nested lists (at any depth) replaced by their elements."""
    out: list[Any] = []
    for item in _sequence(items, "flatten"):
        out.extend(flatten(item) if isinstance(item, list) else [item])
    return out


def toset(items):
    """toset: duplicates dropped, Terraform's order (strings lexically; mixed primitives become strings)."""
    return set_of(_sequence(items, "toset"))


def tolist(items):
    """tolist: a list of one element type."""
    return unify(_sequence(items, "tolist"), "tolist")


def tomap(m):
    """tomap: a map of one element type."""
    m = _mapping(m, "tomap")
    return dict(zip(m, unify(list(m.values()), "tomap"), strict=True))


def lower(s):
    """lower (ASCII; Unicode case rules are refused)."""
    return _ascii(_string(s, "lower"), "lower").lower()


def upper(s):
    """upper (ASCII; Unicode case rules are refused)."""
    return _ascii(_string(s, "upper"), "upper").upper()


_VERB = re.compile(r"%(?P<flags>[-+# 0]*)(?P<width>[0-9]+)?(?:\.(?P<precision>[0-9]*))?(?:\[(?P<index>[0-9]+)\])?(?P<verb>.?)", re.S)


def format(spec, *args):  # noqa: A001 - Terraform's name
    """format: ``%%``, ``%s``, ``%d``, ``%t``, ``%v`` of primitives, ``%#v`` (JSON), ``[n]`` argument indexes, and the
    flags ``-`` and ``0`` with a width on ``%d`` and (ASCII) ``%s``; any other verb, flag or precision is refused."""
    spec = _string(spec, "format")
    out, position, next_arg, used = [], 0, 0, set()
    for match in _VERB.finditer(spec):
        out.append(spec[position : match.start()])
        position = match.end()
        flags, width, precision, index, verb = match.group("flags", "width", "precision", "index", "verb")
        if verb == "%" and not (flags or width or precision is not None or index):
            out.append("%")
            continue
        if verb == "" or verb not in "sdtv" or precision is not None or set(flags) - ({"#"} if verb == "v" else {"-", "0"}) or (flags and verb == "v" and width):
            raise CannotJudge(f"the format verb {match.group(0)!r}")
        if index is not None:
            next_arg = int(index) - 1
        if not 0 <= next_arg < len(args):
            raise EvaluationError(f"format: not enough arguments for {match.group(0)!r} in {spec!r}")
        value = args[next_arg]
        used.add(next_arg)
        next_arg += 1
        if verb == "v" and flags == "#":
            text = _json_text(value)
        elif value is None:
            raise CannotJudge(f"format {match.group(0)!r} of null")
        elif verb == "s" or (verb == "v" and kind(value) in ("string", "number", "bool")):
            text = _string(value, "format")
        elif verb == "d":
            n = to_number(value)
            if not isinstance(n, int):
                raise EvaluationError(f"format: {match.group(0)!r} needs an integer, got {to_string(n)}")
            text = str(n)
        elif verb == "t":
            text = "true" if to_bool(value) else "false"
        else:
            raise CannotJudge(f"format {match.group(0)!r} of a {kind(value)}")
        if width:
            _ascii(text, "format width")
            pad = "0" if "0" in flags and "-" not in flags and verb == "d" else " "
            if pad == "0" and text.startswith("-"):
                text = "-" + text[1:].rjust(int(width) - 1, "0")
            else:
                text = text.ljust(int(width)) if "-" in flags else text.rjust(int(width), pad)
            if "0" in flags and verb == "s":
                raise CannotJudge(f"the format verb {match.group(0)!r}")
        out.append(text)
    out.append(spec[position:])
    if len(used) < len(args):
        raise EvaluationError(f"format: too many arguments; no verbs remaining for argument {len(used) + 1} in {spec!r}")
    return "".join(out)


def _json_text(value: Any) -> str:
    """JSON as Terraform's jsonencode writes it: object keys sorted, no spaces, numbers in decimal (``1.5``),
    ``<``, ``>``, ``&``, U+2028 and U+2029 escaped."""
    if value is None or isinstance(value, (str, bool)):
        return json.dumps(value, ensure_ascii=False).translate(_JSON_ESCAPES)
    if is_number(value) or isinstance(value, float):
        return number_text(number(value))
    if isinstance(value, list):
        return "[" + ",".join(_json_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(f"{_json_text(k)}:{_json_text(v)}" for k, v in sorted(value.items())) + "}"
    raise CannotJudge(f"the JSON encoding of a {kind(value)}")


_JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def jsonencode(value):
    """jsonencode (see ``_json_text``)."""
    return _json_text(value)


def join(separator, *lists):
    """join: the elements of one or more lists of strings, with the separator between them."""
    separator = _string(separator, "join")
    items = [x for item in lists for x in _sequence(item, "join")]
    if any(x is None for x in items):
        raise EvaluationError("join: null elements cannot be joined")
    return separator.join(_string(x, "join") for x in items)


def split(separator, string):
    """split: Go's ``strings.Split`` (an empty separator splits into characters)."""
    separator, string = _string(separator, "split"), _string(string, "split")
    if separator == "":
        return list(string)
    return string.split(separator)


def sort(items):
    """sort: the elements as strings, in lexical order (``sort([10, 9])`` is ``["10", "9"]``)."""
    items = _sequence(items, "sort")
    if any(x is None for x in items):
        raise EvaluationError("sort: null elements cannot be sorted")
    return sorted(_string(x, "sort") for x in items)


def index(items, value):
    """index: the position of the first element equal to the value (an error if none)."""
    for i, item in enumerate(_sequence(items, "index")):
        if equal(item, value) is True:
            return i
    raise EvaluationError("index: item not found")


def element(items, position):
    """element: the element at index modulo the length (a negative index is an error)."""
    items, position = _sequence(items, "element"), to_number(position)
    if not isinstance(position, int) or position < 0:
        raise EvaluationError("element: the index must be a non-negative whole number")
    if not items:
        raise EvaluationError("element: cannot use element function with an empty list")
    return items[position % len(items)]


def compact(items):
    """compact: the list without null and empty-string elements."""
    return [x for x in (_string(x, "compact") if x is not None else None for x in _sequence(items, "compact")) if x is not None and x != ""]


def zipmap(key_list, value_list):
    """zipmap: a map from keys to values, both lists of the same length."""
    key_list, value_list = _sequence(key_list, "zipmap"), _sequence(value_list, "zipmap")
    if len(key_list) != len(value_list):
        raise EvaluationError("zipmap: number of keys and values must match")
    return dict(sorted(zip((_string(k, "zipmap") for k in key_list), value_list, strict=True)))


def trimprefix(string, prefix):
    """trimprefix: the prefix removed once, if present."""
    return _string(string, "trimprefix").removeprefix(_string(prefix, "trimprefix"))


def trimsuffix(string, suffix):
    """trimsuffix: the suffix removed once, if present."""
    return _string(string, "trimsuffix").removesuffix(_string(suffix, "trimsuffix"))


def _numbers(args, what):
    if not args:
        raise EvaluationError(f"{what}: at least one argument is required")
    out = [to_number(a) for a in args]
    if any(a is None for a in out):
        raise EvaluationError(f"{what}: arguments must not be null")
    return out


def min_(*args):
    """min."""
    return number(min(_numbers(args, "min")))


def max_(*args):
    """max."""
    return number(max(_numbers(args, "max")))


def _network(prefix: str, what: str):
    try:
        return ipaddress.ip_network(_string(prefix, what), strict=False)
    except ValueError as exc:
        raise EvaluationError(f"{what}: invalid CIDR expression: {exc}") from exc


def cidrsubnet(prefix, newbits, netnum):
    """cidrsubnet: the netnum-th subnet of the prefix, newbits longer."""
    network = _network(prefix, "cidrsubnet")
    newbits, netnum = to_number(newbits), to_number(netnum)
    if not isinstance(newbits, int) or not isinstance(netnum, int) or newbits < 0 or netnum < 0:
        raise EvaluationError("cidrsubnet: newbits and netnum must be non-negative whole numbers")
    length = network.prefixlen + newbits
    if length > network.max_prefixlen:
        raise EvaluationError(f"cidrsubnet: insufficient address space to extend prefix of {network.prefixlen} by {newbits}")
    if netnum >= 1 << newbits:
        raise EvaluationError(f"cidrsubnet: prefix extension of {newbits} does not accommodate a subnet numbered {netnum}")
    base = int(network.network_address) + (netnum << (network.max_prefixlen - length))
    return str(ipaddress.ip_network((base, length)))


def cidrhost(prefix, hostnum):
    """cidrhost: the hostnum-th address of the prefix (negative counts from the end)."""
    network = _network(prefix, "cidrhost")
    hostnum = to_number(hostnum)
    if not isinstance(hostnum, int):
        raise EvaluationError("cidrhost: hostnum must be a whole number")
    size = network.num_addresses
    if not -size <= hostnum < size:
        raise EvaluationError(f"cidrhost: prefix of {network.prefixlen} bits cannot accommodate a host numbered {hostnum}")
    return str(network.network_address + (hostnum % size))


MAX_RANGE = 1024  # https://developer.hashicorp.com/terraform/language/functions/range: the 1025th number is an error


def range_(*args):
    """range: numbers from start (default 0) to limit (excluded) by step (default 1, or -1 when start > limit).

    The page's pseudocode: ``while num < limit`` (``>`` for a negative step) ``append num; num += step``.
    """
    numbers = _numbers(args, "range")
    if len(numbers) > 3:
        raise EvaluationError("range: at most three arguments")
    start, limit = (0, numbers[0]) if len(numbers) == 1 else (numbers[0], numbers[1])
    step = numbers[2] if len(numbers) == 3 else (1 if start <= limit else -1)
    if step == 0:
        raise EvaluationError("range: step must not be zero")
    out = []
    value = Fraction(start)
    while (value < limit) if step > 0 else (value > limit):  # a step away from the limit gives an empty list
        if len(out) >= MAX_RANGE:
            raise EvaluationError(f"range: more than {MAX_RANGE} elements (Terraform's limit)")
        out.append(number(value))
        value += step
    return out


def slice_(items, start, end):
    """slice: the elements from start (included) to end (excluded)."""
    items, start, end = _sequence(items, "slice"), to_number(start), to_number(end)
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end <= len(items):
        raise EvaluationError(f"slice: indexes {start}..{end} are out of range for {len(items)} elements")
    return items[start:end]


def abs_(value):
    """abs."""
    return number(abs(_numbers([value], "abs")[0]))


def floor(value):
    """floor: the greatest whole number not above the value."""
    return math.floor(_numbers([value], "floor")[0])


def ceil(value):
    """ceil: the least whole number not below the value."""
    return math.ceil(_numbers([value], "ceil")[0])


def substr(string, offset, length):
    """substr: ``length`` characters from ``offset`` (negative: from the end; length -1: to the end). ASCII only."""
    string = _ascii(_string(string, "substr"), "substr")
    offset, length = to_number(offset), to_number(length)
    if not isinstance(offset, int) or not isinstance(length, int):
        raise EvaluationError("substr: offset and length must be whole numbers")
    if offset < 0:
        offset += len(string)
    if not 0 <= offset <= len(string):
        raise EvaluationError("substr: offset out of range")
    if length < -1:
        raise EvaluationError("substr: length must be -1 or more")
    return string[offset:] if length == -1 else string[offset : offset + length]


def trimspace(string):
    """trimspace: leading and trailing spaces, tabs and line breaks removed (ASCII; Unicode spaces refused)."""
    return _ascii(_string(string, "trimspace"), "trimspace").strip(" \t\n\v\f\r")


def reverse(items):
    """reverse."""
    return list(reversed(_sequence(items, "reverse")))


def _bools(items, what):
    values = [to_bool(v) for v in _sequence(items, what)]
    if any(v is None for v in values):
        raise CannotJudge(f"{what} of a list with null elements")
    return values


def alltrue(items):
    """alltrue: true when every element is true (and for an empty list)."""
    return all(_bools(items, "alltrue"))


def anytrue(items):
    """anytrue: true when any element is true (false for an empty list)."""
    return any(_bools(items, "anytrue"))


def sum_(items):
    """sum: of a non-empty list of numbers."""
    items = _sequence(items, "sum")
    if not items:
        raise EvaluationError("sum: cannot sum an empty list")
    return number(sum(_numbers(items, "sum")))


def coalescelist(*lists):
    """coalescelist: the first argument that is a non-empty list."""
    for item in lists:
        if _sequence(item, "coalescelist"):
            return item
    raise EvaluationError("coalescelist: no non-empty list arguments")


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "abs": abs_,
    "alltrue": alltrue,
    "anytrue": anytrue,
    "ceil": ceil,
    "coalescelist": coalescelist,
    "floor": floor,
    "range": range_,
    "reverse": reverse,
    "slice": slice_,
    "substr": substr,
    "sum": sum_,
    "trimspace": trimspace,
    "cidrhost": cidrhost,
    "cidrsubnet": cidrsubnet,
    "coalesce": coalesce,
    "compact": compact,
    "concat": concat,
    "contains": contains,
    "distinct": distinct,
    "element": element,
    "endswith": endswith,
    "flatten": flatten,
    "format": format,
    "index": index,
    "join": join,
    "jsonencode": jsonencode,
    "keys": keys,
    "length": length,
    "lookup": lookup,
    "lower": lower,
    "max": max_,
    "merge": merge,
    "min": min_,
    "one": one,
    "replace": replace,
    "sort": sort,
    "split": split,
    "startswith": startswith,
    "tobool": tobool,
    "tolist": tolist,
    "tomap": tomap,
    "tonumber": tonumber,
    "toset": toset,
    "tostring": tostring,
    "trimprefix": trimprefix,
    "trimsuffix": trimsuffix,
    "upper": upper,
    "values": values,
    "zipmap": zipmap,
}

# Functions that keep values known only after apply in place (see the module docstring).
STRUCTURAL = frozenset(
    {"coalesce", "coalescelist", "concat", "element", "keys", "length", "lookup", "merge", "one", "reverse", "slice", "tolist", "tostring", "values"}
)

__all__ = ["DOCS", "FUNCTIONS", "STRUCTURAL", "TerraformSet"]
