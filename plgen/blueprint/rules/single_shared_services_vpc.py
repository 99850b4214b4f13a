"""The notes: common services are abstracted into *one* VPC, the Shared Services VPC."""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("single-shared-services-vpc", "A shared-services blueprint has exactly one provider: the Shared Services VPC")
def single_shared_services_vpc(bp: Blueprint) -> Iterable[Finding]:
    if len(bp.providers) != 1:
        yield Finding(
            ("providers", 1),
            f"a shared-services blueprint has one provider, the Shared Services VPC holding every common service; got {len(bp.providers)}",
            "list the services under one provider, or use the microservices pattern for one VPC per owning team",
        )
