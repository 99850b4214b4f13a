"""The gateway's AZs are the provider's, and every consumer endpoint shares at least one AZ with the gateway.

"At least one Availability Zone of the VPC endpoint and the resource gateway
have to overlap" (https://docs.aws.amazon.com/vpc/latest/privatelink/resource-gateway.html).
The gateway puts an interface in a subnet of each of its AZs, so those must be
AZs the provider VPC has subnets in; a resource gateway spans at least two AZs
in plgen (min-two-azs holds for the provider).
"""

from collections.abc import Iterable

from plgen.blueprint.rules.base import Finding, rule
from plgen.blueprint.rules.resource_base import resolved_access


def gateway_azs(provider) -> list[str]:
    return list(provider.resource_gateway.azs or provider.azs)


@rule("resource-azs", "A resource gateway spans two or more of its provider's AZs; each resource endpoint shares one with it")
def resource_azs(bp) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        if not provider.resource_gateway:
            continue
        for k, az in enumerate(provider.resource_gateway.azs):
            if az not in provider.azs:
                yield Finding(("providers", i, "resource_gateway", "azs", k), f"{az} is not one of {provider.name}'s AZs ({', '.join(provider.azs)})", "the gateway needs a subnet there")
        if provider.resource_gateway.azs and len(set(provider.resource_gateway.azs)) < 2:
            yield Finding(("providers", i, "resource_gateway", "azs"), "the resource gateway spans one AZ", "span two or more so a zone failure leaves it reachable")
    for access in resolved_access(bp):
        if access.consumer.region != access.provider.region:
            continue  # resource-shared reports it
        shared = set(access.consumer.azs) & set(gateway_azs(access.provider))
        if not shared:
            yield Finding(
                ("consumers", access.consumer_index, "azs"),
                f"none of {access.consumer.name}'s AZs ({', '.join(access.consumer.azs)}) is one of {access.provider.name}'s resource gateway ({', '.join(gateway_azs(access.provider))})",
                "AWS needs at least one AZ in common between a resource endpoint and its resource gateway",
            )
