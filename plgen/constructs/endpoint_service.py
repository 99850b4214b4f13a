"""The provider side of PrivateLink: NLB, target groups, targets, endpoint service.

Per the notes, an endpoint service is a Network Load Balancer in the service
VPC; consumers' interface endpoints connect to it through PrivateLink. One
construct instance holds every service of one provider VPC, each with its own
NLB, one listener and target group per port, and its own endpoint service.
Everything repeats with ``for_each`` over the ``services`` input, so the
module's code does not grow with the number of services or targets.

Secure defaults (from the model): acceptance required, no principal unless
named, internal NLB.
"""

from __future__ import annotations

from plgen.constructs.declare import declare
from plgen.constructs.network import Network
from plgen.interfaces.endpoint_service import PROVIDER
from plgen.terraform import Construct, local, output, resource, tf


class EndpointServices(Construct):
    """NLB + listeners + target groups + attachments + endpoint service, per service."""

    def __init__(self, scope: Construct, network: Network, features: frozenset[str], name: str = "endpoint-services") -> None:
        super().__init__(scope, name)
        services = declare(self, PROVIDER, "services", features)
        listeners = local(
            self,
            "listeners",
            tf(
                f"merge([for service, spec in {services} : "
                '{ for key, listener in spec.listeners : "${service}/${key}" => merge(listener, { service = service, target_type = spec.target_type, proxy_protocol_v2 = spec.proxy_protocol_v2, deregistration_delay = spec.deregistration_delay }) }]...)'
            ),
        )
        attachments = local(
            self,
            "target_attachments",
            tf(
                f"merge([for service, spec in {services} : merge([for key, listener in spec.listeners : "
                '{ for target, t in spec.targets : "${service}/${key}/${target}" => merge(t, { listener = "${service}/${key}", port = coalesce(t.port, listener.target_port) }) }]...)]...)'
            ),
        )
        resource(
            self,
            "aws_lb",
            "this",
            {
                "name": tf("each.value.load_balancer_name"),
                "load_balancer_type": "network",
                "internal": tf("each.value.internal"),
                "subnets": tf(f"values({network.subnet_ids})"),
                "enable_cross_zone_load_balancing": tf("each.value.cross_zone"),
                "tags": tf("merge(var.tags, { Name = each.value.load_balancer_name })"),
            },
            for_each=tf(services),
        )
        resource(
            self,
            "aws_lb_target_group",
            "this",
            {
                "name": tf("each.value.target_group_name"),
                "port": tf("each.value.target_port"),
                "protocol": tf("each.value.target_protocol"),
                "target_type": tf("each.value.target_type"),
                "vpc_id": tf(network.vpc_id),
                "proxy_protocol_v2": tf("each.value.proxy_protocol_v2"),
                "deregistration_delay": tf("tostring(each.value.deregistration_delay)"),
                "health_check": {"enabled": True, "protocol": "TCP", "port": "traffic-port"},
                "tags": tf("merge(var.tags, { Name = each.value.target_group_name })"),
            },
            for_each=tf(listeners),
        )
        resource(
            self,
            "aws_lb_listener",
            "this",
            {
                "load_balancer_arn": tf("aws_lb.this[each.value.service].arn"),
                "port": tf("each.value.port"),
                "protocol": tf("each.value.protocol"),
                "certificate_arn": tf("each.value.certificate_arn"),
                "ssl_policy": tf("each.value.ssl_policy"),
                "default_action": {"type": "forward", "target_group_arn": tf("aws_lb_target_group.this[each.key].arn")},
                "tags": tf("var.tags"),
            },
            for_each=tf(listeners),
        )
        resource(
            self,
            "aws_lb_target_group_attachment",
            "this",
            {
                "target_group_arn": tf("aws_lb_target_group.this[each.value.listener].arn"),
                "target_id": tf("each.value.target_id"),
                "port": tf("each.value.port"),
                "availability_zone": tf("each.value.availability_zone"),
            },
            for_each=tf(attachments),
        )
        resource(
            self,
            "aws_vpc_endpoint_service",
            "this",
            {
                "acceptance_required": tf("each.value.acceptance_required"),
                "network_load_balancer_arns": [tf("aws_lb.this[each.key].arn")],
                "allowed_principals": tf("each.value.allowed_principals"),
                "private_dns_name": tf("each.value.private_dns_name"),
                "supported_regions": tf("length(each.value.supported_regions) > 0 ? each.value.supported_regions : null"),
                "tags": tf('merge(var.tags, { Name = "${var.name}-${each.key}" })'),
            },
            for_each=tf(services),
        )
        output(
            self,
            "endpoint_services",
            tf(
                "{ for key, service in aws_vpc_endpoint_service.this : key => {"
                " id = service.id, service_name = service.service_name, arn = service.arn,"
                " load_balancer_arn = aws_lb.this[key].arn, private_dns_name = service.private_dns_name,"
                " private_dns_verification = service.private_dns_name_configuration } }"
            ),
            "Per service: endpoint service ID, service name (what consumers put in their endpoint), ARN, NLB ARN, and the TXT record that verifies the private DNS name.",
        )
