"""The provider side of PrivateLink: NLB, target groups, targets, endpoint service.

Per the notes, an endpoint service is a Network Load Balancer in the service
VPC; consumers' interface endpoints connect to it through PrivateLink. One
construct instance holds every service of one provider VPC, each with its own
NLB, one listener and target group per port, and its own endpoint service.
Everything repeats with ``for_each`` over the ``services`` input, so the
module's code does not grow with the number of services or targets.

Secure defaults (from the model): acceptance required, no principal unless
named, internal NLB. Every NLB has its own security group from creation (one
can never be added to an NLB created without: every NLB plgen made before was
a one-way door): inbound it admits only the consumers' client CIDRs on the
listener ports when PrivateLink enforcement is on, and nothing when it is off
(PrivateLink traffic is then not evaluated); outbound only the targets' group,
the in-VPC IP targets' addresses (health checks obey outbound rules and nothing
puts an IP target in the group) and the off-VPC targets, on the target ports. The targets' group admits the
NLB's group, not its subnets.
https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html

With the access-logs feature, a service naming ``access_logs`` gets the NLB's
``access_logs`` block (enabled) for its bucket and prefix; AWS writes them
for TLS listeners only, to a bucket in the NLB's Region that carries the
log-delivery bucket policy (plgen does not create it).
https://docs.aws.amazon.com/elasticloadbalancing/latest/network/enable-access-logs.html
"""

from __future__ import annotations

from plgen.constructs.declare import declare
from plgen.constructs.network import Network
from plgen.constructs.notifications import ConnectionNotifications
from plgen.constructs.private_dns import PrivateDnsVerification
from plgen.features.names import FeatureName
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
                '{ for key, listener in spec.listeners : "${service}/${key}" => merge(listener, { service = service, target_type = spec.target_type, proxy_protocol_v2 = spec.proxy_protocol_v2, deregistration_delay = spec.deregistration_delay, connection_termination = spec.connection_termination, health_check = spec.health_check }) }]...)'
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
            "aws_security_group",
            "nlb",
            {
                "name": tf('"${var.name}-${each.key}-nlb"'),
                "description": tf('"NLB of ${each.key}: admits only its consumers, reaches only its targets"'),
                "vpc_id": tf(network.vpc_id),
                "tags": tf('merge(var.tags, { Name = "${var.name}-${each.key}-nlb" })'),
            },
            for_each=tf(services),
        )
        nlb_sources = local(
            self,
            "nlb_sources",
            tf(f'merge([for service, spec in {services} : {{ for key, rule in spec.nlb_sources : "${{service}}/${{key}}" => merge(rule, {{ service = service }}) }}]...)'),
        )
        resource(
            self,
            "aws_vpc_security_group_ingress_rule",
            "nlb",
            {
                "security_group_id": tf("aws_security_group.nlb[each.value.service].id"),
                "description": "A consumer's clients, on a listener port (PrivateLink traffic is evaluated)",
                "cidr_ipv4": tf("each.value.cidr"),
                # A dual-stack service's IPv6 clients: `cidr_ipv4` takes no IPv6 CIDR (refused at plan).
                **({"cidr_ipv6": tf("each.value.cidr_ipv6")} if FeatureName.DUAL_STACK in features else {}),
                "from_port": tf("each.value.port"),
                "to_port": tf("each.value.port"),
                "ip_protocol": tf("each.value.ip_protocol"),
                "tags": tf("var.tags"),
            },
            for_each=tf(nlb_sources),
        )
        nlb_to_targets = local(
            self,
            "nlb_to_targets",
            tf(f'merge([for service, spec in {services} : {{ for port in spec.target_ports : "${{service}}/${{port.ip_protocol}}/${{port.port}}" => merge(port, {{ service = service }}) }}]...)'),
        )
        resource(
            self,
            "aws_vpc_security_group_egress_rule",
            "nlb_targets",
            {
                "security_group_id": tf("aws_security_group.nlb[each.value.service].id"),
                "description": "To the targets' group, on a target port (traffic and health checks)",
                "referenced_security_group_id": tf("aws_security_group.targets[each.value.service].id"),
                "from_port": tf("each.value.port"),
                "to_port": tf("each.value.port"),
                "ip_protocol": tf("each.value.ip_protocol"),
                "tags": tf("var.tags"),
            },
            for_each=tf(nlb_to_targets),
        )
        nlb_to_remote = local(
            self,
            "nlb_to_remote_targets",
            tf(f'merge([for service, spec in {services} : {{ for key, rule in spec.remote_targets : "${{service}}/${{key}}" => merge(rule, {{ service = service }}) }}]...)'),
        )
        resource(
            self,
            "aws_vpc_security_group_egress_rule",
            "nlb_remote_targets",
            {
                "security_group_id": tf("aws_security_group.nlb[each.value.service].id"),
                "description": "To one target outside the VPC, on its port (traffic and health checks)",
                "cidr_ipv4": tf("each.value.cidr"),
                "from_port": tf("each.value.port"),
                "to_port": tf("each.value.port"),
                "ip_protocol": tf("each.value.ip_protocol"),
                "tags": tf("var.tags"),
            },
            for_each=tf(nlb_to_remote),
        )
        # In-VPC IP targets by address too: nothing attaches them to the targets' group, and health checks obey the
        # NLB's outbound rules (interfaces.endpoint_service.vpc_targets).
        nlb_to_vpc = local(
            self,
            "nlb_to_vpc_targets",
            tf(f'merge([for service, spec in {services} : {{ for key, rule in spec.vpc_targets : "${{service}}/${{key}}" => merge(rule, {{ service = service }}) }}]...)'),
        )
        resource(
            self,
            "aws_vpc_security_group_egress_rule",
            "nlb_vpc_targets",
            {
                "security_group_id": tf("aws_security_group.nlb[each.value.service].id"),
                "description": "To one IP target in the VPC, on its port (traffic and health checks)",
                "cidr_ipv4": tf("each.value.cidr"),
                "from_port": tf("each.value.port"),
                "to_port": tf("each.value.port"),
                "ip_protocol": tf("each.value.ip_protocol"),
                "tags": tf("var.tags"),
            },
            for_each=tf(nlb_to_vpc),
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
                "security_groups": [tf("aws_security_group.nlb[each.key].id")],
                "enforce_security_group_inbound_rules_on_private_link_traffic": tf("each.value.enforce_privatelink_inbound"),
                "enable_cross_zone_load_balancing": tf("each.value.cross_zone"),
                "enable_deletion_protection": tf("each.value.deletion_protection"),
                **({"ip_address_type": tf("each.value.ip_address_type")} if FeatureName.DUAL_STACK in features else {}),
                # Access logs of the TLS connections (the only ones AWS logs) to the blueprint's bucket, where one is named.
                **(
                    {
                        "dynamic": {
                            "access_logs": {
                                "for_each": tf("each.value.access_logs == null ? [] : [each.value.access_logs]"),
                                "content": {"bucket": tf("access_logs.value.bucket"), "prefix": tf("access_logs.value.prefix"), "enabled": True},
                            }
                        }
                    }
                    if FeatureName.ACCESS_LOGS in features
                    else {}
                ),
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
                # https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#deregistration-delay
                "connection_termination": tf("each.value.connection_termination"),
                "health_check": {
                    "enabled": True,
                    "protocol": tf("each.value.health_check.protocol"),
                    "port": tf("each.value.health_check.port"),
                    "path": tf("each.value.health_check.path"),
                    "interval": tf("each.value.health_check.interval"),
                    "healthy_threshold": tf("each.value.health_check.healthy_threshold"),
                    "unhealthy_threshold": tf("each.value.health_check.unhealthy_threshold"),
                },
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
                **({"supported_ip_address_types": tf("each.value.supported_ip_address_types")} if FeatureName.DUAL_STACK in features else {}),
                "tags": tf('merge(var.tags, { Name = "${var.name}-${each.key}" })'),
            },
            for_each=tf(services),
        )
        # Targets in the VPC get traffic and health checks from the NLB: a group per service admits the NLB's group on
        # the target ports, and nothing else (this holds with client IP preservation too, per the ELB guide). The targets
        # are put in it (output target_security_group_id).
        resource(
            self,
            "aws_security_group",
            "targets",
            {
                "name": tf('"${var.name}-${each.key}-targets"'),
                "description": tf('"Targets of ${each.key}: admits only the NLB on the target ports"'),
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
                "description": "From the NLB's group, on a target port",
                "referenced_security_group_id": tf("aws_security_group.nlb[each.value.service].id"),
                "from_port": tf("each.value.port"),
                "to_port": tf("each.value.port"),
                "ip_protocol": tf("each.value.ip_protocol"),
                "tags": tf("var.tags"),
            },
            for_each=tf(nlb_to_targets),
        )
        ConnectionNotifications(self, services, "aws_vpc_endpoint_service.this")
        verified = ""
        if FeatureName.PRIVATE_DNS in features:
            verified = f" private_dns_verified = {PrivateDnsVerification(self, services, 'aws_vpc_endpoint_service.this').verified},"
        output(
            self,
            "endpoint_services",
            tf(
                "{ for key, service in aws_vpc_endpoint_service.this : key => {"
                " id = service.id, service_name = service.service_name, arn = service.arn,"
                " load_balancer_arn = aws_lb.this[key].arn, private_dns_name = service.private_dns_name,"
                " private_dns_verification = service.private_dns_name_configuration,"
                f"{verified}"
                " target_group_arns = { for lkey, group in aws_lb_target_group.this : split(\"/\", lkey)[1] => group.arn if split(\"/\", lkey)[0] == key },"
                " target_security_group_id = try(aws_security_group.targets[key].id, null),"
                " load_balancer_security_group_id = aws_security_group.nlb[key].id } }"
            ),
            "Per service: endpoint service ID, service name (what consumers put in their endpoint), ARN, NLB ARN, the TXT record that verifies the private DNS name, "
            "the target group ARN per listener port (for an ECS service or Auto Scaling group to register with), the security group to put in-VPC targets in, "
            "and the NLB's own security group.",
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
