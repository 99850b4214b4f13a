"""The NLB and target group names plgen derives are names AWS accepts, once per account and Region.

Names come from ``plgen.blueprint.names``: ``<blueprint>-<provider>-<service>``
for an NLB, plus the port and target protocol for a target group, cut to 32
characters with a hash. AWS refuses a load balancer name that begins with
``internal-`` and a second load balancer or target group of the same name in
one account and Region (``DuplicateLoadBalancerName``,
``DuplicateTargetGroupName``); hyphens joining the parts make
``a-b``/``c`` and ``a``/``b-c`` one name. Both would pass ``plan`` and fail
``apply``, so they are refused here.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.aws.names import RESERVED_NLB_PREFIX
from plgen.blueprint.names import nlb_name, target_group_name
from plgen.blueprint.rules.base import Finding, rule


@rule("aws-names", "NLB and target group names AWS accepts: none begins with internal-, none repeats in an account and Region")
def aws_names(bp: Blueprint) -> Iterable[Finding]:
    nlbs: dict[tuple[str, str, str], tuple[int, int]] = {}
    groups: dict[tuple[str, str, str], tuple[int, int, int]] = {}
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            name = nlb_name(bp, provider, service)
            if name.startswith(RESERVED_NLB_PREFIX):
                yield Finding(
                    ("name",),
                    f"the NLB of {provider.name}/{service.name} would be named '{name}'; AWS refuses load balancer names that begin with '{RESERVED_NLB_PREFIX}'",
                    "rename the blueprint so it does not start with 'internal'",
                )
            first = nlbs.setdefault((provider.account_id, provider.region, name), (i, j))
            other = bp.providers[first[0]]
            if first != (i, j) and (other.name, other.services[first[1]].name) == (provider.name, service.name):
                continue  # the same names twice: unique-names reports it
            if first != (i, j):
                yield Finding(
                    ("providers", i, "services", j, "name"),
                    f"the NLB would be named '{name}', as the one of {other.name}/{other.services[first[1]].name} in the same account and Region",
                    "rename the service or provider so the hyphen-joined names differ",
                )
                continue
            for k, listener in enumerate(service.nlb.listeners):
                group = target_group_name(bp, provider, service, listener)
                seen = groups.setdefault((provider.account_id, provider.region, group), (i, j, k))
                if seen != (i, j, k):
                    owner = bp.providers[seen[0]].services[seen[1]]
                    yield Finding(
                        ("providers", i, "services", j, "nlb", "listeners", k),
                        f"the target group would be named '{group}', as the one of {bp.providers[seen[0]].name}/{owner.name} listener {seen[2]} in the same account and Region",
                        "rename the service or provider so the hyphen-joined names differ",
                    )
