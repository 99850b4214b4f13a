"""The VPC a side lives in: created from a CIDR, or an existing one by ID.

Both sides of PrivateLink need the same thing from their network: a VPC ID,
one subnet per Availability Zone (keyed by AZ ID, which names the same
physical zone in every account), and the route tables that later get routes
(Direct Connect propagation, peering). This construct hides which of the two
cases applies behind three locals: ``vpc_id``, ``subnet_ids``,
``route_table_ids``.
"""

from __future__ import annotations

from plgen.constructs.declare import declare
from plgen.features.names import FeatureName
from plgen.interfaces.base import Interface
from plgen.terraform import Construct, local, resource, tf


class Network(Construct):
    """VPC, subnets per AZ ID, and one route table, unless ``var.vpc.id`` names an existing VPC.

    A created VPC's default security group is adopted and emptied (no ingress,
    no egress): secure by default, and what CIS AWS 5.4 asks for.

    With the flow-logs feature, a created VPC whose ``var.vpc.flow_logs`` is
    set gets an ``aws_flow_log`` to the named bucket or log group.

    Exposes ``vpc_id``, ``subnet_ids`` (map AZ ID -> subnet ID) and
    ``route_table_ids`` as expressions for the constructs built on it.
    """

    def __init__(self, scope: Construct, interface: Interface, features: frozenset[str], name: str = "network") -> None:
        super().__init__(scope, name)
        vpc = declare(self, interface, "vpc", features)
        create = tf(f"{vpc}.id == null ? 1 : 0")
        ipv6 = FeatureName.DUAL_STACK in features
        resource(
            self,
            "aws_vpc",
            "this",
            {
                "cidr_block": tf(f"{vpc}.cidr"),
                "enable_dns_support": True,
                "enable_dns_hostnames": True,
                # Dual-stack or IPv6-only subnets: an Amazon-provided IPv6 /56 (the VPC keeps its IPv4 CIDR, which AWS requires).
                **({"assign_generated_ipv6_cidr_block": tf(f'{vpc}.ip_address_type != "ipv4"')} if ipv6 else {}),
                "tags": tf("merge(var.tags, { Name = var.name })"),
            },
            count=create,
        )
        # A created VPC's default security group would admit all traffic between
        # its members; nothing plgen builds uses it, so it is adopted with no rules.
        resource(
            self,
            "aws_default_security_group",
            "this",
            {
                "vpc_id": tf("aws_vpc.this[0].id"),
                "tags": tf('merge(var.tags, { Name = "${var.name}-default-closed" })'),
            },
            count=create,
        )
        resource(
            self,
            "aws_subnet",
            "this",
            {
                "vpc_id": tf("aws_vpc.this[0].id"),
                "cidr_block": tf(f'{vpc}.ip_address_type == "ipv6" ? null : each.value') if ipv6 else tf("each.value"),
                # The n-th subnet (AZ IDs in order) gets the n-th /64 of the VPC's /56.
                **(
                    {
                        "ipv6_cidr_block": tf(f'{vpc}.ip_address_type == "ipv4" ? null : cidrsubnet(aws_vpc.this[0].ipv6_cidr_block, 8, index(sort(keys({vpc}.subnet_cidrs)), each.key))'),
                        "ipv6_native": tf(f'{vpc}.ip_address_type == "ipv6"'),
                        "assign_ipv6_address_on_creation": tf(f'{vpc}.ip_address_type != "ipv4"'),
                    }
                    if ipv6
                    else {}
                ),
                "availability_zone_id": tf("each.key"),
                "tags": tf('merge(var.tags, { Name = "${var.name}-${each.key}" })'),
            },
            for_each=tf(f"{vpc}.id == null ? {vpc}.subnet_cidrs : {{}}"),
        )
        if FeatureName.FLOW_LOGS in features:
            # Only a created VPC: an existing one keeps the flow logs its owner gave it (rule flow-logs-created-vpc).
            resource(
                self,
                "aws_flow_log",
                "this",
                {
                    "vpc_id": tf("aws_vpc.this[0].id"),
                    "log_destination": tf(f"{vpc}.flow_logs.destination_arn"),
                    "log_destination_type": tf(f"{vpc}.flow_logs.destination_type"),
                    "traffic_type": tf(f"{vpc}.flow_logs.traffic_type"),
                    # A log group's writer; null for S3, whose bucket policy admits the log delivery service (rule flow-logs-role).
                    "iam_role_arn": tf(f"{vpc}.flow_logs.iam_role_arn"),
                    "tags": tf('merge(var.tags, { Name = "${var.name}-flow-log" })'),
                },
                count=tf(f"{vpc}.id == null && {vpc}.flow_logs != null ? 1 : 0"),
            )
        resource(
            self,
            "aws_route_table",
            "this",
            {
                "vpc_id": tf("aws_vpc.this[0].id"),
                "tags": tf("merge(var.tags, { Name = var.name })"),
            },
            count=create,
        )
        resource(
            self,
            "aws_route_table_association",
            "this",
            {
                "subnet_id": tf("each.value.id"),
                "route_table_id": tf("aws_route_table.this[0].id"),
            },
            for_each=tf("aws_subnet.this"),
        )
        self.vpc_id = local(self, "vpc_id", tf(f"{vpc}.id != null ? {vpc}.id : one(aws_vpc.this[*].id)"))
        self.subnet_ids = local(self, "subnet_ids", tf(f"{vpc}.id != null ? {vpc}.subnet_ids : {{ for az, subnet in aws_subnet.this : az => subnet.id }}"))
        self.route_table_ids = local(self, "route_table_ids", tf(f"{vpc}.id != null ? {vpc}.route_table_ids : aws_route_table.this[*].id"))


class DirectConnectGateway(Construct):
    """The VPC's way in from Direct Connect: a virtual private gateway, or a transit gateway attachment.

    The notes: terminate the Direct Connect private VIF on a virtual private
    gateway attached to the VPC; route propagation puts the on-premises
    prefixes learned over BGP into the VPC's route tables. Created only when
    ``var.on_premises`` is set, in one of three shapes (each option null,
    i.e. off, unless the blueprint names it):

    - the default: a virtual private gateway plgen creates on the VPC
      (``amazon_side_asn``), propagating into every route table;
    - ``vpn_gateway_id``: that existing gateway instead, attached by
      ``aws_vpn_gateway_attachment`` to a VPC plgen creates (AttachVpnGateway: an
      available gateway, one VPC at a time,
      https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AttachVpnGateway.html);
      an existing VPC must have it attached already;
    - ``direct_connect_gateway_id`` (with either): ``aws_dx_gateway_association``
      of the Direct Connect gateway with the virtual private gateway, allowed
      prefixes the VPC CIDR (AWS provisions the whole VPC CIDR on the gateway:
      https://docs.aws.amazon.com/directconnect/latest/UserGuide/multi-account-associate-vgw.html);
      the route propagation waits for the association;
    - ``transit_gateway_id``: no virtual private gateway;
      ``aws_ec2_transit_gateway_vpc_attachment`` in one subnet per AZ (AWS takes
      one per AZ, and an AZ without one cannot reach the transit gateway:
      https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html), and
      a route per route table and on-premises CIDR to the transit gateway, created
      after the attachment. The attachment is reachable only once it is
      associated with a transit gateway route table and its CIDR propagated
      (or routed) towards the Direct Connect/VPN attachment
      (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html,
      https://docs.aws.amazon.com/vpc/latest/tgw/associate-tgw-route-table.html:
      one route table per attachment). With
      ``transit_gateway_route_table_id`` the attachment is associated with it
      (and kept out of the default association route table); with
      ``transit_gateway_propagation_route_table_ids`` its CIDR propagates into
      those (and not into the default propagation route table). Without them,
      both default flags are set to ``true`` explicitly: the gateway's default
      route tables take the attachment only if the gateway has default
      association/propagation enabled (``DefaultRouteTableAssociation``,
      "Enabled by default",
      https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayOptions.html);
      otherwise its owner must associate and propagate it (the catalogue page
      says so). The Direct Connect gateway behind it is its owner's.

    Exposes ``cidrs`` (the on-premises CIDRs, for security groups) and
    ``gateway_id`` (the virtual private gateway, created or reused; null with a
    transit gateway).
    """

    def __init__(self, scope: Construct, network: Network, interface: Interface, features: frozenset[str], name: str = "direct-connect") -> None:
        super().__init__(scope, name)
        on_prem = declare(self, interface, "on_premises", features)
        vgw = f"{on_prem} != null && try({on_prem}.transit_gateway_id, null) == null"
        reused = f"try({on_prem}.vpn_gateway_id, null)"
        resource(
            self,
            "aws_vpn_gateway",
            "this",
            {
                "vpc_id": tf(network.vpc_id),
                "amazon_side_asn": tf(f"{on_prem}.amazon_side_asn"),
                "tags": tf("merge(var.tags, { Name = var.name })"),
            },
            count=tf(f"{vgw} && {reused} == null ? 1 : 0"),
        )
        # A reused gateway is attached to a VPC plgen creates; an existing VPC has it attached already.
        resource(
            self,
            "aws_vpn_gateway_attachment",
            "this",
            {"vpc_id": tf(network.vpc_id), "vpn_gateway_id": tf(f"{on_prem}.vpn_gateway_id")},
            count=tf(f"{vgw} && {reused} != null && var.vpc.id == null ? 1 : 0"),
        )
        self.gateway_id = f"({reused} != null ? {reused} : one(aws_vpn_gateway.this[*].id))"
        resource(
            self,
            "aws_dx_gateway_association",
            "this",
            {
                "dx_gateway_id": tf(f"{on_prem}.direct_connect_gateway_id"),
                "associated_gateway_id": tf(self.gateway_id),
                "allowed_prefixes": tf(f"{on_prem}.allowed_prefixes"),
            },
            count=tf(f"{vgw} && try({on_prem}.direct_connect_gateway_id, null) != null ? 1 : 0"),
            depends_on=["aws_vpn_gateway_attachment.this"],
        )
        resource(
            self,
            "aws_vpn_gateway_route_propagation",
            "this",
            {
                "vpn_gateway_id": tf(self.gateway_id),
                "route_table_id": tf(f"{network.route_table_ids}[count.index]"),
            },
            count=tf(f"{vgw} ? length({network.route_table_ids}) : 0"),
            depends_on=["aws_vpn_gateway_attachment.this", "aws_dx_gateway_association.this"],
        )
        tgw = f"try({on_prem}.transit_gateway_id, null) != null"
        resource(
            self,
            "aws_ec2_transit_gateway_vpc_attachment",
            "this",
            {
                "transit_gateway_id": tf(f"{on_prem}.transit_gateway_id"),
                "vpc_id": tf(network.vpc_id),
                "subnet_ids": tf(f"values({network.subnet_ids})"),
                # Explicit either way: the gateway's default route tables only when the blueprint names none of its own.
                "transit_gateway_default_route_table_association": tf(f"{on_prem}.transit_gateway_route_table_id == null"),
                "transit_gateway_default_route_table_propagation": tf(f"length({on_prem}.transit_gateway_propagation_route_table_ids) == 0"),
                "tags": tf("merge(var.tags, { Name = var.name })"),
            },
            count=tf(f"{on_prem} != null && {tgw} ? 1 : 0"),
        )
        resource(
            self,
            "aws_ec2_transit_gateway_route_table_association",
            "this",
            {
                "transit_gateway_attachment_id": tf("aws_ec2_transit_gateway_vpc_attachment.this[0].id"),
                "transit_gateway_route_table_id": tf(f"{on_prem}.transit_gateway_route_table_id"),
            },
            count=tf(f"{on_prem} != null && {tgw} ? ({on_prem}.transit_gateway_route_table_id != null ? 1 : 0) : 0"),
        )
        resource(
            self,
            "aws_ec2_transit_gateway_route_table_propagation",
            "this",
            {
                "transit_gateway_attachment_id": tf("aws_ec2_transit_gateway_vpc_attachment.this[0].id"),
                "transit_gateway_route_table_id": tf("each.value"),
            },
            for_each=tf(f"{on_prem} != null && {tgw} ? toset({on_prem}.transit_gateway_propagation_route_table_ids) : toset([])"),
        )
        resource(
            self,
            "aws_route",
            "on_premises",
            {
                "route_table_id": tf("each.value.route_table_id"),
                "destination_cidr_block": tf("each.value.cidr"),
                "transit_gateway_id": tf("aws_ec2_transit_gateway_vpc_attachment.this[0].transit_gateway_id"),
            },
            for_each=tf(
                f"{on_prem} != null && {tgw} ? merge([for i, table in {network.route_table_ids} : {{ for cidr in {on_prem}.cidrs : "
                f'"${{i}}:${{cidr}}" => {{ route_table_id = table, cidr = cidr }} }}]...) : {{}}'
            ),
        )
        self.cidrs = f"({on_prem} == null ? [] : {on_prem}.cidrs)"
