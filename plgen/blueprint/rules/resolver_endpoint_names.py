"""An inbound Resolver endpoint must have a name to serve.

The endpoint-specific regional and zonal names of an interface endpoint
(``vpce-…vpce.amazonaws.com``) are public DNS names that "can be resolved from
any network" (https://www.repost.aws/ja/knowledge-center/vpc-interface-configure-dns),
so data-centre resolvers need no forwarding for them. An inbound Resolver
endpoint only serves names that resolve inside the VPC alone: a private hosted
zone associated with it (a friendly ``dns_name``) or a service's private DNS
name enabled on an endpoint
(https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-inbound-queries.html).
Without one, its IP addresses (at least two, in different AZs) are billed for
nothing: "VPC Resolver pricing is based on the number of IP addresses in your
endpoints" (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-choose-vpc.html).
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


def private_names(bp: Blueprint, consumer) -> list[str]:
    """The names a consumer's VPC alone resolves: friendly names and enabled private DNS names."""
    names = []
    for endpoint in getattr(consumer, "endpoints", ()):
        if endpoint.dns_name:
            names.append(endpoint.dns_name)
        elif endpoint.private_dns:
            external = bp.external_of(endpoint)
            name = external.private_dns_name if external else bp.resolve(endpoint)[1].endpoint_service.private_dns_name
            if name:
                names.append(name)
    return names


@rule("resolver-endpoint-serves-names", "A Resolver inbound endpoint needs a name only its VPC resolves (a friendly name or private DNS)")
def resolver_endpoint_serves_names(bp: Blueprint) -> Iterable[Finding]:
    for i, consumer in enumerate(bp.consumers):
        on_premises = getattr(consumer, "on_premises", None)
        if on_premises and on_premises.resolver_endpoint and not private_names(bp, consumer):
            yield Finding(
                ("consumers", i, "on_premises", "resolver_endpoint"),
                "an inbound Resolver endpoint here serves no name: every endpoint of this consumer is reached by its public vpce-… names, "
                "which resolve from any network",
                "give the endpoints a friendly dns_name (or private_dns to a service with a verified private_dns_name), or remove resolver_endpoint",
            )
