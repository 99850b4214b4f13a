"""The resource-consumer module's interface: a consumer VPC, its resource endpoints and its service-network endpoint.

Each endpoint gets a security group open only to the sources the blueprint
names, on the TCP ports of what it reaches; endpoints whose share comes from
outside the organization accept the RAM invitation first (``accept``).
"""

from __future__ import annotations

from dataclasses import dataclass

from plgen.blueprint.model import Blueprint, Consumer, Organization, ResourceEndpoint
from plgen.features.names import FeatureName
from plgen.interfaces.base import NULL, Attr, Input, Interface, ListOf, MapOf, Obj, SideVariable
from plgen.interfaces.endpoint_service import ROUTING
from plgen.interfaces.network import TAGS, SideContext, name_input, vpc_input
from plgen.interfaces.resource_gateway import endpoint_ports

MODULE = "modules/resource-consumer"
SPAN = Obj(Attr("from_port", "number"), Attr("to_port", "number"))


@dataclass(frozen=True)
class ResourceEndpointContext:
    consumer: SideContext
    endpoint: ResourceEndpoint

    @property
    def target(self):
        """(provider, resource) the endpoint names."""
        ((provider, item),) = self.consumer.bp.find_resource(self.endpoint.resource)
        return provider, item

    @property
    def spans(self) -> list[dict[str, int]]:
        if self.endpoint.ports:
            return [{"from_port": p, "to_port": p} for p in sorted(set(self.endpoint.ports))]
        provider, item = self.target
        return [{"from_port": lo, "to_port": hi} for lo, hi in endpoint_ports(self.consumer.bp, provider, item)]


def accepts(consumer: Consumer, provider) -> bool:
    """Whether a share from ``provider`` arrives as an invitation the consumer accepts (an accepter with none fails).

    An account outside the owner's organization gets an invitation; one inside
    it, with RAM sharing with AWS Organizations enabled, gets the share without
    one, and the provider's accepter then fails ("No pending RAM Resource Share
    invitation found", hashicorp/terraform-provider-aws internal/service/ram/resource_share_accepter.go;
    https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ram_principal_association:
    "within the same AWS Organization, no resource share invitation is sent").
    The consumer's ``organization`` says which; unset, the provider's
    ``allow_external_principals`` is taken to mean its consumers are external.
    """
    if provider.account_id == consumer.account_id:
        return False
    if consumer.organization is not None:
        return consumer.organization is Organization.external
    return provider.allow_external_principals


def network_spans(side: SideContext) -> list[dict[str, int]]:
    (provider,) = side.bp.find_service_network(side.side.service_network_endpoint.service_network)
    names = set(provider.service_network.resources)
    spans = sorted({span for item in provider.resources if item.name in names for span in item.spans})
    return [{"from_port": lo, "to_port": hi} for lo, hi in spans]


RESOURCE_ENDPOINT = Obj(
    Attr("provider", "string", lambda c: c.target[0].name, where="root"),
    Attr("resource", "string", lambda c: c.target[1].name, where="root"),
    Attr("resource_configuration_arn", "string", where="module"),  # wired by the root from the provider's output
    Attr("share_arn", "string", where="module"),
    Attr("accept", "bool", lambda c: accepts(c.consumer.side, c.target[0]), default=False),
    Attr("ports", ListOf(SPAN), lambda c: c.spans),
    Attr("allowed_cidrs", "list(string)", lambda c: list(c.endpoint.allowed_cidrs), default=[]),
    Attr("allowed_security_group_ids", "list(string)", lambda c: list(c.endpoint.allowed_security_group_ids), default=[]),
    Attr("private_dns", "bool", lambda c: c.endpoint.private_dns, default=False),
    Attr("dns_name", "string", lambda c: c.endpoint.dns_name, default=NULL),
)


def resource_endpoint_key(bp: Blueprint, endpoint: ResourceEndpoint) -> str:
    ((provider, item),) = bp.find_resource(endpoint.resource)
    return f"{provider.name}/{item.name}"


RESOURCE_ENDPOINTS = Input(
    "resource_endpoints",
    MapOf(RESOURCE_ENDPOINT),
    "Resource endpoints by `provider/resource`: the resource configuration ARN and its RAM share, the TCP port spans opened, and the CIDRs or security groups admitted.",
    default={},
    source=lambda side: {resource_endpoint_key(side.bp, e): ResourceEndpointContext(side, e) for e in side.side.resource_endpoints},
    # local.resource_endpoint_targets: per `provider/resource`, its resource configuration ARN and RAM share ARN (the root's local).
    wiring="{ for key, endpoint in each.value.resource_endpoints : key => merge(endpoint, local.resource_endpoint_targets[key]) }",
)


def _network(side: SideContext):
    endpoint = side.side.service_network_endpoint
    if endpoint is None:
        return None
    (provider,) = side.bp.find_service_network(endpoint.service_network)
    return {
        "provider": provider.name,
        "accept": accepts(side.side, provider),
        "ports": network_spans(side),
        "allowed_cidrs": list(endpoint.allowed_cidrs),
        "allowed_security_group_ids": list(endpoint.allowed_security_group_ids),
    }


SERVICE_NETWORK_ENDPOINT = Input(
    "service_network_endpoint",
    Obj(
        Attr("provider", "string", where="root"),
        Attr("service_network_arn", "string", where="module"),
        Attr("share_arn", "string", where="module"),
        Attr("accept", "bool", default=False),
        Attr("ports", ListOf(SPAN)),
        Attr("allowed_cidrs", "list(string)", default=[]),
        Attr("allowed_security_group_ids", "list(string)", default=[]),
    ),
    "The service-network endpoint: the service network's ARN and RAM share, the TCP port spans of its resources, and the sources admitted. null for none.",
    default=NULL,
    feature=FeatureName.SERVICE_NETWORK,
    source=_network,
    wiring=(
        "each.value.service_network_endpoint == null ? null : merge(each.value.service_network_endpoint, {"
        " service_network_arn = local.service_networks[each.value.service_network_endpoint.provider].arn,"
        " share_arn = local.service_networks[each.value.service_network_endpoint.provider].share_arn })"
    ),
)

RESOURCE_CONSUMER = Interface(
    MODULE,
    "A consumer team's side for resource access: its VPC (created or existing), one resource endpoint per shared resource "
    "(and optionally one service-network endpoint) with a network interface in each AZ, each behind a security group open only to the named sources; "
    "shares from outside the organization are accepted first.",
    (name_input("consumer VPC"), TAGS, vpc_input(), RESOURCE_ENDPOINTS, SERVICE_NETWORK_ENDPOINT),
)

RESOURCE_CONSUMERS = SideVariable(
    "resource_consumers",
    "Resource consumers by name: Region, account, VPC and the resource and service-network endpoints each creates. Filled from the blueprint in terraform.tfvars.json.",
    RESOURCE_CONSUMER,
    ROUTING,
)


def resource_consumer_sides(bp: Blueprint) -> list[tuple[str, SideContext]]:
    return [(c.name, SideContext(bp, c)) for c in bp.consumers]
