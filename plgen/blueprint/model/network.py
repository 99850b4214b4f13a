"""VPCs and what reaches them: created or existing VPCs and their subnets, flow logs, on-premises access, peers."""

from __future__ import annotations

import ipaddress
from enum import StrEnum
from functools import lru_cache
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator, model_validator

from plgen.aws.arns import FLOW_LOG_DESTINATION
from plgen.blueprint.formats import (
    AccountId,
    AzId,
    Cidr,
    DeployRole,
    DirectConnectGatewayId,
    Flag,
    Region,
    RoleArn,
    RouteTableId,
    SecurityGroupId,
    Slug,
    SubnetId,
    TransitGatewayId,
    TransitGatewayRouteTableId,
    VpcId,
    VpnGatewayId,
    Whole,
)
from plgen.blueprint.model.base import Strict


class IpAddressType(StrEnum):
    """IP addressing of subnets, NLBs and endpoints: IPv4 only, dual-stack, or IPv6 only."""

    ipv4 = "ipv4"
    dualstack = "dualstack"
    ipv6 = "ipv6"


class TrafficType(StrEnum):
    ALL = "ALL"
    ACCEPT = "ACCEPT"
    REJECT = "REJECT"


class FlowLogs(Strict):
    """VPC flow logs of a VPC plgen creates, to an S3 bucket or a CloudWatch Logs log group plgen does not create.

    A log group destination needs the IAM role the flow logs service
    (`vpc-flow-logs.amazonaws.com`) assumes to write to it; an S3 destination
    takes none, the bucket's policy admits `delivery.logs.amazonaws.com` instead
    (rule flow-logs-role). An existing VPC keeps the flow logs its owner gave
    it (rule flow-logs-created-vpc).
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateFlowLogs.html
    https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
    https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html
    """

    destination_arn: Annotated[str, StringConstraints(pattern=FLOW_LOG_DESTINATION)] = Field(
        ..., description="ARN of an S3 bucket (`arn:aws:s3:::bucket[/prefix]`) or a CloudWatch Logs log group (`arn:aws:logs:<region>:<account>:log-group:<name>`)."
    )
    traffic_type: TrafficType = Field(TrafficType.ALL, description="Which flows are logged: ALL, ACCEPT or REJECT. @default ALL")
    iam_role_arn: RoleArn | None = Field(
        None, description="Role the flow logs service assumes to write to a log group; required for a log group, refused for S3. @default none"
    )

    @property
    def destination_type(self) -> str:
        return "s3" if self.destination_arn.split(":")[2] == "s3" else "cloud-watch-logs"


class Vpc(Strict):
    """A VPC that plgen creates (``cidr``) or an existing one (``id``).

    A created VPC gets one subnet per Availability Zone; unless ``subnet_cidrs``
    names them, they are the first /24s (or smaller, for small VPCs) in AZ order.
    An existing VPC must name its subnet per AZ, and its route tables where
    routes are added (peering, on-premises).
    """

    cidr: Cidr | None = Field(None, description="CIDR of a VPC plgen creates.")
    subnet_cidrs: dict[AzId, Cidr] = Field(default_factory=dict, description="Subnet CIDR per AZ ID. @default consecutive subnets of `cidr`.")
    id: VpcId | None = Field(None, description="ID of an existing VPC.")
    existing_cidr: Cidr | None = Field(None, description="CIDR of the existing VPC, needed for routes and overlap checks.")
    subnet_ids: dict[AzId, SubnetId] = Field(default_factory=dict, description="Existing subnet per AZ ID.")
    route_table_ids: list[RouteTableId] = Field(default_factory=list, description="Existing route tables that get routes.")
    ip_address_type: IpAddressType = Field(
        IpAddressType.ipv4,
        description=(
            "The subnets' addressing. `dualstack`: a created VPC gets an Amazon-provided IPv6 /56 and each subnet a /64 "
            "beside its IPv4 CIDR; `ipv6`: IPv6-only subnets (the VPC keeps its IPv4 CIDR, which AWS requires). For an "
            "existing VPC, what its subnets have. @default ipv4"
        ),
    )
    flow_logs: FlowLogs | None = Field(
        None, description="VPC flow logs (aws_flow_log) of a VPC plgen creates, to a bucket or log group named here. @default off"
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Vpc:
        if (self.cidr is None) == (self.id is None):
            raise ValueError("give either `cidr` (plgen creates the VPC) or `id` (an existing VPC), not both or neither")
        if self.id is None and (self.subnet_ids or self.route_table_ids or self.existing_cidr):
            raise ValueError("`subnet_ids`, `route_table_ids` and `existing_cidr` describe an existing VPC; use them with `id`")
        if self.id is not None and self.subnet_cidrs:
            raise ValueError("`subnet_cidrs` is for a VPC plgen creates; an existing VPC names `subnet_ids`")
        return self

    @property
    def created(self) -> bool:
        return self.cidr is not None

    @property
    def network(self) -> ipaddress.IPv4Network | None:
        value = self.cidr or self.existing_cidr
        return _parsed_network(value) if value else None

    def subnets_for(self, azs: list[str]) -> dict[str, str]:
        """Subnet CIDR per AZ for a created VPC, deterministic in AZ order."""
        if self.subnet_cidrs:
            return {az: self.subnet_cidrs[az] for az in azs if az in self.subnet_cidrs}
        return dict(_default_subnets(self.cidr, tuple(azs)))


@lru_cache(maxsize=65536)


def _parsed_network(cidr: str) -> ipaddress.IPv4Network:
    """``IPv4Network`` objects are immutable; rules ask for every side's network."""
    return ipaddress.IPv4Network(cidr)


@lru_cache(maxsize=65536)


def _default_subnets(cidr: str, azs: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The first /24s (or smaller) of ``cidr``, one per AZ in order.

    Computed with integers rather than ``IPv4Network.subnets`` (which builds an
    object per block), and cached: the rules and the module data both ask for
    every consumer's subnets, and a blueprint may have thousands of consumers.
    """
    net = ipaddress.IPv4Network(cidr)
    prefix = min(max(net.prefixlen + 2, 24), 28)
    if prefix < net.prefixlen or len(azs) > 1 << (prefix - net.prefixlen):
        blocks = net.subnets(new_prefix=prefix)  # too small: fails as it always did
        return tuple((az, str(next(blocks))) for az in azs)
    base, size = int(net.network_address), 1 << (32 - prefix)
    return tuple((az, f"{ipaddress.IPv4Address(base + i * size)}/{prefix}") for i, az in enumerate(azs))


class OnPremises(Strict):
    """On-premises networks reached over AWS Direct Connect.

    By default plgen creates a virtual private gateway attached to the VPC, with
    route propagation into its route tables; the Direct Connect private virtual
    interface that terminates on that gateway is ordered outside Terraform.
    Three options change the gateway, each off unless named:

    - ``vpn_gateway_id``: reuse an existing virtual private gateway (no gateway
      is created; a created VPC gets it attached, an existing VPC must have it
      attached already);
    - ``direct_connect_gateway_id``: associate a Direct Connect gateway with the
      virtual private gateway (``allowed_prefixes``: the VPC CIDR) before the
      route propagation;
    - ``transit_gateway_id``: attach the VPC to a transit gateway instead (one
      subnet per AZ) and route the on-premises CIDRs to it; no virtual private
      gateway.

    A gateway owned by another account is refused (``direct-connect-options``).
    """

    cidrs: list[Cidr] = Field(..., min_length=1, description="On-premises CIDRs that reach (or are reached from) this VPC.")
    amazon_side_asn: Whole = Field(
        64512, ge=64512, le=4294967294, description="BGP ASN of the virtual private gateway: 64512-65534 or 4200000000-4294967294. @default 64512"
    )
    resolver_endpoint: Flag = Field(
        False,
        description="A consumer's access VPC only: a Route 53 Resolver inbound endpoint, so data-centre resolvers can forward the friendly and "
        "private DNS names to it; its security group admits only `cidrs`, on port 53 TCP and UDP. @default false",
    )
    vpn_gateway_id: VpnGatewayId | None = Field(
        None,
        description="An existing virtual private gateway to use instead of creating one; its routes propagate into the VPC's route tables. "
        "It must be in the side's account and Region; plgen attaches it to a VPC it creates (`aws_vpn_gateway_attachment`: the gateway must "
        "be detached), and an existing VPC must have it attached already. @default none: plgen creates the gateway",
    )
    direct_connect_gateway_id: DirectConnectGatewayId | None = Field(
        None,
        description="A Direct Connect gateway to associate with the virtual private gateway (`aws_dx_gateway_association`, allowed prefixes: "
        "the VPC CIDR) before route propagation, for a private virtual interface on that Direct Connect gateway. @default none: the "
        "virtual interface terminates on the virtual private gateway itself",
    )
    direct_connect_gateway_account_id: AccountId | None = Field(
        None,
        description="Owner of the Direct Connect gateway. Another account than the side's is refused: AWS needs an association proposal "
        "accepted by that owner. @default the side's own account",
    )
    transit_gateway_id: TransitGatewayId | None = Field(
        None,
        description="Attach the VPC to this transit gateway instead of a virtual private gateway: one subnet per AZ, and routes for `cidrs` "
        "to the transit gateway in the VPC's route tables. @default none: a virtual private gateway",
    )
    transit_gateway_route_table_id: TransitGatewayRouteTableId | None = Field(
        None,
        description="The transit gateway route table to associate the attachment with (`aws_ec2_transit_gateway_route_table_association`), "
        "instead of the gateway's default association route table. @default the gateway's default association (only if the gateway has "
        "default association enabled: otherwise its owner must associate the attachment)",
    )
    transit_gateway_propagation_route_table_ids: list[TransitGatewayRouteTableId] = Field(
        default_factory=list,
        description="Transit gateway route tables the VPC's CIDR propagates into (`aws_ec2_transit_gateway_route_table_propagation`): the "
        "one the Direct Connect gateway or VPN attachment is associated with, so on-premises traffic finds the way back. @default the "
        "gateway's default propagation (only if the gateway has default propagation enabled: otherwise its owner must add the route)",
    )
    transit_gateway_account_id: AccountId | None = Field(
        None,
        description="Owner of the transit gateway. Another account than the side's (a gateway shared through RAM) is refused: its owner "
        "must accept the attachment unless the gateway auto-accepts shared attachments. @default the side's own account",
    )

    @field_validator("amazon_side_asn")
    @classmethod
    def _private_asn(cls, value: int) -> int:
        """AWS takes a private ASN only (CreateVpnGateway, AmazonSideAsn): 64512-65534 or 4200000000-4294967294."""
        if not (64512 <= value <= 65534 or 4200000000 <= value <= 4294967294):
            raise ValueError(f"amazon_side_asn {value} is not a private ASN: use 64512-65534 or 4200000000-4294967294")
        return value


class Peer(Strict):
    """A VPC in another Region (or account) joined by inter-region VPC peering.

    Used by the inter-region patterns: the provider's home fleet behind a
    remote NLB, or a consumer's home workloads reaching an endpoint in the
    service's Region. Routes are added on both sides.
    """

    name: Slug = Field(..., description="Short name of the peer VPC.")
    region: Region = Field(..., description="Region of the peer VPC.")
    account_id: AccountId | None = Field(None, description="Owner of the peer VPC. @default the side's own account")
    vpc: Vpc = Field(..., description="The peer VPC (created or existing).")
    azs: list[AzId] = Field(default_factory=list, description="AZ IDs for subnets when plgen creates the peer VPC.")
    security_group_ids: list[SecurityGroupId] = Field(
        default_factory=list, description="Security groups in the peer VPC that must admit traffic from the other side (e.g. the home fleet's group)."
    )
    deploy_role: DeployRole | None = Field(None, description="Role the peer's deployment unit assumes in the peer's account. @default the blueprint's `deploy_role`")
