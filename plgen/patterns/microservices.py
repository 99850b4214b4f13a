"""Microservices: one VPC per owning team, one endpoint per consumed microservice.

From the notes ("Microservices"): each team gets a VPC to build and deploy its
service in, on EC2 instances or ECS tasks (IP targets), and exposes it as an
endpoint service once it is ready. Consuming services, once granted access,
create one interface endpoint per microservice they use, and call it through
the endpoint-specific DNS names, which the consumer module outputs per
endpoint (regional and zonal). Each provider in the blueprint is one team.
"""

from plgen.blueprint.rules.targets_in_provider_vpc import targets_in_provider_vpc
from plgen.blueprint.rules.vpc_per_team import vpc_per_team
from plgen.features.names import FeatureName
from plgen.patterns.base import Pattern

PATTERN = Pattern(
    slug="microservices",
    title="Microservices",
    summary=(
        "Each team owns a VPC and exposes its microservice, on EC2 instances or ECS tasks, as an endpoint "
        "service; consuming services get one interface endpoint per microservice they use and call it by "
        "its endpoint-specific DNS name."
    ),
    order=4,
    features=frozenset(
        {
            FeatureName.ACCESS_LOGS,
            FeatureName.TLS,
            FeatureName.PRIVATE_DNS,
            FeatureName.FRIENDLY_NAMES,
            FeatureName.CROSS_REGION,
            FeatureName.DUAL_STACK,
        }
    ),
    rules=(vpc_per_team, targets_in_provider_vpc),
)
