"""The notes: consumers "who have been granted access" create the endpoints.

An endpoint service admits endpoints from its own account and from the
principals it allows; an endpoint from any other account fails at apply time
(and plgen never allows a principal the blueprint does not name). This rule
finds the missing grant at compile time.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, resolved_endpoints, rule


def _account(principal: str) -> str:
    return principal.split(":")[4]


@rule("consumers-granted-access", "A consumer in another account is allowed by the endpoint service it connects to")
def consumers_granted_access(bp: Blueprint) -> Iterable[Finding]:
    # Allowed accounts per service, computed once: a SaaS service lists one
    # principal per customer, so recomputing per endpoint would be quadratic.
    # None: the service allows every principal (``*``).
    granted = {
        (p.name, s.name): None if "*" in s.endpoint_service.allowed_principals else {_account(a) for a in s.endpoint_service.allowed_principals}
        for p in bp.providers
        for s in p.services
    }
    for ref in resolved_endpoints(bp):
        provider, consumer = ref.provider, ref.consumer
        accounts = granted[provider.name, ref.service.name]
        if consumer.account_id == provider.account_id or accounts is None:
            continue
        if consumer.account_id not in accounts:
            yield Finding(
                ref.path("service"),
                f"account {consumer.account_id} is not allowed to connect to {provider.name}/{ref.service.name}",
                f"add arn:aws:iam::{consumer.account_id}:root (or a role in it) to that service's endpoint_service.allowed_principals",
            )
