"""The notes (microservices): each team that owns a service gets its own VPC.

Two providers naming the same existing VPC would be two teams in one VPC,
and their module instances would both try to own its endpoint services.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("vpc-per-team", "Each microservice provider (owning team) has its own VPC")
def vpc_per_team(bp: Blueprint) -> Iterable[Finding]:
    owners: dict[str, int] = {}
    for i, provider in enumerate(bp.providers):
        if provider.vpc.id is None:
            continue
        if provider.vpc.id in owners:
            first = bp.providers[owners[provider.vpc.id]].name
            yield Finding(
                ("providers", i, "vpc", "id"),
                f"VPC {provider.vpc.id} already belongs to provider '{first}'; each owning team has its own VPC",
                f"list this team's services under '{first}' if one team owns both",
            )
        owners.setdefault(provider.vpc.id, i)
