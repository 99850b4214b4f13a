"""ARN formats plgen accepts, and the partitions they span.

``arn:partition:service:region:account-id:resource``; "a partition is a group
of AWS Regions": ``aws``, ``aws-cn`` (China), ``aws-us-gov`` (GovCloud (US))
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html). The
patterns take any partition spelt ``aws`` or ``aws-...`` (``PARTITION``), so
an ARN of another partition is not refused as text; a test checks each of
``PARTITIONS`` is accepted. Resource parts, per service:

- IAM principals ``arn:aws:iam::123456789012:root|user/...|role/...`` and
  roles (names of letters, digits and ``+=,.@_-``, paths of ``/``; up to 64
  characters of name, https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html);
- ACM certificates ``arn:aws:acm:region:account:certificate/<uuid>``
  (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscertificatemanager.html);
- S3 buckets ``arn:aws:s3:::bucket[/prefix]`` and CloudWatch Logs log groups
  ``arn:aws:logs:region:account:log-group:name`` as flow-log destinations
  (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateFlowLogs.html);
- RDS clusters and instances ``arn:aws:rds:region:account:cluster:name|db:name``
  (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonrds.html).
"""

from __future__ import annotations

import re

PARTITIONS = ("aws", "aws-cn", "aws-us-gov")


def partition_of(region: str) -> str:
    """The partition a Region is in: ``cn-*`` in aws-cn, ``us-gov-*`` in aws-us-gov, the rest in aws
    (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html, "partition")."""
    return "aws-us-gov" if region.startswith("us-gov-") else "aws-cn" if region.startswith("cn-") else "aws"

PARTITION = r"aws[a-z-]*"

PRINCIPAL = re.compile(r"arn:aws[a-z-]*:iam::[0-9]{12}:(root|user/[\w+=,.@/-]+|role/[\w+=,.@/-]+)")
CERTIFICATE_ARN = r"^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]{36}$"
ROLE_ARN = r"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$"
# A standard SNS topic (connection notifications): names are ASCII letters, digits, `_` and `-`, 1-256 characters
# (https://docs.aws.amazon.com/sdkfornet/v3/apidocs/items/SNS/MCreateTopicRequestctorString.html).
SNS_TOPIC_ARN = r"^arn:aws[a-z-]*:sns:[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]:[0-9]{12}:[A-Za-z0-9_-]{1,256}$"
# The role a deployment unit's provider assumes: a role name, or an ARN pattern with `{account_id}` for the unit's account.
DEPLOY_ROLE = r"^([A-Za-z0-9+=,.@_-]{1,64}|arn:aws[a-z-]*:iam::\{account_id\}:role/[A-Za-z0-9+=,.@_/-]{1,64})$"
S3_DESTINATION = r"arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[A-Za-z0-9!_.*'()/-]{1,200})?"
LOG_GROUP_DESTINATION = r"arn:aws[a-z-]*:logs:[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]:[0-9]{12}:log-group:[A-Za-z0-9_./#-]{1,512}"
FLOW_LOG_DESTINATION = f"^({S3_DESTINATION}|{LOG_GROUP_DESTINATION})$"
RESOURCE_ARN = re.compile(r"arn:aws[a-z-]*:rds:([a-z0-9-]+):([0-9]{12}):(cluster|db):[a-z][a-z0-9-]{0,62}")
