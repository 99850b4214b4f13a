"""Shared Services VPC: common services exposed to many workload VPCs, and on premises.

From the notes ("Shared Services VPC"): security, logging, monitoring, DevOps
tools and authentication live in one VPC; each is exposed as its own endpoint
service through an NLB that targets only specific ports on specific instances
there. Workload VPCs create interface endpoints (one network interface per AZ)
only for the services they use, instead of peering, which would open the
whole VPC and stops at 125 connections. On-premises users reach the same
services through an access VPC: a consumer with ``on_premises``, holding up to
20 interface endpoints, with a virtual private gateway attached for the Direct
Connect private virtual interface, route propagation, and endpoint security
groups that admit the on-premises CIDRs.

The base pattern's two side modules carry all of this: the provider module
loops over the services, the consumer module adds the gateway when a consumer
declares on-premises networks.
"""

from __future__ import annotations

from plgen.blueprint.rules.on_premises_routing import on_premises_routing
from plgen.blueprint.rules.single_shared_services_vpc import single_shared_services_vpc
from plgen.blueprint.rules.targets_in_provider_vpc import targets_in_provider_vpc
from plgen.patterns.base import Pattern


class SharedServices(Pattern):
    slug = "shared-services"
    title = "Shared Services VPC"
    summary = (
        "Common services (security, logging, monitoring, authentication) live in one VPC and are exposed "
        "one endpoint service each; workload VPCs consume only the services they use, without peering, "
        "and on-premises users reach them through an access VPC over Direct Connect."
    )
    rules = (single_shared_services_vpc, targets_in_provider_vpc, on_premises_routing)
