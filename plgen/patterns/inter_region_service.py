"""Inter-region endpoint service: a service hosted in one Region, offered locally in another.

From the notes ("Inter-region Endpoint Services"): the provider keeps its fleet
in its home Region and puts, in the remote Region, a VPC with an NLB whose IP
target group holds the home fleet's IPs, reached over Inter-Region VPC
Peering; an endpoint service on that NLB lets consumers in the remote Region
use local interface endpoints. The provider pays the inter-region transfer;
consumers see the peering's latency but set up only an endpoint.

Generated: the provider side in the remote Region (its VPC, NLB with IP
targets registered with ``availability_zone = "all"``, endpoint service), the
home VPC in the home Region when plgen creates it (with a ``workloads``
security group for the fleet), the peering (home requests, remote accepts),
routes in both VPCs' route tables, and ingress on the fleet's groups from the
NLB's subnets on the target ports only.
"""

from __future__ import annotations

from plgen.blueprint.rules.fleet_security_groups import fleet_security_groups
from plgen.blueprint.rules.peered_fleet import peered_fleet
from plgen.patterns.peered import PeeredPattern


class InterRegionService(PeeredPattern):
    slug = "inter-region-service"
    title = "Inter-region endpoint service"
    summary = (
        "A provider extends a service hosted in its home Region to a remote Region: an NLB there targets the home "
        "fleet's IPs over inter-region VPC peering, and remote consumers use a local interface endpoint."
    )
    rules = (peered_fleet, fleet_security_groups)
    peered_side = "providers"
    fleet_ingress = True
