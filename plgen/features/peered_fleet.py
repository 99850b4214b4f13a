"""A provider's home fleet in another Region, behind an NLB here, over inter-Region VPC peering.

Builds the peer network (when plgen creates it), the peering with routes both
ways, and ingress on the fleet's security groups from the NLB's subnets.
"""

from plgen.blueprint.model import Site
from plgen.blueprint.rules.fleet_security_groups import fleet_security_groups
from plgen.features.base import Feature
from plgen.features.names import FeatureName


def _where(bp):
    for i, provider in enumerate(bp.providers):
        if provider.peers:
            yield ("providers", i, "peers")
        for j, service in enumerate(provider.services):
            for k, target in enumerate(service.targets):
                if target.site is Site.peered:
                    yield ("providers", i, "services", j, "targets", k, "site")


PEERED_FLEET = Feature(
    FeatureName.PEERED_FLEET,
    "Peered home fleet",
    "an NLB whose IP targets are a fleet in another Region, reached over inter-Region VPC peering",
    _where,
    (fleet_security_groups,),
)
