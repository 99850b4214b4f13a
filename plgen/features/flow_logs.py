"""VPC flow logs: an ``aws_flow_log`` on each created VPC that names ``vpc.flow_logs``.

To an S3 bucket or a CloudWatch Logs log group the blueprint names (with the
role that writes to a log group); never on an existing VPC, which plgen does
not own (rules flow-logs-role, flow-logs-created-vpc).
"""

from plgen.blueprint.rules.base import vpcs
from plgen.blueprint.rules.flow_logs_created_vpc import flow_logs_created_vpc
from plgen.blueprint.rules.flow_logs_role import flow_logs_role
from plgen.features.base import Feature
from plgen.features.names import FeatureName


def _where(bp):
    for path, vpc in vpcs(bp):
        if vpc.flow_logs is not None:
            yield (*path, "flow_logs")


FLOW_LOGS = Feature(
    FeatureName.FLOW_LOGS,
    "VPC flow logs",
    "Flow logs of the VPCs plgen creates, to a named S3 bucket or CloudWatch Logs log group",
    _where,
    (flow_logs_role, flow_logs_created_vpc),
    universal=True,
)
