"""The AWS names plgen gives the resources it creates, declared once.

AWS's rules for these names (lengths, alphabet, reserved prefixes) are in
``plgen.aws.names``; names are unique per account and Region. Long names are cut and suffixed with a short hash of the full name, so two
long names that share a prefix still differ, and the same blueprint always
yields the same names. The module interfaces take these names as inputs and
the ``aws-names`` rule checks them before anything is planned, so a name AWS
would refuse, or two resources that would get one name, are located errors.
"""

from __future__ import annotations

import hashlib
import re

from plgen.aws.names import LATTICE_NAME_LIMIT, NLB_NAME_LIMIT, SERVICE_NETWORK_NAME_LIMIT
from plgen.blueprint.model import Blueprint, Listener, Provider, Service


def aws_name(*parts: str | int, limit: int = NLB_NAME_LIMIT) -> str:
    full = re.sub(r"[^a-zA-Z0-9-]+", "-", "-".join(str(p) for p in parts)).strip("-")
    if len(full) <= limit:
        return full
    digest = hashlib.sha256(full.encode()).hexdigest()[:6]
    return f"{full[: limit - 7].rstrip('-')}-{digest}"


def nlb_name(bp: Blueprint, provider: Provider, service: Service) -> str:
    return aws_name(bp.name, provider.name, service.name)


def target_suffix(listener: Listener) -> str:
    return f"{listener.protocol.target_protocol.lower().replace('_', '')}{listener.backend_port}"


def target_group_name(bp: Blueprint, provider: Provider, service: Service, listener: Listener) -> str:
    return aws_name(bp.name, provider.name, service.name, listener.port, target_suffix(listener))


# VPC Lattice names are lower case (the alphabet of plgen.aws.names), unique within the account.
def resource_gateway_name(bp: Blueprint, provider: Provider) -> str:
    return aws_name(bp.name, provider.name, limit=LATTICE_NAME_LIMIT).lower()


def resource_configuration_name(bp: Blueprint, provider: Provider, resource) -> str:
    return aws_name(bp.name, provider.name, resource.name, limit=LATTICE_NAME_LIMIT).lower()


def service_network_name(bp: Blueprint, provider: Provider) -> str:
    return aws_name(bp.name, provider.name, provider.service_network.name, limit=SERVICE_NETWORK_NAME_LIMIT).lower()
