"""A provider's endpoint services: the NLB, its listeners, targets and health checks, and the endpoint service."""

from __future__ import annotations

import ipaddress
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from plgen.aws.protocols import HealthCheckProtocol, Protocol
from plgen.blueprint.formats import (
    AccountPrincipal,
    BucketName,
    CertificateArn,
    CertificateName,
    Domain,
    Flag,
    HostedZoneId,
    InstanceId,
    LogPrefix,
    Port,
    Principal,
    Region,
    Slug,
    SnsTopicArn,
    SslPolicy,
    Text,
    Whole,
)
from plgen.blueprint.model.base import Strict
from plgen.blueprint.model.consumer import AcceptedWarning


class ServiceIpType(StrEnum):
    ipv4 = "ipv4"
    ipv6 = "ipv6"


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

    tls_names: list[CertificateName] = Field(
        default_factory=list,
        description="A TCP listener whose targets terminate TLS themselves (HTTPS, LDAPS, syslog over TLS passed through): the names "
        "their certificate holds (`*.example.com` for a wildcard). `plgen paths` warns a consumer that reaches it by a name not among "
        "them, such as the endpoint's own vpce-… names, which no certificate can list. @default none: the targets' TLS is not declared",
    )

    @model_validator(mode="after")
    def _tls(self) -> Listener:
        if self.protocol is Protocol.TLS and not self.certificate_arn:
            raise ValueError("a TLS listener needs `certificate_arn`")
        if self.protocol is not Protocol.TLS and (self.certificate_arn or self.certificate_names):
            raise ValueError("`certificate_arn` and `certificate_names` are only for a TLS listener")
        if self.tls_names and self.protocol is not Protocol.TCP:
            raise ValueError("`tls_names` are for a TCP listener whose targets terminate TLS (a TLS listener's names are `certificate_names`)")
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
    connection_termination: Flag = Field(
        False,
        description="Close the connections still open to a deregistered target when its deregistration delay ends "
        "(target group attribute deregistration_delay.connection_termination.enabled; otherwise they stay until closed). @default false",
    )
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


class OpenToAnyAccount(Strict):
    """A service that any AWS account may connect to without the provider's acceptance, said on purpose (rule open-service-acknowledged)."""

    reason: Annotated[Text, StringConstraints(min_length=1)] = Field(..., description="Why this service is public; the catalogue page records it.")


class ConnectionEvent(StrEnum):
    """The endpoint-service events AWS notifies (CreateVpcEndpointConnectionNotification ``ConnectionEvents``).

    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpointConnectionNotification.html
    """

    Accept = "Accept"
    Connect = "Connect"
    Delete = "Delete"
    Reject = "Reject"


class Notifications(Strict):
    """Connection notifications of an endpoint service, to SNS (opt-in).

    https://docs.aws.amazon.com/vpc/latest/privatelink/create-notification-endpoint-service.html
    """

    events: list[ConnectionEvent] = Field(
        ..., min_length=1, description="Events to publish: `Connect` (a consumer asks; with acceptance required, one is pending), `Accept`, `Reject`, `Delete`."
    )
    sns_topic_arn: SnsTopicArn | None = Field(
        None,
        description="An existing SNS topic whose policy (and KMS key policy, if encrypted) admits `vpce.amazonaws.com`. "
        "@default a new topic, encrypted with a new customer managed KMS key, both admitting `vpce.amazonaws.com`",
    )

    @field_validator("events")
    @classmethod
    def _distinct(cls, events: list[ConnectionEvent]) -> list[ConnectionEvent]:
        if len(set(events)) != len(events):
            raise ValueError("each event at most once")
        return events


class ExternalConsumer(Strict):
    """A customer in another organisation, known to this provider only as a principal: a provider-only blueprint's consumer.

    The customer renders its own consumer-only blueprint (its ``external_services``
    names this service) and hands its endpoint IDs over as a file; this side never
    reads the customer's state (``plgen.assemble.handoff``). Its principal is allowed
    to connect (``allowed_principals``: "service consumers (AWS accounts, users, and
    IAM roles)"; "Principal ARNs with path components aren't supported",
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcEndpointServicePermissions.html),
    and the provider's acceptance unit accepts the endpoint IDs of its hand-off file
    (``AcceptVpcEndpointConnections`` takes the service ID and the endpoint IDs,
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptVpcEndpointConnections.html).
    """

    name: Slug = Field(
        ...,
        description="The customer's consumer side, as its own blueprint names it: its hand-off file is `handoffs/<name>.consumer_<region>.json` "
        "(region with `_`), holding its endpoint to `<provider>/<service>` of this blueprint.",
    )
    principal: AccountPrincipal = Field(
        ...,
        description="Who in the customer's organisation may create endpoints: its 12-digit account ID (the account's root: any "
        "principal of the account its own IAM allows) or an IAM principal ARN (`arn:aws:iam::<account>:role/<name>`); never `*`.",
    )

    accept_warnings: list[AcceptedWarning] = Field(
        default_factory=list,
        description="Path warnings of this customer's paths accepted on purpose (`consumer side`: its endpoint is proven in its own blueprint), each with its reason. @default none",
    )

    @property
    def account_id(self) -> str:
        return self.principal if self.principal.isdigit() else self.principal.split(":")[4]

    def arn(self, partition: str) -> str:
        """The principal ARN the endpoint service allows (an account ID is its root)."""
        return f"arn:{partition}:iam::{self.principal}:root" if self.principal.isdigit() else self.principal


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
    notifications: Notifications | None = Field(
        None, description="Publish connection events to SNS, so the provider learns of a pending consumer without re-running a unit. @default none"
    )
    open_to_any_account: OpenToAnyAccount | None = Field(
        None,
        description="Say, with a reason, that `allowed_principals: ['*']` with `acceptance_required: false` is meant: any AWS account connects, unreviewed. @default refused",
    )
    external_consumers: list[ExternalConsumer] = Field(
        default_factory=list,
        description=(
            "Customers in other organisations, each rendering its own blueprint: a name and a principal each. Their principals "
            "are allowed; the provider's acceptance unit accepts the endpoint IDs each hands over as a file "
            "(`handoffs/<name>.consumer_<region>.json`), reading no customer's state; their number is the expected count of "
            "consumers. @default none"
        ),
    )

    @model_validator(mode="after")
    def _external_consumers(self) -> EndpointService:
        names = [c.name for c in self.external_consumers]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"external consumer '{twice[0]}' is named twice: each customer's hand-off file is named by it")
        if self.external_consumers and not self.acceptance_required:
            raise ValueError("external consumers' endpoints are accepted from their hand-off files: keep `acceptance_required: true`")
        return self


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
