"""What ``plgen paths --live`` may call, declared once, and the read-only IAM policy derived from it.

``plgen.paths.adapters.live_accounts`` refuses any boto3 operation not in
``CALLS`` before it is sent (a test checks that every operation the live
adapter's source calls is declared, and the reverse), and the writer emits
``policy()`` beside ``units.json`` as ``units/iam/live-proof-<side>.json``: the
role each side's account lends the live proof needs these actions and no other.

Action names are "<service prefix>:<API operation>", from the Service
Authorization Reference (the prefixes of ``plgen.aws.iam``):
https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html ;
describe/list/get calls take no resource-level condition in these services, hence ``"Resource": "*"``
(e.g. https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html : DescribeVpcs has no resource type).
"""

from __future__ import annotations

from typing import Any

# boto3 service -> the API operations the live proof calls (AWS's names; boto3's method is botocore.xform_name of it).
CALLS: dict[str, tuple[str, ...]] = {
    "ec2": (
        "DescribeVpcs", "DescribeSubnets", "DescribeRouteTables", "DescribeSecurityGroups", "DescribeSecurityGroupRules",
        "DescribeNetworkAcls", "DescribeVpcPeeringConnections", "DescribeVpcEndpoints", "DescribeVpcEndpointServiceConfigurations",
        "DescribeVpcEndpointServicePermissions", "DescribeVpcEndpointConnections", "DescribeTransitGatewayVpcAttachments",
        "DescribeVpnGateways", "DescribeVpcEndpointAssociations",
    ),
    "elbv2": ("DescribeLoadBalancers", "DescribeListeners", "DescribeTargetGroups", "DescribeTargetHealth"),
    "route53": ("ListHostedZonesByName", "GetHostedZone", "ListResourceRecordSets"),
    "directconnect": ("DescribeDirectConnectGatewayAssociations",),
    "vpc-lattice": ("ListServiceNetworks", "ListServiceNetworkResourceAssociations", "ListResourceConfigurations", "GetResourceConfiguration", "ListResourceGateways", "GetResourceGateway"),
    "ram": ("GetResourceShares", "GetResourceShareAssociations", "GetResourceShareInvitations"),
}
# boto3 service -> IAM action prefix.
IAM_PREFIX = {"ec2": "ec2", "elbv2": "elasticloadbalancing", "route53": "route53", "directconnect": "directconnect", "vpc-lattice": "vpc-lattice", "ram": "ram"}


def policy() -> dict[str, Any]:
    """The read-only IAM policy of the live proof: exactly the declared operations (sorted: byte-identical)."""
    actions = sorted(f"{IAM_PREFIX[service]}:{op}" for service, ops in CALLS.items() for op in ops)
    return {"Version": "2012-10-17", "Statement": [{"Sid": "PlgenLiveProofReadOnly", "Effect": "Allow", "Action": actions, "Resource": "*"}]}
