"""Shared Services VPC: common services exposed to many workload VPCs, and on premises.

From the notes ("Shared Services VPC"): security, logging, monitoring, DevOps
tools and authentication live in one VPC; each is exposed as its own endpoint
service through an NLB that targets only specific ports on specific instances
there. Workload VPCs create interface endpoints (one network interface per AZ)
only for the services they use, instead of peering, which would open the
whole VPC and stops at 125 connections. On-premises users reach the same
services through an access VPC (feature ``on-premises-access``): a consumer
with ``on_premises``, holding up to 20 interface endpoints, with a virtual
private gateway attached for the Direct Connect private virtual interface.
"""

from plgen.blueprint.rules.single_shared_services_vpc import single_shared_services_vpc
from plgen.blueprint.rules.targets_in_provider_vpc import targets_in_provider_vpc
from plgen.features.names import FeatureName
from plgen.patterns.base import Pattern

PATTERN = Pattern(
    slug="shared-services",
    title="Shared Services VPC",
    summary=(
        "Common services (security, logging, monitoring, authentication) live in one VPC and are exposed "
        "one endpoint service each; workload VPCs consume only the services they use, without peering, "
        "and on-premises users reach them through an access VPC over Direct Connect."
    ),
    order=2,
    features=frozenset(
        {
            FeatureName.ACCESS_LOGS,
            FeatureName.TLS,
            FeatureName.PRIVATE_DNS,
            FeatureName.FRIENDLY_NAMES,
            FeatureName.CROSS_REGION,
            FeatureName.ON_PREMISES_ACCESS,
            FeatureName.DUAL_STACK,
        }
    ),
    rules=(single_shared_services_vpc, targets_in_provider_vpc),
)
