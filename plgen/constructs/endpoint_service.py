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
from plgen.interfaces.endpoint_service import ACCEPTANCE, PROVIDER
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
                **({"ip_address_type": tf("each.value.ip_address_type")} if "dual-stack" in features else {}),
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
            # Its name changes with the port and protocol: the new group is made before the listener lets go of the old.
            lifecycle={"create_before_destroy": True},
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
                "supported_regions": tf("each.value.supported_regions"),
                **({"supported_ip_address_types": tf("each.value.supported_ip_address_types")} if "dual-stack" in features else {}),
                "tags": tf('merge(var.tags, { Name = "${var.name}-${each.key}" })'),
            },
            for_each=tf(services),
        )
        # Targets in the VPC see the NLB's private IPs: a group per service admits the NLB's subnets on the target
        # ports (traffic and health checks), and nothing else. The targets are put in it (output target_security_group_id).
        target_rules = local(
            self,
            "target_rules",
            tf(
                f"merge([for service, spec in {services} : merge([for az, cidr in {network.subnet_cidrs} : "
                '{ for port in spec.target_ports : "${service}/${cidr}/${port.ip_protocol}/${port.port}" => { service = service, cidr = cidr, port = port.port, ip_protocol = port.ip_protocol } }]...)]...)'
            ),
        )
        resource(
            self,
            "aws_security_group",
            "targets",
            {
                "name": tf('"${var.name}-${each.key}-targets"'),
                "description": tf('"Targets of ${each.key}: admits only the NLB subnets on the target ports"'),
                "vpc_id": tf(network.vpc_id),
                "tags": tf('merge(var.tags, { Name = "${var.name}-${each.key}-targets" })'),
            },
            for_each=tf(f"{{ for key, spec in {services} : key => spec if length(spec.target_ports) > 0 }}"),
        )
        resource(
            self,
            "aws_vpc_security_group_ingress_rule",
            "targets",
            {
                "security_group_id": tf("aws_security_group.targets[each.value.service].id"),
                "description": "From the NLB subnets, on a target port",
                "cidr_ipv4": tf("each.value.cidr"),
                "from_port": tf("each.value.port"),
                "to_port": tf("each.value.port"),
                "ip_protocol": tf("each.value.ip_protocol"),
                "tags": tf("var.tags"),
            },
            for_each=tf(target_rules),
        )
        output(
            self,
            "endpoint_services",
            tf(
                "{ for key, service in aws_vpc_endpoint_service.this : key => {"
                " id = service.id, service_name = service.service_name, arn = service.arn,"
                " load_balancer_arn = aws_lb.this[key].arn, private_dns_name = service.private_dns_name,"
                " private_dns_verification = service.private_dns_name_configuration,"
                " target_group_arns = { for lkey, group in aws_lb_target_group.this : split(\"/\", lkey)[1] => group.arn if split(\"/\", lkey)[0] == key },"
                " target_security_group_id = try(aws_security_group.targets[key].id, null) } }"
            ),
            "Per service: endpoint service ID, service name (what consumers put in their endpoint), ARN, NLB ARN, the TXT record that verifies the private DNS name, "
            "the target group ARN per listener port (for an ECS service or Auto Scaling group to register with), and the security group to put in-VPC targets in.",
        )


class EndpointAcceptance(Construct):
    """Accepts the endpoints of other accounts, one accepter per connection (the provider's second step).

    Endpoints of other accounts stay ``pendingAcceptance`` until the service
    owner accepts them; the accepter waits until each is ``available``. It is
    a module of its own because it needs the consumers' endpoint IDs, which
    exist only after the consumers have used the provider's service names.
    """

    def __init__(self, scope: Construct, features: frozenset[str]) -> None:
        super().__init__(scope, "endpoint-acceptance")
        connections = declare(self, ACCEPTANCE, "connections", features)
        resource(
            self,
            "aws_vpc_endpoint_connection_accepter",
            "this",
            {"vpc_endpoint_service_id": tf("each.value.service_id"), "vpc_endpoint_id": tf("each.value.endpoint_id")},
            for_each=tf(connections),
        )
        output(
            self,
            "accepted",
            tf("{ for key, accepter in aws_vpc_endpoint_connection_accepter.this : key => accepter.vpc_endpoint_state }"),
            "Per connection: the endpoint's state once accepted (`available`).",
        )
