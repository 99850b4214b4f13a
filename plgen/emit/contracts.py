"""``tests/contract.tftest.hcl`` for each side module: its path contracts, checked by ``terraform test`` offline.

A platform team that edits a module, or upgrades the provider, runs
``terraform test`` in the module folder: against ``mock_provider "aws"`` (in memory: no AWS, no credentials) it
applies the module to a small fixed fixture (not the blueprint's data, so
adding a consumer changes no module file) and asserts what a consumer's path
relies on: the endpoint's group admits exactly the named sources on the
listener ports, a target group per listener on the target port, every target
registered, the targets' group open only to the NLB's subnets, an accepter
per expected endpoint, routes both ways over a peering. The fixture follows
the module's interface for the features it was built with.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from plgen.aws.addresses import EVERYTHING
from plgen.emit.hcl_writer import Attribute, Block, Item, Raw, document
from plgen.features.names import FeatureName
from plgen.interfaces.consumer import CONSUMER
from plgen.interfaces.endpoint_service import ACCEPTANCE, PROVIDER
from plgen.interfaces.peering import PEER_NETWORK, PEERING, PEERING_ACCEPTER, PEERING_ROUTES
from plgen.interfaces.zone_association import ZONE_ASSOCIATION
from plgen.interfaces.resource_consumer import RESOURCE_CONSUMER
from plgen.interfaces.resource_gateway import RESOURCE_PROVIDER

FILE = "tests/contract.tftest.hcl"
AZS = {"use1-az1": "10.0.0.0/24", "use1-az2": "10.0.1.0/24"}
SOURCES = ["10.1.0.0/24", "10.1.1.0/24"]
GROUP = "sg-0123456789abcdef0"
ON_PREMISES = "192.168.0.0/24"
PEER_CIDR = "10.9.0.0/16"
PORTS = [{"port": 443, "ip_protocol": "tcp"}, {"port": 53, "ip_protocol": "udp"}]


def _literal(value: Any) -> Any:
    if isinstance(value, str):
        return Raw(json.dumps(value))
    if isinstance(value, list):
        return [_literal(v) for v in value]
    if isinstance(value, dict):
        return {k: _literal(v) for k, v in value.items()}
    return value


def _set(items: list[str]) -> str:
    return "toset([" + ", ".join(json.dumps(i) for i in sorted(items)) + "])"


def _run(name: str, asserts: list[tuple[str, str]]) -> Block:
    body: list[Item] = [Attribute("command", Raw("apply"))]  # mock_provider: in memory, computed values filled in
    for condition, message in asserts:
        body += [None, Block("assert", (), [Attribute("condition", Raw(condition)), Attribute("error_message", Raw(json.dumps(message)))])]
    return Block("run", (name,), body)


# Computed values the provider validates (ARNs, IDs) get plausible defaults; the rest the mock invents.
MOCKS = {
    "aws_lb": {"arn": "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/contract/0123456789abcdef"},
    "aws_lb_target_group": {"arn": "arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/contract/0123456789abcdef"},
    "aws_vpc": {"id": "vpc-0123456789abcdef0"},
    "aws_route_table": {"id": "rtb-0123456789abcdef0"},
    "aws_security_group": {"id": "sg-0fedcba9876543210"},
    "aws_vpc_endpoint": {
        "id": "vpce-0123456789abcdef0",
        "dns_entry": [{"dns_name": "vpce-0123456789abcdef0-abcdefgh.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com", "hosted_zone_id": "Z7HUB22UULQXV"}],
    },
    "aws_vpc_endpoint_service": {"id": "vpce-svc-0123456789abcdef0"},
    "aws_vpn_gateway": {"id": "vgw-0123456789abcdef0"},
    "aws_vpc_peering_connection": {"id": "pcx-0123456789abcdef0"},
    "aws_route53_zone": {"zone_id": "Z0123456789ABCDEFGHIJ"},
    "aws_vpclattice_resource_gateway": {"id": "rgw-0123456789abcdef0"},
    "aws_vpclattice_resource_configuration": {"id": "rcfg-0123456789abcdef0", "arn": "arn:aws:vpc-lattice:us-east-1:111111111111:resourceconfiguration/rcfg-0123456789abcdef0"},
    "aws_vpclattice_service_network": {"id": "sn-0123456789abcdef0", "arn": "arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-0123456789abcdef0"},
    "aws_ram_resource_share": {"arn": "arn:aws:ram:us-east-1:111111111111:resource-share/01234567-89ab-cdef-0123-456789abcdef"},
}


def _mock(alias: str) -> Block:
    body: list[Item] = [Attribute("alias", Raw(json.dumps(alias))), None] if alias else []
    for type_name, defaults in MOCKS.items():
        body.append(Block("mock_resource", (type_name,), [Attribute("defaults", _literal(defaults))]))
    return Block("mock_provider", ("aws",), body)


def _file(variables: dict[str, Any], runs: list[Block], aliases: tuple[str, ...] = ()) -> str:
    mocks = [_mock(a) for a in (aliases or ("",))]
    return document([*mocks, Block("variables", (), [Attribute(k, _literal(v)) for k, v in variables.items()]), *runs])


def _vpc() -> dict[str, Any]:
    return {"cidr": "10.0.0.0/16", "subnet_cidrs": AZS}


def _provider(features: frozenset[str]) -> str:
    listeners = {
        "443": {"port": 443, "protocol": "TCP", "target_port": 8443, "target_protocol": "TCP", "target_group_name": "contract-api-443-tcp8443"},
        "53": {"port": 53, "protocol": "UDP", "target_port": 53, "target_protocol": "UDP", "target_group_name": "contract-api-53-udp53"},
    }
    targets = {"10.0.0.10": {"target_id": "10.0.0.10"}, "10.0.1.10": {"target_id": "10.0.1.10"}}
    # health checks are TCP on the traffic port, so the UDP listener's targets get TCP 53 too
    target_ports = [{"port": 53, "ip_protocol": "tcp"}, {"port": 53, "ip_protocol": "udp"}, {"port": 8443, "ip_protocol": "tcp"}]
    health_check = {"protocol": "TCP", "port": "traffic-port", "interval": 30, "healthy_threshold": 3, "unhealthy_threshold": 3}
    service = {
        "load_balancer_name": "contract-api",
        "target_type": "ip",
        "listeners": listeners,
        "targets": targets,
        "allowed_principals": ["arn:aws:iam::222222222222:root"],
        "supported_regions": ["us-east-1"],
        "target_ports": target_ports,
        "health_check": health_check,
    }
    variables: dict[str, Any] = {"name": "contract", "vpc": _vpc(), "services": {"api": service}}
    logs = []
    if FeatureName.FLOW_LOGS in features:  # a created VPC logs its flows where the data names
        variables["vpc"]["flow_logs"] = {"destination_arn": "arn:aws:s3:::contract-flow-logs", "destination_type": "s3", "traffic_type": "REJECT"}
        logs += [
            ("length(aws_flow_log.this) == 1", "the created VPC has the named flow log"),
            ('aws_flow_log.this[0].log_destination == "arn:aws:s3:::contract-flow-logs" && aws_flow_log.this[0].traffic_type == "REJECT"', "to the named bucket, the named traffic"),
            ("aws_flow_log.this[0].iam_role_arn == null", "an S3 flow log takes no role"),
        ]
    if FeatureName.ACCESS_LOGS in features:
        service["access_logs"] = {"bucket": "contract-nlb-logs", "prefix": "api"}
        logs += [
            ('aws_lb.this["api"].access_logs[0].enabled == true && aws_lb.this["api"].access_logs[0].bucket == "contract-nlb-logs"', "access logs on, to the named bucket"),
            ('aws_lb.this["api"].access_logs[0].prefix == "api"', "under the named prefix"),
        ]
    on_premises = PROVIDER.input("on_premises").present(features)
    if on_premises:
        variables["on_premises"] = {"cidrs": [ON_PREMISES]}
    groups = [f"api/{k}" for k in listeners]
    attachments = [f"api/{listener}/{target}" for listener, target in itertools.product(listeners, targets)]
    rules = [f"api/{p['ip_protocol']}/{p['port']}" for p in target_ports]
    runs = [
        _run(
            "nlb_is_internal_and_the_service_requires_acceptance",
            [
                ('aws_lb.this["api"].internal == true && aws_lb.this["api"].load_balancer_type == "network"', "the NLB must be internal"),
                ('aws_vpc_endpoint_service.this["api"].acceptance_required == true', "acceptance is required unless the blueprint turns it off"),
                ('aws_vpc_endpoint_service.this["api"].allowed_principals == toset(["arn:aws:iam::222222222222:root"])', "only the named principals"),
                ('contains(tolist(aws_vpc_endpoint_service.this["api"].supported_regions), "us-east-1")', "supported_regions holds the service's own Region"),
            ],
        ),
        _run(
            "a_target_group_per_listener_on_the_target_port",
            [
                (f"toset(keys(aws_lb_target_group.this)) == {_set(groups)}", "one target group per listener"),
                ('aws_lb_target_group.this["api/443"].port == 8443 && aws_lb_target_group.this["api/443"].protocol == "TCP"', "TLS/TCP 443 forwards to TCP 8443"),
                ('aws_lb_listener.this["api/53"].port == 53 && aws_lb_listener.this["api/53"].protocol == "UDP"', "the UDP listener keeps its protocol"),
                (f"toset(keys(aws_lb_target_group_attachment.this)) == {_set(attachments)}", "every target behind every listener"),
            ],
        ),
        _run(
            "the_targets_group_admits_only_the_nlb_group_on_the_target_ports",
            [
                (f"toset(keys(aws_vpc_security_group_ingress_rule.targets)) == {_set(rules)}", "one rule per target port, nothing else"),
                (
                    'alltrue([for rule in aws_vpc_security_group_ingress_rule.targets : rule.referenced_security_group_id == aws_security_group.nlb["api"].id && rule.cidr_ipv4 == null])',
                    "the group admits the NLB's group only",
                ),
            ],
        ),
        _run(
            "the_nlb_has_its_own_group_that_lets_out_only_to_the_targets",
            [
                ('contains(tolist(aws_lb.this["api"].security_groups), aws_security_group.nlb["api"].id)', "the NLB is created with its own group"),
                ('aws_lb.this["api"].enforce_security_group_inbound_rules_on_private_link_traffic == "off"', "PrivateLink enforcement is off unless the blueprint turns it on"),
                ("length(aws_vpc_security_group_ingress_rule.nlb) == 0", "with enforcement off the NLB's group admits nothing"),
                (f"toset(keys(aws_vpc_security_group_egress_rule.nlb_targets)) == {_set(rules)}", "out to the targets' group on each target port"),
                (
                    'alltrue([for rule in aws_vpc_security_group_egress_rule.nlb_targets : rule.referenced_security_group_id == aws_security_group.targets["api"].id])',
                    "only to the targets' group",
                ),
            ],
        ),
    ]
    if logs:
        runs.append(_run("logs_go_where_the_blueprint_names", logs))
    if on_premises:
        runs.append(
            _run(
                "a_direct_connect_gateway_propagates_into_the_route_table",
                [("length(aws_vpn_gateway.this) == 1 && length(aws_vpn_gateway_route_propagation.this) == 1", "on-premises targets need the gateway")],
            )
        )
    return _file(variables, runs)


def _consumer(features: frozenset[str]) -> str:
    friendly = FeatureName.FRIENDLY_NAMES in features
    endpoint = {
        "service_name": "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
        "ports": PORTS,
        "allowed_cidrs": SOURCES,
        "allowed_security_group_ids": [GROUP],
        "dns_name": "api.corp.internal" if friendly else None,
    }
    variables: dict[str, Any] = {"name": "contract", "vpc": {"cidr": "10.1.0.0/16", "subnet_cidrs": {"use1-az1": "10.1.0.0/24", "use1-az2": "10.1.1.0/24"}}, "endpoints": {"prov/api": endpoint}}
    sources = list(SOURCES)
    if CONSUMER.input("on_premises").present(features):
        variables["on_premises"] = {"cidrs": [ON_PREMISES]}
        sources.append(ON_PREMISES)
    if CONSUMER.input("peer_cidrs").present(features):
        variables["peer_cidrs"] = [PEER_CIDR]
        sources.append(PEER_CIDR)
    if CONSUMER.input("peer_vpcs").present(features):
        variables["peer_vpcs"] = {
            "home": {"vpc_id": "vpc-0123456789abcdef0", "region": "eu-west-1"},
            "partner": {"vpc_id": "vpc-0fedcba9876543210", "region": "eu-west-1", "cross_account": True},
        }
    cidr_rules = [f"prov/api/{s}/{p['ip_protocol']}/{p['port']}" for s in sources for p in PORTS]
    group_rules = [f"prov/api/{GROUP}/{p['ip_protocol']}/{p['port']}" for p in PORTS]
    runs = [
        _run(
            "the_endpoint_group_admits_exactly_the_named_sources_on_the_listener_ports",
            [
                (f"toset(keys(aws_vpc_security_group_ingress_rule.cidr)) == {_set(cidr_rules)}", "every source on every listener port, nothing else"),
                (f"toset(keys(aws_vpc_security_group_ingress_rule.security_group)) == {_set(group_rules)}", "every named group on every listener port"),
                (f'alltrue([for rule in aws_vpc_security_group_ingress_rule.cidr : rule.cidr_ipv4 != "{EVERYTHING[4]}"])', "never the internet"),
            ],
        ),
        _run(
            "one_interface_endpoint_with_a_network_interface_per_az",
            [
                ('aws_vpc_endpoint.this["prov/api"].vpc_endpoint_type == "Interface"', "an interface endpoint"),
                ('length(aws_vpc_endpoint.this["prov/api"].subnet_ids) == 2', "one subnet per AZ"),
                ('aws_vpc_endpoint.this["prov/api"].service_name == "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"', "the service it was given"),
            ],
        ),
    ]
    if friendly:
        runs.append(_run("the_friendly_name_aliases_the_endpoint", [('aws_route53_record.friendly["prov/api"].name == "api.corp.internal"', "the friendly name's record")]))
    if CONSUMER.input("peer_vpcs").present(features):
        runs.append(
            _run(
                "the_friendly_zone_is_associated_with_the_home_vpc",
                [
                    ('toset(keys(aws_route53_zone_association.peer)) == toset(["prov/api/home"])', "home workloads resolve the name"),
                    (
                        'toset(keys(aws_route53_vpc_association_authorization.peer)) == toset(["prov/api/partner"])',
                        "another account's home VPC is authorized here, and associated by its own module",
                    ),
                ],
            )
        )
    return _file(variables, runs)


def _acceptance(features: frozenset[str]) -> str:
    connections = {
        "a/prov/api": {"service_id": "vpce-svc-0aaaaaaaaaaaaaaaa", "endpoint_id": "vpce-0aaaaaaaaaaaaaaaa"},
        "b/prov/api": {"service_id": "vpce-svc-0aaaaaaaaaaaaaaaa", "endpoint_id": "vpce-0bbbbbbbbbbbbbbbb"},
    }
    return _file(
        {"connections": connections},
        [
            _run(
                "one_accepter_per_expected_endpoint",
                [
                    (f"toset(keys(aws_vpc_endpoint_connection_accepter.this)) == {_set(list(connections))}", "every expected endpoint is accepted"),
                    ('aws_vpc_endpoint_connection_accepter.this["b/prov/api"].vpc_endpoint_id == "vpce-0bbbbbbbbbbbbbbbb"', "each accepter accepts its own endpoint"),
                ],
            )
        ],
    )


def _peering(features: frozenset[str]) -> str:
    variables: dict[str, Any] = {
        "name": "contract",
        "requester": {"vpc_id": "vpc-0aaaaaaaaaaaaaaaa"},
        "accepter": {"vpc_id": "vpc-0cccccccccccccccc", "region": "eu-west-1", "account_id": "111111111111"},
    }
    asserts = [
        ('aws_vpc_peering_connection.this.vpc_id == "vpc-0aaaaaaaaaaaaaaaa" && aws_vpc_peering_connection.this.peer_vpc_id == "vpc-0cccccccccccccccc"', "requested from the requester to the accepter"),
        ('aws_vpc_peering_connection.this.peer_region == "eu-west-1" && aws_vpc_peering_connection.this.peer_owner_id == "111111111111"', "peered with the accepter's Region and account"),
        ('output.peering_connection_id == aws_vpc_peering_connection.this.id', "the accepter part reads the connection ID"),
    ]
    if PEERING.input("requester_ingress").present(features):
        variables["requester_security_group_ids"] = {"fleet": GROUP}
        variables["requester_ingress"] = {"10.0.0.0/24/tcp/8443": {"cidr": "10.0.0.0/24", "port": 8443, "ip_protocol": "tcp"}}
        asserts.append(('toset(keys(aws_vpc_security_group_ingress_rule.requester)) == toset(["fleet/10.0.0.0/24/tcp/8443"])', "the fleet admits the NLB subnets"))
    return _file(variables, [_run("the_connection_is_requested_to_the_accepters_vpc", asserts)])


def _peering_accepter(features: frozenset[str]) -> str:
    variables = {
        "name": "contract",
        "peering_connection_id": "pcx-0123456789abcdef0",
        "accepter": {"route_table_ids": ["rtb-0cccccccccccccccc"]},
        "requester_cidr": "10.8.0.0/16",
    }
    asserts = [
        ('aws_vpc_peering_connection_accepter.this.vpc_peering_connection_id == "pcx-0123456789abcdef0" && aws_vpc_peering_connection_accepter.this.auto_accept == true', "the requested connection is accepted"),
        ('length(aws_route.accepter) == 1 && aws_route.accepter[0].destination_cidr_block == "10.8.0.0/16"', "the accepter routes back to the requester"),
        ('aws_route.accepter[0].route_table_id == "rtb-0cccccccccccccccc"', "from its own route tables"),
    ]
    return _file(variables, [_run("the_connection_is_accepted_and_routed_back", asserts)])


def _peering_routes(features: frozenset[str]) -> str:
    variables = {
        "peering_connection_id": "pcx-0123456789abcdef0",
        "requester": {"route_table_ids": ["rtb-0aaaaaaaaaaaaaaaa", "rtb-0bbbbbbbbbbbbbbbb"]},
        "accepter_cidr": "10.0.0.0/16",
    }
    asserts = [
        ('length(aws_route.requester) == 2 && alltrue([for route in aws_route.requester : route.destination_cidr_block == "10.0.0.0/16"])', "the requester routes to the accepter"),
        ('alltrue([for route in aws_route.requester : route.vpc_peering_connection_id == "pcx-0123456789abcdef0"])', "over the accepted connection"),
    ]
    return _file(variables, [_run("the_requester_routes_to_the_accepter", asserts)])


def _peer_network(features: frozenset[str]) -> str:
    asserts = [("toset(keys(aws_subnet.this)) == toset([\"use1-az1\", \"use1-az2\"])", "one subnet per AZ"), ("length(aws_route_table.this) == 1", "one route table")]
    if FeatureName.PEERED_FLEET in features:
        asserts.append(('aws_security_group.workloads.vpc_id != null', "a group for the fleet"))
    return _file({"name": "contract", "vpc": _vpc()}, [_run("a_vpc_with_a_subnet_per_az", asserts)])


def _zone_association(features: frozenset[str]) -> str:
    associations = {"a/prov/api/home": {"zone_id": "Z0123456789ABCDEFGHIJ", "vpc_id": "vpc-0123456789abcdef0", "vpc_region": "eu-west-1"}}
    asserts = [
        ('toset(keys(aws_route53_zone_association.this)) == toset(["a/prov/api/home"])', "one association per authorized zone"),
        ('aws_route53_zone_association.this["a/prov/api/home"].vpc_region == "eu-west-1"', "in the home VPC's Region"),
    ]
    return _file({"associations": associations}, [_run("the_authorized_zone_is_associated_with_this_vpc", asserts)])



def _resource_gateway(features: frozenset[str]) -> str:
    resources = {
        "db": {"name": "contract-db", "ip_address": "10.0.0.50", "port_ranges": ["5432"], "share_with": ["222222222222", "333333333333"], "in_service_network": True},
        "api": {"name": "contract-api", "domain_name": "api.corp.example.com", "port_ranges": ["443", "8443-8444"]},
    }
    egress = {
        "10.0.0.50/32/5432-5432": {"cidr": "10.0.0.50/32", "from_port": 5432, "to_port": 5432},
        "10.0.0.0/16/443-443": {"cidr": "10.0.0.0/16", "from_port": 443, "to_port": 443},
    }
    variables: dict[str, Any] = {
        "name": "contract",
        "vpc": _vpc(),
        "resource_gateway": {"name": "contract", "azs": sorted(AZS), "egress": egress},
        "resources": resources,
    }
    if RESOURCE_PROVIDER.input("on_premises").present(features):
        variables["on_premises"] = {"cidrs": [ON_PREMISES]}
    network = RESOURCE_PROVIDER.input("service_network").present(features)
    if network:
        variables["service_network"] = {"name": "contract-net", "share_with": ["444444444444"]}
    runs = [
        _run(
            "a_gateway_in_every_az_open_outbound_only_to_the_resources",
            [
                ("length(aws_vpclattice_resource_gateway.this.subnet_ids) == 2", "an interface in each AZ's subnet"),
                (f"toset(keys(aws_vpc_security_group_egress_rule.gateway)) == {_set(list(egress))}", "outbound to the resources on their ports, nothing else"),
                (f'alltrue([for rule in aws_vpc_security_group_egress_rule.gateway : rule.cidr_ipv4 != "{EVERYTHING[4]}"])', "never the internet"),
            ],
        ),
        _run(
            "a_resource_configuration_per_resource_of_its_kind",
            [
                ('aws_vpclattice_resource_configuration.this["db"].type == "SINGLE" && aws_vpclattice_resource_configuration.this["db"].protocol == "TCP"', "an IP resource is SINGLE, TCP"),
                ('aws_vpclattice_resource_configuration.this["db"].resource_configuration_definition[0].ip_resource[0].ip_address == "10.0.0.50"', "the IP it names"),
                ('aws_vpclattice_resource_configuration.this["api"].resource_configuration_definition[0].dns_resource[0].domain_name == "api.corp.example.com"', "the name it names"),
                ('aws_vpclattice_resource_configuration.this["api"].port_ranges == toset(["443", "8443-8444"])', "its port ranges"),
            ],
        ),
        _run(
            "shared_through_ram_with_exactly_the_named_accounts",
            [
                ('toset(keys(aws_ram_resource_share.resource)) == toset(["db"])', "a share only for a resource shared with someone"),
                ('toset(keys(aws_ram_principal_association.resource)) == toset(["db/222222222222", "db/333333333333"])', "exactly the named accounts"),
                ('aws_ram_resource_share.resource["db"].allow_external_principals == false', "inside the organization unless the blueprint says otherwise"),
            ],
        ),
    ]
    if network:
        runs.append(
            _run(
                "the_service_network_holds_its_resources_and_is_shared",
                [
                    ('toset(keys(aws_vpclattice_service_network_resource_association.this)) == toset(["db"])', "only the resources named for the network"),
                    ('toset(keys(aws_ram_principal_association.network)) == toset(["444444444444"])', "shared with the named accounts"),
                ],
            )
        )
    return _file(variables, runs)


def _resource_consumer(features: frozenset[str]) -> str:
    arn = "arn:aws:vpc-lattice:us-east-1:111111111111:resourceconfiguration/rcfg-0123456789abcdef0"
    share = "arn:aws:ram:us-east-1:111111111111:resource-share/01234567-89ab-cdef-0123-456789abcdef"
    spans = [{"from_port": 5432, "to_port": 5432}, {"from_port": 8000, "to_port": 8100}]
    endpoint = {"resource_configuration_arn": arn, "share_arn": share, "accept": True, "ports": spans, "allowed_cidrs": SOURCES, "allowed_security_group_ids": [GROUP]}
    variables: dict[str, Any] = {
        "name": "contract",
        "vpc": {"cidr": "10.1.0.0/16", "subnet_cidrs": {"use1-az1": "10.1.0.0/24", "use1-az2": "10.1.1.0/24"}},
        "resource_endpoints": {"prov/db": endpoint},
    }
    network = RESOURCE_CONSUMER.input("service_network_endpoint").present(features)
    if network:
        variables["service_network_endpoint"] = {
            "service_network_arn": "arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-0123456789abcdef0",
            "share_arn": share,
            "ports": spans[:1],
            "allowed_cidrs": SOURCES[:1],
        }
    cidr_rules = [f"prov/db/{c}/{p['from_port']}-{p['to_port']}" for c in SOURCES for p in spans]
    group_rules = [f"prov/db/{GROUP}/{p['from_port']}-{p['to_port']}" for p in spans]
    runs = [
        _run(
            "the_endpoint_group_admits_exactly_the_named_sources_on_the_resource_ports",
            [
                (f"toset(keys(aws_vpc_security_group_ingress_rule.resource_cidr)) == {_set(cidr_rules)}", "every source on every port span, nothing else"),
                (f"toset(keys(aws_vpc_security_group_ingress_rule.resource_security_group)) == {_set(group_rules)}", "every named group on every port span"),
                ('aws_vpc_security_group_ingress_rule.resource_cidr["prov/db/10.1.0.0/24/8000-8100"].to_port == 8100', "a range stays a range"),
            ],
        ),
        _run(
            "a_resource_endpoint_after_the_share_is_accepted",
            [
                ('aws_vpc_endpoint.resource["prov/db"].vpc_endpoint_type == "Resource"', "a resource endpoint"),
                (f'aws_vpc_endpoint.resource["prov/db"].resource_configuration_arn == "{arn}"', "for the configuration it was given"),
                ('length(aws_vpc_endpoint.resource["prov/db"].subnet_ids) == 2', "one subnet per AZ"),
                ('toset(keys(aws_ram_resource_share_accepter.resource)) == toset(["prov/db"])', "the invitation is accepted"),
            ],
        ),
    ]
    if network:
        runs.append(
            _run(
                "one_service_network_endpoint",
                [
                    ('aws_vpc_endpoint.network["service-network"].vpc_endpoint_type == "ServiceNetwork"', "a service-network endpoint"),
                    ('toset(keys(aws_vpc_security_group_ingress_rule.network_cidr)) == toset(["service-network/10.1.0.0/24/5432-5432"])', "its named sources only"),
                ],
            )
        )
    return _file(variables, runs)



WRITERS = {
    PROVIDER.module: _provider,
    CONSUMER.module: _consumer,
    ACCEPTANCE.module: _acceptance,
    PEERING.module: _peering,
    PEERING_ACCEPTER.module: _peering_accepter,
    PEERING_ROUTES.module: _peering_routes,
    PEER_NETWORK.module: _peer_network,
    ZONE_ASSOCIATION.module: _zone_association,
    RESOURCE_PROVIDER.module: _resource_gateway,
    RESOURCE_CONSUMER.module: _resource_consumer,
}
INTERFACES = {i.module: i for i in (PROVIDER, CONSUMER, ACCEPTANCE, PEERING, PEERING_ACCEPTER, PEERING_ROUTES, PEER_NETWORK, ZONE_ASSOCIATION, RESOURCE_PROVIDER, RESOURCE_CONSUMER)}


def contract(module_dir: str, features: frozenset[str]) -> dict[str, str]:
    """The module's test file (empty for the root, which has no contract of its own)."""
    if module_dir not in WRITERS:
        return {}
    return {FILE: WRITERS[module_dir](INTERFACES[module_dir].relevant(features))}
