"""A private DNS name is usable only once verified, and the blueprint says where the TXT record goes.

AWS lets consumers use an endpoint service's private DNS name only when its
verification state is ``verified``: the provider puts the TXT record of the
service's ``private_dns_name_configuration`` in the public DNS of the name's
domain (the name itself or a parent domain) and starts the verification
(StartVpcEndpointServicePrivateDnsVerification).
https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html
A name with no say about its verification would be a name nobody can use, so
the blueprint names the public zone (plgen verifies) or says ``external``.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


def _parent(name: str) -> str:
    return name.partition(".")[2] or name


@rule("private-dns-verification", "A private DNS name names its verification zone (the name or a parent domain), or says it is verified externally")
def private_dns_verification(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            es = service.endpoint_service
            path = ("providers", i, "services", j, "endpoint_service")
            if es.private_dns_name and es.private_dns_verification is None:
                yield Finding(
                    (*path, "private_dns_name"),
                    f"private DNS name {es.private_dns_name} is never verified, so no consumer could use it",
                    f"add private_dns_verification: {{zone: {_parent(es.private_dns_name)}}}, the public hosted zone for the TXT record, "
                    "or {verification: external} if the domain is verified elsewhere",
                )
            elif es.private_dns_verification is not None and not es.private_dns_name:
                yield Finding((*path, "private_dns_verification"), "there is no private_dns_name to verify", "set private_dns_name, or remove private_dns_verification")
            elif es.private_dns_verification is not None and es.private_dns_verification.zone:
                zone = es.private_dns_verification.zone
                if es.private_dns_name != zone and not es.private_dns_name.endswith("." + zone):
                    yield Finding(
                        (*path, "private_dns_verification", "zone"),
                        f"zone {zone} is neither {es.private_dns_name} nor a parent domain of it, so AWS would not find the TXT record there",
                        f"use the public hosted zone of {es.private_dns_name} or of a parent domain such as {_parent(es.private_dns_name)}",
                    )
