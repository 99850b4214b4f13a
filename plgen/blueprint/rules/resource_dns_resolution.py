"""A domain-name resource is resolved by the resource gateway with public DNS: its name must be published there.

A resource gateway resolves the domain names of its resource configurations
either with public resolvers (``PUBLIC``, the default) or with the resolvers of
its VPC (``IN_VPC``): the gateway's ``ResourceConfigDnsResolution``
(https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-vpclattice-resourcegateway.html),
the provider's ``resource_config_dns_resolution`` ("Valid values are IN_VPC and
PUBLIC. Defaults to PUBLIC",
https://pub.dev/documentation/pulumi_aws/latest/vpclattice/ResourceGateway/resourceConfigDnsResolution.html,
a mirror of the provider's docs). Provider 5.100's ``aws_vpclattice_resource_gateway``
has no such argument (``plgen/terraform/aws_provider_schema.json``; only the 6.x
snapshot has it), and plgen's modules must plan on 5.100, so every gateway
plgen builds resolves with ``PUBLIC``. A corporate name only the data centre's
resolvers know does not resolve there, however the VPC's Resolver forwards it;
so a ``dns_name`` resource must be published in public DNS (a private address in
a public zone works: the gateway then reaches it over the VPC's routes), and the
blueprint says so with ``public_dns: true``. Otherwise use an ``ip`` resource.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("resource-dns-public", "A dns_name resource is resolved by the gateway in public DNS (PUBLIC resolution on provider 5.x): say public_dns: true")
def resource_dns_public(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        for j, resource in enumerate(getattr(provider, "resources", ())):
            if resource.dns_name and not resource.public_dns:
                yield Finding(
                    ("providers", i, "resources", j, "dns_name"),
                    f"the resource gateway resolves {resource.dns_name} with public DNS (PUBLIC: provider 5.x cannot set IN_VPC), "
                    "so a name only private resolvers know never resolves",
                    "publish the name in public DNS (a private address is fine) and set public_dns: true, or give the resource's `ip` instead",
                )
            elif resource.public_dns and not resource.dns_name:
                yield Finding(("providers", i, "resources", j, "public_dns"), "public_dns applies only to a dns_name resource", "remove public_dns")
