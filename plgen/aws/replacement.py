"""Which argument changes make Terraform replace a resource (destroy and create) instead of updating it in place.

The AWS provider marks these arguments ``ForceNew: true`` in its schema (or
forces a new resource from a ``CustomizeDiff`` under a condition); Terraform's
provider schema JSON (``plgen/terraform/aws_provider_schema.json``) does not
carry that flag, so the table is written here, one entry per resource type
plgen emits, each naming the provider source file that defines it
(hashicorp/terraform-provider-aws, ``internal/service/<service>/<file>.go``).
A type whose arguments all update in place has an empty entry: the test
``tests/aws/test_replacement.py`` checks that every type in ``modules_out/``
is listed, so a new resource type cannot slip past ``plgen diff`` unjudged.

Only top-level arguments are listed; a nested block with some ForceNew fields
is a ``Conditional`` that compares those fields (an endpoint's ``dns_options``:
``private_dns_preference`` and ``private_dns_specified_domains`` replace it,
``dns_record_ip_type`` does not).

The schemas (and ``CustomizeDiff``) of ``aws_vpc_endpoint``, ``aws_lb``, ``aws_lb_target_group``,
``aws_route53_record``, ``aws_route53_resolver_endpoint``,
``aws_vpc``, ``aws_subnet``, ``aws_vpclattice_resource_gateway`` and ``aws_vpclattice_resource_configuration``
were read in the provider's source for this table; the others follow the same
files, and ``tests/aws/test_replacement.py`` checks every listed argument exists
in the provider schema plgen pins.

Conditional replacements (``Conditional``) are judged from the old and new
argument values: an NLB created without security groups cannot gain them (and
one created with them cannot lose them all), and an NLB's subnets can be added
but not removed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SOURCE = "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/"


@dataclass(frozen=True)
class Conditional:
    """An argument whose change replaces the resource only when ``replaces(old, new)`` holds; ``why`` says when."""

    argument: str
    why: str
    replaces: Callable[[dict[str, Any], dict[str, Any]], bool]


@dataclass(frozen=True)
class Entry:
    """The replacing arguments of one resource type and the provider source file that marks them."""

    source: str  # path under internal/service/
    always: tuple[str, ...] = ()  # ForceNew arguments: any change replaces
    conditional: tuple[Conditional, ...] = ()

    @property
    def url(self) -> str:
        return SOURCE + self.source


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == ()


def _nlb(args: dict[str, Any]) -> bool:
    return args.get("load_balancer_type") == "network"


def _nlb_security_groups(old: dict[str, Any], new: dict[str, Any]) -> bool:
    # customizeDiffLoadBalancerNLB (elbv2/load_balancer.go): a network LB is replaced when "security groups are being
    # added where none currently exist OR all security groups are being removed". AWS: "You can't perform this
    # operation on a Network Load Balancer unless you specified a security group for the load balancer when you
    # created it" (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_SetSecurityGroups.html,
    # https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html).
    return _nlb(new) and _empty(old.get("security_groups")) != _empty(new.get("security_groups"))


def _nlb_subnets_removed(old: dict[str, Any], new: dict[str, Any]) -> bool:
    # customizeDiffLoadBalancerNLB (elbv2/load_balancer.go): "there are subnet removals" forces a new network LB;
    # added subnets are set in place (SetSubnets: "you must include all subnets that were enabled previously ... plus
    # any additional subnets", https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_SetSubnets.html).
    def subnets(args: dict[str, Any]) -> set[str]:
        value = args.get("subnets")
        return {str(v) for v in value} if isinstance(value, (list, tuple)) else set()

    return _nlb(new) and bool(subnets(old) - subnets(new))


def _gateway_private_dns(old: dict[str, Any], new: dict[str, Any]) -> bool:
    # resourceVPCEndpoint's CustomizeDiff: private_dns_enabled forces a new endpoint unless it is an Interface endpoint.
    return new.get("vpc_endpoint_type") != "Interface"


def _subnet_ipv6(old: dict[str, Any], new: dict[str, Any]) -> bool:
    # resourceSubnet's CustomizeDiff: ForceNewIf("ipv6_cidr_block") when "the previous ipv6 subnet was created with
    # assign_ipv6_address_on_creation=true" (a dual-stack subnet turned IPv4-only, or re-addressed).
    return old.get("ipv6_cidr_block") is not None and old.get("assign_ipv6_address_on_creation") is True


def _vpc_tenancy(old: dict[str, Any], new: dict[str, Any]) -> bool:
    # resourceVPCCustomizeDiff: instance_tenancy is ForceNew unless it goes from "dedicated" to "default" (ModifyVpcTenancy).
    return not (old.get("instance_tenancy") == "dedicated" and new.get("instance_tenancy", "default") == "default")


def _lattice_definition(old: dict[str, Any], new: dict[str, Any]) -> bool:
    # resource_configuration_definition: arn_resource and dns_resource (domain_name, ip_address_type) RequiresReplace;
    # ip_resource.ip_address is updated in place (UpdateResourceConfiguration).
    def part(args: dict[str, Any], name: str) -> Any:
        blocks = args.get("resource_configuration_definition") or [{}]
        return blocks[0].get(name) if isinstance(blocks, list) and blocks and isinstance(blocks[0], dict) else blocks

    return any(part(old, name) != part(new, name) for name in ("arn_resource", "dns_resource"))


def _endpoint_dns_options(old: dict[str, Any], new: dict[str, Any]) -> bool:
    # dns_options: private_dns_preference and private_dns_specified_domains are ForceNew; dns_record_ip_type and
    # private_dns_only_for_inbound_resolver_endpoint are modified in place (ModifyVpcEndpoint).
    def part(args: dict[str, Any], name: str) -> Any:
        blocks = args.get("dns_options")
        return blocks[0].get(name) if isinstance(blocks, list) and blocks and isinstance(blocks[0], dict) else None

    return any(part(old, name) != part(new, name) for name in ("private_dns_preference", "private_dns_specified_domains"))


REPLACING: dict[str, Entry] = {
    "aws_default_security_group": Entry("ec2/vpc_default_security_group.go", ("vpc_id",)),
    "aws_dx_gateway_association": Entry(
        "directconnect/gateway_association.go",
        ("associated_gateway_id", "associated_gateway_owner_account_id", "dx_gateway_id", "proposal_id"),
    ),
    "aws_ec2_transit_gateway_vpc_attachment": Entry("ec2/transitgateway_vpc_attachment.go", ("transit_gateway_id", "vpc_id")),
    "aws_flow_log": Entry(
        "ec2/vpc_flow_log.go",
        (
            "deliver_cross_account_role",
            "destination_options",
            "eni_id",
            "iam_role_arn",
            "log_destination",
            "log_destination_type",
            "log_format",
            "max_aggregation_interval",
            "subnet_id",
            "traffic_type",
            "transit_gateway_attachment_id",
            "transit_gateway_id",
            "vpc_id",
        ),
    ),
    "aws_lb": Entry(
        "elbv2/load_balancer.go",
        ("customer_owned_ipv4_pool", "internal", "load_balancer_type", "name", "name_prefix"),
        (
            Conditional("security_groups", "a network load balancer created without security groups cannot gain them, nor lose them all", _nlb_security_groups),
            Conditional("subnets", "a network load balancer's subnets can be added, not removed", _nlb_subnets_removed),
        ),
    ),
    "aws_lb_listener": Entry("elbv2/listener.go", ("load_balancer_arn",)),
    "aws_lb_target_group": Entry(
        "elbv2/target_group.go", ("ip_address_type", "name", "name_prefix", "port", "protocol", "protocol_version", "target_type", "vpc_id")
    ),
    "aws_lb_target_group_attachment": Entry("elbv2/target_group_attachment.go", ("availability_zone", "port", "target_group_arn", "target_id")),
    "aws_ram_principal_association": Entry("ram/principal_association.go", ("principal", "resource_share_arn")),
    "aws_ram_resource_association": Entry("ram/resource_association.go", ("resource_arn", "resource_share_arn")),
    "aws_ram_resource_share": Entry("ram/resource_share.go", ("permission_arns",)),
    "aws_ram_resource_share_accepter": Entry("ram/resource_share_accepter.go", ("share_arn",)),
    "aws_route": Entry(
        "ec2/vpc_route.go", ("destination_cidr_block", "destination_ipv6_cidr_block", "destination_prefix_list_id", "route_table_id")
    ),
    "aws_route53_record": Entry("route53/record.go", ("name", "zone_id")),  # type and set_identifier: delete+create inside one update
    "aws_route53_resolver_endpoint": Entry("route53resolver/endpoint.go", ("direction", "security_group_ids")),
    "aws_route53_vpc_association_authorization": Entry("route53/vpc_association_authorization.go", ("vpc_id", "vpc_region", "zone_id")),
    "aws_route53_zone": Entry("route53/zone.go", ("delegation_set_id", "name")),
    "aws_route53_zone_association": Entry("route53/zone_association.go", ("vpc_id", "vpc_region", "zone_id")),
    "aws_route_table": Entry("ec2/vpc_route_table.go", ("vpc_id",)),
    "aws_route_table_association": Entry("ec2/vpc_route_table_association.go", ("gateway_id", "subnet_id")),
    "aws_security_group": Entry("ec2/vpc_security_group.go", ("description", "name", "name_prefix", "vpc_id")),
    "aws_subnet": Entry(
        "ec2/vpc_subnet.go",
        (
            "availability_zone",
            "availability_zone_id",
            "cidr_block",
            "ipv6_native",
            "outpost_arn",
            "vpc_id",
        ),
        (Conditional("ipv6_cidr_block", "a subnet that assigns IPv6 addresses on creation cannot change its IPv6 CIDR in place", _subnet_ipv6),),
    ),
    "aws_vpc": Entry(
        "ec2/vpc_.go",
        ("cidr_block", "ipv4_ipam_pool_id", "ipv4_netmask_length"),
        (Conditional("instance_tenancy", "a VPC's tenancy changes in place only from dedicated to default", _vpc_tenancy),),
    ),
    "aws_vpc_endpoint": Entry(
        "ec2/vpc_endpoint.go",
        ("resource_configuration_arn", "service_name", "service_network_arn", "service_region", "vpc_endpoint_type", "vpc_id"),
        (
            Conditional("private_dns_enabled", "private DNS of a non-Interface endpoint cannot be changed in place", _gateway_private_dns),
            Conditional("dns_options", "dns_options.private_dns_preference and private_dns_specified_domains cannot be changed in place", _endpoint_dns_options),
        ),
    ),
    "aws_vpc_endpoint_connection_accepter": Entry("ec2/vpc_endpoint_connection_accepter.go", ("vpc_endpoint_id", "vpc_endpoint_service_id")),
    "aws_vpc_endpoint_service": Entry("ec2/vpc_endpoint_service.go", ()),
    "aws_vpc_endpoint_service_private_dns_verification": Entry("ec2/vpc_endpoint_service_private_dns_verification.go", ("service_id",)),
    "aws_vpc_peering_connection": Entry("ec2/vpc_peering_connection.go", ("peer_owner_id", "peer_region", "peer_vpc_id", "vpc_id")),
    "aws_vpc_peering_connection_accepter": Entry("ec2/vpc_peering_connection_accepter.go", ("vpc_peering_connection_id",)),
    "aws_vpc_security_group_egress_rule": Entry("ec2/vpc_security_group_egress_rule.go", ("security_group_id",)),
    "aws_vpc_security_group_ingress_rule": Entry("ec2/vpc_security_group_ingress_rule.go", ("security_group_id",)),
    "aws_vpclattice_resource_configuration": Entry(
        "vpclattice/resource_configuration.go",
        ("name", "protocol", "resource_configuration_group_id", "resource_gateway_identifier", "type"),
        (Conditional("resource_configuration_definition", "a DNS or ARN resource's definition cannot be changed in place (an IP resource's address can)", _lattice_definition),),
    ),
    "aws_vpclattice_resource_gateway": Entry("vpclattice/resource_gateway.go", ("ip_address_type", "name", "subnet_ids", "vpc_id")),
    "aws_vpclattice_service_network": Entry("vpclattice/service_network.go", ("name",)),
    "aws_vpclattice_service_network_resource_association": Entry(
        "vpclattice/service_network_resource_association.go", ("resource_configuration_identifier", "service_network_identifier")
    ),
    "aws_vpn_gateway": Entry("ec2/vpnsite_gateway.go", ("amazon_side_asn", "availability_zone")),
    "aws_vpn_gateway_attachment": Entry("ec2/vpnsite_gateway_attachment.go", ("vpc_id", "vpn_gateway_id")),
    "aws_vpn_gateway_route_propagation": Entry("ec2/vpnsite_gateway_route_propagation.go", ("route_table_id", "vpn_gateway_id")),
    # Added with the notification, transit gateway routing and private-DNS-after-acceptance resources; from the
    # provider files named (ForceNew / RequiresReplace), not yet re-read for this table (see the module docstring).
    "aws_ec2_transit_gateway_route_table_association": Entry(
        "ec2/transitgateway_route_table_association.go", ("transit_gateway_attachment_id", "transit_gateway_route_table_id")
    ),
    "aws_ec2_transit_gateway_route_table_propagation": Entry(
        "ec2/transitgateway_route_table_propagation.go", ("transit_gateway_attachment_id", "transit_gateway_route_table_id")
    ),
    "aws_kms_key": Entry("kms/key.go", ("customer_master_key_spec", "key_usage", "multi_region")),
    "aws_sns_topic": Entry("sns/topic.go", ("fifo_topic", "name", "name_prefix")),
    "aws_sns_topic_policy": Entry("sns/topic_policy.go", ("arn",)),
    "aws_vpc_endpoint_connection_notification": Entry("ec2/vpc_endpoint_connection_notification.go", ("vpc_endpoint_id", "vpc_endpoint_service_id")),
    "aws_vpc_endpoint_private_dns": Entry("ec2/vpc_endpoint_private_dns.go", ("vpc_endpoint_id",)),
}


def replacing(type_name: str, old: dict[str, Any], new: dict[str, Any], changed: list[str]) -> list[tuple[str, str]]:
    """The ``changed`` arguments of a ``type_name`` instance that make AWS replace it, each with the reason.

    ``old`` and ``new`` are the instance's evaluated arguments. A type missing
    from the table is a plgen bug (``KeyError``): the table must cover every
    type plgen emits.
    """
    entry = REPLACING[type_name]
    found = []
    for name in changed:
        if name in entry.always:
            found.append((name, f"{type_name}.{name} cannot be changed in place ({entry.url})"))
            continue
        for condition in entry.conditional:
            if condition.argument == name and condition.replaces(old, new):
                found.append((name, f"{condition.why} ({entry.url})"))
    return found
