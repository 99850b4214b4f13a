"""Turn a loaded document into a ``Blueprint``, or into located problems.

Two passes, as a compiler front end does: the schema pass (types, required
fields, unknown keys) and, only when it succeeds, the semantic pass (the rules
in ``plgen.blueprint.rules``, which need a well-typed model to reason about).
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Callable, Collection, Iterable
from typing import Any

from pydantic import ValidationError

from plgen.blueprint import bounded
from plgen.blueprint.bounded import is_model, unwrap
from plgen.blueprint.loader import FieldPath, Source
from plgen.blueprint.model import FLOW_LOG_DESTINATION, LOG_PREFIX, ROLE_ARN, SLUG, TLS12_POLICY, Blueprint
from plgen.blueprint.rules import RULES, Rule
from plgen.errors import MAX_PRINTED, BlueprintError, Problem


def validate(source: Source, rules_for: Callable[[Blueprint], Iterable[Rule]] = lambda bp: RULES, patterns: Collection[str] | None = None) -> Blueprint:
    """The typed blueprint for ``source``; raises ``BlueprintError`` listing every problem.

    ``rules_for`` gives the semantic rules of a blueprint (its pattern's, its
    features', the common ones: ``plgen.compiler.rules_for``); ``patterns``
    the known pattern names. Both live above this layer, which imports neither.
    """
    blueprint = _schema_pass(source)
    if patterns is not None and blueprint.pattern not in patterns:
        names = [f"'{p}'" for p in patterns]
        listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else "".join(names)
        raise BlueprintError([source.problem(("pattern",), f"'{blueprint.pattern}' is not one of {listed}", _did_you_mean(blueprint.pattern, list(patterns)))])
    problems = [source.problem(finding.path, finding.message, finding.hint) for rule in rules_for(blueprint) for finding in rule.check(blueprint)]
    if problems:
        raise BlueprintError(problems)
    return blueprint


# Above this many positions a document is validated model by model, with a
# bounded list of errors (bounded.py); below it one pydantic call cannot
# produce more than a few tens of thousands.
LARGE = 10_000


EXTENSION = "x-"


def model_data(data: Any) -> Any:
    """The document without its top-level ``x-`` keys, which the model never sees.

    ``x-defaults: &defaults {...}`` holds YAML anchors that the rest of the file
    merges or aliases, the convention of Compose files and OpenAPI (extensions
    start with ``x-``); the anchors are expanded by the loader, so the block
    itself carries nothing plgen uses. Any other unknown key is still refused.
    """
    if isinstance(data, dict) and any(isinstance(k, str) and k.startswith(EXTENSION) for k in data):
        return {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith(EXTENSION))}
    return data


def _schema_pass(source: Source) -> Blueprint:
    """The blueprint if it fits the schema; else a ``BlueprintError`` (of bounded size whatever the document)."""
    data = model_data(source.data)
    if len(source.positions) <= LARGE:
        try:
            return Blueprint.model_validate(data)
        except ValidationError as exc:
            raise BlueprintError(_schema_problems(source, exc.errors(include_url=False))) from None
    errors = bounded.Errors()
    blueprint = bounded.check(Blueprint, data, (), errors)
    if errors:
        raise BlueprintError(_schema_problems(source, errors.kept, errors.omitted))
    return blueprint


# Regular expressions of the model, in words a blueprint author knows.
PATTERN_NAMES = {
    SLUG: "a name of 2-32 lowercase letters, digits and dashes, starting with a letter (e.g. billing-api)",
    r"^[0-9]{12}$": 'a 12-digit AWS account ID, quoted (e.g. "111111111111")',
    r"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$": "an AWS Region such as us-east-1",
    r"^vpc-[0-9a-f]{8,17}$": "a VPC ID such as vpc-0123456789abcdef0",
    r"^subnet-[0-9a-f]{8,17}$": "a subnet ID such as subnet-0123456789abcdef0",
    r"^rtb-[0-9a-f]{8,17}$": "a route table ID such as rtb-0123456789abcdef0",
    r"^sg-[0-9a-f]{8,17}$": "a security group ID such as sg-0123456789abcdef0",
    r"^i-[0-9a-f]{8,17}$": "an EC2 instance ID such as i-0123456789abcdef0",
    TLS12_POLICY: "an NLB security policy of TLS 1.2 or later such as ELBSecurityPolicy-TLS13-1-2-2021-06",
    FLOW_LOG_DESTINATION: "an S3 bucket ARN (arn:aws:s3:::bucket or arn:aws:s3:::bucket/prefix) or a CloudWatch Logs log group ARN "
    "(arn:aws:logs:us-east-1:111111111111:log-group:name)",
    ROLE_ARN: "an IAM role ARN such as arn:aws:iam::111111111111:role/flow-logs",
    LOG_PREFIX: "an S3 key prefix of letters, digits and ! _ . * ' ( ) - in /-separated parts, such as nlb/billing-api",
}
YAML_KIND = {"dict": "a mapping", "list": "a list", "str": "text", "int": "a number", "float": "a number", "bool": "true/false", "NoneType": "nothing (null)"}


YAML_KIND |= {"date": "a date", "datetime": "a date and time"}


def _kind(value: Any) -> str:
    return YAML_KIND.get(type(value).__name__, type(value).__name__)


def _yaml(value: Any) -> str:
    """A value as YAML writes it (``true``, ``null``), text quoted, shortened to 60 characters."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return f"{value!r:.60}"


def _schema_problems(source: Source, errors: list[dict[str, Any]], omitted: int = 0) -> list[Problem]:
    """Every schema error as a problem; only the first ``MAX_PRINTED`` (in file order) get the full treatment.

    Tens of thousands of errors (a flood of unknown keys): the ones the CLI
    prints get their message and did-you-mean hint, the rest (counted, not
    shown) a plain message at their place. ``omitted`` more were only counted.
    """
    if len(errors) <= MAX_PRINTED:
        problems = [_schema_problem(source, err) for err in errors]
    else:
        order = sorted(range(len(errors)), key=lambda i: source.locate(tuple(errors[i]["loc"])))
        detailed = set(order[:MAX_PRINTED])
        problems = [_schema_problem(source, err) if i in detailed else _brief_problem(source, err) for i, err in enumerate(errors)]
    if omitted and problems:
        last = problems[-1]
        problems[-1] = Problem(last.file, last.line, last.column, last.path, last.message, last.hint, omitted=omitted)
    return problems


def _brief_problem(source: Source, error: dict[str, Any]) -> Problem:
    path = _source_path(source, tuple(error["loc"]))
    if error["type"] == "extra_forbidden" and path:
        message = f"unknown field '{path[-1]}'"
    elif error["type"] == "missing" and path:
        message = f"required field '{path[-1]}' is missing"
    else:
        message = error["msg"]
    return source.problem(path, message)


def _schema_problem(source: Source, error: Any) -> Problem:
    """One pydantic error in the words of the blueprint, at its place in the file."""
    path = _source_path(source, tuple(error["loc"]))
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx", {})
    field = next((str(part) for part in reversed(path) if isinstance(part, str)), "value")
    message = error["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    hint = None
    if kind == "extra_forbidden":
        known = sorted(_fields_at(path[:-1]))
        message = f"unknown field '{path[-1]}'"
        hint = _did_you_mean(str(path[-1]), known) or f"known fields: {', '.join(known)}"
    elif kind == "missing":
        message = f"required field '{path[-1]}' is missing"
    elif kind == "enum":
        message = f"'{value}' is not one of {ctx.get('expected', '')}"
        hint = _did_you_mean(str(value), [m.strip("'") for m in re.findall(r"'[^']*'", ctx.get("expected", ""))])
    elif kind == "string_pattern_mismatch":
        wanted = PATTERN_NAMES.get(ctx["pattern"], f"text matching {ctx['pattern']}")
        message = f"'{value}' is not {wanted}"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        low, high = _bounds(path)
        span = f"{low}-{high}" if low is not None and high is not None else (f"at least {low}" if high is None else f"at most {high}")
        message = f"{field} {value} is out of range {span}"
    elif kind in ("too_short", "too_long"):
        unit = "item" if isinstance(value, list | dict) else "character"
        limit = ctx.get("min_length" if kind == "too_short" else "max_length")
        size = len(value) if hasattr(value, "__len__") else ctx.get("actual_length")
        bound = "at least" if kind == "too_short" else "at most"
        message = f"{field} needs {bound} {limit} {unit}{'s' if limit != 1 else ''}, got {size}"
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        message = f"expected a mapping (`key: value` lines), got {_kind(value)}"
        if isinstance(value, list):
            hint = "remove the leading '- ': this field holds one object, not a list"
    elif kind == "list_type":
        message = f"expected a list, got {_kind(value)}"
        hint = "write each item on its own line starting with '- ', or [a, b] on one line"
    elif kind in ("string_type",):
        written = source.raw.get(path)
        if written is not None and isinstance(value, int) and not isinstance(value, bool):
            message = f"expected text, got a number {written} (YAML reads it as {value})"
        else:
            message = f"expected text, got {_kind(value)} {written or _yaml(value)}".rstrip()
        if isinstance(value, int | float | bool) or (value is None and written):
            hint = f'quote it: "{written or _yaml(value)}"'
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        if isinstance(value, bool):
            message = f"{field} {_yaml(value)} is a boolean, not a whole number"
            hint = "write the number, e.g. 443"
        elif isinstance(value, str) and value.strip().isdigit():
            message = f"{field} {_yaml(value)} is text, not a whole number"
            hint = f"remove the quotes: {value.strip()}"
        else:
            message = f"{field} {_yaml(value)} is not a whole number"
    elif kind in ("bool_type", "bool_parsing"):
        message = f"{field} {_yaml(value)} is not a boolean"
        hint = f"remove the quotes: {value.lower()}" if isinstance(value, str) and value.lower() in ("true", "false") else "write true or false"
    elif kind.endswith("_type") and "input" in error:
        message = f"{message} (got {_kind(value)} {value!r:.60})"
    return source.problem(path, message, hint)


def _did_you_mean(word: str, choices: list[str]) -> str | None:
    """The closest choice, ignoring case (``tls`` -> ``TLS``, ``acceptance_requird`` -> ``acceptance_required``)."""
    by_lower = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1)
    return f"did you mean '{by_lower[close[0]]}'?" if close else None


def _source_path(source: Source, loc: tuple) -> FieldPath:
    """The part of a pydantic location the user wrote (drops union tags and '[key]')."""
    path: FieldPath = ()
    for part in loc:
        if isinstance(part, int) or (path + (part,)) in source.positions or part in _fields_at(path):
            path += (part,)
    return path


def _bounds(path: FieldPath) -> tuple[Any, Any]:
    """The ``ge``/``le`` limits declared on the field at ``path`` (for "out of range 1-65535")."""
    low = high = None
    stack = list(_annotations_at(path))
    while stack:
        item = stack.pop()
        for meta in getattr(item, "metadata", None) or []:
            stack.append(meta)
        low = getattr(item, "ge", None) if getattr(item, "ge", None) is not None else low
        high = getattr(item, "le", None) if getattr(item, "le", None) is not None else high
        if typing.get_origin(item) is typing.Annotated:
            stack.extend(typing.get_args(item)[1:])
        stack.extend(a for a in typing.get_args(item) if typing.get_origin(item) in (typing.Union, types.UnionType))
    return low, high


def _annotations_at(path: FieldPath) -> list[Any]:
    """The field info and annotation of the field ``path`` ends in, if it is a model field."""
    *parent, last = path or ("",)
    annotation = _annotation(tuple(parent))
    if isinstance(last, str) and is_model(annotation) and last in annotation.model_fields:
        info = annotation.model_fields[last]
        return [info, info.annotation]
    return [annotation] if annotation is not None else []


def _fields_at(path: FieldPath) -> set[str]:
    """The field names of the model that ``path`` points into (for did-you-mean)."""
    annotation = _annotation(path)
    return set(annotation.model_fields) if is_model(annotation) else set()


def _annotation(path: FieldPath) -> Any:
    """The (unwrapped) type the model declares at ``path``."""
    annotation: Any = Blueprint
    for part in path:
        annotation = unwrap(annotation)
        if isinstance(part, str) and is_model(annotation):
            annotation = annotation.model_fields[part].annotation if part in annotation.model_fields else None
        else:
            args = typing.get_args(annotation)
            annotation = args[-1] if args else None
    return unwrap(annotation)

