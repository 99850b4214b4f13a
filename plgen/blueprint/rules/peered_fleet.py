"""Inter-region endpoint service: the NLB in the remote Region fronts a fleet peered from home.

The notes: the provider "can leverage a Network Load Balancer in a remote
region and create an IP target group that uses the IPs of their instance fleet
in the [home] region", reached over Inter-Region VPC Peering. So each provider
peers with its home VPC in another Region, and each service registers targets
there (``site: peered``). Consumers' home VPCs are another feature (home-peering),
which this pattern's feature gate refuses.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint, Site
from plgen.blueprint.rules.base import Finding, rule


@rule("peered-fleet", "An inter-region endpoint service peers with its home fleet in another Region and targets it")
def peered_fleet(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        if not provider.peers:
            yield Finding(
                ("providers", i),
                "an inter-region endpoint service needs the home fleet's VPC under `peers`",
                "add a peer with the Region and VPC of the instances the NLB targets",
            )
        for j, peer in enumerate(provider.peers):
            if peer.region == provider.region:
                yield Finding(
                    ("providers", i, "peers", j, "region"),
                    f"the home fleet is in the provider's own Region {provider.region}",
                    "this pattern extends a service to another Region; use pattern saas or shared-services within one Region",
                )
        for j, service in enumerate(provider.services):
            if provider.peers and not any(t.site is Site.peered for t in service.registered_targets):
                yield Finding(
                    ("providers", i, "services", j, "targets"),
                    "no target is in the peered home fleet",
                    "list the fleet's IPs as `ip` targets with `site: peered`",
                )
