"""The notes: a hybrid service's NLB targets on-premises resources as well as AWS ones.

Without an on-premises target (and the Direct Connect reach to it) a hybrid
blueprint is a Shared Services VPC, and should say so.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint, Site
from plgen.blueprint.rules.base import Finding, rule


@rule("hybrid-on-premises-targets", "A hybrid blueprint has a service with on-premises targets, on a provider with on_premises")
def hybrid_on_premises_targets(bp: Blueprint) -> Iterable[Finding]:
    hybrid = False
    for i, provider in enumerate(bp.providers):
        for service in provider.services:
            if any(t.site is Site.on_premises for t in service.targets):
                hybrid = True
                if provider.on_premises is None:
                    yield Finding(
                        ("providers", i, "on_premises"),
                        f"service '{service.name}' has on-premises targets but the provider declares no on_premises network",
                        "add on_premises with the data-center CIDRs reached over Direct Connect",
                    )
    if not hybrid:
        yield Finding(
            ("providers", 0, "services"),
            "a hybrid blueprint needs at least one service with `site: on-premises` targets",
            "use the shared-services pattern when every target runs in AWS",
        )
