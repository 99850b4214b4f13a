"""A consumer in another account reaches only what its account is shared (AWS RAM), in the provider's Region.

Resource configurations and service networks reach other accounts only
through AWS RAM shares (https://docs.aws.amazon.com/vpc/latest/privatelink/use-resource-endpoint.html:
"a resource configuration that you created or another account created and
shared with you through AWS RAM"); plgen shares with nobody the blueprint does
not name, so a missing name is found here rather than at apply time. A
resource endpoint is created in the resource configuration's Region.
"""

from collections.abc import Iterable

from plgen.blueprint.rules.base import Finding, rule
from plgen.blueprint.rules.resource_base import resolved_access


@rule("resource-shared", "A consumer in another account is named in the share_with of the resource or service network it reaches, in the same Region")
def resource_shared(bp) -> Iterable[Finding]:
    for access in resolved_access(bp):
        provider, consumer = access.provider, access.consumer
        field = "service_network" if access.network else "resource"
        if consumer.region != provider.region:
            yield Finding(access.at(field), f"{consumer.name} is in {consumer.region}, {provider.name}'s resource gateway in {provider.region}", "reach a resource from its own Region")
            continue
        if consumer.account_id == provider.account_id:
            continue
        if access.network:
            shared, what, where = provider.service_network.share_with, f"service network {provider.name}/{provider.service_network.name}", "service_network.share_with"
        else:
            shared, what, where = access.resources[0].share_with, f"resource {provider.name}/{access.resources[0].name}", "that resource's share_with"
        if consumer.account_id not in shared:
            yield Finding(access.at(field), f"{what} is not shared with account {consumer.account_id}", f"add \"{consumer.account_id}\" to {where}")
