"""The provider side module's interface: its VPC, Direct Connect, and endpoint services.

Everything the provider would otherwise compute with fragile expressions
(names within AWS limits, which targets a migration stage registers, TLS to
TCP target protocols) is decided in the sources here, where it can be tested.
"""

from __future__ import annotations

from dataclasses import dataclass

from plgen.aws.arns import partition_of
from plgen.aws.protocols import HEALTH_CHECK_IP_PROTOCOL as HEALTH_CHECK_PROTOCOL
from plgen.aws.protocols import IP_PROTOCOLS
from plgen.blueprint.model import Blueprint, HealthCheck, HealthCheckProtocol, Listener, Protocol, Provider, Service, Site, Target, Verification
from plgen.blueprint.names import nlb_name, target_group_name
from plgen.features.names import FeatureName
from plgen.interfaces.base import NULL, OMIT, Attr, Input, Interface, ListOf, MapOf, Obj, SideVariable
from plgen.interfaces.network import TAGS, SideContext, name_input, on_premises_input, vpc_input

MODULE = "modules/endpoint-service"
PORT = Obj(Attr("port", "number"), Attr("ip_protocol", "string"))
RULE = Obj(Attr("cidr", "string"), Attr("port", "number"), Attr("ip_protocol", "string"))
# An inbound rule of the NLB's group: an IPv4 source in `cidr`, an IPv6 one in `cidr_ipv6` (the other null): a security
# group rule's `cidr_ipv4` takes IPv4 CIDRs only, and the provider refuses an IPv6 one at plan.
# https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html (IpRanges: IPv4; Ipv6Ranges: IPv6)
SOURCE_RULE = Obj(
    Attr("cidr", "string"),  # null for an IPv6 source (kept required: IPv4-only modules keep their type)
    Attr("cidr_ipv6", "string", default=NULL, feature=FeatureName.DUAL_STACK),
    Attr("port", "number"),
    Attr("ip_protocol", "string"),
)
HEALTH_CHECK = Obj(
    Attr("protocol", "string"),
    Attr("port", "string"),
    Attr("path", "string", default=NULL),
    Attr("interval", "number"),
    Attr("healthy_threshold", "number"),
    Attr("unhealthy_threshold", "number"),
)


@dataclass(frozen=True)
class ServiceContext:
    bp: Blueprint
    provider: Provider
    service: Service


@dataclass(frozen=True)
class ListenerContext:
    service: ServiceContext
    listener: Listener

    @property
    def tls(self) -> bool:
        return self.listener.protocol is Protocol.TLS


LISTENER = Obj(
    Attr("port", "number", lambda c: c.listener.port),
    Attr("protocol", "string", lambda c: c.listener.protocol.value),
    Attr("target_port", "number", lambda c: c.listener.backend_port),
    Attr("target_protocol", "string", lambda c: c.listener.protocol.target_protocol),
    # The name changes with the listener port and the target protocol and port: a changed target port creates the
    # new group (create_before_destroy) before the old one, still named and in use by the listener, goes.
    Attr("target_group_name", "string", lambda c: target_group_name(c.service.bp, c.service.provider, c.service.service, c.listener)),
    Attr("certificate_arn", "string", lambda c: c.listener.certificate_arn if c.tls else None, default=NULL),
    Attr("ssl_policy", "string", lambda c: c.listener.ssl_policy if c.tls else None, default=NULL),
    # Targets that terminate TLS behind a TCP listener: the names their certificate holds (read by the path proof's dns hop).
    Attr("tls_names", "list(string)", lambda c: list(c.listener.tls_names) or OMIT, default=[]),
)

# Context: the blueprint's AccessLogs. The bucket (in the NLB's Region, with the log-delivery policy) is not plgen's.
ACCESS_LOGS = Obj(Attr("bucket", "string", lambda a: a.bucket), Attr("prefix", "string", lambda a: a.prefix, default=NULL))

# Context: a registered Target.
TARGET = Obj(
    Attr("target_id", "string", lambda t: t.instance_id or t.ip),
    Attr("port", "number", lambda t: t.port, default=NULL),
    Attr("availability_zone", "string", lambda t: "all" if t.site is not Site.aws else None, default=NULL),
)



def _targets(c: ServiceContext) -> dict[str, Target]:
    return {target.key: target for target in c.service.registered_targets}


def _reached(service: Service, sites: frozenset[Site]) -> set[tuple[str | None, int, str]]:
    """(target IP, port, IP protocol) the NLB sends traffic and health checks to (health checks: TCP, on the traffic port unless named)."""
    check_port = service.nlb.health_check.port if service.nlb.health_check else None
    return {
        (target.ip, port, proto)
        for listener in service.nlb.listeners
        for target in service.registered_targets
        if target.site in sites
        for port, proto in (
            *((target.port or listener.backend_port, p) for p in IP_PROTOCOLS[listener.protocol]),
            (check_port or target.port or listener.backend_port, HEALTH_CHECK_PROTOCOL),
        )
    }


def health_check(service: Service) -> dict[str, object]:
    """The target groups' health check: the blueprint's, or TCP on the traffic port every 30 s (AWS's NLB defaults)."""
    check = service.nlb.health_check or HealthCheck()
    http = check.protocol is not HealthCheckProtocol.TCP
    return {
        "protocol": check.protocol.value,
        "port": str(check.port) if check.port else "traffic-port",
        "path": (check.path or "/") if http else None,
        "interval": check.interval,
        "healthy_threshold": check.healthy_threshold,
        "unhealthy_threshold": check.unhealthy_threshold,
    }


def target_ports(service: Service) -> list[dict[str, object]]:
    """(port, IP protocol) the targets in the VPC receive traffic and health checks on (health checks use the traffic port, over TCP)."""
    ports = {(port, proto) for _, port, proto in _reached(service, frozenset({Site.aws}))}
    return [{"port": port, "ip_protocol": proto} for port, proto in sorted(ports)]


def vpc_targets(service: Service) -> dict[str, dict[str, object]]:
    """IP targets in the VPC: the NLB's group lets traffic and health checks out to each address, alone (review D7).

    An egress rule that references the targets' group matches only network
    interfaces that are members of it, and nothing attaches an IP target (an
    ECS task, a server) to that group: until its team adds it, every health
    check is dropped, since "Health checks are subject to outbound rules"
    (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html,
    Considerations). So each in-VPC IP target also gets its own /32, as the
    off-VPC ones do; instance targets (no address known here) rely on the group.
    """
    reached = {(f"{ip}/32", port, proto) for ip, port, proto in _reached(service, frozenset({Site.aws})) if ip}
    return {f"{cidr}/{proto}/{port}": {"cidr": cidr, "port": port, "ip_protocol": proto} for cidr, port, proto in sorted(reached)}


def remote_targets(service: Service) -> dict[str, dict[str, object]]:
    """IP targets outside the VPC (on premises, peered): the NLB's group lets traffic and health checks out to each, alone."""
    reached = {(f"{ip}/32", port, proto) for ip, port, proto in _reached(service, frozenset({Site.on_premises, Site.peered}))}
    return {f"{cidr}/{proto}/{port}": {"cidr": cidr, "port": port, "ip_protocol": proto} for cidr, port, proto in sorted(reached)}


def nlb_sources(c: ServiceContext) -> dict[str, dict[str, object]]:
    """What the NLB's group admits: with PrivateLink enforcement on, every CIDR the service's consumer endpoints admit.

    With enforcement on, the NLB evaluates PrivateLink traffic with the
    client's own IP as source, so the clients the consumers' endpoints admit
    (their CIDRs, on-premises and peered home VPCs: ``Consumer.admitted``)
    are admitted on the listener ports. A security group ID in a consumer VPC
    cannot be named here (rule privatelink-enforcement-sources refuses it).
    With enforcement off, PrivateLink traffic is not evaluated and nothing
    else has business reaching the NLB: the group admits nothing.
    """
    if not c.service.nlb.enforce_inbound_rules_on_privatelink:
        return {}
    cidrs = {
        source
        for consumer in c.bp.consumers
        for j, endpoint in enumerate(consumer.endpoints)
        if any(p is c.provider and s is c.service for p, s in c.bp.find_service(endpoint.service))
        for source, _, _ in consumer.admitted(j)
        if not source.startswith("sg-")
    }
    ports = {(listener.port, proto) for listener in c.service.nlb.listeners for proto in IP_PROTOCOLS[listener.protocol]}
    return {
        f"{cidr}/{proto}/{port}": {"cidr": None if ":" in cidr else cidr, "cidr_ipv6": cidr if ":" in cidr else None, "port": port, "ip_protocol": proto}
        for cidr in sorted(cidrs)
        for port, proto in sorted(ports)
    }


def supported_regions(provider: Provider, service: Service) -> list[str]:
    """The service's own Region and every other one it lists.

    The own Region must be in the list or the provider never converges
    (terraform-provider-aws #40667); the list is always set, so emptying it in
    the blueprint revokes the other Regions (null would keep them).
    """
    return sorted({provider.region, *service.endpoint_service.supported_regions})


def route53_verification(service: Service):
    """The public zone of a ``route53`` verification, or ``None`` (no private DNS name, or verified externally)."""
    verification = service.endpoint_service.private_dns_verification
    if not service.endpoint_service.private_dns_name or verification is None or verification.verification is Verification.external:
        return None
    return verification


# Context: a route53 PrivateDnsVerification. The zone by ID or by name; the module looks it up either way (its name makes the record's).
# Connection notifications (opt-in): the events, and an existing topic or null for one the module creates.
NOTIFICATIONS = Obj(
    Attr("events", "list(string)"),
    Attr("sns_topic_arn", "string", default=NULL),
    # The provider's account and partition, for the created topic's and key's policies: known from the blueprint,
    # so the module reads no aws_caller_identity (which needs AWS at plan).
    Attr("account_id", "string"),
    Attr("partition", "string"),
)


def allowed_principals(c: ServiceContext) -> list[str]:
    """The principals the service allows: those named, and each external consumer's (an account ID as its root)."""
    spec = c.service.endpoint_service
    return sorted({*spec.allowed_principals, *(e.arn(partition_of(c.provider.region)) for e in spec.external_consumers)})


def notifications(c: ServiceContext) -> dict | None:
    spec = c.service.endpoint_service.notifications
    if spec is None:
        return None
    return {
        "events": sorted(e.value for e in spec.events),
        "sns_topic_arn": spec.sns_topic_arn,
        "account_id": c.provider.account_id,
        "partition": partition_of(c.provider.region),
    }


VERIFICATION_ZONE = Obj(
    Attr("zone_id", "string", lambda v: v.zone_id, default=NULL),
    Attr("zone_name", "string", lambda v: v.zone, default=NULL),
)

SERVICE = Obj(
    Attr("load_balancer_name", "string", lambda c: nlb_name(c.bp, c.provider, c.service)),
    Attr("internal", "bool", lambda c: True, default=True),
    Attr("cross_zone", "bool", lambda c: c.service.nlb.cross_zone, default=True),
    Attr("proxy_protocol_v2", "bool", lambda c: c.service.nlb.proxy_protocol_v2, default=False),
    Attr("deregistration_delay", "number", lambda c: c.service.nlb.deregistration_delay, default=300),
    Attr("connection_termination", "bool", lambda c: c.service.nlb.connection_termination, default=False),
    Attr("deletion_protection", "bool", lambda c: c.service.nlb.deletion_protection, default=False),
    Attr("access_logs", ACCESS_LOGS, lambda c: c.service.nlb.access_logs, default=NULL, feature=FeatureName.ACCESS_LOGS),
    Attr("health_check", HEALTH_CHECK, lambda c: health_check(c.service)),
    Attr("target_type", "string", lambda c: c.service.target_type),
    Attr("listeners", MapOf(LISTENER), lambda c: {str(item.port): ListenerContext(c, item) for item in c.service.nlb.listeners}),
    Attr("targets", MapOf(TARGET), _targets),
    Attr("acceptance_required", "bool", lambda c: c.service.endpoint_service.acceptance_required, default=True),
    Attr("allowed_principals", "list(string)", lambda c: allowed_principals(c), default=[]),
    Attr("private_dns_name", "string", lambda c: c.service.endpoint_service.private_dns_name, default=NULL),
    Attr("private_dns_verification", VERIFICATION_ZONE, lambda c: route53_verification(c.service), default=NULL, feature=FeatureName.PRIVATE_DNS),
    Attr("supported_regions", "list(string)", lambda c: supported_regions(c.provider, c.service)),
    Attr("ip_address_type", "string", lambda c: c.service.nlb.ip_address_type, default="ipv4", feature=FeatureName.DUAL_STACK),
    Attr("supported_ip_address_types", "list(string)", lambda c: [t.value for t in c.service.endpoint_service.supported_ip_address_types], default=["ipv4"], feature=FeatureName.DUAL_STACK),
    Attr("target_ports", ListOf(PORT), lambda c: target_ports(c.service), default=[]),
    Attr("remote_targets", MapOf(RULE), lambda c: remote_targets(c.service), default={}),
    Attr("vpc_targets", MapOf(RULE), lambda c: vpc_targets(c.service), default={}),
    Attr("enforce_privatelink_inbound", "string", lambda c: "on" if c.service.nlb.enforce_inbound_rules_on_privatelink else "off", default="off"),
    Attr("nlb_sources", MapOf(SOURCE_RULE), nlb_sources, default={}),
    Attr("notifications", NOTIFICATIONS, notifications, default=NULL),
)

SERVICES = Input(
    "services",
    MapOf(SERVICE),
    "Endpoint services by name: the NLB (listeners, cross-zone, proxy protocol v2), its targets, and who may connect.",
    source=lambda side: {item.name: ServiceContext(side.bp, side.side, item) for item in side.side.services},
)

PROVIDER = Interface(
    MODULE,
    "The provider team's side: its VPC (created or existing), one internal Network Load Balancer per service "
    "with its listeners and targets and its own security group, the VPC endpoint service (PrivateLink) in front of each NLB, "
    "and a security group for each service's targets (put the targets in it) that admits only the NLB's group.",
    (name_input("provider VPC"), TAGS, vpc_input(), SERVICES, on_premises_input(FeatureName.ON_PREMISES_TARGETS)),
)

ROUTING = (
    Attr("region", "string", lambda side: side.side.region),
    Attr("account_id", "string", lambda side: side.side.account_id),
)

SERVICE_PROVIDERS = SideVariable(
    "service_providers",
    "Provider sides by name: Region, account, VPC and endpoint services. Filled from the blueprint in terraform.tfvars.json.",
    PROVIDER,
    ROUTING,
)


def provider_sides(bp: Blueprint) -> list[tuple[str, SideContext]]:
    return [(p.name, SideContext(bp, p)) for p in bp.providers]


ACCEPTANCE_MODULE = "modules/endpoint-acceptance"

CONNECTIONS = Input(
    "connections",
    MapOf(Obj(Attr("service_id", "string"), Attr("endpoint_id", "string"))),
    "Interface endpoints of other accounts to accept, by `<consumer>/<provider>/<service>`: the endpoint service ID "
    "(this provider's `endpoint_services` output) and the endpoint ID (the consumer's `endpoints` output).",
    wiring=(
        "{ for key, c in local.endpoint_connections : key => "
        "{ service_id = local.endpoint_services[c.provider][c.service].id, endpoint_id = c.endpoint_id } if c.provider == each.key }"
    ),
)

ACCEPTANCE = Interface(
    ACCEPTANCE_MODULE,
    "The provider team's second step, in its own account: accepts the interface endpoints that consumers in other "
    "accounts created for its services (acceptance required), once they exist. Until then they stay `pendingAcceptance`. "
    "Endpoints in the provider's own account accept themselves (`auto_accept`).",
    (CONNECTIONS,),
)
