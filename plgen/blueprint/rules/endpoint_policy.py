"""An interface endpoint for an endpoint service takes no policy: AWS allows full access only.

"When you create a VPC endpoint for an endpoint service other than an AWS
service, we allow full access to the endpoint"
(https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html),
and the API refuses any other document: "Service
com.amazonaws.vpce.<region>.vpce-svc-... only supports the full-access
endpoint policy" (https://github.com/pulumi/pulumi-aws-native/issues/1711).
Every endpoint plgen builds targets such a service, so a ``policy`` would
fail at apply; who gets in is decided elsewhere, and the hint says where.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("endpoint-policy", "An interface endpoint takes no policy: AWS gives endpoints of endpoint services full access only")
def endpoint_policy(bp: Blueprint) -> Iterable[Finding]:
    for i, consumer in enumerate(bp.consumers):
        for j, endpoint in enumerate(consumer.endpoints):
            if endpoint.policy is not None:
                yield Finding(
                    ("consumers", i, "endpoints", j, "policy"),
                    "an endpoint for an endpoint service only supports the full-access endpoint policy (AWS refuses any other)",
                    "control access with the service's endpoint_service.allowed_principals and acceptance_required, "
                    "and the endpoint's allowed_cidrs / allowed_security_group_ids",
                )
