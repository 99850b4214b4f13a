"""Flow logs are named only on a VPC plgen creates.

An existing VPC (``vpc.id``) belongs to someone else's Terraform or to an
account baseline, which decides its flow logs; a second flow log from plgen
would duplicate (and bill) them and be destroyed with the blueprint.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule, vpcs


@rule("flow-logs-created-vpc", "Flow logs are named only on a VPC plgen creates (cidr), not on an existing one (id)")
def flow_logs_created_vpc(bp: Blueprint) -> Iterable[Finding]:
    for path, vpc in vpcs(bp):
        if vpc.flow_logs is not None and not vpc.created:
            yield Finding(
                (*path, "flow_logs"),
                "plgen does not own this existing VPC (vpc.id), so it does not set its flow logs",
                "configure flow logs where the VPC is managed, or remove flow_logs",
            )
