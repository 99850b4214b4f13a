"""Endpoint security groups admit only what the blueprint names, so it must name something.

That what it names is not the internet is sources-not-internet's to check, on the union of every source.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("endpoint-sources", "Each endpoint names the CIDRs or security groups it admits (plgen opens nothing by default)")
def endpoint_sources(bp: Blueprint) -> Iterable[Finding]:
    for i, consumer in enumerate(bp.consumers):
        for j, endpoint in enumerate(consumer.endpoints):
            path = ("consumers", i, "endpoints", j)
            if not (endpoint.allowed_cidrs or endpoint.allowed_security_group_ids or endpoint.admit_own_vpc or consumer.on_premises or consumer.peers):
                yield Finding(
                    (*path, "allowed_cidrs"), "the endpoint admits nobody", "list allowed_cidrs or allowed_security_group_ids (plgen opens nothing by default)"
                )
