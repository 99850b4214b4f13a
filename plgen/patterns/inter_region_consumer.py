"""Inter-region access by the consumer: home workloads reach a service in another Region.

Two implementations (``connectivity``). ``peering`` (the default), from the notes ("Inter-Region Access (by consumer) to Endpoint Services"): the
consumer creates a VPC in the Region hosting the endpoint service, peers it
with its home VPC across Regions (feature ``home-peering``), creates the
interface endpoint there, and its home workloads reach the endpoint over the
peering. The consumer pays the inter-region transfer and sees its latency.

Generated: the provider side as in SaaS; the consumer's endpoint VPC in the
service's Region with the endpoint, whose security group also admits the
home VPC's CIDR; the home VPC when plgen creates it; the peering (home
requests, endpoint VPC accepts) with routes in both VPCs' route tables; and a
private hosted zone for each friendly ``dns_name``, associated with the
endpoint VPC and the home VPC so home workloads resolve it.

``native``: cross-Region PrivateLink. The consumer creates the endpoint in
its home VPC, in its own Region, naming the service's Region
(``service_region``); the service must list that Region in
``supported_regions`` (feature ``cross-region``). No endpoint VPC in the
service's Region and no peering; a friendly name's zone is associated with
the home VPC only.
"""

from plgen.blueprint.rules.consumer_home_peering import consumer_home_peering
from plgen.blueprint.rules.native_consumer_remote import native_consumer_remote
from plgen.features.names import FeatureName
from plgen.patterns.base import Pattern, Variant

PATTERN = Pattern(
    slug="inter-region-consumer",
    title="Inter-region access by the consumer",
    summary=(
        "A consumer reaches an endpoint service hosted in another Region: it creates a VPC with the interface endpoint "
        "in the service's Region and peers it with its home VPC (or, natively, creates the endpoint at home with the "
        "service's Region), and its workloads resolve a friendly name to the endpoint."
    ),
    order=6,
    features=frozenset({FeatureName.ACCESS_LOGS, FeatureName.TLS, FeatureName.PRIVATE_DNS, FeatureName.FRIENDLY_NAMES}),
    variants=(
        Variant("peering", frozenset({FeatureName.HOME_PEERING}), (consumer_home_peering,)),
        Variant("native", frozenset({FeatureName.CROSS_REGION}), (native_consumer_remote,)),
    ),
)
