"""The two side modules of resource access through VPC Lattice: the provider's resource gateway and the consumer's resource endpoints.

A provider team applies ``resource-gateway``: its VPC, a resource gateway with
a security group open outbound only to the resources on their ports, one
resource configuration per resource (type SINGLE for an IP address or a
domain name, ARN for an AWS resource), an AWS RAM share per resource naming
exactly the accounts of the blueprint, and optionally a service network the
resources are associated with, shared likewise. Each consumer team applies
``resource-consumer``: its VPC, the accepted RAM invitations (shares from
outside the organization), and a resource endpoint per resource
(``vpc_endpoint_type = "Resource"``) or one service-network endpoint
(``"ServiceNetwork"``), each behind a security group open only to the named
sources. The two sides share only ARNs, which the root wires.
"""

from __future__ import annotations

from plgen.constructs.consumer_endpoints import ENDPOINT_IPS
from plgen.constructs.declare import declare
from plgen.constructs.network import Network
from plgen.constructs.sides import _gateway, common_inputs, network_outputs
from plgen.interfaces.resource_consumer import RESOURCE_CONSUMER
from plgen.interfaces.resource_gateway import RESOURCE_PROVIDER
from plgen.terraform import Construct, data, local, output, resource, tf


class ResourceGateway(Construct):
    """The resource gateway, its security group, the resource configurations and their RAM shares."""

    def __init__(self, scope: Construct, network: Network, features: frozenset[str], name: str = "resource-gateway") -> None:
        super().__init__(scope, name)
        gateway = declare(self, RESOURCE_PROVIDER, "resource_gateway", features)
        resources = declare(self, RESOURCE_PROVIDER, "resources", features)
        external = declare(self, RESOURCE_PROVIDER, "allow_external_principals", features)
        resource(
            self,
            "aws_security_group",
            "gateway",
            {
                "name": tf('"${var.name}-resource-gateway"'),
                "description": "Resource gateway: outbound only to the resources the blueprint names, on their ports",
                "vpc_id": tf(network.vpc_id),
                "tags": tf('merge(var.tags, { Name = "${var.name}-resource-gateway" })'),
            },
        )
        resource(
            self,
            "aws_vpc_security_group_egress_rule",
            "gateway",
            {
                "security_group_id": tf("aws_security_group.gateway.id"),
                "description": "To a resource named in the blueprint",
                "cidr_ipv4": tf("each.value.cidr"),
                "from_port": tf("each.value.from_port"),
                "to_port": tf("each.value.to_port"),
                "ip_protocol": "tcp",
                "tags": tf("var.tags"),
            },
            for_each=tf(f"{gateway}.egress"),
        )
        resource(
            self,
            "aws_vpclattice_resource_gateway",
            "this",
            {
                "name": tf(f"{gateway}.name"),
                "vpc_id": tf(network.vpc_id),
                "subnet_ids": tf(f"[for az in {gateway}.azs : {network.subnet_ids}[az]]"),
                "security_group_ids": [tf("aws_security_group.gateway.id")],
                "ip_address_type": tf(f"{gateway}.ip_address_type"),
                "tags": tf(f"merge(var.tags, {{ Name = {gateway}.name }})"),
            },
        )
        resource(
            self,
            "aws_vpclattice_resource_configuration",
            "this",
            {
                "name": tf("each.value.name"),
                "resource_gateway_identifier": tf("aws_vpclattice_resource_gateway.this.id"),
                "type": tf('each.value.arn != null ? "ARN" : "SINGLE"'),
                # An AWS resource by ARN carries its own protocol and ports: the provider's `arn_resource` block
                # ConflictsWith `protocol` and `port_ranges` (refused at plan, "Invalid Attribute Combination"), and
                # CreateResourceConfiguration documents `protocol` for SINGLE/GROUP and `portRanges` for SINGLE/GROUP/CHILD
                # only. IP and domain-name resources need both (`ip_resource`/`dns_resource` AlsoRequires `port_ranges`).
                # https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/vpclattice/resource_configuration.go
                # https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateResourceConfiguration.html
                "protocol": tf('each.value.arn != null ? null : "TCP"'),
                "port_ranges": tf("each.value.arn != null ? null : each.value.port_ranges"),
                "allow_association_to_shareable_service_network": tf("each.value.in_service_network"),
                "resource_configuration_definition": {
                    "dynamic": {
                        "ip_resource": {"for_each": tf("each.value.ip_address != null ? [each.value.ip_address] : []"), "content": {"ip_address": tf("ip_resource.value")}},
                        "dns_resource": {
                            "for_each": tf("each.value.domain_name != null ? [each.value.domain_name] : []"),
                            "content": {"domain_name": tf("dns_resource.value"), "ip_address_type": tf(f"{gateway}.ip_address_type")},
                        },
                        "arn_resource": {"for_each": tf("each.value.arn != null ? [each.value.arn] : []"), "content": {"arn": tf("arn_resource.value")}},
                    }
                },
                "tags": tf("merge(var.tags, { Name = each.value.name })"),
            },
            for_each=tf(resources),
        )
        shared = local(self, "shared_resources", tf(f"{{ for key, item in {resources} : key => item if length(item.share_with) > 0 }}"))
        resource(
            self,
            "aws_ram_resource_share",
            "resource",
            {
                "name": tf("each.value.name"),
                "allow_external_principals": tf(external),
                "tags": tf("merge(var.tags, { Name = each.value.name })"),
            },
            for_each=tf(shared),
        )
        resource(
            self,
            "aws_ram_resource_association",
            "resource",
            {
                "resource_arn": tf("aws_vpclattice_resource_configuration.this[each.key].arn"),
                "resource_share_arn": tf("aws_ram_resource_share.resource[each.key].arn"),
            },
            for_each=tf(shared),
        )
        principals = local(
            self,
            "resource_principals",
            tf(f'merge([for key, item in {shared} : {{ for account in item.share_with : "${{key}}/${{account}}" => {{ resource = key, principal = account }} }}]...)'),
        )
        resource(
            self,
            "aws_ram_principal_association",
            "resource",
            {"principal": tf("each.value.principal"), "resource_share_arn": tf("aws_ram_resource_share.resource[each.value.resource].arn")},
            for_each=tf(principals),
        )
        self.resources = resources


class ServiceNetwork(Construct):
    """The provider's service network, its resource associations and its RAM share (with the service-network feature)."""

    def __init__(self, scope: Construct, gateway: ResourceGateway, features: frozenset[str], name: str = "service-network") -> None:
        super().__init__(scope, name)
        network = declare(self, RESOURCE_PROVIDER, "service_network", features)
        external = f"var.{RESOURCE_PROVIDER.input('allow_external_principals').name}"
        count = tf(f"{network} == null ? 0 : 1")
        resource(
            self,
            "aws_vpclattice_service_network",
            "this",
            {"name": tf(f"{network}.name"), "auth_type": "NONE", "tags": tf(f"merge(var.tags, {{ Name = {network}.name }})")},
            count=count,
        )
        resource(
            self,
            "aws_vpclattice_service_network_resource_association",
            "this",
            {
                "resource_configuration_identifier": tf("aws_vpclattice_resource_configuration.this[each.key].id"),
                "service_network_identifier": tf("aws_vpclattice_service_network.this[0].id"),
                "tags": tf("var.tags"),
            },
            for_each=tf(f"{network} == null ? {{}} : {{ for key, item in {gateway.resources} : key => item if item.in_service_network }}"),
        )
        shared = tf(f"{network} != null && length(try({network}.share_with, [])) > 0 ? 1 : 0")
        resource(
            self,
            "aws_ram_resource_share",
            "network",
            {"name": tf(f"{network}.name"), "allow_external_principals": tf(external), "tags": tf(f"merge(var.tags, {{ Name = {network}.name }})")},
            count=shared,
        )
        resource(
            self,
            "aws_ram_resource_association",
            "network",
            {"resource_arn": tf("aws_vpclattice_service_network.this[0].arn"), "resource_share_arn": tf("aws_ram_resource_share.network[0].arn")},
            count=shared,
        )
        resource(
            self,
            "aws_ram_principal_association",
            "network",
            {"principal": tf("each.value"), "resource_share_arn": tf("aws_ram_resource_share.network[0].arn")},
            for_each=tf(f"{network} == null ? toset([]) : toset({network}.share_with)"),
        )


class ResourceGatewaySide(Construct):
    """Everything a resource provider applies: network, Direct Connect gateway (on-premises resources), resource gateway, shares."""

    def __init__(self, scope: Construct, features: frozenset[str]) -> None:
        super().__init__(scope, "resource-gateway-side")
        common_inputs(self, RESOURCE_PROVIDER, features)
        network = Network(self, RESOURCE_PROVIDER, features)
        if RESOURCE_PROVIDER.input("on_premises").present(features):
            _gateway(self, network, RESOURCE_PROVIDER, features)
        gateway = ResourceGateway(self, network, features)
        service_network = RESOURCE_PROVIDER.input("service_network").present(features)
        if service_network:
            ServiceNetwork(self, gateway, features)
        output(self, "resource_gateway_id", tf("aws_vpclattice_resource_gateway.this.id"), "ID of the resource gateway.")
        output(self, "resource_gateway_security_group_id", tf("aws_security_group.gateway.id"), "Security group of the resource gateway (the source resources see).")
        output(
            self,
            "resource_configurations",
            tf(
                "{ for key, item in aws_vpclattice_resource_configuration.this : key => {"
                " id = item.id, arn = item.arn,"
                " share_arn = try(aws_ram_resource_share.resource[key].arn, null) } }"
            ),
            "Per resource: resource configuration ID and ARN, and the ARN of its RAM share (null when shared with nobody).",
        )
        if service_network:
            output(
                self,
                "service_network",
                tf(
                    "length(aws_vpclattice_service_network.this) == 0 ? null : {"
                    " id = aws_vpclattice_service_network.this[0].id, arn = aws_vpclattice_service_network.this[0].arn,"
                    " share_arn = try(aws_ram_resource_share.network[0].arn, null) }"
                ),
                "The service network's ID and ARN and its RAM share's ARN (null without a service network).",
            )
        network_outputs(self, network)


def _ingress(scope: Construct, name: str, endpoints: str, group: str) -> None:
    """Ingress rules of each endpoint's group: every named CIDR and security group, on every TCP port span."""
    cidr_rules = local(
        scope,
        f"{name}_cidr_rules",
        tf(
            f"merge([for key, endpoint in {endpoints} : merge([for cidr in distinct(endpoint.allowed_cidrs) : "
            '{ for span in endpoint.ports : "${key}/${cidr}/${span.from_port}-${span.to_port}" => { endpoint = key, cidr = cidr, from_port = span.from_port, to_port = span.to_port } }]...)]...)'
        ),
    )
    group_rules = local(
        scope,
        f"{name}_group_rules",
        tf(
            f"merge([for key, endpoint in {endpoints} : merge([for group in distinct(endpoint.allowed_security_group_ids) : "
            '{ for span in endpoint.ports : "${key}/${group}/${span.from_port}-${span.to_port}" => { endpoint = key, group = group, from_port = span.from_port, to_port = span.to_port } }]...)]...)'
        ),
    )
    for kind, rules, source in (("cidr", cidr_rules, {"cidr_ipv4": tf("each.value.cidr")}), ("security_group", group_rules, {"referenced_security_group_id": tf("each.value.group")})):
        resource(
            scope,
            "aws_vpc_security_group_ingress_rule",
            f"{name}_{kind}",
            {
                "security_group_id": tf(f"{group}[each.value.endpoint].id"),
                "description": "Named in the blueprint",
                **source,
                "from_port": tf("each.value.from_port"),
                "to_port": tf("each.value.to_port"),
                "ip_protocol": "tcp",
                "tags": tf("var.tags"),
            },
            for_each=tf(rules),
        )


def resource_names(scope: Construct, network: Network, endpoints: str) -> None:
    """The name a consumer's clients use for a resource: a private hosted zone whose apex aliases the resource endpoint.

    A resource endpoint is reached by generated names (``vpce-…-snra-….rcfg-….vpc-lattice-rsc.<region>.on.aws``,
    hashicorp/terraform-provider-aws#41261), which a resource terminating TLS cannot hold in its certificate. On
    provider 5.x the provider cannot give the resource configuration a custom domain name (``custom_domain_name``
    is 6.x only), so the consumer side makes one: a private zone named ``dns_name`` in its VPC, its apex an alias
    of the endpoint's DNS entry. A Resource endpoint's own ``dns_entry`` is empty (it is for Interface endpoints,
    hashicorp/terraform-provider-aws#41765); its names are its association's, read by
    ``data.aws_vpc_endpoint_associations`` (PR #41918; a resource endpoint has one association, "A resource
    endpoint can be associated with only one resource configuration",
    https://docs.aws.amazon.com/vpc/latest/privatelink/use-resource-endpoint.html; the association's ``dnsEntry``,
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpointAssociation.html). The data source reads
    the endpoint's ID, known only after it is created, so Terraform reads it during apply.
    """
    named = local(scope, "named_resource_endpoints", tf(f"{{ for key, endpoint in {endpoints} : key => endpoint if endpoint.dns_name != null }}"))
    associations = data(
        scope,
        "aws_vpc_endpoint_associations",
        "resource",
        {"vpc_endpoint_id": tf("aws_vpc_endpoint.resource[each.key].id")},
        for_each=tf(named),
    )
    resource(
        scope,
        "aws_route53_zone",
        "resource",
        {
            "name": tf("each.value.dns_name"),
            "comment": tf('"Name of the ${each.key} resource endpoint"'),
            "vpc": {"vpc_id": tf(network.vpc_id)},
            "tags": tf("var.tags"),
        },
        for_each=tf(named),
        lifecycle={"ignore_changes": ["vpc"]},
    )
    resource(
        scope,
        "aws_route53_record",
        "resource",
        {
            "zone_id": tf("aws_route53_zone.resource[each.key].zone_id"),
            "name": tf("each.value.dns_name"),
            "type": "A",
            "alias": {
                "name": tf(f"{associations}[each.key].associations[0].dns_entry[0].dns_name"),
                "zone_id": tf(f"{associations}[each.key].associations[0].dns_entry[0].hosted_zone_id"),
                "evaluate_target_health": False,
            },
        },
        for_each=tf(named),
    )


class ResourceEndpoints(Construct):
    """Accepted shares, a security group with its rules, and a resource endpoint per resource; the same once for the service network."""

    def __init__(self, scope: Construct, network: Network, features: frozenset[str], name: str = "resource-endpoints") -> None:
        super().__init__(scope, name)
        endpoints = declare(self, RESOURCE_CONSUMER, "resource_endpoints", features)
        resource(
            self,
            "aws_ram_resource_share_accepter",
            "resource",
            {"share_arn": tf("each.value.share_arn")},
            for_each=tf(f"{{ for key, endpoint in {endpoints} : key => endpoint if endpoint.accept }}"),
        )
        resource(
            self,
            "aws_security_group",
            "resource",
            {
                "name": tf('"${var.name}-${replace(each.key, "/", "-")}-resource"'),
                "description": tf('"Resource endpoint for ${each.key}: admits only the sources named in the blueprint"'),
                "vpc_id": tf(network.vpc_id),
                "tags": tf('merge(var.tags, { Name = "${var.name}-${replace(each.key, "/", "-")}-resource" })'),
            },
            for_each=tf(endpoints),
        )
        _ingress(self, "resource", endpoints, "aws_security_group.resource")
        resource(
            self,
            "aws_vpc_endpoint",
            "resource",
            {
                "vpc_id": tf(network.vpc_id),
                "vpc_endpoint_type": "Resource",
                "resource_configuration_arn": tf("each.value.resource_configuration_arn"),
                "subnet_ids": tf(f"values({network.subnet_ids})"),
                "security_group_ids": [tf("aws_security_group.resource[each.key].id")],
                "private_dns_enabled": tf("each.value.private_dns"),
                "tags": tf('merge(var.tags, { Name = "${var.name}-${replace(each.key, "/", "-")}" })'),
            },
            for_each=tf(endpoints),
            depends_on=["aws_ram_resource_share_accepter.resource"],
        )
        resource_names(self, network, endpoints)
        if not RESOURCE_CONSUMER.input("service_network_endpoint").present(features):
            return
        sn = declare(self, RESOURCE_CONSUMER, "service_network_endpoint", features)
        one = local(self, "service_network_endpoints", tf(f'{sn} == null ? {{}} : {{ "service-network" = {sn} }}'))
        resource(
            self,
            "aws_ram_resource_share_accepter",
            "network",
            {"share_arn": tf("each.value.share_arn")},
            for_each=tf(f"{{ for key, endpoint in {one} : key => endpoint if endpoint.accept }}"),
        )
        resource(
            self,
            "aws_security_group",
            "network",
            {
                "name": tf('"${var.name}-service-network"'),
                "description": "Service-network endpoint: admits only the sources named in the blueprint",
                "vpc_id": tf(network.vpc_id),
                "tags": tf('merge(var.tags, { Name = "${var.name}-service-network" })'),
            },
            for_each=tf(one),
        )
        _ingress(self, "network", one, "aws_security_group.network")
        resource(
            self,
            "aws_vpc_endpoint",
            "network",
            {
                "vpc_id": tf(network.vpc_id),
                "vpc_endpoint_type": "ServiceNetwork",
                "service_network_arn": tf("each.value.service_network_arn"),
                "subnet_ids": tf(f"values({network.subnet_ids})"),
                "security_group_ids": [tf("aws_security_group.network[each.key].id")],
                "tags": tf('merge(var.tags, { Name = "${var.name}-service-network" })'),
            },
            for_each=tf(one),
            depends_on=["aws_ram_resource_share_accepter.network"],
        )


class ResourceConsumerSide(Construct):
    """Everything a resource consumer applies: network, accepted shares, resource and service-network endpoints."""

    def __init__(self, scope: Construct, features: frozenset[str]) -> None:
        super().__init__(scope, "resource-consumer-side")
        common_inputs(self, RESOURCE_CONSUMER, features)
        network = Network(self, RESOURCE_CONSUMER, features)
        ResourceEndpoints(self, network, features)
        output(
            self,
            "resource_endpoints",
            tf(
                "{ for key, endpoint in aws_vpc_endpoint.resource : key => {"
                " id = endpoint.id, dns_entry = endpoint.dns_entry, network_interface_ids = endpoint.network_interface_ids,"
                f"{ENDPOINT_IPS}"
                " security_group_id = aws_security_group.resource[key].id } }"
            ),
            "Per resource endpoint: ID, DNS entries, network interfaces and their private IPv4 and IPv6 addresses, and security group.",
        )
        if RESOURCE_CONSUMER.input("service_network_endpoint").present(features):
            output(
                self,
                "service_network_endpoint",
                tf(
                    "length(aws_vpc_endpoint.network) == 0 ? null : {"
                    ' id = aws_vpc_endpoint.network["service-network"].id, dns_entry = aws_vpc_endpoint.network["service-network"].dns_entry,'
                    ' security_group_id = aws_security_group.network["service-network"].id }'
                ),
                "The service-network endpoint's ID, DNS entries and security group (null without one).",
            )
        network_outputs(self, network)
