"""An inbound Resolver endpoint belongs in a consumer's access VPC.

It lets data-centre resolvers forward the names that resolve only inside the
VPC (friendly names in private hosted zones, a service's private DNS name on
an endpoint) to Route 53 Resolver over Direct Connect
(https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-inbound-queries.html).
A provider's on-premises block describes targets the NLB reaches, not clients
that resolve names, so the flag means nothing there.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("resolver-endpoint-on-consumers", "A Resolver inbound endpoint is for a consumer's on-premises clients, not a provider's targets")
def resolver_endpoint_on_consumers(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        if provider.on_premises and provider.on_premises.resolver_endpoint:
            yield Finding(
                ("providers", i, "on_premises", "resolver_endpoint"),
                "a provider's on_premises describes targets behind the NLB; no on-premises client resolves names through this VPC",
                "remove resolver_endpoint here and set it on the consumer whose on-premises clients use the endpoints",
            )
