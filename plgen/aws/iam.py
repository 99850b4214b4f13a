"""The IAM actions each Terraform resource type plgen emits needs, to create, read, update and delete it.

A start for the deploy role of each unit (issue 24): the role a unit's
provider assumes needs these actions on what the unit holds. Read from the
Service Authorization Reference, one page per service prefix:

- ec2: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
- elasticloadbalancing: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awselasticloadbalancingv2.html
- route53: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53.html
- route53resolver: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53resolver.html
- directconnect: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsdirectconnect.html
- ram: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsresourceaccessmanagerram.html
- vpc-lattice: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonvpclattice.html
- iam: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
- s3: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
- kms: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html
- sns: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html
- vpce: https://docs.aws.amazon.com/service-authorization/latest/reference/list_vpce.html ("AllowMultiRegion":
  "Grants permission to manage multi-region VPC endpoints and VPC endpoint service configurations", a
  permission-only action, https://docs.aws.amazon.com/vpc/latest/privatelink/security_iam_service-with-iam.html).

Actions a resource needs only with some arguments are in ``when``: a native
cross-Region endpoint (``service_region``) or service (``supported_regions``)
needs ``vpce:AllowMultiRegion``; a flow log to a CloudWatch Logs log group
passes its role (``iam:PassRole``,
https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html); a
flow log to S3 has the logs service deliver it (``logs:CreateLogDelivery``,
https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html).
Tagging (``ec2:CreateTags`` and the like) is in ``create`` and ``update``:
plgen tags every resource through ``default_tags``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Actions:
    """IAM actions per lifecycle step of one Terraform resource (or data source) type."""

    create: tuple[str, ...]
    read: tuple[str, ...]
    update: tuple[str, ...] = ()
    delete: tuple[str, ...] = ()
    when: dict[str, tuple[str, ...]] = field(default_factory=dict)  # argument or situation -> extra actions

    @property
    def all(self) -> tuple[str, ...]:
        """Every action, sorted, once."""
        return tuple(sorted({*self.create, *self.read, *self.update, *self.delete, *(a for extra in self.when.values() for a in extra)}))


def _ec2(*names: str) -> tuple[str, ...]:
    return tuple(f"ec2:{n}" for n in names)


def _elb(*names: str) -> tuple[str, ...]:
    return tuple(f"elasticloadbalancing:{n}" for n in names)


def _r53(*names: str) -> tuple[str, ...]:
    return tuple(f"route53:{n}" for n in names)


def _ram(*names: str) -> tuple[str, ...]:
    return tuple(f"ram:{n}" for n in names)


def _lattice(*names: str) -> tuple[str, ...]:
    return tuple(f"vpc-lattice:{n}" for n in names)


TAGS = _ec2("CreateTags", "DeleteTags")
MULTI_REGION = ("vpce:AllowMultiRegion",)

# Keyed by the Terraform type: resources by their type, data sources as `data.<type>`.
ACTIONS: dict[str, Actions] = {
    # Network
    "aws_vpc": Actions(
        create=_ec2("CreateVpc", "ModifyVpcAttribute", "CreateTags"),
        read=_ec2("DescribeVpcs", "DescribeVpcAttribute", "DescribeNetworkAcls", "DescribeRouteTables", "DescribeSecurityGroups"),
        update=(*_ec2("ModifyVpcAttribute", "AssociateVpcCidrBlock", "DisassociateVpcCidrBlock"), *TAGS),
        delete=_ec2("DeleteVpc"),
    ),
    "aws_subnet": Actions(
        create=_ec2("CreateSubnet", "ModifySubnetAttribute", "CreateTags"),
        read=_ec2("DescribeSubnets"),
        update=(*_ec2("ModifySubnetAttribute", "AssociateSubnetCidrBlock", "DisassociateSubnetCidrBlock"), *TAGS),
        # Before deleting a subnet or a security group the provider lists the network interfaces left in it
        # ("deleting ENIs for EC2 Subnet ... DescribeNetworkInterfaces", seen in the IAM-enforced emulator).
        delete=_ec2("DeleteSubnet", "DescribeNetworkInterfaces"),
    ),
    "aws_route_table": Actions(
        create=_ec2("CreateRouteTable", "CreateTags"),
        read=_ec2("DescribeRouteTables"),
        update=(*_ec2("CreateRoute", "ReplaceRoute", "DeleteRoute"), *TAGS),
        delete=_ec2("DeleteRouteTable"),
    ),
    "aws_route_table_association": Actions(
        create=_ec2("AssociateRouteTable"), read=_ec2("DescribeRouteTables"), update=_ec2("ReplaceRouteTableAssociation"), delete=_ec2("DisassociateRouteTable")
    ),
    "aws_route": Actions(create=_ec2("CreateRoute"), read=_ec2("DescribeRouteTables"), update=_ec2("ReplaceRoute"), delete=_ec2("DeleteRoute")),
    # Adopting the default group revokes its rules; destroying it only forgets it. It lists the rules it revokes
    # (forceRevokeSecurityGroupRules: DescribeSecurityGroupRules, called by resourceDefaultSecurityGroupCreate in
    # https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ec2/vpc_default_security_group.go);
    # found by the IAM-enforced emulator (inter-region-consumer's peer network: no rule resource in its unit).
    "aws_default_security_group": Actions(
        create=_ec2("DescribeSecurityGroups", "DescribeSecurityGroupRules", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "CreateTags"),
        read=_ec2("DescribeSecurityGroups"),
        update=(*_ec2("AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress"), *TAGS),
    ),
    # A new group's default allow-all egress rule is revoked by the provider.
    "aws_security_group": Actions(
        create=_ec2("CreateSecurityGroup", "RevokeSecurityGroupEgress", "CreateTags"),
        read=_ec2("DescribeSecurityGroups"),
        update=TAGS,
        delete=_ec2("DeleteSecurityGroup", "DescribeNetworkInterfaces"),
    ),
    "aws_vpc_security_group_ingress_rule": Actions(
        create=_ec2("AuthorizeSecurityGroupIngress", "CreateTags"),
        read=_ec2("DescribeSecurityGroupRules"),
        update=(*_ec2("ModifySecurityGroupRules"), *TAGS),
        delete=_ec2("RevokeSecurityGroupIngress"),
    ),
    "aws_vpc_security_group_egress_rule": Actions(
        create=_ec2("AuthorizeSecurityGroupEgress", "CreateTags"),
        read=_ec2("DescribeSecurityGroupRules"),
        update=(*_ec2("ModifySecurityGroupRules"), *TAGS),
        delete=_ec2("RevokeSecurityGroupEgress"),
    ),
    # The verify unit's probe (modules/consumer-verify): a network interface that sends nothing.
    "aws_network_interface": Actions(
        create=_ec2("CreateNetworkInterface", "ModifyNetworkInterfaceAttribute", "CreateTags"),
        read=_ec2("DescribeNetworkInterfaces", "DescribeNetworkInterfaceAttribute"),
        update=(*_ec2("ModifyNetworkInterfaceAttribute"), *TAGS),
        delete=_ec2("DeleteNetworkInterface"),
    ),
    # Reachability Analyzer: its own calls, plus the describe calls it makes with the caller's permissions while it
    # gathers the network's configuration (subnets, route tables, network interfaces, security groups, endpoints).
    # https://docs.aws.amazon.com/vpc/latest/reachability/security_iam_required-API-permissions.html
    "aws_ec2_network_insights_path": Actions(
        create=_ec2("CreateNetworkInsightsPath", "CreateTags"),
        read=_ec2("DescribeNetworkInsightsPaths"),
        update=TAGS,
        delete=_ec2("DeleteNetworkInsightsPath"),
    ),
    "aws_ec2_network_insights_analysis": Actions(
        create=_ec2(
            "StartNetworkInsightsAnalysis",
            "CreateTags",
            "DescribeNetworkInsightsAnalyses",
            "DescribeNetworkInsightsPaths",
            "DescribeNetworkInterfaces",
            "DescribeSubnets",
            "DescribeRouteTables",
            "DescribeSecurityGroups",
            "DescribeSecurityGroupRules",
            "DescribeNetworkAcls",
            "DescribeVpcs",
            "DescribeVpcEndpoints",
        ),
        read=_ec2("DescribeNetworkInsightsAnalyses"),
        update=TAGS,
        delete=_ec2("DeleteNetworkInsightsAnalysis"),
    ),
    "aws_flow_log": Actions(
        create=_ec2("CreateFlowLogs", "CreateTags"),
        read=_ec2("DescribeFlowLogs"),
        update=TAGS,
        delete=_ec2("DeleteFlowLogs"),
        when={"log group destination": ("iam:PassRole",), "S3 destination": ("logs:CreateLogDelivery", "logs:DeleteLogDelivery")},
    ),
    # PrivateLink: endpoints and endpoint services
    "aws_vpc_endpoint": Actions(
        create=_ec2("CreateVpcEndpoint", "CreateTags"),
        # The provider's read also describes the endpoint's network interfaces (subnet_configuration: the IPs the
        # consumer module outputs) and the service's prefix list (cidr_blocks): resourceVPCEndpointRead in
        # https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service/ec2/vpc_endpoint.go
        read=_ec2("DescribeVpcEndpoints", "DescribeNetworkInterfaces", "DescribePrefixLists"),
        update=(*_ec2("ModifyVpcEndpoint"), *TAGS),
        delete=_ec2("DeleteVpcEndpoints"),
        when={"service_region": MULTI_REGION, "private_dns_enabled": ("route53:AssociateVPCWithHostedZone",)},
    ),
    "aws_vpc_endpoint_service": Actions(
        create=_ec2("CreateVpcEndpointServiceConfiguration", "ModifyVpcEndpointServicePermissions", "CreateTags"),
        read=_ec2("DescribeVpcEndpointServiceConfigurations", "DescribeVpcEndpointServicePermissions"),
        update=(*_ec2("ModifyVpcEndpointServiceConfiguration", "ModifyVpcEndpointServicePermissions"), *TAGS),
        delete=_ec2("DeleteVpcEndpointServiceConfigurations"),
        when={"supported_regions": MULTI_REGION},
    ),
    "aws_vpc_endpoint_connection_accepter": Actions(
        create=_ec2("AcceptVpcEndpointConnections"), read=_ec2("DescribeVpcEndpointConnections"), delete=_ec2("RejectVpcEndpointConnections")
    ),
    "aws_ec2_transit_gateway_route_table_association": Actions(
        create=_ec2("AssociateTransitGatewayRouteTable", "GetTransitGatewayRouteTableAssociations"),
        read=_ec2("GetTransitGatewayRouteTableAssociations", "DescribeTransitGatewayAttachments"),
        delete=_ec2("DisassociateTransitGatewayRouteTable", "GetTransitGatewayRouteTableAssociations"),
    ),
    "aws_ec2_transit_gateway_route_table_propagation": Actions(
        create=_ec2("EnableTransitGatewayRouteTablePropagation", "GetTransitGatewayRouteTablePropagations"),
        read=_ec2("GetTransitGatewayRouteTablePropagations"),
        delete=_ec2("DisableTransitGatewayRouteTablePropagation", "GetTransitGatewayRouteTablePropagations"),
    ),
    "aws_vpc_endpoint_private_dns": Actions(
        create=_ec2("ModifyVpcEndpoint", "DescribeVpcEndpoints"),
        read=_ec2("DescribeVpcEndpoints"),
        update=_ec2("ModifyVpcEndpoint"),
        delete=_ec2("ModifyVpcEndpoint"),
    ),
    "aws_vpc_endpoint_connection_notification": Actions(
        create=_ec2("CreateVpcEndpointConnectionNotification"),
        read=_ec2("DescribeVpcEndpointConnectionNotifications"),
        update=_ec2("ModifyVpcEndpointConnectionNotification"),
        delete=_ec2("DeleteVpcEndpointConnectionNotifications"),
    ),
    # Connection notifications' topic and its customer managed key
    "aws_kms_key": Actions(
        create=("kms:CreateKey", "kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:TagResource"),
        read=("kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"),
        update=("kms:PutKeyPolicy", "kms:UpdateKeyDescription", "kms:EnableKeyRotation", "kms:TagResource", "kms:UntagResource"),
        delete=("kms:ScheduleKeyDeletion",),
    ),
    "aws_sns_topic": Actions(
        create=("sns:CreateTopic", "sns:SetTopicAttributes", "sns:TagResource"),
        read=("sns:GetTopicAttributes", "sns:ListTagsForResource"),
        update=("sns:SetTopicAttributes", "sns:TagResource", "sns:UntagResource"),
        delete=("sns:DeleteTopic",),
    ),
    "aws_sns_topic_policy": Actions(create=("sns:SetTopicAttributes",), read=("sns:GetTopicAttributes",), update=("sns:SetTopicAttributes",), delete=("sns:SetTopicAttributes",)),
    "aws_vpc_endpoint_service_private_dns_verification": Actions(
        create=_ec2("StartVpcEndpointServicePrivateDnsVerification"), read=_ec2("DescribeVpcEndpointServiceConfigurations")
    ),
    # Network Load Balancer
    # Since provider 5.99 every read of a load balancer also reads its capacity reservation
    # (https://github.com/hashicorp/terraform-provider-aws/pull/42685, "requires new permission ... for refresh";
    # the API and action are DescribeCapacityReservation); found by the IAM-enforced emulator (tests/apply/test_units_iam.py).
    "aws_lb": Actions(
        create=_elb("CreateLoadBalancer", "ModifyLoadBalancerAttributes", "AddTags"),
        read=_elb("DescribeLoadBalancers", "DescribeLoadBalancerAttributes", "DescribeTags", "DescribeCapacityReservation"),
        update=_elb("ModifyLoadBalancerAttributes", "SetSecurityGroups", "SetSubnets", "SetIpAddressType", "AddTags", "RemoveTags"),
        delete=_elb("DeleteLoadBalancer"),
        when={"the account's first load balancer (Elastic Load Balancing's service-linked role)": ("iam:CreateServiceLinkedRole",)},
    ),
    # Recent providers read a listener's attributes on every refresh (DescribeListenerAttributes,
    # https://github.com/floci-io/floci/pull/1021 describes the provider's calls); found by the IAM-enforced emulator.
    "aws_lb_listener": Actions(
        create=_elb("CreateListener", "AddTags"),
        read=_elb("DescribeListeners", "DescribeTags", "DescribeListenerAttributes"),
        update=_elb("ModifyListener", "AddTags", "RemoveTags"),
        delete=_elb("DeleteListener"),
    ),
    "aws_lb_target_group": Actions(
        create=_elb("CreateTargetGroup", "ModifyTargetGroupAttributes", "AddTags"),
        read=_elb("DescribeTargetGroups", "DescribeTargetGroupAttributes", "DescribeTags"),
        update=_elb("ModifyTargetGroup", "ModifyTargetGroupAttributes", "AddTags", "RemoveTags"),
        delete=_elb("DeleteTargetGroup"),
    ),
    "aws_lb_target_group_attachment": Actions(create=_elb("RegisterTargets"), read=_elb("DescribeTargetHealth"), delete=_elb("DeregisterTargets")),
    # Route 53 and the Resolver
    "aws_route53_zone": Actions(
        create=(*_r53("CreateHostedZone", "GetChange", "ChangeTagsForResource"), "ec2:DescribeVpcs"),
        # A private zone has no delegation set: its read lists the zone's NS records for name_servers
        # (findNameServersByZone in the provider's internal/service/route53/zone.go).
        read=_r53("GetHostedZone", "ListTagsForResource", "ListResourceRecordSets"),
        update=_r53("AssociateVPCWithHostedZone", "DisassociateVPCFromHostedZone", "UpdateHostedZoneComment", "ChangeTagsForResource"),
        delete=_r53("DeleteHostedZone", "ListResourceRecordSets", "ChangeResourceRecordSets"),
    ),
    # sts:GetCallerIdentity needs no permission ("No permissions are required to perform this operation",
    # https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
    # A Resource endpoint's DNS names (its association's): ec2:DescribeVpcEndpointAssociations,
    # https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpointAssociations.html
    "data.aws_vpc_endpoint_associations": Actions(create=(), read=_ec2("DescribeVpcEndpointAssociations")),
    "data.aws_route53_zone": Actions(create=(), read=_r53("ListHostedZonesByName", "GetHostedZone", "ListTagsForResource")),
    "aws_route53_record": Actions(
        create=_r53("ChangeResourceRecordSets", "GetChange"),
        read=_r53("ListResourceRecordSets"),
        update=_r53("ChangeResourceRecordSets", "GetChange"),
        delete=_r53("ChangeResourceRecordSets", "GetChange"),
    ),
    # The association's read finds it among the VPC's zones (GetZoneAssociation: ListHostedZonesByVPC), not by the
    # zone: internal/service/route53/zone_association.go
    # (https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/route53/zone_association.go);
    # Route 53 checks the VPC on the caller's behalf (ec2:DescribeVpcs, already in create).
    "aws_route53_zone_association": Actions(
        create=(*_r53("AssociateVPCWithHostedZone", "GetChange"), "ec2:DescribeVpcs"),
        read=_r53("ListHostedZonesByVPC"),
        delete=_r53("DisassociateVPCFromHostedZone", "GetChange"),
    ),
    "aws_route53_vpc_association_authorization": Actions(
        create=_r53("CreateVPCAssociationAuthorization"), read=_r53("ListVPCAssociationAuthorizations"), delete=_r53("DeleteVPCAssociationAuthorization")
    ),
    "aws_route53_resolver_endpoint": Actions(
        create=(
            "route53resolver:CreateResolverEndpoint",
            "route53resolver:TagResource",
            *_ec2("CreateNetworkInterface", "DescribeSubnets", "DescribeSecurityGroups", "DescribeVpcs"),
        ),
        read=("route53resolver:GetResolverEndpoint", "route53resolver:ListResolverEndpointIpAddresses", "route53resolver:ListTagsForResource"),
        update=(
            "route53resolver:UpdateResolverEndpoint",
            "route53resolver:AssociateResolverEndpointIpAddress",
            "route53resolver:DisassociateResolverEndpointIpAddress",
            "route53resolver:TagResource",
            "route53resolver:UntagResource",
        ),
        delete=("route53resolver:DeleteResolverEndpoint", "ec2:DeleteNetworkInterface"),
    ),
    # Direct Connect, virtual private gateways and transit gateways
    "aws_vpn_gateway": Actions(create=_ec2("CreateVpnGateway", "CreateTags"), read=_ec2("DescribeVpnGateways"), update=TAGS, delete=_ec2("DeleteVpnGateway")),
    "aws_vpn_gateway_attachment": Actions(create=_ec2("AttachVpnGateway"), read=_ec2("DescribeVpnGateways"), delete=_ec2("DetachVpnGateway")),
    "aws_vpn_gateway_route_propagation": Actions(
        create=_ec2("EnableVgwRoutePropagation"), read=_ec2("DescribeRouteTables"), delete=_ec2("DisableVgwRoutePropagation")
    ),
    "aws_dx_gateway_association": Actions(
        create=("directconnect:CreateDirectConnectGatewayAssociation", "ec2:DescribeVpnGateways"),
        read=("directconnect:DescribeDirectConnectGatewayAssociations",),
        update=("directconnect:UpdateDirectConnectGatewayAssociation",),
        delete=("directconnect:DeleteDirectConnectGatewayAssociation",),
    ),
    # Create and every read also read the transit gateway (FindTransitGatewayByID: DescribeTransitGateways); when the
    # gateway's owner is the VPC's, they read and set the attachment's association with and propagation to the
    # gateway's default route tables (internal/service/ec2/transitgateway_vpc_attachment.go,
    # https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ec2/transitgateway_vpc_attachment.go);
    # DescribeTransitGateways found by the IAM-enforced emulator (tests/apply/test_units_apply.py, shared-services).
    "aws_ec2_transit_gateway_vpc_attachment": Actions(
        create=_ec2("CreateTransitGatewayVpcAttachment", "CreateTags"),
        read=_ec2("DescribeTransitGatewayVpcAttachments", "DescribeTransitGateways"),
        update=(*_ec2("ModifyTransitGatewayVpcAttachment"), *TAGS),
        delete=_ec2("DeleteTransitGatewayVpcAttachment"),
        when={
            "the transit gateway is the VPC owner's own (its default route tables' association and propagation)": _ec2(
                "GetTransitGatewayRouteTableAssociations",
                "GetTransitGatewayRouteTablePropagations",
                "AssociateTransitGatewayRouteTable",
                "DisassociateTransitGatewayRouteTable",
                "EnableTransitGatewayRouteTablePropagation",
                "DisableTransitGatewayRouteTablePropagation",
            )
        },
    ),
    # Peering: accepting is the other side's; destroying the accepter only forgets it.
    "aws_vpc_peering_connection": Actions(
        create=_ec2("CreateVpcPeeringConnection", "CreateTags"),
        read=_ec2("DescribeVpcPeeringConnections"),
        update=(*_ec2("ModifyVpcPeeringConnectionOptions"), *TAGS),
        delete=_ec2("DeleteVpcPeeringConnection"),
    ),
    "aws_vpc_peering_connection_accepter": Actions(
        create=_ec2("AcceptVpcPeeringConnection", "CreateTags"),
        read=_ec2("DescribeVpcPeeringConnections"),
        update=(*_ec2("ModifyVpcPeeringConnectionOptions"), *TAGS),
    ),
    # AWS RAM
    # Every read of a share also lists its permissions (permission_arns): resourceResourceShareRead's
    # ListResourceSharePermissions paginator, internal/service/ram/resource_share.go
    # (https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ram/resource_share.go);
    # found by the IAM-enforced emulator (tests/apply/test_units_apply.py, resource-access).
    "aws_ram_resource_share": Actions(
        create=_ram("CreateResourceShare", "TagResource"),
        read=_ram("GetResourceShares", "ListResourceSharePermissions"),
        update=_ram("UpdateResourceShare", "TagResource", "UntagResource"),
        delete=_ram("DeleteResourceShare"),
    ),
    "aws_ram_resource_association": Actions(
        create=_ram("AssociateResourceShare"), read=_ram("GetResourceShareAssociations"), delete=_ram("DisassociateResourceShare")
    ),
    "aws_ram_principal_association": Actions(
        create=_ram("AssociateResourceShare"), read=_ram("GetResourceShareAssociations"), delete=_ram("DisassociateResourceShare")
    ),
    # The accepter's read also lists the share's resources (its `resources`): resourceResourceShareAccepterRead's
    # ListResources (ResourceOwner OTHER-ACCOUNTS), internal/service/ram/resource_share_accepter.go
    # (https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ram/resource_share_accepter.go).
    "aws_ram_resource_share_accepter": Actions(
        create=_ram("AcceptResourceShareInvitation", "GetResourceShareInvitations"),
        read=_ram("GetResourceShares", "GetResourceShareInvitations", "ListResources"),
        delete=_ram("DisassociateResourceShare"),
    ),
    # VPC Lattice
    "aws_vpclattice_resource_gateway": Actions(
        create=(*_lattice("CreateResourceGateway", "TagResource"), *_ec2("DescribeVpcs", "DescribeSubnets", "DescribeSecurityGroups")),
        read=_lattice("GetResourceGateway", "ListTagsForResource"),
        update=_lattice("UpdateResourceGateway", "TagResource", "UntagResource"),
        delete=_lattice("DeleteResourceGateway"),
    ),
    "aws_vpclattice_resource_configuration": Actions(
        create=_lattice("CreateResourceConfiguration", "TagResource"),
        read=_lattice("GetResourceConfiguration", "ListTagsForResource"),
        update=_lattice("UpdateResourceConfiguration", "TagResource", "UntagResource"),
        delete=_lattice("DeleteResourceConfiguration"),
    ),
    "aws_vpclattice_service_network": Actions(
        create=_lattice("CreateServiceNetwork", "TagResource"),
        read=_lattice("GetServiceNetwork", "ListTagsForResource"),
        update=_lattice("UpdateServiceNetwork", "TagResource", "UntagResource"),
        delete=_lattice("DeleteServiceNetwork"),
    ),
    "aws_vpclattice_service_network_resource_association": Actions(
        create=_lattice("CreateServiceNetworkResourceAssociation", "TagResource"),
        read=_lattice("GetServiceNetworkResourceAssociation"),
        delete=_lattice("DeleteServiceNetworkResourceAssociation"),
    ),
    # A unit reads another unit's outputs from its state object in S3 (the S3 backend's own permissions,
    # https://developer.hashicorp.com/terraform/language/backend/s3#permissions-required).
    "data.terraform_remote_state": Actions(create=(), read=("s3:GetObject", "s3:ListBucket")),
}
