"""The resource-gateway module's interface: the provider VPC, its VPC Lattice resource gateway, resource configurations, RAM shares, service network.

What would otherwise be expressions in the module (the gateway's egress, the
resource configuration type, which accounts each share names) is decided in
the sources here, where it can be tested; the module's code does not grow
with resources or consumers (every collection is a ``for_each`` map).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from plgen.blueprint.model import Blueprint, Provider, Resource
from plgen.blueprint.names import resource_configuration_name, resource_gateway_name, service_network_name
from plgen.features.names import FeatureName
from plgen.interfaces.base import NULL, OMIT, Attr, Input, Interface, MapOf, Obj, SideVariable
from plgen.interfaces.endpoint_service import ROUTING
from plgen.interfaces.network import TAGS, SideContext, name_input, on_premises_input, vpc_input

MODULE = "modules/resource-gateway"


@dataclass(frozen=True)
class ResourceContext:
    side: SideContext
    resource: Resource

    @property
    def provider(self) -> Provider:
        return self.side.side


def gateway_azs(provider: Provider) -> list[str]:
    """The AZ IDs the gateway has an interface in: its own list, or every AZ of the provider."""
    return list(provider.resource_gateway.azs or provider.azs)


def reach(provider: Provider) -> list[str]:
    """The networks the gateway reaches: the VPC's CIDR and, over Direct Connect, the on-premises CIDRs."""
    out = [str(provider.vpc.network)] if provider.vpc.network else []
    return out + (list(provider.on_premises.cidrs) if provider.on_premises else [])


def endpoint_ports(bp: Blueprint, provider: Provider, resource: Resource) -> list[tuple[int, int]]:
    """The TCP port spans consumers reach ``resource`` on: its ranges, or (an ARN resource) the ports its endpoints name."""
    if resource.port_ranges:
        return resource.spans
    ports = {
        port
        for consumer in bp.consumers
        for endpoint in consumer.resource_endpoints
        if bp.find_resource(endpoint.resource) == [(provider, resource)]
        for port in endpoint.ports
    }
    return [(p, p) for p in sorted(ports)]


def egress(side: SideContext) -> dict[str, dict[str, object]]:
    """The gateway security group's outbound rules: to each resource (its address, or for a name or an ARN every network the gateway reaches) on its ports."""
    rules: dict[str, dict[str, object]] = {}
    provider = side.side
    for item in provider.resources:
        cidrs = [f"{item.ip}/32"] if item.ip else (reach(provider) if item.dns_name else reach(provider)[:1])
        for cidr in cidrs:
            for lo, hi in endpoint_ports(side.bp, provider, item):
                key = f"{cidr}/{lo}-{hi}"
                rules[key] = {"cidr": cidr, "from_port": lo, "to_port": hi}
    return dict(sorted(rules.items(), key=lambda kv: (ipaddress.IPv4Network(kv[1]["cidr"]), kv[1]["from_port"], kv[1]["to_port"])))


GATEWAY = Obj(
    Attr("name", "string", lambda s: resource_gateway_name(s.bp, s.side)),
    Attr("azs", "list(string)", lambda s: gateway_azs(s.side)),
    Attr("ip_address_type", "string", lambda s: s.side.resource_gateway.ip_address_type.value, default="IPV4"),
    Attr("egress", MapOf(Obj(Attr("cidr", "string"), Attr("from_port", "number"), Attr("to_port", "number"))), egress),
)

RESOURCE = Obj(
    Attr("name", "string", lambda c: resource_configuration_name(c.side.bp, c.provider, c.resource)),
    Attr("ip_address", "string", lambda c: c.resource.ip, default=NULL),
    Attr("domain_name", "string", lambda c: c.resource.dns_name, default=NULL),
    Attr("arn", "string", lambda c: c.resource.arn, default=NULL),
    Attr("port_ranges", "list(string)", lambda c: list(c.resource.port_ranges), default=[]),
    Attr("share_with", "list(string)", lambda c: sorted(c.resource.share_with), default=[]),
    # For the path proof (the names a TLS-terminating resource's certificate holds); the module does not read it.
    Attr("tls_names", "list(string)", lambda c: list(c.resource.tls_names) or OMIT, default=[]),
    Attr(
        "in_service_network",
        "bool",
        lambda c: bool(c.provider.service_network and c.resource.name in c.provider.service_network.resources),
        default=False,
    ),
)

RESOURCES = Input(
    "resources",
    MapOf(RESOURCE),
    "Resources behind the gateway by name: an `ip_address`, a `domain_name` or an `arn` (one of them), TCP `port_ranges`, and the accounts the resource configuration is shared with through AWS RAM.",
    source=lambda side: {item.name: ResourceContext(side, item) for item in side.side.resources},
)

GATEWAY_INPUT = Input(
    "resource_gateway",
    GATEWAY,
    "The resource gateway: its name, the AZ IDs it has an interface in, its IP address type, and its security group's outbound rules (to the resources, on their ports; nothing else).",
    source=lambda side: side,
)

SERVICE_NETWORK = Input(
    "service_network",
    Obj(
        Attr("name", "string", lambda s: service_network_name(s.bp, s.side)),
        Attr("share_with", "list(string)", lambda s: sorted(s.side.service_network.share_with), default=[]),
    ),
    "The service network the resources with `in_service_network` are associated with, and the accounts it is shared with through AWS RAM. null for none.",
    default=NULL,
    feature=FeatureName.SERVICE_NETWORK,
    source=lambda side: side if side.side.service_network else None,
)

EXTERNAL = Input(
    "allow_external_principals",
    "bool",
    "Whether the RAM shares may name accounts outside the organization (each such consumer accepts its invitation).",
    default=False,
    source=lambda side: side.side.allow_external_principals,
)

RESOURCE_PROVIDER = Interface(
    MODULE,
    "The provider team's side for resource access: its VPC (created or existing), a VPC Lattice resource gateway with a "
    "security group open outbound only to the resources' ports, one resource configuration per resource (an IP address, a domain name or an AWS resource by ARN), "
    "each shared through AWS RAM with the accounts named, and optionally a service network of them, shared likewise.",
    (name_input("provider VPC"), TAGS, vpc_input(), on_premises_input(FeatureName.ON_PREMISES_TARGETS), GATEWAY_INPUT, RESOURCES, SERVICE_NETWORK, EXTERNAL),
)

RESOURCE_PROVIDERS = SideVariable(
    "resource_providers",
    "Resource providers by name: Region, account, VPC, resource gateway and resources. Filled from the blueprint in terraform.tfvars.json.",
    RESOURCE_PROVIDER,
    ROUTING,
)


def resource_provider_sides(bp: Blueprint) -> list[tuple[str, SideContext]]:
    return [(p.name, SideContext(bp, p)) for p in bp.providers]
