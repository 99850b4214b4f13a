"""An NLB registers IP targets outside its VPC only from private ranges.

AWS (Elastic Load Balancing, IP targets): outside the target group's VPC,
addresses must come from RFC 1918 (10.0.0.0/8, 172.16.0.0/12,
192.168.0.0/16) or RFC 6598 (100.64.0.0/10); publicly routable addresses are
refused at registration. Checking here turns an apply-time failure into a
located compile error.
"""

import ipaddress
from collections.abc import Iterable

from plgen.blueprint.model import Blueprint, Site
from plgen.blueprint.rules.base import Finding, rule

REGISTRABLE = tuple(ipaddress.IPv4Network(c) for c in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"))


@rule("on-premises-target-ranges", "IP targets outside the VPC are in RFC 1918 or RFC 6598 ranges")
def on_premises_target_ranges(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            for k, target in enumerate(service.targets):
                if target.ip is None or target.site is Site.aws:
                    continue
                if not any(ipaddress.IPv4Address(target.ip) in net for net in REGISTRABLE):
                    yield Finding(
                        ("providers", i, "services", j, "targets", k, "ip"),
                        f"{target.ip} cannot be an NLB target outside the VPC: only RFC 1918 and RFC 6598 addresses can",
                        "use the server's private address reached over Direct Connect",
                    )
