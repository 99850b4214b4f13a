"""A flow log to a CloudWatch Logs log group names its IAM role; one to S3 names none.

CreateFlowLogs: DeliverLogsPermissionArn "is required if the destination
type is cloud-watch-logs" (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateFlowLogs.html),
the role the flow logs service assumes to write to the group
(https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html);
for S3, the API answers "DeliverLogsPermissionArn is not applicable for s3
delivery" (InvalidParameter, as reported in
aws-samples/aws-secure-environment-accelerator#1111): the bucket policy admits
the log delivery service instead
(https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html).
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule, vpcs


@rule("flow-logs-role", "A flow log to a log group names iam_role_arn (the role that writes to it); one to an S3 bucket names none")
def flow_logs_role(bp: Blueprint) -> Iterable[Finding]:
    for path, vpc in vpcs(bp):
        logs = vpc.flow_logs
        if logs is None:
            continue
        if logs.destination_type == "cloud-watch-logs" and logs.iam_role_arn is None:
            yield Finding(
                (*path, "flow_logs", "destination_arn"),
                "a flow log to a CloudWatch Logs log group needs the IAM role that writes to it (CreateFlowLogs refuses it without)",
                "name flow_logs.iam_role_arn: a role vpc-flow-logs.amazonaws.com can assume, allowed logs:CreateLogStream and logs:PutLogEvents",
            )
        elif logs.destination_type == "s3" and logs.iam_role_arn is not None:
            yield Finding(
                (*path, "flow_logs", "iam_role_arn"),
                "a flow log to an S3 bucket takes no IAM role (AWS: DeliverLogsPermissionArn is not applicable for s3 delivery); the bucket's policy admits delivery.logs.amazonaws.com",
                "remove iam_role_arn, and give the bucket the log-delivery policy",
            )
