"""NLB access logs are named only on a service with a TLS listener.

"Access logs are created only if the load balancer has a TLS listener, and
the logs contain information about TLS requests only"
(https://docs.aws.amazon.com/elasticloadbalancing/latest/network/enable-access-logs.html):
on a TCP or UDP service the setting would apply and the bucket stay empty.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint, Protocol
from plgen.blueprint.rules.base import Finding, rule


@rule("access-logs-need-tls", "NLB access logs are named only on a service with a TLS listener: AWS logs TLS connections only")
def access_logs_need_tls(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            if service.nlb.access_logs is None or any(listener.protocol is Protocol.TLS for listener in service.nlb.listeners):
                continue
            yield Finding(
                ("providers", i, "services", j, "nlb", "access_logs"),
                "NLB access logs are written only for TLS listeners and this service has none: the bucket would stay empty",
                "add a TLS listener (protocol: TLS with certificate_arn), or remove access_logs",
            )
