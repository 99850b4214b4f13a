"""A VPC Lattice resource gateway and resource configurations, shared through AWS RAM, reached by resource endpoints.

The provider VPC gets a resource gateway (interfaces in its AZs, a security
group open outbound only to the resources' ports) and a resource
configuration per resource (an IP address, a domain name, or an AWS resource
by ARN), each shared through AWS RAM with the accounts the blueprint names;
consumers accept the share and create a resource endpoint
(``vpc_endpoint_type = "Resource"``) per resource. No NLB, targets or health
checks are involved.
"""

from plgen.blueprint.rules.resource_azs import resource_azs
from plgen.blueprint.rules.resource_dns_resolution import resource_dns_public
from plgen.blueprint.rules.resource_endpoint_sources import resource_endpoint_sources
from plgen.blueprint.rules.resource_ports import resource_ports
from plgen.blueprint.rules.resource_reach import resource_reach
from plgen.blueprint.rules.resource_references import resource_references
from plgen.blueprint.rules.resource_shared import resource_shared
from plgen.features.base import Feature
from plgen.features.names import FeatureName


def _where(bp):
    for i, provider in enumerate(bp.providers):
        if provider.resource_gateway:
            yield ("providers", i, "resource_gateway")
        if provider.resources:
            yield ("providers", i, "resources")
    for i, consumer in enumerate(bp.consumers):
        if consumer.resource_endpoints:
            yield ("consumers", i, "resource_endpoints")


RESOURCE_GATEWAY = Feature(
    FeatureName.RESOURCE_GATEWAY,
    "VPC Lattice resource gateway",
    "a resource gateway and resource configurations in the provider VPC, shared through AWS RAM, reached by resource endpoints",
    _where,
    (resource_references, resource_reach, resource_ports, resource_shared, resource_azs, resource_endpoint_sources, resource_dns_public),
)
