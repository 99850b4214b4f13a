"""Shared services and microservices: the service runs in the provider's own VPC.

The notes: the NLB of a Shared Services VPC "only targets specific ports on
specific instances in the Shared Services VPC", and a microservice team
deploys its EC2 instances or ECS tasks in the VPC it was given. Targets on
premises (hybrid) or in a peered VPC (inter-region) belong to other patterns.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint, Site
from plgen.blueprint.rules.base import Finding, rule

PATTERN_FOR_SITE = {Site.on_premises: "hybrid", Site.peered: "inter-region-service"}


@rule("targets-in-provider-vpc", "Every target runs in the provider's VPC (site: aws)")
def targets_in_provider_vpc(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            for k, target in enumerate(service.targets):
                if target.site is not Site.aws:
                    yield Finding(
                        ("providers", i, "services", j, "targets", k, "site"),
                        f"a {bp.pattern} service targets instances or tasks in its own VPC, not '{target.site.value}' addresses",
                        f"use the {PATTERN_FOR_SITE[target.site]} pattern for targets reached over {'Direct Connect' if target.site is Site.on_premises else 'peering'}",
                    )
