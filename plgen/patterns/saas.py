"""SaaS private access: a provider's service, reached privately from customer VPCs.

From the notes ("Private Access to SaaS Applications", "Creating HA Endpoint
Services"): the SaaS provider puts an NLB in front of its fleet and exposes it
as an endpoint service; each customer it grants access creates an interface
endpoint, one network interface per AZ, in its own VPC. No peering, routes,
NAT or internet gateways are involved, and customers' CIDRs may overlap.
"""

from plgen.features.names import FeatureName
from plgen.patterns.base import Pattern

PATTERN = Pattern(
    slug="saas",
    title="SaaS private access",
    summary=(
        "A provider exposes one service to many customer accounts; each customer reaches it "
        "through an interface endpoint in its own VPC, with no peering and no exposure to the internet."
    ),
    order=1,
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
)
