"""Security group rules that reference a group keep their description, as AWS reports it.

moto 5.2.5 keeps a rule's description only for CIDR rules (in the rule's
``ip_range``); a rule whose peer is a security group (``UserIdGroupPairs``,
what ``aws_vpc_security_group_*_rule.referenced_security_group_id`` sends)
stores it on the group pair, and ``DescribeSecurityGroupRules`` answers without
it. The provider then plans to add the description again after every apply.
AWS returns ``Description`` for every rule that has one, whatever its peer:
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroupRule.html
"""

from __future__ import annotations

from moto.ec2.models.security_groups import SecurityGroupRule


def _description(rule: SecurityGroupRule) -> str | None:
    return rule.ip_range.get("Description") or (rule.source_group or {}).get("Description")


def install() -> None:
    """Give moto's rules AWS's ``Description`` (the serializer reads the ``description`` attribute)."""
    SecurityGroupRule.description = property(_description)
