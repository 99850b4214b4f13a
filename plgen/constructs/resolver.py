"""A Route 53 Resolver inbound endpoint in a consumer's access VPC, for the data centre's resolvers.

Names that resolve only inside the VPC (friendly names in private hosted zones,
a service's private DNS name on an interface endpoint) reach on-premises
clients when their resolvers forward those domains to the VPC's Resolver
through an inbound endpoint: one IP address per subnet, at least two in
different AZs, in a security group of its own.
https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-inbound-queries.html
https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-security.html (DNS on 53 TCP and UDP)

The group admits only ``var.on_premises.cidrs`` on 53/tcp and 53/udp; it has
no egress rule (Resolver answers on the same connection; the group is stateful).
Created only when ``var.on_premises.resolver_endpoint`` is true.
"""

from __future__ import annotations

from plgen.constructs.network import Network
from plgen.terraform import Construct, local, output, resource, tf


class ResolverInboundEndpoint(Construct):
    def __init__(self, scope: Construct, network: Network, on_premises: str, name: str = "resolver-inbound") -> None:
        super().__init__(scope, name)
        wanted = f"{on_premises} != null && try({on_premises}.resolver_endpoint, false)"
        rules = local(
            self,
            "resolver_rules",
            tf(
                f"{wanted} ? merge([for cidr in {on_premises}.cidrs : "
                '{ for proto in ["tcp", "udp"] : "${cidr}/${proto}" => { cidr = cidr, ip_protocol = proto } }]...) : {}'
            ),
        )
        resource(
            self,
            "aws_security_group",
            "resolver",
            {
                "name": tf('"${var.name}-resolver-inbound"'),
                "description": "Route 53 Resolver inbound endpoint: admits only the on-premises CIDRs on 53 TCP and UDP",
                "vpc_id": tf(network.vpc_id),
                "tags": tf('merge(var.tags, { Name = "${var.name}-resolver-inbound" })'),
            },
            count=tf(f"{wanted} ? 1 : 0"),
        )
        resource(
            self,
            "aws_vpc_security_group_ingress_rule",
            "resolver",
            {
                "security_group_id": tf("aws_security_group.resolver[0].id"),
                "description": "DNS from on premises",
                "cidr_ipv4": tf("each.value.cidr"),
                "from_port": 53,
                "to_port": 53,
                "ip_protocol": tf("each.value.ip_protocol"),
                "tags": tf("var.tags"),
            },
            for_each=tf(rules),
        )
        resource(
            self,
            "aws_route53_resolver_endpoint",
            "inbound",
            {
                "name": tf('"${var.name}-inbound"'),
                "direction": "INBOUND",
                "security_group_ids": [tf("aws_security_group.resolver[0].id")],
                "dynamic": {"ip_address": {"for_each": tf(f"values({network.subnet_ids})"), "content": {"subnet_id": tf("ip_address.value")}}},
                "tags": tf('merge(var.tags, { Name = "${var.name}-inbound" })'),
            },
            count=tf(f"{wanted} ? 1 : 0"),
        )
        output(
            scope,
            "resolver_inbound_ips",
            tf("flatten([for endpoint in aws_route53_resolver_endpoint.inbound : [for address in endpoint.ip_address : address.ip]])"),
            "Addresses of the Route 53 Resolver inbound endpoint, for the data centre's resolvers to forward the friendly and private DNS names to (empty without resolver_endpoint).",
        )
