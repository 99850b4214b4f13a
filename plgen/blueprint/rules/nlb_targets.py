"""An NLB holds no more targets than AWS lets it: each registration in each target group counts.

Elastic Load Balancing quotas (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-limits.html):
"Targets per Network Load Balancer: 3,000", "Targets per Availability Zone per
Network Load Balancer: 500"; "if a target is registered with N target groups,
it counts as N targets", and "if cross-zone load balancing is enabled, the
maximum targets per load balancer is 500, regardless of the number of
Availability Zones". plgen registers every target in one target group per
listener, so a service's count is registered targets x listeners. Above the
quota ``apply`` fails registering targets (``TooManyTargets``) after the NLB
and the endpoint service exist.
"""

from collections.abc import Iterable

from plgen.aws.quotas import TARGETS_PER_NLB as PER_NLB
from plgen.aws.quotas import TARGETS_PER_NLB_CROSS_ZONE as CROSS_ZONE_MAX
from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("nlb-targets", "Registered targets x listeners stay within the NLB's target quota (500 with cross-zone load balancing, else 3,000)")
def nlb_targets(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            count = len(service.registered_targets) * len(service.nlb.listeners)
            limit = CROSS_ZONE_MAX if service.nlb.cross_zone else PER_NLB
            if count > limit:
                yield Finding(
                    ("providers", i, "services", j, "targets"),
                    f"{len(service.registered_targets)} targets in {len(service.nlb.listeners)} target group{'s' if len(service.nlb.listeners) > 1 else ''} are {count:,} registrations; "
                    f"an NLB {'with cross-zone load balancing ' if service.nlb.cross_zone else ''}holds at most {limit:,}",
                    "split the targets over two services" + ("" if not service.nlb.cross_zone else ", or turn cross_zone off (then 500 per AZ, 3,000 in all)"),
                )
