"""One listener per port on an NLB: two would collapse into one, and TCP plus UDP on a port is one TCP_UDP listener.

An NLB refuses a second listener on a port it already listens on
(DuplicateListener), whatever the protocols; a service that answers TCP and
UDP on one port (DNS, 53) declares a single ``TCP_UDP`` listener.
"""

from collections.abc import Iterable

from plgen.aws.quotas import LISTENERS_PER_NLB as QUOTA
from plgen.blueprint.model import Blueprint, Protocol
from plgen.blueprint.rules.base import Finding, rule


@rule("listener-ports", "Each NLB listens once per port (TCP and UDP together are one TCP_UDP listener), and on at most 50 ports")
def listener_ports(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            seen: dict[int, int] = {}
            listeners = service.nlb.listeners
            for k, listener in enumerate(listeners):
                if listener.port in seen:
                    first = listeners[seen[listener.port]]
                    both = {first.protocol, listener.protocol} == {Protocol.TCP, Protocol.UDP}
                    yield Finding(
                        ("providers", i, "services", j, "nlb", "listeners", k, "port"),
                        f"port {listener.port} already has a {first.protocol.value} listener (listeners[{seen[listener.port]}]); an NLB listens once per port",
                        "declare one listener with protocol: TCP_UDP" if both else "remove one, or give it another port",
                    )
                seen.setdefault(listener.port, k)
            if len(listeners) > QUOTA:
                yield Finding(("providers", i, "services", j, "nlb", "listeners"), f"{len(listeners)} listeners; an NLB has at most {QUOTA}", "split the ports over two services")
