"""A VPC Lattice service network grouping resources, shared through AWS RAM, reached by one service-network endpoint.

The provider owns the service network and associates some of its resource
configurations with it; a consumer it is shared with creates one endpoint
(``vpc_endpoint_type = "ServiceNetwork"``) that reaches every associated
resource, instead of one resource endpoint each.
"""

from plgen.blueprint.rules.resource_references import resource_references
from plgen.blueprint.rules.resource_shared import resource_shared
from plgen.features.base import Feature
from plgen.features.names import FeatureName


def _where(bp):
    for i, provider in enumerate(bp.providers):
        if provider.service_network:
            yield ("providers", i, "service_network")
    for i, consumer in enumerate(bp.consumers):
        if consumer.service_network_endpoint:
            yield ("consumers", i, "service_network_endpoint")


SERVICE_NETWORK = Feature(
    FeatureName.SERVICE_NETWORK,
    "VPC Lattice service network",
    "a service network of resource configurations, shared through AWS RAM, reached by one service-network endpoint per consumer",
    _where,
    (resource_references, resource_shared),
)
