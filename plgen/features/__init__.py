"""Features: units of architecture that patterns share, each owning its blueprint fields' rules.

Registration is this explicit list. A pattern names the features it builds;
a blueprint that uses any other is refused at the field that uses it.
"""

from plgen.features.access_logs import ACCESS_LOGS
from plgen.features.base import Feature
from plgen.features.cross_region import CROSS_REGION
from plgen.features.dual_stack import DUAL_STACK
from plgen.features.existing_vpc import EXISTING_VPC
from plgen.features.flow_logs import FLOW_LOGS
from plgen.features.friendly_names import FRIENDLY_NAMES
from plgen.features.home_peering import HOME_PEERING
from plgen.features.migration_stage import MIGRATION_STAGE
from plgen.features.names import FeatureName
from plgen.features.on_premises_access import ON_PREMISES_ACCESS
from plgen.features.on_premises_targets import ON_PREMISES_TARGETS
from plgen.features.peered_fleet import PEERED_FLEET
from plgen.features.private_dns import PRIVATE_DNS
from plgen.features.resource_gateway import RESOURCE_GATEWAY
from plgen.features.service_network import SERVICE_NETWORK
from plgen.features.tls import TLS

FEATURES: dict[FeatureName, Feature] = {
    f.slug: f
    for f in (
        EXISTING_VPC,
        TLS,
        PRIVATE_DNS,
        FRIENDLY_NAMES,
        CROSS_REGION,
        ON_PREMISES_TARGETS,
        MIGRATION_STAGE,
        ON_PREMISES_ACCESS,
        PEERED_FLEET,
        HOME_PEERING,
        RESOURCE_GATEWAY,
        SERVICE_NETWORK,
        DUAL_STACK,
        ACCESS_LOGS,
        FLOW_LOGS,
    )
}
if set(FEATURES) != set(FeatureName):
    raise ValueError(f"feature names without a feature module: {sorted(set(FeatureName) - set(FEATURES))}")
# Built by every pattern, whatever its file lists.
UNIVERSAL = frozenset(slug for slug, feature in FEATURES.items() if feature.universal)


def used_features(bp) -> frozenset[str]:
    """Slugs of every feature the blueprint uses."""
    return frozenset(slug for slug, feature in FEATURES.items() if feature.used(bp))


__all__ = ["FEATURES", "UNIVERSAL", "Feature", "FeatureName", "used_features"]
