"""A service with a UDP listener names a TCP, HTTP or HTTPS health check.

NLB health checks are never UDP; plgen's default check is TCP on the traffic
port, which a UDP-only target does not answer: every target would be
unhealthy and the NLB would fail open across all of them.
https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint, Protocol
from plgen.blueprint.rules.base import Finding, rule


@rule("udp-health-check", "A service with a UDP listener names its health check (TCP, HTTP or HTTPS): NLBs never check over UDP")
def udp_health_check(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            if service.nlb.health_check is not None:
                continue
            udp = [k for k, listener in enumerate(service.nlb.listeners) if listener.protocol is Protocol.UDP]
            if udp:
                yield Finding(
                    ("providers", i, "services", j, "nlb", "listeners", udp[0], "protocol"),
                    "a UDP listener's targets cannot be health-checked over UDP, and the default TCP check on the traffic port gets no answer from them",
                    "name nlb.health_check with protocol TCP, HTTP or HTTPS and the port the targets answer it on",
                )
