"""Inter-region endpoint service: remote consumers reach a service hosted in its home Region.

Two implementations (``connectivity``). ``peering`` (the default), from the notes ("Inter-region Endpoint Services"): the provider puts an NLB in
the consumers' Region whose IP targets are its fleet in the home Region,
reached over Inter-Region VPC Peering (feature ``peered-fleet``); consumers
there use a local interface endpoint and pay nothing for the inter-Region
leg, which the provider pays, with peering's latency. The home VPC requests
the peering and the NLB's VPC accepts; the fleet's security groups admit the
NLB's subnets on the target ports.

``native``: cross-Region PrivateLink. The NLB and endpoint service stay in
the home Region beside the fleet; the service lists the consumers' Regions
(``supported_regions``, feature ``cross-region``) and each consumer there
creates its endpoint with ``service_region``. No peering and no remote NLB.
"""

from plgen.blueprint.rules.peered_fleet import peered_fleet
from plgen.blueprint.rules.native_service_regions import native_service_regions
from plgen.features.names import FeatureName
from plgen.patterns.base import Pattern, Variant

PATTERN = Pattern(
    slug="inter-region-service",
    title="Inter-region endpoint service",
    summary=(
        "A provider extends a service hosted in its home Region to a remote Region: an NLB there targets the home "
        "fleet's IPs over inter-region VPC peering (or, natively, the home Region's service lists the remote Region), "
        "and remote consumers use a local interface endpoint."
    ),
    order=5,
    features=frozenset({FeatureName.ACCESS_LOGS, FeatureName.TLS, FeatureName.PRIVATE_DNS, FeatureName.FRIENDLY_NAMES}),
    variants=(
        Variant("peering", frozenset({FeatureName.PEERED_FLEET}), (peered_fleet,)),
        Variant("native", frozenset({FeatureName.CROSS_REGION}), (native_service_regions,)),
    ),
)
