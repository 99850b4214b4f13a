"""TLS terminated on the NLB with an ACM certificate (``protocol: TLS`` listeners)."""

from plgen.blueprint.model import Protocol
from plgen.blueprint.rules.certificate_region import certificate_region
from plgen.blueprint.rules.tls_names import tls_names_covered
from plgen.features.base import Feature
from plgen.features.names import FeatureName


def _where(bp):
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            for k, listener in enumerate(service.nlb.listeners):
                if listener.protocol is Protocol.TLS:
                    yield ("providers", i, "services", j, "nlb", "listeners", k, "protocol")


TLS = Feature(
    FeatureName.TLS,
    "TLS listeners",
    "NLB listeners that terminate TLS with an ACM certificate and a TLS 1.2+ policy, reached by names the certificate covers",
    _where,
    (certificate_region, tls_names_covered),
)
