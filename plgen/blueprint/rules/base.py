"""What a semantic rule is: a slug, a one-line summary, and a check.

Rules see a schema-valid ``Blueprint`` and report ``Finding``s with the field
path they concern; the validator turns paths into file positions. One rule per
file keeps each constraint from the reference notes findable by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from dataclasses import dataclass

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


def strings(bp: Blueprint) -> Iterable[tuple[FieldPath, str, str | None]]:
    """Every text value of the blueprint with its field path and the Region of the side it belongs to (None: the blueprint's own).

    For rules about values that may sit in any field (ARNs, IAM names): a
    field added to the model later is walked too, with no change here.
    """

    def walk(value: Any, path: FieldPath, region: str | None) -> Iterable[tuple[FieldPath, str, str | None]]:
        if isinstance(value, str):
            yield path, value, region
        elif isinstance(value, BaseModel):
            own = getattr(value, "region", None)  # a side, a peer, the state bucket: what is below it lives in that Region
            region = own if isinstance(own, str) else region
            for name in type(value).model_fields:
                yield from walk(getattr(value, name), (*path, name), region)
        elif isinstance(value, list | tuple):
            for k, item in enumerate(value):
                yield from walk(item, (*path, k), region)
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, (*path, str(key)), region)

    yield from walk(bp, (), None)
