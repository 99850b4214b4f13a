"""A consumer's ``organization`` decides whether it accepts RAM invitations; it must agree with the shares it receives.

An account outside the share owner's organization receives an invitation it
accepts; one inside it (RAM sharing with AWS Organizations enabled) receives the
share without one, and an accepter for it fails ("No pending RAM Resource Share
invitation found": hashicorp/terraform-provider-aws internal/service/ram/resource_share_accepter.go;
https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ram_principal_association).
A share that does not allow external principals takes no account outside the
organization (``AssociateResourceShare``: ``OperationNotPermittedException``,
https://docs.aws.amazon.com/ram/latest/APIReference/API_AssociateResourceShare.html).
Only RAM shares (resource access) are affected, so the field means nothing elsewhere.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint, Organization
from plgen.blueprint.rules.base import Finding, rule


@rule("ram-organization", "A consumer's organization (internal/external) is given only for RAM shares, and an external one only for shares allowing it")
def ram_organization(bp: Blueprint) -> Iterable[Finding]:
    for i, consumer in enumerate(bp.consumers):
        if consumer.organization is None:
            continue
        path = ("consumers", i, "organization")
        providers = [p for endpoint in consumer.resource_endpoints for p, _ in bp.find_resource(endpoint.resource)]
        if consumer.service_network_endpoint:
            providers += bp.find_service_network(consumer.service_network_endpoint.service_network)
        if not providers:
            yield Finding(path, "only RAM shares (resource_endpoints, service_network_endpoint) depend on the organization; this consumer has none", "remove organization")
            continue
        if consumer.organization is Organization.external:
            for provider in sorted({p.name: p for p in providers if p.account_id != consumer.account_id and not p.allow_external_principals}.values(), key=lambda p: p.name):
                yield Finding(
                    path,
                    f"{provider.name}'s shares do not allow external principals (allow_external_principals: false), so they cannot name account {consumer.account_id} outside the organization",
                    f"set allow_external_principals: true on {provider.name}, or organization: internal if the account is in its organization",
                )
