"""TLS terminated on the NLB with an ACM certificate (``protocol: TLS`` listeners)."""

from plgen.blueprint.model import Protocol
from plgen.blueprint.rules.certificate_region import certificate_region
from plgen.features.base import Feature


def _where(bp):
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            for k, listener in enumerate(service.nlb.listeners):
                if listener.protocol is Protocol.TLS:
                    yield ("providers", i, "services", j, "nlb", "listeners", k, "protocol")


TLS = Feature("tls", "TLS listeners", "NLB listeners that terminate TLS with an ACM certificate and a TLS 1.2+ policy", _where, (certificate_region,))
