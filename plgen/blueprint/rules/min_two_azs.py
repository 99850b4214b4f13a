"""The notes: NLB targets and endpoint services in at least two AZs for availability."""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("min-two-azs", "An endpoint service spans at least two distinct Availability Zones")
def min_two_azs(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        if len(set(provider.azs)) < 2:
            yield Finding(
                ("providers", i, "azs"),
                f"an endpoint service needs at least two Availability Zones, got {len(set(provider.azs))}",
                "add a second AZ ID for high availability",
            )
        for j, az in enumerate(provider.azs):
            if provider.azs.index(az) != j:
                yield Finding(("providers", i, "azs", j), f"AZ '{az}' is listed twice")
    for i, consumer in enumerate(bp.consumers):
        for j, az in enumerate(consumer.azs):
            if consumer.azs.index(az) != j:
                yield Finding(("consumers", i, "azs", j), f"AZ '{az}' is listed twice")
