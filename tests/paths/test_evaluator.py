"""The evaluator gives Terraform's value or says it cannot judge; never an approximate value.

Expected values are the examples of Terraform's function and expression pages
(https://developer.hashicorp.com/terraform/language/functions/<name>, .../expressions/...), or what those pages say.
"""

from __future__ import annotations

import pytest

from plgen.paths.evaluate import EvaluationError
from plgen.paths.hcl.expressions import Evaluator
from plgen.paths.hcl.syntax import parse
from plgen.paths.hcl.types import type_of
from plgen.paths.hcl.values import CannotJudge, number


def exact(expected):
    """The table's decimal literals as Terraform's exact numbers (12.4 is 62/5, not the nearest binary float)."""
    if isinstance(expected, float):
        return number(expected)
    if isinstance(expected, list):
        return [exact(e) for e in expected]
    return expected


def value(expression: str):
    return Evaluator.constant(parse(expression))


EXACT = [
    # the three wrong results of the review, and toset's order
    ('format("%d-%s", 5, "a")', "5-a"),
    ('replace("a1b2", "/[0-9]/", "")', "ab"),
    ("tostring(5.0)", "5"),
    ('toset(["c", "b", "b"])', ["b", "c"]),
    ('toset(["a", "b", 3])', ["3", "a", "b"]),
    # function pages' examples
    ('format("Hello, %s!", "Ander")', "Hello, Ander!"),
    ('format("There are %d lights", 4)', "There are 4 lights"),
    ('format("%#v", "hello")', '"hello"'),
    ('format("%#v", {a = 1})', '{"a":1}'),
    ('format("%[2]s %[1]s", "a", "b")', "b a"),
    ('format("%03d|%-4s|", 7, "ab")', "007|ab  |"),
    ('format("100%%")', "100%"),
    ('replace("1 + 2 + 3", "+", "-")', "1 - 2 - 3"),
    ('replace("hello world", "/w.*d/", "everybody")', "hello everybody"),
    ('replace("John Doe", "/(\\\\w+) (\\\\w+)/", "$2, $1")', "Doe, John"),
    ('replace("ab", "/(?P<x>a)/", "$${x}$$")', "a$b"),
    ("tostring(1)", "1"),
    ("tostring(true)", "true"),
    ("tostring(null)", None),
    ('tonumber("1")', 1),
    ('tonumber("2.50")', 2.5),
    ('tobool("true")', True),
    ('flatten([["a", "b"], [], ["c"]])', ["a", "b", "c"]),
    ('flatten([[["a", "b"], []], ["c"]])', ["a", "b", "c"]),
    ("sort([10, 9])", ["10", "9"]),
    ('sort(["e", "d", "a", "x"])', ["a", "d", "e", "x"]),
    ('distinct(["a", "b", "a", "c", "d", "b"])', ["a", "b", "c", "d"]),
    ('coalesce("", "b")', "b"),
    ('coalesce(1, 2)', 1),
    ('coalesce(null, 5, "x")', "5"),
    ('merge({a = "b", c = "d"}, {e = "f", c = "z"})', {"a": "b", "c": "z", "e": "f"}),
    ('keys({a = 1, c = 2, d = 3})', ["a", "c", "d"]),
    ('values({a = 3, c = 2, d = 1})', [3, 2, 1]),
    ('lookup({a = "ay", b = "bee"}, "c", "what?")', "what?"),
    ('join(", ", ["foo", "bar", "baz"])', "foo, bar, baz"),
    ('join(", ", ["foo"], ["bar"])', "foo, bar"),
    ('split(",", "foo,bar,baz")', ["foo", "bar", "baz"]),
    ('split(",", "")', [""]),
    ('element(["a", "b", "c"], 3)', "a"),
    ('index(["a", "b", "c"], "b")', 1),
    ('compact(["a", "", "b", null, "c"])', ["a", "b", "c"]),
    ('cidrsubnet("172.16.0.0/12", 4, 2)', "172.18.0.0/16"),
    ('cidrsubnet("10.1.2.0/24", 4, 15)', "10.1.2.240/28"),
    ('cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', "fd00:fd12:3456:7800:a200::/72"),
    ('cidrhost("10.12.112.0/20", 16)', "10.12.112.16"),
    ('cidrhost("10.12.112.0/20", 268)', "10.12.113.12"),
    ('cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)', "fd00:fd12:3456:7890::22"),
    ('one([])', None),
    ('one(["hello"])', "hello"),
    ('length("hello")', 5),
    ('upper("hello")', "HELLO"),
    ('trimprefix("helloworld", "hello")', "world"),
    ('zipmap(["a", "b"], [1, 2])', {"a": 1, "b": 2}),
    ("max(12, 54, 3)", 54),
    ('jsonencode({"hello" = "<world>"})', '{"hello":"\\u003cworld\\u003e"}'),
    ('jsonencode({b = [1.50, true, null], a = "x"})', '{"a":"x","b":[1.5,true,null]}'),
    ('startswith("hello world", "hello")', True),
    ('endswith("hello world", "world")', True),
    ('contains(["a", "b", "c"], "a")', True),
    ("try(tonumber(\"x\"), 7)", 7),
    ('can(tonumber("x"))', False),
    ("range(3)", [0, 1, 2]),
    ("range(1, 4)", [1, 2, 3]),
    ("range(1, 8, 2)", [1, 3, 5, 7]),
    ("range(1, 4, 0.5)", [1, 1.5, 2, 2.5, 3, 3.5]),
    ("range(4, 1)", [4, 3, 2]),
    ("range(10, 5, -2)", [10, 8, 6]),
    ("range(4, 1, 1)", []),
    ('slice(["a", "b", "c", "d"], 1, 3)', ["b", "c"]),
    ("abs(-12.4)", 12.4),
    ("floor(5.1)", 5),
    ("ceil(5.1)", 6),
    ("floor(-5.1)", -6),
    ('substr("hello world", 1, 4)', "ello"),
    ('substr("hello world", -5, -1)', "world"),
    ('trimspace("  hello\n\n")', "hello"),
    ("reverse([1, 2, 3])", [3, 2, 1]),
    ('alltrue(["true", true])', True),
    ("alltrue([])", True),
    ("anytrue([])", False),
    ("sum([10, 13, 6, 4.5])", 33.5),
    ('coalescelist(["a", "b"], ["c", "d"])', ["a", "b"]),
    ('coalescelist([], ["c", "d"])', ["c", "d"]),
    # numbers: arbitrary precision, 5.0 == 5
    ("5.0 == 5", True),
    ("1 / 4", 0.25),
    ("10 / 5", 2),
    ("-5 % 3", -2),
    ('"5" + 1', 6),
    ('"${1.50}x"', "1.5x"),
    ("0.1 + 0.2 == 0.3", True),
    # equality is typed
    ('5 == "5"', False),
    ("true == 1", False),
    # conditional results have one type
    ('true ? 1 : "x"', "1"),
    ("false ? 1 : 2", 2),
    # for expressions over sets use the element as key; objects iterate in key order
    ('[for k, v in toset(["b", "a"]) : "${k}=${v}"]', ["a=a", "b=b"]),
    ("[for k, v in {b = 1, a = 2} : k]", ["a", "b"]),
    ('{for s in ["a", "b", "a"] : s => 1...}', {"a": [1, 1], "b": [1]}),
    ('"a\\u00e9\\n"', "aé\n"),
]


@pytest.mark.parametrize(("expression", "expected"), EXACT, ids=[e for e, _ in EXACT])
def test_exact_cases_give_terraforms_documented_result(expression, expected):
    got = value(expression)
    assert got == exact(expected)
    if isinstance(expected, (str, bool)) or expected is None:
        assert type(got) is type(expected)  # "5" is not 5, true is not 1


CANNOT_JUDGE = [
    'formatdate("YYYY", "2024-01-01T00:00:00Z")',  # a function not implemented
    'regex("[a-z]+", "abc")',
    'format("%5.2f", 3.14159)',  # a format verb with precision
    'format("%x", 255)',
    'format("%+d", 5)',
    'format("%05s", "ab")',
    '"%{if true}yes%{endif}"',  # template directives
    '"%{for x in ["a"]}${x}%{endfor}"',
    "tostring(1 / 3)",  # no finite decimal text
    '"x${1 / 3}"',
    'length("héllo")',  # grapheme clusters
    'upper("é")',  # Unicode case rules
    '[1] == [1]',  # collection equality depends on exact types
    'toset([{a = 1}, {a = 2}])',  # set order of objects
    'try(formatdate("YYYY", "x"), "fallback")',  # try never takes cannot-judge for an error
    'can(regex("a", "a"))',
    '{a = 1}[*]',  # a splat over an object
    'distinct(["a", ["b"]])',  # mixed structural types
    "<<EOT\nhello ${1}\nEOT",  # heredoc templates
    '"a${1~}"',  # template strip markers (python-hcl2 cannot parse them)
    'substr("héllo", 0, 2)',
]


@pytest.mark.parametrize("expression", CANNOT_JUDGE)
def test_constructs_not_implemented_are_cannot_judge_never_a_value(expression):
    with pytest.raises(CannotJudge) as caught:
        value(expression)
    assert isinstance(caught.value, EvaluationError)  # the CLI maps it to exit 2
    assert "cannot judge" in str(caught.value)


TERRAFORM_REJECTS = [
    'format("%d %d", 1)',  # not enough arguments
    'format("%d", 1, 2)',  # too many
    'format("%d", 1.5)',  # not an integer
    'tonumber("no")',
    "tostring([])",
    "1 / 0",
    'null ? 1 : 2',
    'false && null.x',  # no short-circuit: the right side is evaluated
    'one(["a", "b"])',
    'toset(["a"])[0]',  # sets cannot be indexed
    '"a${null}"',
    'lookup({a = 1}, "b")',
    'element([], 0)',
    "range(2000)",  # Terraform stops at 1024 elements
]


@pytest.mark.parametrize("expression", TERRAFORM_REJECTS)
def test_what_terraform_rejects_is_an_error_not_a_value(expression):
    with pytest.raises(EvaluationError):
        value(expression)


def test_type_conversion_as_terraform():
    assert type_of("${number}").convert("443") == 443
    assert type_of("${string}").convert(5.0) == "5"
    assert type_of("${string}").convert(True) == "true"
    assert type_of("${bool}").convert("false") is False
    assert type_of("${set(string)}").convert(["b", "a", "b"]) == ["a", "b"]
    assert type_of("${list(number)}").convert(["1", 2]) == [1, 2]
    obj = type_of('${object({port = number, name = optional(string, "x"), tags = optional(map(string))})}')
    assert obj.convert({"port": "443", "extra": 1}) == {"port": 443, "name": "x", "tags": None}
    with pytest.raises(EvaluationError):
        obj.convert({"name": "y"})
    with pytest.raises(EvaluationError):
        type_of("${number}").convert("443/tcp")
    with pytest.raises(CannotJudge):
        type_of("${unknowntype}")


def test_deep_expressions_are_refused_not_a_crash():
    deep = "[" * 400 + "1" + "]" * 400
    with pytest.raises(CannotJudge):
        value(deep)
    long_chain = " + ".join(["1"] * 5000)
    with pytest.raises(CannotJudge):
        value(long_chain)
