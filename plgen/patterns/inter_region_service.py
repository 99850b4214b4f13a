"""Inter-region endpoint service: a remote-Region NLB in front of the home fleet, over peering.

From the notes ("Inter-region Endpoint Services"): the provider puts an NLB in
the consumers' Region whose IP targets are its fleet in the home Region,
reached over Inter-Region VPC Peering (feature ``peered-fleet``); consumers
there use a local interface endpoint and pay nothing for the inter-Region
leg, which the provider pays, with peering's latency. The home VPC requests
the peering and the NLB's VPC accepts; the fleet's security groups admit the
NLB's subnets on the target ports.
"""

from plgen.blueprint.rules.peered_fleet import peered_fleet
from plgen.patterns.base import Pattern

PATTERN = Pattern(
    slug="inter-region-service",
    title="Inter-region endpoint service",
    summary=(
        "A provider extends a service hosted in its home Region to a remote Region: an NLB there targets the home "
        "fleet's IPs over inter-region VPC peering, and remote consumers use a local interface endpoint."
    ),
    order=5,
    features=frozenset({"existing-vpc", "tls", "private-dns", "friendly-names", "peered-fleet"}),
    rules=(peered_fleet,),
)
