"""VPC flow logs as AWS creates them: an S3 destination with a prefix, no role for S3, a log group by ARN.

moto 5.2.5's ``CreateFlowLogs`` looks the S3 destination up by everything
after ``arn:aws:s3:::``, so a bucket with a prefix
(``arn:aws:s3:::bucket/vpc``, which AWS allows: "You can also specify a
subfolder in the bucket") is reported missing; it accepts a
``DeliverLogsPermissionArn`` with an S3 destination, which AWS refuses
("DeliverLogsPermissionArn is not applicable for s3 delivery", InvalidParameter,
as users report it: aws-samples/aws-secure-environment-accelerator#1111); and it
looks a log group given by ARN up by a name of ``None``, so the flow log is
always ``FAILED``. Imitated:

- S3: the bucket is the ARN's name up to the first ``/``; it must exist
  (``Unsuccessful`` item, as moto and AWS answer); no role;
- CloudWatch Logs: the role is required (moto checks it); the log group is the
  ARN's name, in the ARN's Region; delivery ``SUCCESS`` when it exists, ``FAILED``
  with ``Access error`` otherwise, as moto reports a missing group named by name.

https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateFlowLogs.html
"""

from __future__ import annotations

from moto.core.responses import ActionResult
from moto.ec2.exceptions import EC2ClientError
from moto.logs.models import logs_backends

from tests.emulator.access_logs import find_bucket


def log_group_exists(account: str, arn: str) -> bool:
    parts = arn.split(":")
    region, name = parts[3], parts[6] if len(parts) > 6 else ""
    return name in logs_backends[account][region].groups


class FlowLogsResponse:
    """EC2 ``CreateFlowLogs``; ``self`` is moto's EC2 response for one request."""

    def create_flow_logs(self) -> ActionResult:
        kind = self._get_param("LogDestinationType") or "cloud-watch-logs"
        destination = self._get_param("LogDestination")
        role = self._get_param("DeliverLogsPermissionArn")
        if kind == "s3" and role:
            raise EC2ClientError("InvalidParameter", "DeliverLogsPermissionArn is not applicable for s3 delivery")
        if kind != "s3" or not destination or "/" not in destination.split(":", 5)[-1]:
            result = super().create_flow_logs()
            if kind == "cloud-watch-logs" and destination and not self._get_param("LogGroupName"):
                ok = log_group_exists(self.current_account, destination)
                for flow_log in self.ec2_backend.flow_logs.values():
                    if flow_log.log_destination == destination:
                        flow_log.deliver_logs_status = "SUCCESS" if ok else "FAILED"
                        flow_log.deliver_logs_error_message = None if ok else "Access error"
            return result
        # A bucket with a prefix: moto looks the whole path up as a bucket name; check the bucket, let moto create the flow log
        # for the bare bucket, then give it its destination with the prefix back.
        name = destination.split(":", 5)[-1].split("/", 1)[0]
        resource_ids = self._get_param("ResourceIds", [])
        if find_bucket(name) is None:
            errors = [{"ResourceId": rid, "Error": {"Code": "400", "Message": f"LogDestination: {name} does not exist."}} for rid in resource_ids]
            return ActionResult({"FlowLogIds": [], "Unsuccessful": errors})
        flow_logs, _ = self.ec2_backend.create_flow_logs(
            resource_type=self._get_param("ResourceType"),
            resource_ids=resource_ids,
            traffic_type=self._get_param("TrafficType"),
            deliver_logs_permission_arn=None,
            log_destination_type=kind,
            log_destination=destination.split("/", 1)[0],
            log_group_name=None,
            log_format=self._get_param("LogFormat"),
            max_aggregation_interval=self._get_int_param("MaxAggregationInterval"),
        )
        tags = self._parse_tag_specification().get("vpc-flow-log", {})
        for flow_log in flow_logs:
            flow_log.log_destination = destination
            flow_log.add_tags(tags)
        return ActionResult({"FlowLogIds": [fl.id for fl in flow_logs], "Unsuccessful": []})
