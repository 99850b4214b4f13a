"""Resource access: single resources reached privately through VPC Lattice, without an NLB.

Since re:Invent 2024 a provider can put a resource gateway in its VPC and
describe the resources behind it (an IP address such as an on-premises host
reached over Direct Connect, a domain name, an RDS database by ARN) as
resource configurations; shared through AWS RAM, each is reached from a
consumer VPC by a resource endpoint, or, grouped in a service network, by one
service-network endpoint. Compared with an endpoint service there is no NLB,
no target group and no health check to run, and consumers' CIDRs may overlap
the provider's as before.
"""

from plgen.blueprint.rules.resource_access_shape import resource_access_shape
from plgen.features.names import FeatureName
from plgen.patterns.base import Pattern

PATTERN = Pattern(
    slug="resource-access",
    title="Resource access through VPC Lattice",
    summary=(
        "A provider exposes single resources (an on-premises host, a domain name, an RDS database) through a "
        "VPC Lattice resource gateway, shares their resource configurations through AWS RAM, and consumers reach "
        "each through a resource endpoint, or all of them through one service-network endpoint; no NLB is involved."
    ),
    order=7,
    features=frozenset({FeatureName.ON_PREMISES_TARGETS, FeatureName.RESOURCE_GATEWAY, FeatureName.SERVICE_NETWORK}),
    rules=(resource_access_shape,),
)
