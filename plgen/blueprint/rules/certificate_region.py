"""A TLS listener's ACM certificate lives in the NLB's Region.

ACM certificates are regional: "To use a certificate with Elastic Load
Balancing for the same FQDN in more than one AWS Region, you must request or
import a certificate for each Region. You cannot copy a certificate between
Regions" (https://docs.aws.amazon.com/acm/latest/userguide/acm-regions.html).
An ARN from another Region passes ``plan`` and fails ``apply`` with
``CertificateNotFound``, so it is refused here, at the ARN.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("certificate-region", "A TLS listener's ACM certificate is in the Region of the provider's NLB")
def certificate_region(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            for k, listener in enumerate(service.nlb.listeners):
                if not listener.certificate_arn:
                    continue
                region = listener.certificate_arn.split(":")[3]
                if region != provider.region:
                    yield Finding(
                        ("providers", i, "services", j, "nlb", "listeners", k, "certificate_arn"),
                        f"the certificate is in {region}, the NLB in {provider.region}; ACM certificates cannot be used from another Region",
                        f"request or import the certificate in {provider.region} and use that ARN",
                    )
