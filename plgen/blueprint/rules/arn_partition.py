"""Every ARN names a real partition, the one of the Region its side lives in.

AWS: "A partition is a group of AWS Regions. Each AWS account is scoped to one
partition", and the supported partitions are ``aws``, ``aws-cn`` (China
Regions) and ``aws-us-gov`` (AWS GovCloud (US) Regions)
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html). An
``aws-cn`` principal in a ``us-east-1`` service's allowed principals, or a
role of ``aws-us-gov`` for a flow log in ``eu-west-1``, names something that
cannot exist where it is used; an ARN whose Region field is a Region of
another partition (``arn:aws:logs:cn-north-1:...``) is no ARN at all. The
model's patterns accept ``arn:aws<anything>:``, so the partition is checked
here, on every text field (``base.arns_and_roles``), by the Region of the side the
field belongs to (the blueprint's own fields, such as ``deploy_role``, by all
of its Regions).
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, arns_and_roles, rule

PARTITIONS = ("aws", "aws-cn", "aws-us-gov")


def partition_of(region: str) -> str:
    """The partition a Region belongs to (China: cn-*, GovCloud: us-gov-*, the rest: aws)."""
    return "aws-cn" if region.startswith("cn-") else "aws-us-gov" if region.startswith("us-gov-") else "aws"


@rule("arn-partition", "Every ARN names a partition that exists (aws, aws-cn, aws-us-gov), the one of its side's Region, and a Region of that partition")
def arn_partition(bp: Blueprint) -> Iterable[Finding]:
    regions = sorted(bp.regions)
    for path, value, region in arns_and_roles(bp):
        if not value.startswith("arn:"):
            continue
        parts = value.split(":")
        if len(parts) < 6:
            continue  # the model refuses it
        partition, arn_region = parts[1], parts[3]
        if partition not in PARTITIONS:
            yield Finding(path, f"'{partition}' in {value} is not an AWS partition ({', '.join(PARTITIONS)})", "write arn:aws: for AWS Regions, arn:aws-cn: for China, arn:aws-us-gov: for GovCloud")
            continue
        expected = sorted({partition_of(r) for r in ([region] if region else regions)})
        if partition not in expected:
            where = f"the Region {region}" if region else f"the blueprint's Regions ({', '.join(regions)})"
            yield Finding(path, f"an {partition} ARN cannot be used in {where}, which {'is' if len(expected) == 1 else 'are'} in the {' and '.join(expected)} partition", f"write arn:{expected[0]}:...; each AWS account lives in one partition")
            continue
        if arn_region and not arn_region.startswith("{") and partition_of(arn_region) != partition:
            yield Finding(path, f"the Region {arn_region} of {value} is not in the {partition} partition", f"write arn:{partition_of(arn_region)}: for {arn_region}, or a Region of {partition}")
