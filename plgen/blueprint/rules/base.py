"""What a semantic rule is: a slug, a one-line summary, and a check.

Rules see a schema-valid ``Blueprint`` and report ``Finding``s with the field
path they concern; the validator turns paths into file positions. One rule per
file keeps each constraint from the reference notes findable by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from dataclasses import dataclass

import functools
import typing

from pydantic import BaseModel

from plgen.blueprint.loader import FieldPath
from plgen.blueprint.model import Blueprint, Consumer, Endpoint, Provider, Service


@dataclass(frozen=True)
class Finding:
    path: FieldPath
    message: str
    hint: str | None = None


@dataclass(frozen=True)
class Rule:
    slug: str
    summary: str
    check: Callable[[Blueprint], Iterable[Finding]]


def rule(slug: str, summary: str) -> Callable[[Callable[[Blueprint], Iterable[Finding]]], Rule]:
    """Decorate a check function into a ``Rule``; registration stays explicit in ``RULES``."""

    def wrap(check: Callable[[Blueprint], Iterable[Finding]]) -> Rule:
        return Rule(slug, summary, check)

    return wrap


@dataclass(frozen=True)
class ResolvedEndpoint:
    """A consumer's endpoint with the one service it names, and where it sits in the file."""

    consumer_index: int
    endpoint_index: int
    consumer: Consumer
    endpoint: Endpoint
    provider: Provider
    service: Service

    def path(self, *rest: str | int) -> FieldPath:
        return ("consumers", self.consumer_index, "endpoints", self.endpoint_index, *rest)


def resolved_endpoints(bp: Blueprint) -> Iterable[ResolvedEndpoint]:
    """Every endpoint whose service reference resolves to exactly one service.

    Unresolved or ambiguous references are service-references' to report; the
    rules that reason about the service an endpoint reaches skip them.
    """
    for i, consumer in enumerate(bp.consumers):
        for j, endpoint in enumerate(consumer.endpoints):
            matches = bp.find_service(endpoint.service)
            if len(matches) == 1:
                provider, service = matches[0]
                yield ResolvedEndpoint(i, j, consumer, endpoint, provider, service)


def vpcs(bp: Blueprint) -> Iterable[tuple[FieldPath, Any]]:
    """Every VPC of the blueprint with its field path: providers', consumers' and their peers'."""
    for kind, sides in (("providers", bp.providers), ("consumers", bp.consumers)):
        for i, side in enumerate(sides):
            yield (kind, i, "vpc"), side.vpc
            for j, peer in enumerate(side.peers):
                yield (kind, i, "peers", j, "vpc"), peer.vpc


_walked: list[tuple[Blueprint, list[tuple[FieldPath, str, str | None]]]] = []  # the last blueprint walked and its ARNs and roles


def _holds_arns(name: str) -> bool:
    """A field that holds ARNs or a role: ``*arn*`` (certificate_arn, destination_arn, iam_role_arn, arn), principals, deploy roles."""
    return "arn" in name or name in ("allowed_principals", "deploy_role")


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


@functools.cache
def _fields_to_walk(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of ``model`` that hold ARNs or roles (True) or lead to a model that does (False), computed once per class."""
    out = []
    for name, info in model.model_fields.items():
        if _holds_arns(name):
            out.append((name, True))
        elif any(_fields_to_walk(m) for m in _models_in(info.annotation) if m is not model):
            out.append((name, False))
    return tuple(out)


def arns_and_roles(bp: Blueprint) -> list[tuple[FieldPath, str, str | None]]:
    """Every ARN and role the blueprint names (``*arn*`` fields, principals, ``deploy_role``), with its field path
    and the Region of the side, peer or bucket it belongs to (None: the blueprint's own).

    For rules about values that may sit in many fields (iam-names,
    arn-partition): a field added to the model later is found by its name, with
    no change here. Only fields that hold such values or lead to them are
    walked, once per blueprint for both rules, so 8,192 consumers cost little.
    """
    if _walked and _walked[0][0] is bp:
        return _walked[0][1]
    found: list[tuple[FieldPath, str, str | None]] = []

    def walk(value: Any, path: FieldPath, region: str | None, leaf: bool) -> None:
        if isinstance(value, str):
            if leaf:
                found.append((path, value, region))
        elif isinstance(value, BaseModel):
            own = getattr(value, "region", None)  # a side, a peer, the state bucket: what is below it lives in that Region
            region = own if isinstance(own, str) else region
            for name, holds in _fields_to_walk(type(value)):
                walk(getattr(value, name), (*path, name), region, holds)
        elif isinstance(value, list | tuple):
            for k, item in enumerate(value):
                walk(item, (*path, k), region, leaf)

    walk(bp, (), None, False)
    _walked[:] = [(bp, found)]
    return found
