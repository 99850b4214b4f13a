"""Shared Services VPC, as the notes draw it.

One VPC exposes security, logging, monitoring and auth, each through its own
NLB and endpoint service; workload VPCs hold endpoints only for the services
they use; an on-premises access VPC (at most 20 endpoints) has a virtual
private gateway for Direct Connect and admits the on-premises CIDRs.
"""

from __future__ import annotations

import pytest

from plgen.blueprint import parse_source, validate
from plgen.compiler import rules_for
from plgen.interfaces.root import root_data
from plgen.patterns import PATTERNS
from tests.conftest import inputs, module, requires_terraform
from tests.patterns.topology import assert_reported, edited, ingress, instances, privatelink_chain, references, validate_text

NAME = "shared-services"
PROVIDER = "modules/endpoint-service"
CONSUMER = "modules/consumer"
ON_PREM = ["172.16.0.0/16", "192.168.100.0/24"]


def test_each_shared_service_has_its_own_nlb_listeners_and_endpoint_service(catalogue):
    services = inputs(catalogue, NAME)["service_providers"]["shared-services"]["services"]
    assert sorted(services) == ["auth", "logging", "monitoring", "security"]
    assert len({s["load_balancer_name"] for s in services.values()}) == 4
    assert {name: sorted(s["listeners"]) for name, s in services.items()} == {
        "auth": ["443", "636"],
        "logging": ["5044", "6514"],
        "monitoring": ["4317"],
        "security": ["443"],
    }
    mod = module(catalogue, NAME, PROVIDER)["resource"]
    assert mod["aws_lb"]["this"]["for_each"] == mod["aws_vpc_endpoint_service"]["this"]["for_each"] == "${var.services}"
    assert mod["aws_vpc_endpoint_service"]["this"]["network_load_balancer_arns"] == ["${aws_lb.this[each.key].arn}"]


def test_nlbs_target_specific_ports_on_specific_hosts_in_the_shared_services_vpc(catalogue):
    services = inputs(catalogue, NAME)["service_providers"]["shared-services"]["services"]
    assert services["security"]["listeners"]["443"]["target_port"] == 8443
    assert sorted(services["security"]["targets"]) == ["10.0.0.21", "10.0.1.21"]
    for service in services.values():
        assert all(t["availability_zone"] is None for t in service["targets"].values())
        assert service["acceptance_required"] is True
        assert "*" not in service["allowed_principals"]


def test_workload_vpcs_hold_endpoints_only_for_the_services_they_use(catalogue):
    consumers = inputs(catalogue, NAME)["service_consumers"]
    assert {name: sorted(c["endpoints"]) for name, c in consumers.items()} == {
        "onprem-access": ["shared-services/auth", "shared-services/logging", "shared-services/monitoring", "shared-services/security"],
        "workload-analytics": ["shared-services/logging", "shared-services/monitoring"],
        "workload-payments": ["shared-services/auth", "shared-services/logging", "shared-services/monitoring", "shared-services/security"],
        "workload-web": ["shared-services/auth", "shared-services/logging"],
    }
    assert all(c["on_premises"] is None for name, c in consumers.items() if name != "onprem-access")


def test_access_vpc_is_attached_to_a_transit_gateway_with_routes_to_the_data_center(catalogue):
    access = inputs(catalogue, NAME)["service_consumers"]["onprem-access"]
    assert access["on_premises"] == {"cidrs": ON_PREM, "amazon_side_asn": 64512, "resolver_endpoint": True, "transit_gateway_id": "tgw-0a1b2c3d4e5f60718"}
    res = module(catalogue, NAME, CONSUMER)["resource"]
    attachment = res["aws_ec2_transit_gateway_vpc_attachment"]["this"]
    assert attachment["vpc_id"] == "${local.vpc_id}"
    assert attachment["subnet_ids"] == "${values(local.subnet_ids)}"  # one subnet per AZ
    route = res["aws_route"]["on_premises"]
    assert route["transit_gateway_id"] == "${aws_ec2_transit_gateway_vpc_attachment.this[0].transit_gateway_id}"  # created after the attachment
    assert route["destination_cidr_block"] == "${each.value.cidr}"
    # No virtual private gateway with a transit gateway.
    assert res["aws_vpn_gateway"]["this"]["count"].startswith("${var.on_premises != null && try(var.on_premises.transit_gateway_id, null) == null")
    assert "vpn_gateway_id" in module(catalogue, NAME, CONSUMER)["output"]


def test_endpoint_security_groups_add_the_on_premises_cidrs_to_the_named_sources(catalogue):
    rules = module(catalogue, NAME, CONSUMER)["locals"]["cidr_rules"]
    assert "distinct(concat(endpoint.allowed_cidrs, (var.on_premises == null ? [] : var.on_premises.cidrs)))" in rules


# -- what Terraform would create (offline plan) --------------------------------------------------


@pytest.fixture(scope="module")
def shared_plan(plan):
    return plan(NAME)


@requires_terraform
@pytest.mark.terraform
def test_plan_every_endpoint_reaches_targets_through_service_nlb_and_target_group(shared_plan):
    chain = privatelink_chain(shared_plan)
    assert len(chain) == 12
    logging = chain[("workload-analytics", "shared-services/logging")]
    assert logging["ports"] == [5044, 6514]
    assert logging["targets"][6514] == [("10.0.0.31", 6514, None), ("10.0.1.31", 6514, None), ("10.0.2.31", 6514, None)]
    assert chain[("onprem-access", "shared-services/security")]["targets"] == {443: [("10.0.0.21", 8443, None), ("10.0.1.21", 8443, None)]}
    for link in chain.values():
        assert link["nlb"]["internal"] is True and link["nlb"]["load_balancer_type"] == "network"
        assert link["endpoint_service"]["acceptance_required"] is True
    assert references(shared_plan, "provider_us_east_1", "aws_vpc_endpoint_service.this", "network_load_balancer_arns") == ["aws_lb.this", "each.key"]
    assert references(shared_plan, "provider_us_east_1", "aws_lb_target_group_attachment.this", "target_group_arn")[0] == "aws_lb_target_group.this"


@requires_terraform
@pytest.mark.terraform
def test_plan_one_endpoint_per_used_service_with_one_interface_per_az(shared_plan):
    endpoints = instances(shared_plan, "aws_vpc_endpoint")
    per_consumer = {}
    for consumer, key in endpoints:
        per_consumer.setdefault(consumer, []).append(key.split("/")[1])
    assert {c: sorted(s) for c, s in per_consumer.items()} == {
        "onprem-access": ["auth", "logging", "monitoring", "security"],
        "workload-analytics": ["logging", "monitoring"],
        "workload-payments": ["auth", "logging", "monitoring", "security"],
        "workload-web": ["auth", "logging"],
    }
    assert all(v["vpc_endpoint_type"] == "Interface" for v in endpoints.values())
    subnets = sorted((side, values["availability_zone_id"]) for (side, _), values in instances(shared_plan, "aws_subnet").items() if side == "workload-web")
    assert subnets == [("workload-web", "use1-az2"), ("workload-web", "use1-az4")]


@requires_terraform
@pytest.mark.terraform
def test_plan_transit_gateway_attachment_and_routes_only_in_the_access_vpc(shared_plan):
    assert not instances(shared_plan, "aws_vpn_gateway") and not instances(shared_plan, "aws_vpn_gateway_route_propagation")
    attachments = instances(shared_plan, "aws_ec2_transit_gateway_vpc_attachment")
    assert list(attachments) == [("onprem-access", "0")]
    assert attachments[("onprem-access", "0")]["transit_gateway_id"] == "tgw-0a1b2c3d4e5f60718"
    routes = {key: v["destination_cidr_block"] for key, v in instances(shared_plan, "aws_route").items() if key[0] == "onprem-access"}
    assert sorted(routes.values()) == sorted(ON_PREM)  # one route table, one route per on-premises CIDR


@requires_terraform
@pytest.mark.terraform
def test_plan_security_groups_admit_exactly_declared_and_on_premises_cidrs_on_listener_ports(shared_plan):
    ports = {"security": [443], "logging": [5044, 6514], "monitoring": [4317], "auth": [443, 636]}
    declared = {
        "workload-payments": (["10.1.0.0/16"], ["security", "logging", "monitoring", "auth"]),
        "workload-analytics": (["10.2.0.0/17"], ["logging", "monitoring"]),
        "workload-web": (["10.3.0.0/16"], ["auth", "logging"]),
        "onprem-access": (ON_PREM, ["security", "logging", "monitoring", "auth"]),
    }
    expected = {
        (consumer, f"shared-services/{service}", cidr, port, port, "tcp")
        for consumer, (cidrs, services) in declared.items()
        for service in services
        for cidr in cidrs
        for port in ports[service]
    }
    assert ingress(shared_plan) == expected
    # the only egress is the NLBs': to their own targets' group, and to each in-VPC IP target's /32 (review D7:
    # health checks obey the NLB group's outbound rules, and nothing puts the IP targets in the targets' group)
    assert all(key.startswith("nlb_") or "/" in key for _, key in instances(shared_plan, "aws_vpc_security_group_egress_rule"))
    assert all(v.get("cidr_ipv4") is None or v["cidr_ipv4"].endswith("/32") for v in instances(shared_plan, "aws_vpc_security_group_egress_rule").values())


# -- constraints the notes impose, as the user sees them ------------------------------------------------------

EXTRA_SERVICE = """
      - name: extra-{n:02d}
        nlb:
          listeners:
            - port: {port}
        targets:
          - ip: 10.0.0.{n}
"""


def access_vpc_with(count: int) -> str:
    """The blueprint with ``count`` services, all consumed by the on-premises access VPC."""
    extra = count - 4
    services = "".join(EXTRA_SERVICE.format(n=n, port=7000 + n) for n in range(100, 100 + extra))
    endpoints = "".join(f"      - service: extra-{n:02d}\n" for n in range(100, 100 + extra))
    text = edited(NAME, ("\nconsumers:\n", services + "\nconsumers:\n"))
    state = text[text.index("\nstate: ") + 1 :]  # the blueprint's last key: the endpoints go before it, under the last consumer
    return text[: -len(state)] + endpoints + state


def test_access_vpc_with_twenty_endpoints_is_accepted_and_gets_all_twenty(tmp_path):
    text = access_vpc_with(20)
    result = validate_text(tmp_path, text)
    assert result.exit_code == 0, result.output
    bp = validate(parse_source(text, "bp.yaml"), rules_for, PATTERNS)
    endpoints = root_data(bp)["service_consumers"]["onprem-access"]["endpoints"]
    assert len(endpoints) == 20 and {key.split("/")[1] for key in endpoints} == {s.name for s in bp.providers[0].services}


def test_access_vpc_with_twenty_one_endpoints_is_refused_at_its_endpoints_field(tmp_path):
    text = access_vpc_with(21)
    lines = text.splitlines()
    start = lines.index("  - name: onprem-access")
    key_line = start + lines[start:].index("    endpoints:") + 1
    assert_reported(tmp_path, text, f"bp.yaml:{key_line}:5: consumers[3].endpoints: an on-premises access VPC holds at most 20 interface endpoints, got 21")


SECOND_PROVIDER = """
  - name: more-shared
    account_id: "111111111111"
    region: us-east-1
    vpc:
      cidr: 10.9.0.0/16
    azs: [use1-az1, use1-az2]
    services:
      - name: devops
        nlb:
          listeners:
            - port: 22
        targets:
          - ip: 10.9.0.10
"""


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        (
            (("\nconsumers:\n", SECOND_PROVIDER + "\nconsumers:\n"),),
            "bp.yaml:76:5: providers[1]: a shared-services blueprint has one provider, the Shared Services VPC holding every common service; got 2",
        ),
        (
            (("          - ip: 10.0.2.41\n", "          - ip: 172.16.5.41\n            site: on-premises\n"),),
            "bp.yaml:57:13: providers[0].services[2].targets[1].site: a shared-services service targets instances or tasks in its own VPC, not 'on-premises' addresses (use the hybrid pattern",
        ),
        (
            (("      cidrs: [172.16.0.0/16, 192.168.100.0/24]", "      cidrs: [172.16.0.0/16, 10.255.0.0/16]"),),
            "bp.yaml:148:30: consumers[3].on_premises.cidrs[1]: on-premises CIDR 10.255.0.0/16 overlaps the VPC 10.255.0.0/22",
        ),
        (
            (("            - arn:aws:iam::333333333333:root\n", ""),),
            "bp.yaml:112:9: consumers[1].endpoints[0].service: account 333333333333 is not allowed to connect to shared-services/logging",
        ),
        (
            (
                (
                    "      cidr: 10.255.0.0/22\n",
                    "      id: vpc-0f1e2d3c4b5a69788\n      subnet_ids: {use1-az1: subnet-0f1e2d3c4b5a69781, use1-az2: subnet-0f1e2d3c4b5a69782}\n",
                ),
            ),
            "bp.yaml:144:5: consumers[3].vpc: an existing VPC reached from on-premises needs `route_table_ids` for the gateway's route propagation",
        ),
    ],
    ids=["one-shared-services-vpc", "targets-in-the-vpc", "on-premises-cidr-overlaps-vpc", "consumer-not-granted", "existing-access-vpc-without-route-tables"],
)
def test_shape_constraint_is_reported_with_file_line_and_field(tmp_path, replacements, expected):
    assert_reported(tmp_path, edited(NAME, *replacements), expected)


@requires_terraform
@pytest.mark.terraform
def test_plan_resolver_inbound_endpoint_only_in_the_access_vpc_open_only_to_on_premises_on_53(shared_plan):
    endpoints = instances(shared_plan, "aws_route53_resolver_endpoint")
    assert list(endpoints) == [("onprem-access", "0")]
    assert endpoints[("onprem-access", "0")]["direction"] == "INBOUND"
    assert len(endpoints[("onprem-access", "0")]["ip_address"]) == 2  # one address per AZ subnet (use1-az1, use1-az2)
    rules = instances(shared_plan, "aws_vpc_security_group_ingress_rule", ("resolver",))
    assert sorted((side, r["cidr_ipv4"], r["from_port"], r["to_port"], r["ip_protocol"]) for (side, _), r in rules.items()) == [
        ("onprem-access", cidr, 53, 53, proto) for cidr in ("172.16.0.0/16", "192.168.100.0/24") for proto in ("tcp", "udp")
    ]
    assert "aws_security_group.resolver" in references(shared_plan, "consumer_us_east_1", "aws_route53_resolver_endpoint.inbound", "security_group_ids")
