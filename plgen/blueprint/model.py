"""The typed blueprint: one format for every PrivateLink pattern.

A blueprint has *providers* (teams that own a VPC and expose endpoint services
behind Network Load Balancers) and *consumers* (VPCs that reach those services
through interface endpoints). Patterns differ in which optional parts they use
(on-premises access, inter-region peering, several services per VPC), not in
the shape of the document.

Defaults are the secure choice and are documented on each field, in the manner
of the CDK's ``@default``: acceptance is required, no principal is allowed
unless named, endpoint security groups admit only the sources listed.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator
from pydantic import Strict as StrictType
from pydantic.json_schema import SkipJsonSchema

# Patterns in StringConstraints run on pydantic-core's Rust regex engine, where
# `$` is the end of the text (never before a final newline, unlike Python's
# `re`); the same `^...$` is what JSON Schema (ECMA-262) means, so the schema
# keeps them. Patterns checked in Python below use re.fullmatch, for the same
# reason: `re.match("^a$", "a\n")` matches. tests/blueprint/test_input_limits.py
# checks every pattern refuses a trailing newline.
SLUG = r"^[a-z][a-z0-9-]{0,30}[a-z0-9]$"
Slug = Annotated[str, StringConstraints(pattern=SLUG)]
AccountId = Annotated[str, StringConstraints(pattern=r"^[0-9]{12}$")]
Region = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$")]
AZ_ID = r"^[a-z]{2,5}[0-9]-az[0-9]{1,2}$"
AZ_NAME = re.compile(r"[a-z]{2}(-gov)?-[a-z]+-[0-9][a-z]")
# Strict: YAML `true` is not port 1 and `"443"` is text, as the JSON Schema says (integer, boolean).
Whole = Annotated[int, StrictType()]
Flag = Annotated[bool, StrictType()]
Port = Annotated[int, StrictType(), Field(ge=1, le=65535)]
VpcId = Annotated[str, StringConstraints(pattern=r"^vpc-[0-9a-f]{8,17}$")]
SubnetId = Annotated[str, StringConstraints(pattern=r"^subnet-[0-9a-f]{8,17}$")]
RouteTableId = Annotated[str, StringConstraints(pattern=r"^rtb-[0-9a-f]{8,17}$")]
VpnGatewayId = Annotated[str, StringConstraints(pattern=r"^vgw-[0-9a-f]{8,17}$")]
TransitGatewayId = Annotated[str, StringConstraints(pattern=r"^tgw-[0-9a-f]{8,17}$")]
# A Direct Connect gateway's ID is a UUID (DescribeDirectConnectGateways, directConnectGatewayId).
DirectConnectGatewayId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
SecurityGroupId = Annotated[str, StringConstraints(pattern=r"^sg-[0-9a-f]{8,17}$")]
InstanceId = Annotated[str, StringConstraints(pattern=r"^i-[0-9a-f]{8,17}$")]
CertificateArn = Annotated[str, StringConstraints(pattern=r"^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]{36}$")]
PRINCIPAL = re.compile(r"arn:aws[a-z-]*:iam::[0-9]{12}:(root|user/[\w+=,.@/-]+|role/[\w+=,.@/-]+)")
DOMAIN = re.compile(r"(?=.{1,253}\Z)(?!-)([a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}")
INJECTION = ("${", "%{")


def _no_template(value: str) -> str:
    """Terraform would evaluate ``${`` and ``%{`` inside any string we emit."""
    if any(marker in value for marker in INJECTION):
        raise ValueError("must not contain '${' or '%{' (Terraform would evaluate it as a template)")
    return value


Text = Annotated[str, StringConstraints(max_length=255), AfterValidator(_no_template)]
# The role a deployment unit's provider assumes: a role name, or an ARN pattern with `{account_id}` for the unit's account.
DEPLOY_ROLE = r"^([A-Za-z0-9+=,.@_-]{1,64}|arn:aws[a-z-]*:iam::\{account_id\}:role/[A-Za-z0-9+=,.@_/-]{1,64})$"
DeployRole = Annotated[str, StringConstraints(pattern=DEPLOY_ROLE)]
BUCKET = r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"
StateKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9!_.*'()/-]{1,512}$")]
# Only the NLB policies whose lowest protocol is TLS 1.2 or 1.3 (older ones admit TLS 1.0/1.1).
TLS12_POLICY = r"^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)(-[A-Za-z0-9]{1,20}){0,4}$"
SslPolicy = Annotated[str, StringConstraints(pattern=TLS12_POLICY)]


TAG_PUNCTUATION = frozenset("_.:/=+-@")
TAG_KEY_PATTERN = r"^(?![aA][wW][sS]:)[\p{L}\p{Zs}\p{N}_.:/=+\-@]{1,128}$"
TAG_VALUE_PATTERN = r"^(?![aA][wW][sS]:)[\p{L}\p{Zs}\p{N}_.:/=+\-@]{0,256}$"


def _tag_problem(value: str, what: str, longest: int, shortest: int) -> str | None:
    """What is wrong with a tag key or value under AWS's tag rules, or ``None``.

    The rules are AWS's "Tag naming limits and requirements" (Tagging AWS
    Resources user guide), which the service APIs write as the pattern
    ``^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$`` (e.g. the ``Tag`` type of the
    CloudFront and EFS API references,
    https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Tag.html):
    letters and digits of any script, spaces, and ``_ . : / = + - @``; keys of
    1-128 and values of 0-256 Unicode characters; the prefix ``aws:`` in any
    case is reserved for AWS, in keys and in values. plgen's tags reach every
    resource through ``default_tags``, so the set common to all services
    applies (EC2 alone allows more). Only space separators (``\\p{Zs}``)
    count as spaces here, not the line and paragraph separators.
    """
    if not shortest <= len(value) <= longest:
        return f"{what} needs {shortest}-{longest} characters, got {len(value)}"
    bad = next((ch for ch in value if ch not in TAG_PUNCTUATION and unicodedata.category(ch)[0] not in "LN" and unicodedata.category(ch) != "Zs"), None)
    if bad is not None:
        return f"{what} {value!r} has {bad!r}; AWS tags take letters, digits, spaces and _ . : / = + - @"
    if value[:4].lower() == "aws:":
        return f"{what} {value!r} starts with aws:, which AWS reserves for its own tags"
    return None


def _tag_key(value: str) -> str:
    problem = _tag_problem(value, "tag key", 128, 1)
    if problem:
        raise ValueError(problem)
    return value


def _tag_value(value: str) -> str:
    problem = _tag_problem(value, "tag value", 256, 0)
    if problem:
        raise ValueError(problem)
    return value


TagKey = Annotated[str, AfterValidator(_tag_key), Field(json_schema_extra={"pattern": TAG_KEY_PATTERN})]
TagValue = Annotated[str, StringConstraints(max_length=256), AfterValidator(_no_template), AfterValidator(_tag_value), Field(json_schema_extra={"pattern": TAG_VALUE_PATTERN})]


def _domain(value: str) -> str:
    if not DOMAIN.fullmatch(value):
        raise ValueError(f"'{value}' is not a DNS domain name such as api.example.com")
    return value


Domain = Annotated[str, AfterValidator(_domain)]
CERTIFICATE_NAME = re.compile(r"(\*\.)?" + DOMAIN.pattern)


def _certificate_name(value: str) -> str:
    if not CERTIFICATE_NAME.fullmatch(value):
        raise ValueError(f"'{value}' is not a certificate name such as api.example.com or *.example.com")
    return value


CertificateName = Annotated[str, AfterValidator(_certificate_name)]
HostedZoneId = Annotated[str, StringConstraints(pattern=r"^Z[0-9A-Z]{1,31}$")]


def covers(certificate_name: str, name: str) -> bool:
    """Whether a certificate name covers ``name``: the same name, or a wildcard for exactly one more label (RFC 6125 6.4.3)."""
    if certificate_name.startswith("*."):
        label, _, parent = name.partition(".")
        return bool(label) and parent == certificate_name[2:]
    return certificate_name == name


class Strict(BaseModel):
    """Unknown keys are errors (with a did-you-mean); models never change after load."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


def _az_id(value: str) -> str:
    if AZ_NAME.fullmatch(value):
        raise ValueError(f"'{value}' is an Availability Zone name; use the AZ ID (e.g. use1-az1), which names the same zone in every account")
    if not re.fullmatch(AZ_ID, value):
        raise ValueError(f"'{value}' is not an Availability Zone ID such as use1-az1")
    return value


def _principal(value: str) -> str:
    if value != "*" and not PRINCIPAL.fullmatch(value):
        raise ValueError(f"'{value}' is not an IAM principal ARN such as arn:aws:iam::123456789012:root")
    return value


Principal = Annotated[str, AfterValidator(_principal)]
AzId = Annotated[str, AfterValidator(_az_id), Field(json_schema_extra={"pattern": AZ_ID})]


@lru_cache(maxsize=65536)
def _network(value: str) -> str:
    # Cached: a CIDR usually appears several times (a consumer's VPC is also
    # what its endpoints admit), and ipaddress parsing dominates validation of
    # thousands of consumers. Errors are raised again each time (not cached).
    try:
        net = ipaddress.IPv4Network(value, strict=True)
    except ValueError as exc:
        try:
            hint = f"; did you mean {ipaddress.IPv4Network(value, strict=False)}?"
        except ValueError:
            hint = ""
        raise ValueError(f"'{value}' is not an IPv4 CIDR block: {exc}{hint}") from None
    return str(net)


Cidr = Annotated[str, AfterValidator(_network), Field(json_schema_extra={"format": "ipv4-cidr"})]


@lru_cache(maxsize=65536)
def _source_network(value: str) -> str:
    """An IPv4 CIDR, or an IPv6 one (a dual-stack or IPv6-only endpoint admits IPv6 sources)."""
    if ":" not in value:
        return _network(value)
    try:
        net = ipaddress.IPv6Network(value, strict=True)
    except ValueError as exc:
        try:
            hint = f"; did you mean {ipaddress.IPv6Network(value, strict=False)}?"
        except ValueError:
            hint = ""
        raise ValueError(f"'{value}' is not an IPv6 CIDR block: {exc}{hint}") from None
    return str(net)


SourceCidr = Annotated[str, AfterValidator(_source_network), Field(json_schema_extra={"pattern": r"^[0-9a-fA-F.:]+/[0-9]{1,3}$"})]


class IpAddressType(StrEnum):
    """IP addressing of subnets, NLBs and endpoints: IPv4 only, dual-stack, or IPv6 only."""

    ipv4 = "ipv4"
    dualstack = "dualstack"
    ipv6 = "ipv6"


class Organization(StrEnum):
    """Where a consumer's account is relative to the providers' AWS organization, for AWS RAM shares."""

    internal = "internal"
    external = "external"


class DnsRecordIpType(StrEnum):
    """Which records an endpoint's DNS names get: A, A and AAAA, AAAA, or as the service's private DNS name says."""

    ipv4 = "ipv4"
    dualstack = "dualstack"
    ipv6 = "ipv6"
    service_defined = "service-defined"


class ServiceIpType(StrEnum):
    ipv4 = "ipv4"
    ipv6 = "ipv6"


class TrafficType(StrEnum):
    ALL = "ALL"
    ACCEPT = "ACCEPT"
    REJECT = "REJECT"


S3_DESTINATION = r"arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[A-Za-z0-9!_.*'()/-]{1,200})?"
LOG_GROUP_DESTINATION = r"arn:aws[a-z-]*:logs:[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]:[0-9]{12}:log-group:[A-Za-z0-9_./#-]{1,512}"
FLOW_LOG_DESTINATION = f"^({S3_DESTINATION}|{LOG_GROUP_DESTINATION})$"
ROLE_ARN = r"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$"
RoleArn = Annotated[str, StringConstraints(pattern=ROLE_ARN)]


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


class Protocol(StrEnum):
    TCP = "TCP"
    TLS = "TLS"
    UDP = "UDP"
    TCP_UDP = "TCP_UDP"


class Listener(Strict):
    """An NLB listener, forwarding to its own target group."""

    port: Port = Field(..., description="Port consumers connect to.")
    protocol: Protocol = Field(Protocol.TCP, description="Listener protocol. @default TCP")
    target_port: Port | None = Field(None, description="Port on the targets. @default the listener port")
    certificate_arn: CertificateArn | None = Field(None, description="ACM certificate for a TLS listener.")
    ssl_policy: SslPolicy = Field("ELBSecurityPolicy-TLS13-1-2-2021-06", description="TLS policy of a TLS listener. @default ELBSecurityPolicy-TLS13-1-2-2021-06")
    certificate_names: list[CertificateName] = Field(
        default_factory=list,
        description="Names the certificate covers (its subject alternative names, `*.example.com` for a wildcard), which consumers' friendly names must be under. "
        "@default the service's private DNS name only",
    )

    @model_validator(mode="after")
    def _tls(self) -> Listener:
        if self.protocol is Protocol.TLS and not self.certificate_arn:
            raise ValueError("a TLS listener needs `certificate_arn`")
        if self.protocol is not Protocol.TLS and (self.certificate_arn or self.certificate_names):
            raise ValueError("`certificate_arn` and `certificate_names` are only for a TLS listener")
        return self

    @property
    def backend_port(self) -> int:
        return self.target_port or self.port


class Site(StrEnum):
    """Where a target runs; decides how the NLB reaches it."""

    aws = "aws"
    on_premises = "on-premises"
    peered = "peered"


class Target(Strict):
    """One NLB target: an instance by ID, or an IP address.

    IP targets outside the provider VPC (``site: on-premises`` or ``peered``)
    are registered with ``availability_zone = "all"``, as the NLB requires.
    """

    instance_id: InstanceId | None = Field(None, description="EC2 instance ID (instance target).")
    ip: str | None = Field(None, description="IPv4 address (IP target: ECS task, on-premises server, peered fleet).")
    port: Port | None = Field(None, description="Port on this target. @default the listener's target port")
    site: Site = Field(Site.aws, description="Where the target runs. @default aws")

    @field_validator("ip")
    @classmethod
    def _ip(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                ipaddress.IPv4Address(value)
            except ValueError:
                raise ValueError(f"'{value}' is not an IPv4 address") from None
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> Target:
        if (self.instance_id is None) == (self.ip is None):
            raise ValueError("give either `instance_id` or `ip`")
        if self.instance_id and self.site is not Site.aws:
            raise ValueError("instance targets run in the provider VPC; use `ip` for on-premises or peered targets")
        return self

    @property
    def key(self) -> str:
        return f"{self.instance_id or self.ip}:{self.port}" if self.port else (self.instance_id or self.ip)


class Stage(StrEnum):
    """Hybrid migration stage: which target sites are registered.

    ``on-premises``: only on-premises targets. ``migrate-to-cloud`` and
    ``burst-to-cloud``: both sites, traffic spread across them.
    ``failover-to-cloud`` and ``cloud``: only AWS targets.
    """

    on_premises = "on-premises"
    migrate = "migrate-to-cloud"
    burst = "burst-to-cloud"
    failover = "failover-to-cloud"
    cloud = "cloud"

    @property
    def sites(self) -> frozenset[Site]:
        return {
            Stage.on_premises: frozenset({Site.on_premises}),
            Stage.migrate: frozenset({Site.on_premises, Site.aws}),
            Stage.burst: frozenset({Site.on_premises, Site.aws}),
            Stage.failover: frozenset({Site.aws}),
            Stage.cloud: frozenset({Site.aws}),
        }[self]


class HealthCheckProtocol(StrEnum):
    TCP = "TCP"
    HTTP = "HTTP"
    HTTPS = "HTTPS"


HealthPath = Annotated[str, StringConstraints(pattern=r"^/[A-Za-z0-9._~/%-]{0,1023}$")]


class HealthCheck(Strict):
    """How the NLB checks the service's targets (every target group of the service).

    An NLB health check is TCP, HTTP or HTTPS, never UDP: a service with a UDP
    listener must name a check its targets answer (rule udp-health-check).
    https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html
    """

    protocol: HealthCheckProtocol = Field(HealthCheckProtocol.TCP, description="TCP, HTTP or HTTPS. @default TCP")
    port: Port | None = Field(None, description="Port checked on each target. @default the traffic port")
    path: HealthPath | None = Field(None, description="Path of an HTTP or HTTPS check. @default / (HTTP and HTTPS only)")
    interval: Whole = Field(30, ge=5, le=300, description="Seconds between checks of one target. @default 30")
    healthy_threshold: Whole = Field(3, ge=2, le=10, description="Consecutive successes before a target is healthy. @default 3")
    unhealthy_threshold: Whole = Field(3, ge=2, le=10, description="Consecutive failures before a target is unhealthy. @default 3")

    @model_validator(mode="after")
    def _path(self) -> HealthCheck:
        if self.path is not None and self.protocol is HealthCheckProtocol.TCP:
            raise ValueError("`path` is only for an HTTP or HTTPS health check")
        return self


def _bucket_name(value: str) -> str:
    """AWS's general purpose bucket naming rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html)."""
    if not re.fullmatch(BUCKET, value):
        raise ValueError(f"'{value}' is not an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit")
    if ".." in value:
        raise ValueError(f"'{value}' is not an S3 bucket name: two adjacent periods")
    if re.fullmatch(r"[0-9]{1,3}(\.[0-9]{1,3}){3}", value):
        raise ValueError(f"'{value}' is not an S3 bucket name: it is formatted as an IP address")
    reserved = next((p for p in ("xn--", "sthree-", "amzn-s3-demo-") if value.startswith(p)), None) or next(
        (s for s in ("-s3alias", "--ol-s3", ".mrap", "--x-s3") if value.endswith(s)), None
    )
    if reserved:
        raise ValueError(f"'{value}' is not an S3 bucket name: AWS reserves '{reserved}' for its own names")
    return value


BucketName = Annotated[str, AfterValidator(_bucket_name), Field(json_schema_extra={"pattern": BUCKET})]
LOG_PREFIX = r"^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*$"
LogPrefix = Annotated[str, StringConstraints(pattern=LOG_PREFIX, max_length=200)]


class AccessLogs(Strict):
    """NLB access logs, written to an S3 bucket plgen does not create.

    AWS writes them only for TLS listeners, and they hold TLS connections
    only (rule access-logs-need-tls refuses a service without one: it would
    apply and log nothing). The bucket must be in the NLB's Region (it may
    belong to another account) and carry the bucket policy that lets
    `delivery.logs.amazonaws.com` put objects under `<prefix>/AWSLogs/<account>/`;
    the prefix must not contain `AWSLogs`.
    https://docs.aws.amazon.com/elasticloadbalancing/latest/network/enable-access-logs.html
    """

    bucket: BucketName = Field(..., description="S3 bucket in the NLB's Region, with the log-delivery bucket policy (plgen does not create it).")
    prefix: LogPrefix | None = Field(None, description="Key prefix of the log objects, without `AWSLogs` (AWS adds `AWSLogs/<account>/...` after it). @default none")

    @field_validator("prefix")
    @classmethod
    def _no_awslogs(cls, value: str | None) -> str | None:
        if value is not None and "AWSLogs" in value:
            raise ValueError("the prefix must not contain AWSLogs: AWS adds AWSLogs/<account>/ after it")
        return value


class Nlb(Strict):
    """The internal Network Load Balancer in front of a service."""

    listeners: list[Listener] = Field(..., min_length=1, description="Listeners, one target group each.")
    cross_zone: Flag = Field(True, description="Cross-zone load balancing, so zonal DNS names stay available when an AZ has no healthy target. @default true")
    proxy_protocol_v2: Flag = Field(
        False, description="Send the consumer's address in a proxy protocol v2 header (targets otherwise see the NLB's private IPs). @default false"
    )
    deregistration_delay: Whole = Field(300, ge=0, le=3600, description="Seconds to drain a deregistered target. @default 300")
    health_check: HealthCheck | None = Field(
        None,
        description="How targets are checked. @default TCP on the traffic port every 30 s, 3 successes / 3 failures (a UDP service must name one)",
    )
    deletion_protection: Flag = Field(
        False,
        description="Refuse to delete the NLB (aws_lb enable_deletion_protection) until it is turned off again: for production roots. @default false",
    )
    access_logs: AccessLogs | None = Field(
        None,
        description="Access logs of the NLB's TLS connections to a named S3 bucket (aws_lb access_logs); only a service with a TLS listener has any. @default off",
    )
    enforce_inbound_rules_on_privatelink: Flag = Field(
        False,
        description=(
            "Evaluate the NLB security group's inbound rules for PrivateLink traffic too (AWS "
            "`enforce_security_group_inbound_rules_on_private_link_traffic`). On, the NLB sees each client's own IP, so its "
            "group admits the CIDRs the consumers' endpoints name, on the listener ports, and silently drops every other "
            "client (a consumer outside this blueprint, a client admitted by security group ID). Off, the consumers' endpoint "
            "groups, acceptance and principals filter PrivateLink traffic and the NLB's group admits nothing else. @default false"
        ),
    )
    ip_address_type: Literal["ipv4", "dualstack"] = Field(
        "ipv4", description="`dualstack`: the NLB also has IPv6 addresses (its VPC's subnets must be dual-stack), so the service can support IPv6. @default ipv4"
    )


class Verification(StrEnum):
    """Who proves the provider owns the private DNS name's domain."""

    route53 = "route53"
    external = "external"


class PrivateDnsVerification(Strict):
    """How the provider proves it owns the domain of ``private_dns_name`` (a TXT record AWS checks publicly).

    ``route53`` (the default): the provider module writes the TXT record that
    the endpoint service's ``private_dns_name_configuration`` names into the
    public hosted zone given by ``zone_id`` or ``zone`` (the private DNS name
    or a parent domain of it), then starts the verification and waits for it.
    ``external``: the domain is verified elsewhere (another DNS provider, another
    team); the module only outputs the record to create.
    https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html
    """

    verification: Verification = Field(Verification.route53, description="`route53`: plgen writes the TXT record and verifies; `external`: only output the record. @default route53")
    zone_id: HostedZoneId | None = Field(None, description="ID of the public hosted zone that holds the TXT record.")
    zone: Domain | None = Field(None, description="Name of the public hosted zone that holds the TXT record (looked up with a data source).")

    @model_validator(mode="after")
    def _zone(self) -> PrivateDnsVerification:
        given = (self.zone_id is not None) + (self.zone is not None)
        if self.verification is Verification.route53 and given != 1:
            raise ValueError("route53 verification needs the public hosted zone: give `zone_id` or `zone` (one of them)")
        if self.verification is Verification.external and given:
            raise ValueError("`zone_id` and `zone` are for route53 verification; an external one only outputs the record")
        return self


class EndpointService(Strict):
    """The VPC endpoint service (PrivateLink) in front of the NLB."""

    acceptance_required: Flag = Field(True, description="Provider must accept each endpoint connection. @default true")
    allowed_principals: list[Principal] = Field(
        default_factory=list, description="IAM principal ARNs allowed to create endpoints; `*` only if written here. @default none"
    )
    private_dns_name: Domain | None = Field(None, description="Private DNS name consumers can enable (verified through a TXT record).")
    private_dns_verification: PrivateDnsVerification | None = Field(
        None, description="Where the TXT record that verifies `private_dns_name` goes: a public hosted zone, or `verification: external`."
    )
    supported_regions: list[Region] = Field(
        default_factory=list, description="Other Regions consumers may connect from (native cross-region PrivateLink). @default the service Region only"
    )
    supported_ip_address_types: list[ServiceIpType] = Field(
        default_factory=lambda: [ServiceIpType.ipv4],
        min_length=1,
        description="IP address types endpoints may use to reach the service; `ipv6` needs a dual-stack NLB. @default [ipv4]",
    )


class Service(Strict):
    """One endpoint service: an NLB, its targets, and the PrivateLink service."""

    name: Slug = Field(..., description="Service name, unique within its provider.")
    description: Text | None = Field(None, description="What the service is for; shown in the catalogue page.")
    nlb: Nlb
    targets: list[Target] = Field(..., min_length=1, description="Targets behind every listener.")
    stage: Stage | None = Field(None, description="Hybrid migration stage; decides which target sites are registered. @default all targets")
    endpoint_service: EndpointService = Field(default_factory=EndpointService)

    @property
    def registered_targets(self) -> list[Target]:
        if self.stage is None:
            return list(self.targets)
        return [t for t in self.targets if t.site in self.stage.sites]

    @property
    def target_type(self) -> Literal["instance", "ip"]:
        return "instance" if all(t.instance_id for t in self.targets) else "ip"

    @property
    def ports(self) -> list[int]:
        return sorted({listener.port for listener in self.nlb.listeners})


PORT_RANGE = r"^[0-9]{1,5}(-[0-9]{1,5})?$"
# `provider/name` or `name`: a reference to a resource or service network, resolved by the rules.
REFERENCE = r"^([a-z][a-z0-9-]{0,30}[a-z0-9]/)?[a-z][a-z0-9-]{0,30}[a-z0-9]$"
Reference = Annotated[str, StringConstraints(pattern=REFERENCE)]


def _ipv4(value: str) -> str:
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        raise ValueError(f"'{value}' is not an IPv4 address") from None
    return value


IPv4 = Annotated[str, AfterValidator(_ipv4)]
RESOURCE_ARN = re.compile(r"arn:aws[a-z-]*:rds:([a-z0-9-]+):([0-9]{12}):(cluster|db):[a-z][a-z0-9-]{0,62}")


def _port_range(value: str) -> str:
    """``5432`` or ``8000-8100``: what a resource configuration's ``portRanges`` takes (TCP ports 1-65535, low to high)."""
    if not re.fullmatch(PORT_RANGE, value):
        raise ValueError(f"'{value}' is not a port or port range such as 5432 or 8000-8100")
    low, _, high = value.partition("-")
    lo, hi = int(low), int(high or low)
    if not 1 <= lo <= hi <= 65535:
        raise ValueError(f"'{value}' is not a port range within 1-65535, low to high")
    return value


def _resource_arn(value: str) -> str:
    if not RESOURCE_ARN.fullmatch(value):
        raise ValueError(f"'{value}' is not an Amazon RDS cluster or instance ARN such as arn:aws:rds:us-east-1:123456789012:cluster:orders")
    return value


PortRange = Annotated[str, AfterValidator(_port_range), Field(json_schema_extra={"pattern": PORT_RANGE})]
ResourceArn = Annotated[str, AfterValidator(_resource_arn)]


def port_span(value: str) -> tuple[int, int]:
    """(low, high) of a checked port range."""
    low, _, high = value.partition("-")
    return int(low), int(high or low)


class GatewayIpAddressType(StrEnum):
    """IP addressing of a VPC Lattice resource gateway (the API's upper-case values)."""

    IPV4 = "IPV4"
    IPV6 = "IPV6"
    DUALSTACK = "DUALSTACK"


class ResourceGateway(Strict):
    """The provider VPC's resource gateway (VPC Lattice): where consumers' traffic to its resources enters.

    It has a network interface in each of its AZs' subnets and a security group
    that plgen opens outbound only to the resources, on their ports; resources
    see connections from the gateway's addresses. No load balancer, no targets,
    no health checks.
    """

    azs: list[AzId] = Field(default_factory=list, description="AZ IDs (of the provider's `azs`) with a gateway interface. @default every provider AZ")
    ip_address_type: GatewayIpAddressType = Field(GatewayIpAddressType.IPV4, description="IP address type of the gateway. @default IPV4")


class Resource(Strict):
    """One resource behind the gateway, exposed as a resource configuration of type SINGLE (IP or DNS name) or ARN.

    Give exactly one of ``ip``, ``dns_name`` or ``arn``. Consumers it is
    shared with (AWS RAM) reach it through a resource endpoint, or through a
    service network it is associated with.
    """

    name: Slug = Field(..., description="Resource name, unique within its provider.")
    description: Text | None = Field(None, description="What the resource is.")
    ip: IPv4 | None = Field(None, description="IPv4 address of the resource (in the provider VPC or on premises).")
    dns_name: Domain | None = Field(None, description="Domain name of the resource, resolved by the gateway's VPC.")
    arn: ResourceArn | None = Field(None, description="ARN of an AWS resource in the provider's account and Region (an RDS cluster or instance).")
    port_ranges: list[PortRange] = Field(default_factory=list, description="TCP ports or ranges consumers may use (`5432`, `8000-8100`); required for `ip` and `dns_name`.")
    protocol: Literal["TCP"] = Field("TCP", description="Protocol; resource configurations carry TCP only. @default TCP")
    share_with: list[AccountId] = Field(
        default_factory=list, description="Accounts the resource configuration is shared with through AWS RAM; nobody unless named. @default none"
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Resource:
        kinds = [k for k in ("ip", "dns_name", "arn") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError("give exactly one of `ip`, `dns_name` or `arn`")
        if self.arn is None and not self.port_ranges:
            raise ValueError("an `ip` or `dns_name` resource needs `port_ranges`")
        if self.arn is not None and self.port_ranges:
            raise ValueError("an `arn` resource takes its ports from the AWS resource; leave out `port_ranges`")
        return self

    @property
    def kind(self) -> Literal["ip", "dns", "arn"]:
        return "ip" if self.ip else "dns" if self.dns_name else "arn"

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [port_span(r) for r in self.port_ranges]


class ServiceNetwork(Strict):
    """A VPC Lattice service network the provider owns, with some of its resources associated, shared through AWS RAM.

    A consumer reaches every associated resource through one service-network
    endpoint instead of one resource endpoint each.
    """

    name: Slug = Field(..., description="Service network name.")
    resources: list[Slug] = Field(..., min_length=1, description="Names of this provider's resources associated with the network.")
    share_with: list[AccountId] = Field(default_factory=list, description="Accounts the service network is shared with through AWS RAM. @default none")


class Provider(Strict):
    """A service owner: an account, a VPC and the endpoint services in it."""

    name: Slug
    account_id: AccountId
    region: Region
    deploy_role: DeployRole | None = Field(None, description="Role this side's deployment units assume in its account. @default the blueprint's `deploy_role`")
    vpc: Vpc
    azs: list[AzId] = Field(..., min_length=1, description="AZ IDs the NLB and endpoint service span (at least two).")
    on_premises: OnPremises | None = Field(None, description="Direct Connect reach to on-premises targets (hybrid services).")
    peers: list[Peer] = Field(default_factory=list, description="Peered VPCs holding targets (inter-region endpoint service).")
    services: list[Service] = Field(default_factory=list, description="Endpoint services behind NLBs (every pattern but resource-access).")
    resource_gateway: ResourceGateway | None = Field(None, description="The VPC Lattice resource gateway in front of `resources` (resource-access).")
    resources: list[Resource] = Field(default_factory=list, description="Resources behind the resource gateway, each a resource configuration (resource-access).")
    service_network: ServiceNetwork | None = Field(None, description="A service network grouping some of the resources (resource-access).")
    allow_external_principals: Flag = Field(
        False, description="Let the RAM shares name accounts outside the provider's organization (each consumer then accepts its invitation). @default false"
    )

    @model_validator(mode="after")
    def _something_to_offer(self) -> Provider:
        if not self.services and not self.resources:
            raise ValueError("a provider offers `services` (endpoint services behind NLBs) or `resources` (behind a resource gateway)")
        if self.resources and self.resource_gateway is None:
            raise ValueError("`resources` are reached through a `resource_gateway`; add one (`resource_gateway: {}` spans every AZ)")
        return self


class Endpoint(Strict):
    """An interface endpoint in a consumer VPC for one provider service."""

    service: str = Field(..., description="`provider/service`, or `service` when the name is unique in the blueprint.")
    allowed_cidrs: list[SourceCidr] = Field(
        default_factory=list, description="CIDRs (IPv4, or IPv6 for a dual-stack or IPv6-only endpoint) admitted by the endpoint's security group on the listener ports."
    )
    allowed_security_group_ids: list[SecurityGroupId] = Field(default_factory=list, description="Security groups admitted on the listener ports.")
    admit_own_vpc: Flag = Field(
        False,
        description=(
            "Admit the consumer VPC's own addresses on the listener ports, as its subnets hand them out: its IPv4 CIDR "
            "(`ipv4`), its Amazon-provided IPv6 block (`ipv6`), or both (`dualstack`). The IPv6 block is known only once the "
            "VPC exists: the module reads it at apply. For a VPC plgen creates. @default false"
        ),
    )
    private_dns: Flag = Field(False, description="Resolve the provider's private DNS name to this endpoint. @default false")
    dns_name: Domain | None = Field(None, description="Friendly name: a private hosted zone whose apex aliases the endpoint's regional DNS name.")
    ip_address_type: IpAddressType = Field(
        IpAddressType.ipv4,
        description="Addresses of the endpoint's network interfaces: one the service supports (`dualstack`: both), in subnets that have them. @default ipv4",
    )
    dns_record_ip_type: DnsRecordIpType | None = Field(
        None, description="Records of the endpoint's DNS names (`dns_options.dns_record_ip_type`). @default the endpoint's `ip_address_type`"
    )
    # Read only to be refused with the reason (rule endpoint-policy): an endpoint for an endpoint service takes full access only.
    policy: SkipJsonSchema[Any] = Field(None, exclude=True)

    @property
    def dns_records(self) -> str:
        return (self.dns_record_ip_type or self.ip_address_type).value

    @property
    def service_ref(self) -> tuple[str | None, str]:
        provider, _, service = self.service.rpartition("/")
        return (provider or None, service)


class ResourceEndpoint(Strict):
    """A resource endpoint (``vpc_endpoint_type = "Resource"``) in a consumer VPC for one shared resource."""

    resource: Reference = Field(..., description="`provider/resource`, or `resource` when the name is unique in the blueprint.")
    ports: list[Port] = Field(default_factory=list, description="Ports the endpoint's security group opens, within the resource's port ranges. @default every port of the ranges (up to 20 ranges)")
    allowed_cidrs: list[Cidr] = Field(default_factory=list, description="CIDRs admitted by the endpoint's security group.")
    allowed_security_group_ids: list[SecurityGroupId] = Field(default_factory=list, description="Security groups admitted by the endpoint's security group.")
    private_dns: Flag = Field(False, description="Resolve the resource's own DNS name (an `arn` resource's, e.g. an RDS endpoint) to this endpoint. @default false")


class ServiceNetworkEndpoint(Strict):
    """A service-network endpoint (``vpc_endpoint_type = "ServiceNetwork"``): every resource of a shared service network."""

    service_network: Reference = Field(..., description="`provider/network`, or `network` when the name is unique in the blueprint.")
    allowed_cidrs: list[Cidr] = Field(default_factory=list, description="CIDRs admitted by the endpoint's security group on the network's resource ports.")
    allowed_security_group_ids: list[SecurityGroupId] = Field(default_factory=list, description="Security groups admitted on the network's resource ports.")


class Consumer(Strict):
    """A VPC that reaches provider services through interface endpoints (or resources through resource endpoints)."""

    name: Slug
    account_id: AccountId
    region: Region
    deploy_role: DeployRole | None = Field(None, description="Role this side's deployment units assume in its account. @default the blueprint's `deploy_role`")
    vpc: Vpc
    azs: list[AzId] = Field(..., min_length=1, description="AZ IDs with an endpoint network interface, one subnet each.")
    endpoints: list[Endpoint] = Field(default_factory=list, description="Interface endpoints, one per consumed endpoint service.")
    resource_endpoints: list[ResourceEndpoint] = Field(default_factory=list, description="Resource endpoints, one per consumed resource (resource-access).")
    service_network_endpoint: ServiceNetworkEndpoint | None = Field(None, description="One service-network endpoint for a shared service network (resource-access).")
    on_premises: OnPremises | None = Field(None, description="Direct Connect access VPC: on-premises CIDRs admitted to every endpoint.")
    peers: list[Peer] = Field(default_factory=list, description="Home VPCs in other Regions that reach these endpoints over peering.")
    organization: Organization | None = Field(
        None,
        description=(
            "Resource access: whether this account is in the providers' AWS organization with RAM sharing with AWS "
            "Organizations enabled (`internal`: shares arrive without an invitation) or outside it (`external`: each share "
            "is an invitation this consumer accepts). @default external when its provider allows external principals, else internal"
        ),
    )

    @model_validator(mode="after")
    def _consumes_something(self) -> Consumer:
        if not (self.endpoints or self.resource_endpoints or self.service_network_endpoint):
            raise ValueError("a consumer needs `endpoints` (interface endpoints) or `resource_endpoints` / `service_network_endpoint` (resource-access)")
        return self

    def admitted(self, index: int) -> list[tuple[str, str | None, tuple[str | int, ...]]]:
        """Everything endpoint ``index``'s security group admits: (source, origin, field path).

        The union the consumer module opens: the endpoint's ``allowed_cidrs``
        and ``allowed_security_group_ids`` (origin None), the consumer's
        on-premises CIDRs and its peered home VPCs' CIDRs. The rules, the
        catalogue and the path proof all read this one definition.
        """
        endpoint = self.endpoints[index]
        out: list[tuple[str, str | None, tuple[str | int, ...]]] = []
        out += [(c, None, ("endpoints", index, "allowed_cidrs", k)) for k, c in enumerate(endpoint.allowed_cidrs)]
        out += [(g, None, ("endpoints", index, "allowed_security_group_ids", k)) for k, g in enumerate(endpoint.allowed_security_group_ids)]
        if self.on_premises:
            out += [(c, "on-premises", ("on_premises", "cidrs", k)) for k, c in enumerate(self.on_premises.cidrs)]
        out += [(str(p.vpc.network), f"peer {p.name}", ("peers", j, "vpc")) for j, p in enumerate(self.peers) if p.vpc.network]
        return out


class State(Strict):
    """Where the deployment units keep their state: one S3 object per unit, locked with an S3 lock file.

    Terraform's S3 backend locks with a `.tflock` object beside the state when
    `use_lockfile` is true (https://developer.hashicorp.com/terraform/language/backend/s3),
    so no DynamoDB table is needed.
    """

    bucket: Annotated[str, StringConstraints(pattern=BUCKET)] = Field(..., description="S3 bucket holding every unit's state.")
    region: Region = Field(..., description="Region of the bucket.")
    key_prefix: StateKey | None = Field(None, description="Prefix of each unit's state key (`<prefix>/<unit>/terraform.tfstate`). @default the blueprint name")


class Connectivity(StrEnum):
    """How an inter-region pattern crosses Regions.

    ``peering``: inter-Region VPC peering, as the reference notes describe (a
    remote NLB in front of the home fleet, or an endpoint VPC in the service's
    Region peered home). ``native``: cross-Region PrivateLink (November 2024):
    the service lists the consumers' Regions in ``supported_regions`` and each
    consumer's endpoint, in its own Region, names the service's Region
    (``service_region``); no peering, no remote NLB.
    """

    peering = "peering"
    native = "native"


class Blueprint(Strict):
    """One PrivateLink architecture: who provides what, and who consumes it."""

    name: Slug = Field(..., description="Blueprint name; the output folder in modules_out/.")
    pattern: Slug  # one of plgen.patterns.PATTERNS, checked by validate()
    connectivity: Connectivity | None = Field(
        None,
        description=(
            "How the inter-region patterns cross Regions: `peering` (inter-Region VPC peering) or `native` (cross-Region "
            "PrivateLink: `supported_regions` on the service, `service_region` on the endpoint). Only for the inter-region "
            "patterns. @default peering"
        ),
    )
    description: Text = Field(..., min_length=1, description="One-line purpose, shown in the catalogue.")
    tags: dict[TagKey, TagValue] = Field(default_factory=dict, description="Tags on every resource (provider default_tags in the example root).")
    providers: list[Provider] = Field(..., min_length=1)
    consumers: list[Consumer] = Field(default_factory=list)
    deploy_role: DeployRole = Field(
        "plgen-deploy",
        description="Role each deployment unit's provider assumes in the unit's account: a name, or an ARN pattern with `{account_id}`. @default plgen-deploy",
    )
    state: State | None = Field(None, description="S3 backend of the deployment units. @default a local state file per unit")

    @cached_property
    def _services_by_name(self) -> dict[str, list[tuple[Provider, Service]]]:
        """Service name -> every (provider, service) of that name, built once.

        Several rules and the data builder resolve every endpoint of every
        consumer; a scan of all services per endpoint would make thousands of
        consumers cost consumers x services.
        """
        index: dict[str, list[tuple[Provider, Service]]] = {}
        for p in self.providers:
            for s in p.services:
                index.setdefault(s.name, []).append((p, s))
        return index

    def find_service(self, ref: str) -> list[tuple[Provider, Service]]:
        """Every (provider, service) an endpoint's ``service`` reference can mean."""
        provider_name, _, service_name = ref.rpartition("/")
        return [(p, s) for p, s in self._services_by_name.get(service_name, ()) if provider_name in ("", p.name)]

    def find_resource(self, ref: str) -> list[tuple[Provider, Resource]]:
        """Every (provider, resource) a resource endpoint's ``resource`` reference can mean."""
        provider_name, _, name = ref.rpartition("/")
        return [(p, r) for p in self.providers if provider_name in ("", p.name) for r in p.resources if r.name == name]

    def find_service_network(self, ref: str) -> list[Provider]:
        """Every provider whose service network a service-network endpoint's reference can mean."""
        provider_name, _, name = ref.rpartition("/")
        return [p for p in self.providers if p.service_network and p.service_network.name == name and provider_name in ("", p.name)]

    def resolve(self, endpoint: Endpoint) -> tuple[Provider, Service]:
        """The one service an endpoint names; the rules have checked it exists."""
        (match,) = self.find_service(endpoint.service)
        return match

    @property
    def regions(self) -> list[str]:
        """Every Region the blueprint touches, home Region (first provider's) first."""
        seen: dict[str, None] = {}
        for side in [*self.providers, *self.consumers]:
            seen.setdefault(side.region, None)
            for peer in side.peers:
                seen.setdefault(peer.region, None)
        return list(seen)
