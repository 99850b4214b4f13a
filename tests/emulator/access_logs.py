"""NLB access logs as AWS enables them: to an existing bucket in the NLB's Region whose policy lets log delivery write.

moto 5.2.5 stores ``access_logs.s3.*`` attributes without looking at the
bucket. AWS: "The bucket must be located in the same Region as the load
balancer. The bucket and the load balancer can be owned by different
accounts", "The prefix that you specify must not include AWSLogs", and "The
bucket must have a bucket policy that grants permission to write the access
logs": ``s3:PutObject`` for ``delivery.logs.amazonaws.com`` on
``<bucket>/<prefix>/AWSLogs/<account>/*``
(https://docs.aws.amazon.com/elasticloadbalancing/latest/network/enable-access-logs.html).
Otherwise ``ModifyLoadBalancerAttributes`` answers
``InvalidConfigurationRequest: Access Denied for bucket: <bucket>. Please check
S3bucket permission`` (AWS's text, as users report it, e.g.
kubernetes-sigs/aws-load-balancer-controller#1956); for a missing bucket, one in
another Region or a prefix with AWSLogs the error code is the same and the
text this emulator's.

Not imitated, because AWS accepts it: access logs on an NLB without a TLS
listener (AWS then writes nothing; plgen's rule access-logs-need-tls refuses
the blueprint instead).
"""

from __future__ import annotations

import fnmatch
import json

from moto.core.responses import ActionResult
from moto.elbv2.exceptions import ELBClientError
from moto.s3.models import s3_backends

DELIVERY = "delivery.logs.amazonaws.com"


def find_bucket(name: str):
    """The bucket of that name in any account of the emulator (buckets are global; it may be another account's)."""
    for account in list(s3_backends.keys()):
        for partition in list(s3_backends[account].keys()):
            bucket = s3_backends[account][partition].buckets.get(name)
            if bucket is not None:
                return bucket
    return None


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


def delivery_may_write(policy: dict, bucket: str, key: str) -> bool:
    """Whether an Allow statement lets the log delivery service put ``key`` in ``bucket`` (no Deny is checked)."""
    for statement in _listed(policy.get("Statement", [])):
        if statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal", {})
        services = _listed(principal.get("Service", [])) if isinstance(principal, dict) else []
        if DELIVERY not in services and principal != "*":
            continue
        actions = _listed(statement.get("Action", []))
        if not any(fnmatch.fnmatchcase("s3:PutObject", action) for action in actions):
            continue
        if any(fnmatch.fnmatchcase(f"arn:aws:s3:::{bucket}/{key}", resource) for resource in _listed(statement.get("Resource", []))):
            return True
    return False


class AccessLogsResponse:
    """ELBv2 ``ModifyLoadBalancerAttributes``; ``self`` is moto's ELBv2 response for one request."""

    def modify_load_balancer_attributes(self) -> ActionResult:
        attrs = {attr["Key"]: attr["Value"] for attr in self._get_param("Attributes", [])}
        if attrs.get("access_logs.s3.enabled") == "true":
            self._check_access_logs_bucket(attrs.get("access_logs.s3.bucket", ""), attrs.get("access_logs.s3.prefix", ""))
        return super().modify_load_balancer_attributes()

    def _check_access_logs_bucket(self, name: str, prefix: str) -> None:
        if "AWSLogs" in prefix:
            raise ELBClientError("InvalidConfigurationRequest", "The prefix of access logs must not contain AWSLogs")
        bucket = find_bucket(name)
        if bucket is None:
            raise ELBClientError("InvalidConfigurationRequest", f"The bucket {name} of the access logs does not exist")
        if bucket.region_name != self.region:
            raise ELBClientError("InvalidConfigurationRequest", f"Bucket {name} is in {bucket.region_name}; access logs go to a bucket in {self.region}")
        key = "/".join(part for part in (prefix.strip("/"), f"AWSLogs/{self.current_account}/elasticloadbalancing/test.log.gz") if part)
        policy = json.loads(bucket.policy.decode()) if bucket.policy else {}
        if not delivery_may_write(policy, name, key):
            raise ELBClientError("InvalidConfigurationRequest", f"Access Denied for bucket: {name}. Please check S3bucket permission")
