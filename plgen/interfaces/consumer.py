"""The consumer side module's interface: its VPC, interface endpoints, DNS and extra sources."""

from __future__ import annotations

from dataclasses import dataclass

from plgen.blueprint.model import Blueprint, Consumer, Endpoint, ExternalService
from plgen.features.names import FeatureName
from plgen.interfaces.base import NULL, OMIT, Attr, Input, Interface, ListOf, MapOf, Obj, SideVariable
from plgen.aws.protocols import IP_PROTOCOLS
from plgen.interfaces.endpoint_service import PORT, ROUTING
from plgen.interfaces.network import TAGS, SideContext, name_input, on_premises_input, vpc_input

MODULE = "modules/consumer"


@dataclass(frozen=True)
class EndpointContext:
    consumer: SideContext
    endpoint: Endpoint

    @property
    def external(self) -> ExternalService | None:
        """The other organisation's service the endpoint names (``external_services``), or None for one of the blueprint."""
        return self.consumer.bp.external_of(self.endpoint)

    @property
    def target(self):
        """(provider, service) the endpoint names (a service of the blueprint)."""
        return self.consumer.bp.resolve(self.endpoint)

    @property
    def owner(self) -> str:
        """The side (or, for an external service, the vendor) offering the service."""
        return self.external.vendor if self.external else self.target[0].name

    @property
    def service(self) -> str:
        return self.external.name if self.external else self.target[1].name

    @property
    def service_region(self) -> str:
        return self.external.region if self.external else self.target[0].region

    @property
    def same_account(self) -> bool:
        """An external service is another organisation's: never this account's."""
        return self.external is None and self.target[0].account_id == self.consumer.side.account_id

    @property
    def acceptance_required(self) -> bool:
        return self.external.acceptance_required if self.external else self.target[1].endpoint_service.acceptance_required

    @property
    def accepted_here(self) -> bool:
        """A provider module of this blueprint accepts the endpoint (another account's, to a service requiring it);
        an external service's vendor accepts on its own side."""
        return self.external is None and not self.same_account and self.acceptance_required

    @property
    def private_dns_after_acceptance(self) -> bool:
        """Private DNS on an endpoint the provider's module accepts: switched on only after that acceptance."""
        return bool(self.endpoint.private_dns) and self.accepted_here

    @property
    def ports(self) -> list[dict[str, object]]:
        return ports(self.external.ports if self.external else self.target[1].nlb.listeners)


def ports(listeners) -> list[dict[str, object]]:
    """The (port, IP protocol) pairs an endpoint's security group opens: the service's listeners (or an external service's ports)."""
    return [{"port": item.port, "ip_protocol": proto} for item in sorted(listeners, key=lambda x: x.port) for proto in IP_PROTOCOLS[item.protocol]]


SERVICE_NAME_WIRING = "local.endpoint_services[endpoint.provider][endpoint.service].service_name"
VERIFIED_WIRING = "local.endpoint_services[endpoint.provider][endpoint.service].private_dns_verified"

ENDPOINT = Obj(
    Attr("provider", "string", lambda c: c.owner, where="root"),
    Attr("service", "string", lambda c: c.service, where="root"),
    Attr("service_name", "string", where="module"),  # wired by the root from the provider's output (or the external service's name)
    Attr("service_region", "string", lambda c: c.service_region if c.service_region != c.consumer.side.region else None, default=NULL),
    Attr("ports", ListOf(PORT), lambda c: c.ports),
    Attr("allowed_cidrs", "list(string)", lambda c: [x for x in c.endpoint.allowed_cidrs if ":" not in x], default=[]),
    Attr("allowed_ipv6_cidrs", "list(string)", lambda c: [x for x in c.endpoint.allowed_cidrs if ":" in x], default=[], feature=FeatureName.DUAL_STACK),
    # The VPC's own blocks, read by the module at apply (an Amazon-provided IPv6 block exists only once the VPC does).
    Attr("admit_own_vpc", "bool", lambda c: c.endpoint.admit_own_vpc, default=False, feature=FeatureName.DUAL_STACK),
    Attr("ip_address_type", "string", lambda c: c.endpoint.ip_address_type.value, default="ipv4", feature=FeatureName.DUAL_STACK),
    Attr("dns_record_ip_type", "string", lambda c: c.endpoint.dns_records, default="ipv4", feature=FeatureName.DUAL_STACK),
    Attr("allowed_security_group_ids", "list(string)", lambda c: list(c.endpoint.allowed_security_group_ids), default=[]),
    Attr("private_dns", "bool", lambda c: c.endpoint.private_dns, default=False),
    Attr("dns_name", "string", lambda c: c.endpoint.dns_name, default=NULL),
    # Wired by the root from the provider's output: true once the service's private DNS name is verified. The
    # endpoint reads it, so it is created after the verification (one root) or refused by a precondition (two teams).
    Attr("private_dns_verified", "bool", default=False, feature=FeatureName.PRIVATE_DNS, where="module"),
    # Acceptance: an endpoint in the service's own account accepts itself (AWS honours auto_accept only there);
    # one in another account is accepted by the provider's module, which the root tells which ones (accept).
    Attr("auto_accept", "bool", lambda c: c.same_account and c.acceptance_required, default=False),
    Attr("accept", "bool", lambda c: c.accepted_here, where="root"),
    # Private DNS waits for that acceptance: off at creation, on in modules/consumer-private-dns (see its interface).
    Attr("private_dns_after_acceptance", "bool", lambda c: c.private_dns_after_acceptance, default=False, feature=FeatureName.PRIVATE_DNS),
)


def endpoint_key(bp: Blueprint, endpoint: Endpoint) -> str:
    external = bp.external_of(endpoint)
    if external:
        return external.key
    owner, service = bp.resolve(endpoint)
    return f"{owner.name}/{service.name}"


ENDPOINTS = Input(
    "endpoints",
    MapOf(ENDPOINT),
    "Interface endpoints by key: the endpoint service name, its listener ports, and the CIDRs or security groups admitted to it.",
    source=lambda side: {endpoint_key(side.bp, e): EndpointContext(side, e) for e in side.side.endpoints},
    wiring=lambda features: (
        "{ for key, endpoint in each.value.endpoints : key => merge(endpoint, { service_name = "
        + SERVICE_NAME_WIRING
        + (f", private_dns_verified = {VERIFIED_WIRING}" if FeatureName.PRIVATE_DNS in features else "")
        + " }) }"
    ),
)

PEER_CIDRS = Input(
    "peer_cidrs",
    "list(string)",
    "CIDRs of peered home VPCs whose workloads use these endpoints; admitted on the listener ports.",
    feature=FeatureName.HOME_PEERING,
    source=lambda side: [str(p.vpc.network) for p in side.side.peers if p.vpc.network],
)

PEER_VPCS = Input(
    "peer_vpcs",
    MapOf(Obj(Attr("vpc_id", "string"), Attr("region", "string"), Attr("cross_account", "bool", default=False))),
    "Peered home VPCs by name (ID, Region, and whether another account owns it) whose workloads resolve the friendly names; "
    "each zone is associated with those of this account, and authorizes the association of the others (their own module associates them).",
    feature=(FeatureName.HOME_PEERING, FeatureName.FRIENDLY_NAMES),
    wiring=(
        "{ for key, peer in var.peers : peer.name => { vpc_id = local.peer_vpcs[key].vpc_id, region = peer.region, "
        "cross_account = peer.account_id != peer.side_account_id } if peer.side == each.key }"
    ),
)

# Of the consumer's OnPremises: an inbound Resolver endpoint in the access VPC (Direct Connect clients resolve through it).
RESOLVER_ENDPOINT = Attr("resolver_endpoint", "bool", lambda o: o.resolver_endpoint, default=False)

CONSUMER = Interface(
    MODULE,
    "A consumer team's side: its VPC (created or existing), one interface endpoint per consumed service with a "
    "network interface in each AZ, a security group open only to the named sources, and DNS names.",
    (name_input("consumer VPC"), TAGS, vpc_input(), ENDPOINTS, on_premises_input(FeatureName.ON_PREMISES_ACCESS, RESOLVER_ENDPOINT), PEER_CIDRS, PEER_VPCS),
)

# Whether the root calls modules/consumer-verify for the side (``verify: reachability``); written only where set.
VERIFY = Attr("verify", "bool", lambda side: True if side.side.verify else OMIT, default=False)

SERVICE_CONSUMERS = SideVariable(
    "service_consumers",
    "Consumer sides by name: Region, account, VPC and the services each one consumes. Filled from the blueprint in terraform.tfvars.json.",
    CONSUMER,
    (*ROUTING, VERIFY),
)


def consumer_sides(bp: Blueprint) -> list[tuple[str, SideContext]]:
    return [(c.name, SideContext(bp, c)) for c in bp.consumers]


def private_dns_after_acceptance(bp: Blueprint, features) -> dict[str, list[str]]:
    """Per consumer with any, the providers whose acceptance its endpoints' private DNS waits for (modules/consumer-private-dns)."""
    if FeatureName.PRIVATE_DNS not in features:
        return {}
    waiting: dict[str, list[str]] = {}
    for consumer in bp.consumers:
        side = SideContext(bp, consumer)
        for endpoint in consumer.endpoints:
            ctx = EndpointContext(side, endpoint)
            if ctx.private_dns_after_acceptance:
                waiting.setdefault(consumer.name, [])
                if ctx.target[0].name not in waiting[consumer.name]:
                    waiting[consumer.name].append(ctx.target[0].name)
    return waiting


def admitted_sources(consumer: Consumer, endpoint: Endpoint) -> list[tuple[str, str | None]]:
    """What an endpoint's security group admits, with where it comes from (``Consumer.admitted``)."""
    return [(source, origin) for source, origin, _ in consumer.admitted(consumer.endpoints.index(endpoint))]
