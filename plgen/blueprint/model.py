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
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator
from pydantic import Strict as StrictType

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


class DnsRecordIpType(StrEnum):
    """Which records an endpoint's DNS names get: A, A and AAAA, AAAA, or as the service's private DNS name says."""

    ipv4 = "ipv4"
    dualstack = "dualstack"
    ipv6 = "ipv6"
    service_defined = "service-defined"


class ServiceIpType(StrEnum):
    ipv4 = "ipv4"
    ipv6 = "ipv6"


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

    plgen creates a virtual private gateway attached to the VPC, with route
    propagation into its route tables; the Direct Connect private virtual
    interface that terminates on that gateway is ordered outside Terraform.
    """

    cidrs: list[Cidr] = Field(..., min_length=1, description="On-premises CIDRs that reach (or are reached from) this VPC.")
    amazon_side_asn: Whole = Field(
        64512, ge=64512, le=4294967294, description="BGP ASN of the virtual private gateway: 64512-65534 or 4200000000-4294967294. @default 64512"
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

    @model_validator(mode="after")
    def _tls(self) -> Listener:
        if self.protocol is Protocol.TLS and not self.certificate_arn:
            raise ValueError("a TLS listener needs `certificate_arn`")
        if self.protocol is not Protocol.TLS and self.certificate_arn:
            raise ValueError("`certificate_arn` is only for a TLS listener")
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


class Nlb(Strict):
    """The internal Network Load Balancer in front of a service."""

    listeners: list[Listener] = Field(..., min_length=1, description="Listeners, one target group each.")
    cross_zone: Flag = Field(True, description="Cross-zone load balancing, so zonal DNS names stay available when an AZ has no healthy target. @default true")
    proxy_protocol_v2: Flag = Field(
        False, description="Send the consumer's address in a proxy protocol v2 header (targets otherwise see the NLB's private IPs). @default false"
    )
    deregistration_delay: Whole = Field(300, ge=0, le=3600, description="Seconds to drain a deregistered target. @default 300")
    ip_address_type: Literal["ipv4", "dualstack"] = Field(
        "ipv4", description="`dualstack`: the NLB also has IPv6 addresses (its VPC's subnets must be dual-stack), so the service can support IPv6. @default ipv4"
    )


class EndpointService(Strict):
    """The VPC endpoint service (PrivateLink) in front of the NLB."""

    acceptance_required: Flag = Field(True, description="Provider must accept each endpoint connection. @default true")
    allowed_principals: list[Principal] = Field(
        default_factory=list, description="IAM principal ARNs allowed to create endpoints; `*` only if written here. @default none"
    )
    private_dns_name: Domain | None = Field(None, description="Private DNS name consumers can enable (verified through a TXT record).")
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


class Provider(Strict):
    """A service owner: an account, a VPC and the endpoint services in it."""

    name: Slug
    account_id: AccountId
    region: Region
    vpc: Vpc
    azs: list[AzId] = Field(..., min_length=1, description="AZ IDs the NLB and endpoint service span (at least two).")
    on_premises: OnPremises | None = Field(None, description="Direct Connect reach to on-premises targets (hybrid services).")
    peers: list[Peer] = Field(default_factory=list, description="Peered VPCs holding targets (inter-region endpoint service).")
    services: list[Service] = Field(..., min_length=1)


class Endpoint(Strict):
    """An interface endpoint in a consumer VPC for one provider service."""

    service: str = Field(..., description="`provider/service`, or `service` when the name is unique in the blueprint.")
    allowed_cidrs: list[SourceCidr] = Field(
        default_factory=list, description="CIDRs (IPv4, or IPv6 for a dual-stack or IPv6-only endpoint) admitted by the endpoint's security group on the listener ports."
    )
    allowed_security_group_ids: list[SecurityGroupId] = Field(default_factory=list, description="Security groups admitted on the listener ports.")
    private_dns: Flag = Field(False, description="Resolve the provider's private DNS name to this endpoint. @default false")
    dns_name: Domain | None = Field(None, description="Friendly name: a private hosted zone whose apex aliases the endpoint's regional DNS name.")
    ip_address_type: IpAddressType = Field(
        IpAddressType.ipv4,
        description="Addresses of the endpoint's network interfaces: one the service supports (`dualstack`: both), in subnets that have them. @default ipv4",
    )
    dns_record_ip_type: DnsRecordIpType | None = Field(
        None, description="Records of the endpoint's DNS names (`dns_options.dns_record_ip_type`). @default the endpoint's `ip_address_type`"
    )

    @property
    def dns_records(self) -> str:
        return (self.dns_record_ip_type or self.ip_address_type).value

    @property
    def service_ref(self) -> tuple[str | None, str]:
        provider, _, service = self.service.rpartition("/")
        return (provider or None, service)


class Consumer(Strict):
    """A VPC that reaches provider services through interface endpoints."""

    name: Slug
    account_id: AccountId
    region: Region
    vpc: Vpc
    azs: list[AzId] = Field(..., min_length=1, description="AZ IDs with an endpoint network interface, one subnet each.")
    endpoints: list[Endpoint] = Field(..., min_length=1)
    on_premises: OnPremises | None = Field(None, description="Direct Connect access VPC: on-premises CIDRs admitted to every endpoint.")
    peers: list[Peer] = Field(default_factory=list, description="Home VPCs in other Regions that reach these endpoints over peering.")

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
