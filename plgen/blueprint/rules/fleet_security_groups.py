"""The home fleet admits the remote NLB: plgen must know which security groups to open.

NLB traffic to IP targets comes from the NLB's private addresses in its
subnets, so the fleet's security groups need ingress from those subnets on the
target ports. In a home VPC plgen creates, it creates that group (and the fleet
is put in it); in an existing VPC the blueprint names the fleet's groups.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("fleet-security-groups", "The home fleet's security groups are named for an existing VPC, and created for a new one")
def fleet_security_groups(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        for j, peer in enumerate(provider.peers):
            path = ("providers", i, "peers", j)
            if peer.vpc.created and peer.security_group_ids:
                yield Finding(
                    (*path, "security_group_ids"),
                    "security groups cannot exist yet in a VPC plgen creates",
                    "drop them: plgen creates a `workloads` group that admits the NLB; put the fleet in it",
                )
            if not peer.vpc.created and not peer.security_group_ids:
                yield Finding(
                    path,
                    "name the fleet's `security_group_ids`: they must admit the remote NLB's subnets on the target ports",
                    "the groups of the instances whose IPs are the targets",
                )
