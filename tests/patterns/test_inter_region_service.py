"""Inter-region endpoint service, as the notes draw it: a remote NLB targets the home fleet over peering."""

from __future__ import annotations

import pytest

from plgen.verify.terraform import planned_resources
from tests.conftest import inputs, module, planned_regions, requires_terraform
from tests.patterns.topology import instances, privatelink_chain, references

NAME = "inter-region-service"
PEERING = "modules/peering"
ACCEPTER = "modules/peering-accepter"
ROUTES = "modules/peering-routes"
CALL = "peering_us_east_1_to_eu_west_1"
ACCEPTER_CALL = "peering_accepter_us_east_1_to_eu_west_1"
ROUTES_CALL = "peering_routes_us_east_1_to_eu_west_1"
PEER = "analytics-eu/analytics-home"


def test_home_fleet_vpc_requests_and_remote_nlb_vpc_accepts_in_their_own_regions(catalogue):
    root = module(catalogue, NAME, ".")
    call = root["module"][CALL]
    assert call["providers"] == {"aws": "aws.us_east_1"}  # the request: the home fleet's Region
    assert "vpc_id = local.peer_vpcs[each.key].vpc_id" in call["requester"]
    assert "vpc_id = module.provider_eu_west_1[each.value.side].vpc_id" in call["accepter"]
    accepting = root["module"][ACCEPTER_CALL]
    assert "providers" not in accepting  # the acceptance: the remote NLB's Region, the root's default provider
    assert "route_table_ids = module.provider_eu_west_1[each.value.side].route_table_ids" in accepting["accepter"]
    assert root["module"][ROUTES_CALL]["providers"] == {"aws": "aws.us_east_1"}
    assert "module.peer_network_us_east_1" in root["locals"]["peer_vpcs"]
    resources = module(catalogue, NAME, PEERING)["resource"]
    connection = resources["aws_vpc_peering_connection"]["this"]
    assert "provider" not in connection
    assert (connection["vpc_id"], connection["peer_vpc_id"]) == ("${var.requester.vpc_id}", "${var.accepter.vpc_id}")
    assert (connection["peer_region"], connection["peer_owner_id"]) == ("${var.accepter.region}", "${var.accepter.account_id}")
    accepter = module(catalogue, NAME, ACCEPTER)["resource"]["aws_vpc_peering_connection_accepter"]["this"]
    assert "provider" not in accepter
    assert accepter["vpc_peering_connection_id"] == "${var.peering_connection_id}" and accepter["auto_accept"] is True


def test_each_side_routes_the_other_cidr_through_the_accepted_peering(catalogue):
    assert "aws_route" not in module(catalogue, NAME, PEERING)["resource"]  # no route to a connection pending acceptance
    back = module(catalogue, NAME, ACCEPTER)["resource"]["aws_route"]["accepter"]
    there = module(catalogue, NAME, ROUTES)["resource"]["aws_route"]["requester"]
    for side, route, cidr in (("accepter", back, "var.requester_cidr"), ("requester", there, "var.accepter_cidr")):
        assert "provider" not in route
        assert route["count"] == f"${{length(var.{side}.route_table_ids)}}"
        assert route["route_table_id"] == f"${{var.{side}.route_table_ids[count.index]}}"
        assert route["destination_cidr_block"] == f"${{{cidr}}}"
    assert back["vpc_peering_connection_id"] == "${aws_vpc_peering_connection_accepter.this.id}"
    assert there["vpc_peering_connection_id"] == "${var.peering_connection_id}"  # the accepter part's output: once active


def test_each_peering_part_has_one_provider_configuration(catalogue):
    for part in (PEERING, ACCEPTER, ROUTES):
        assert "configuration_aliases" not in module(catalogue, NAME, part)["terraform"]["required_providers"]["aws"]
    root = module(catalogue, NAME, ".")
    assert root["variable"]["regions"]["default"] == {"home": "eu-west-1", "us_east_1": "us-east-1"}
    assert [p.get("alias") for p in root["provider"]["aws"]] == [None, "us_east_1"]
    assert root["module"]["peer_network_us_east_1"]["providers"] == {"aws": "aws.us_east_1"}
    assert "providers" not in root["module"]["provider_eu_west_1"]


def test_nlb_ip_targets_are_the_home_fleet_ips_registered_in_all_zones(catalogue):
    service = inputs(catalogue, NAME)["service_providers"]["analytics-eu"]["services"]["analytics-api"]
    assert service["target_type"] == "ip"
    assert service["targets"] == {
        "10.40.0.10": {"target_id": "10.40.0.10", "port": None, "availability_zone": "all"},
        "10.40.1.10": {"target_id": "10.40.1.10", "port": None, "availability_zone": "all"},
    }


def test_fleet_admits_only_the_nlb_subnets_on_the_target_port(catalogue):
    peer = inputs(catalogue, NAME)["peers"][PEER]
    assert peer["security_group_ids"] == []  # a created home VPC: plgen creates the workloads group
    assert peer["ingress"] == {
        "10.50.0.0/24/tcp/8443": {"cidr": "10.50.0.0/24", "port": 8443, "ip_protocol": "tcp"},
        "10.50.1.0/24/tcp/8443": {"cidr": "10.50.1.0/24", "port": 8443, "ip_protocol": "tcp"},
    }
    rule = module(catalogue, NAME, PEERING)["resource"]["aws_vpc_security_group_ingress_rule"]["requester"]
    assert "provider" not in rule
    assert rule["security_group_id"] == "${var.requester_security_group_ids[each.value.group]}"
    assert "security_group_ids = { workloads = net.security_group_id }" in module(catalogue, NAME, ".")["locals"]["peer_vpcs"]


def test_outputs_give_service_names_endpoint_dns_names_and_peering_ids(catalogue):
    outputs = module(catalogue, NAME, ".")["output"]
    assert set(outputs) == {"endpoint_services", "consumer_endpoints", "peerings", "peer_vpcs"}
    assert "peering.peering_connection_id" in outputs["peerings"]["value"]


# -- what Terraform would create (offline plan) --------------------------------------------------


@pytest.fixture(scope="module")
def service_plan(plan):
    return plan(NAME)


@requires_terraform
@pytest.mark.terraform
def test_plan_every_resource_is_in_its_region(service_plan):
    regions = planned_regions(service_plan)
    home = {address for address, region in regions.items() if region == "us-east-1"}
    assert home == {
        "peer_network_us_east_1.aws_vpc.this",
        "peer_network_us_east_1.aws_default_security_group.this",
        "peer_network_us_east_1.aws_subnet.this",
        "peer_network_us_east_1.aws_route_table.this",
        "peer_network_us_east_1.aws_route_table_association.this",
        "peer_network_us_east_1.aws_security_group.workloads",
        f"{CALL}.aws_vpc_peering_connection.this",
        f"{ROUTES_CALL}.aws_route.requester",
        f"{CALL}.aws_vpc_security_group_ingress_rule.requester",
    }
    assert set(regions.values()) == {"us-east-1", "eu-west-1"}
    assert regions[f"{ACCEPTER_CALL}.aws_vpc_peering_connection_accepter.this"] == "eu-west-1"
    assert regions["provider_eu_west_1.aws_vpc_endpoint_service.this"] == "eu-west-1"
    (connection,) = instances(service_plan, "aws_vpc_peering_connection").values()
    assert (connection["peer_region"], connection["peer_owner_id"]) == ("eu-west-1", "111111111111")
    subnets = instances(service_plan, "aws_subnet")
    assert sorted(k for (side, k) in subnets if side == PEER) == ["use1-az1", "use1-az2"]
    assert sorted(k for (side, k) in subnets if side == "analytics-eu") == ["euw1-az1", "euw1-az2"]


@requires_terraform
@pytest.mark.terraform
def test_plan_one_route_each_way_for_the_other_vpc_cidr(service_plan):
    by_side = sorted(
        (r["address"].split(".aws_route.")[1], r["values"]["destination_cidr_block"]) for r in planned_resources(service_plan) if r["type"] == "aws_route"
    )
    assert by_side == [("accepter[0]", "10.40.0.0/16"), ("requester[0]", "10.50.0.0/16")]
    assert "var.requester.route_table_ids" in references(service_plan, ROUTES_CALL, "aws_route.requester", "route_table_id")
    assert "var.accepter.route_table_ids" in references(service_plan, ACCEPTER_CALL, "aws_route.accepter", "route_table_id")
    calls = service_plan["configuration"]["root_module"]["module_calls"]
    assert "local.peer_vpcs" in calls[ROUTES_CALL]["expressions"]["requester"]["references"]
    assert "module.provider_eu_west_1" in calls[ACCEPTER_CALL]["expressions"]["accepter"]["references"]
    assert f"module.{ACCEPTER_CALL}" in calls[ROUTES_CALL]["expressions"]["peering_connection_id"]["references"]
    assert references(service_plan, ACCEPTER_CALL, "aws_route.accepter", "vpc_peering_connection_id") == [
        "aws_vpc_peering_connection_accepter.this.id",
        "aws_vpc_peering_connection_accepter.this",
    ]


@requires_terraform
@pytest.mark.terraform
def test_plan_endpoint_reaches_the_home_fleet_ips_in_all_zones(service_plan):
    chain = privatelink_chain(service_plan)
    assert list(chain) == [("eu-customer", "analytics-eu/analytics-api")]
    link = chain[("eu-customer", "analytics-eu/analytics-api")]
    assert link["target_type"] == {"ip"} and link["ports"] == [443]
    assert link["targets"][443] == [("10.40.0.10", 8443, "all"), ("10.40.1.10", 8443, "all")]
    assert link["nlb"]["internal"] is True
    assert link["endpoint_service"]["acceptance_required"] is True


@requires_terraform
@pytest.mark.terraform
def test_plan_security_group_rules_are_exactly_the_named_sources(service_plan):
    rules = sorted(
        (side, key, v["cidr_ipv4"], v["from_port"], v["to_port"], v["ip_protocol"])
        for (side, key), v in instances(service_plan, "aws_vpc_security_group_ingress_rule", ("cidr", "requester")).items()
    )
    assert rules == [
        (PEER, "workloads/10.50.0.0/24/tcp/8443", "10.50.0.0/24", 8443, 8443, "tcp"),
        (PEER, "workloads/10.50.1.0/24/tcp/8443", "10.50.1.0/24", 8443, 8443, "tcp"),
        ("eu-customer", "analytics-eu/analytics-api/10.60.0.0/16/tcp/443", "10.60.0.0/16", 443, 443, "tcp"),
    ]
    # Only the NLB's group lets anything out: to each peered target alone, on its port.
    egress = instances(service_plan, "aws_vpc_security_group_egress_rule")
    assert sorted((side, v["cidr_ipv4"], v["from_port"], v["ip_protocol"]) for (side, _), v in egress.items()) == [
        ("analytics-eu", "10.40.0.10/32", 8443, "tcp"),
        ("analytics-eu", "10.40.1.10/32", 8443, "tcp"),
    ]
    for group in instances(service_plan, "aws_security_group").values():
        assert not group.get("ingress") and not group.get("egress")
