"""The AWS names plgen gives the resources it creates, declared once.

NLB and target group names are at most 32 characters of letters, digits and
hyphens (Elastic Load Balancing: a load balancer name "must not begin with
`internal-`", and neither name may begin or end with a hyphen; names are
unique per account and Region —
https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html,
https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html).
Long names are cut and suffixed with a short hash of the full name, so two
long names that share a prefix still differ, and the same blueprint always
yields the same names. The module interfaces take these names as inputs and
the ``aws-names`` rule checks them before anything is planned, so a name AWS
would refuse, or two resources that would get one name, are located errors.
"""

from __future__ import annotations

import hashlib
import re

from plgen.blueprint.model import Blueprint, Listener, Protocol, Provider, Service

LIMIT = 32
RESERVED_NLB_PREFIX = "internal-"
TARGET_PROTOCOL = {Protocol.TCP: "TCP", Protocol.TLS: "TCP", Protocol.UDP: "UDP", Protocol.TCP_UDP: "TCP_UDP"}


def aws_name(*parts: str | int, limit: int = LIMIT) -> str:
    full = re.sub(r"[^a-zA-Z0-9-]+", "-", "-".join(str(p) for p in parts)).strip("-")
    if len(full) <= limit:
        return full
    digest = hashlib.sha256(full.encode()).hexdigest()[:6]
    return f"{full[: limit - 7].rstrip('-')}-{digest}"


def nlb_name(bp: Blueprint, provider: Provider, service: Service) -> str:
    return aws_name(bp.name, provider.name, service.name)


def target_suffix(listener: Listener) -> str:
    return f"{TARGET_PROTOCOL[listener.protocol].lower().replace('_', '')}{listener.backend_port}"


def target_group_name(bp: Blueprint, provider: Provider, service: Service, listener: Listener) -> str:
    return aws_name(bp.name, provider.name, service.name, listener.port, target_suffix(listener))
