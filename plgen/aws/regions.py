"""AWS Regions plgen knows, their partitions, and the formats of Region codes and Availability Zone IDs.

An AZ ID (``use1-az1``) names the same physical zone in every account and
starts with its Region's code; a subnet in an AZ ID of another Region fails
only at apply (InvalidParameterValue), so the blueprint is checked against
this table instead. An AZ *name* (``us-east-1a``) maps to a different zone in
each account, so plgen refuses names where it wants IDs.

Source: AWS RAM User Guide, "Availability Zone IDs for your AWS resources"
(https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html) and
`aws ec2 describe-availability-zones --all-availability-zones` per Region.
Partitions: "aws - AWS Regions, aws-cn - China Regions, aws-us-gov - AWS
GovCloud (US) Regions" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
Refresh: when AWS opens a Region, add it here with its prefix (the ZoneId of
any of its zones without ``-azN``), and a bad-corpus case stays green.
"""

from __future__ import annotations

import re

# A Region code (`us-east-1`, `us-gov-west-1`, `us-iso-east-1`), an AZ ID (`use1-az1`) and an AZ name (`us-east-1a`).
REGION = r"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$"
AZ_ID = r"^[a-z]{2,5}[0-9]-az[0-9]{1,2}$"
AZ_NAME = re.compile(r"[a-z]{2}(-gov)?-[a-z]+-[0-9][a-z]")

AZ_PREFIX: dict[str, str] = {
    "af-south-1": "afs1",
    "ap-east-1": "ape1",
    "ap-east-2": "ape2",
    "ap-northeast-1": "apne1",
    "ap-northeast-2": "apne2",
    "ap-northeast-3": "apne3",
    "ap-south-1": "aps1",
    "ap-south-2": "aps2",
    "ap-southeast-1": "apse1",
    "ap-southeast-2": "apse2",
    "ap-southeast-3": "apse3",
    "ap-southeast-4": "apse4",
    "ap-southeast-5": "apse5",
    "ap-southeast-7": "apse7",
    "ca-central-1": "cac1",
    "ca-west-1": "caw1",
    "cn-north-1": "cnn1",
    "cn-northwest-1": "cnnw1",
    "eu-central-1": "euc1",
    "eu-central-2": "euc2",
    "eu-north-1": "eun1",
    "eu-south-1": "eus1",
    "eu-south-2": "eus2",
    "eu-west-1": "euw1",
    "eu-west-2": "euw2",
    "eu-west-3": "euw3",
    "il-central-1": "ilc1",
    "me-central-1": "mec1",
    "me-south-1": "mes1",
    "mx-central-1": "mxc1",
    "sa-east-1": "sae1",
    "us-east-1": "use1",
    "us-east-2": "use2",
    "us-gov-east-1": "usge1",
    "us-gov-west-1": "usgw1",
    "us-west-1": "usw1",
    "us-west-2": "usw2",
}

