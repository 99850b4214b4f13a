"""Inter-region access by the consumer: an endpoint VPC in the service's Region, peered with home."""

from __future__ import annotations

import pytest

from plgen.verify.terraform import planned_resources
from tests.conftest import inputs, module, planned_regions, requires_terraform
from tests.patterns.topology import instances, privatelink_chain

NAME = "inter-region-consumer"
CONSUMER = "modules/consumer"
CALL = "peering_eu_central_1_to_us_east_1"
PEER = "shop-use1/shop-home"


def test_home_vpc_requests_peering_with_the_endpoint_vpc_in_the_service_region(catalogue):
    root = module(catalogue, NAME, ".")
    call = root["module"][CALL]
    assert call["providers"] == {"aws.requester": "aws.eu_central_1", "aws.accepter": "aws"}
    assert "vpc_id = local.peer_vpcs[each.key].vpc_id" in call["requester"]
    assert "vpc_id = module.consumer_us_east_1[each.value.side].vpc_id" in call["accepter"]
    assert "route_table_ids = module.consumer_us_east_1[each.value.side].route_table_ids" in call["accepter"]
    assert root["module"]["peer_network_eu_central_1"]["providers"] == {"aws": "aws.eu_central_1"}
    assert root["variable"]["regions"]["default"] == {"home": "us-east-1", "eu_central_1": "eu-central-1"}
    assert "requester_ingress" not in call  # the endpoint's own group admits home; nothing opens in the home VPC
    peering = module(catalogue, NAME, "modules/peering")
    assert "aws_vpc_security_group_ingress_rule" not in peering["resource"]


def test_endpoint_admits_the_home_cidr_on_the_listener_port(catalogue):
    data = inputs(catalogue, NAME)["service_consumers"]["shop-use1"]
    assert data["peer_cidrs"] == ["10.90.0.0/16"]
    assert data["endpoints"]["payments/payments-api"]["allowed_cidrs"] == ["10.80.0.0/16"]
    assert module(catalogue, NAME, ".")["module"]["consumer_us_east_1"]["peer_cidrs"] == "${each.value.peer_cidrs}"


def test_friendly_zone_is_associated_with_the_home_vpc_in_its_region(catalogue):
    resources = module(catalogue, NAME, CONSUMER)["resource"]
    zone = resources["aws_route53_zone"]["friendly"]
    assert zone["lifecycle"] == {"ignore_changes": ["vpc"]}
    association = resources["aws_route53_zone_association"]["peer"]
    assert association["zone_id"] == "${aws_route53_zone.friendly[each.value.endpoint].zone_id}"
    assert (association["vpc_id"], association["vpc_region"]) == ("${each.value.vpc_id}", "${each.value.region}")
    call = module(catalogue, NAME, ".")["module"]["consumer_us_east_1"]
    assert call["peer_vpcs"] == (
        "${{ for key, peer in var.peers : peer.name => { vpc_id = local.peer_vpcs[key].vpc_id, region = peer.region } if peer.side == each.key }}"
    )


def test_saas_consumers_do_not_get_zone_associations(catalogue):
    assert "aws_route53_zone_association" not in module(catalogue, "saas", CONSUMER)["resource"]
    assert "peer_vpcs" not in module(catalogue, "saas", CONSUMER)["variable"]


def test_outputs_give_service_names_endpoint_dns_names_and_peering_ids(catalogue):
    outputs = module(catalogue, NAME, ".")["output"]
    assert set(outputs) == {"endpoint_services", "consumer_endpoints", "peerings", "peer_vpcs"}


# -- what Terraform would create (offline plan) --------------------------------------------------


@pytest.fixture(scope="module")
def consumer_plan(plan):
    return plan(NAME)


@requires_terraform
@pytest.mark.terraform
def test_plan_every_resource_is_in_its_region(consumer_plan):
    regions = planned_regions(consumer_plan)
    home = {address for address, region in regions.items() if region == "eu-central-1"}
    assert home == {
        "peer_network_eu_central_1.aws_vpc.this",
        "peer_network_eu_central_1.aws_default_security_group.this",
        "peer_network_eu_central_1.aws_subnet.this",
        "peer_network_eu_central_1.aws_route_table.this",
        "peer_network_eu_central_1.aws_route_table_association.this",
        f"{CALL}.aws_vpc_peering_connection.this",
        f"{CALL}.aws_route.requester",
    }
    assert set(regions.values()) == {"eu-central-1", "us-east-1"}
    (connection,) = instances(consumer_plan, "aws_vpc_peering_connection").values()
    assert (connection["peer_region"], connection["peer_owner_id"]) == ("us-east-1", "555555555555")


@requires_terraform
@pytest.mark.terraform
def test_plan_routes_each_way_and_the_endpoint_sits_in_the_service_region(consumer_plan):
    by_side = sorted(
        (r["address"].split(".aws_route.")[1], r["values"]["destination_cidr_block"]) for r in planned_resources(consumer_plan) if r["type"] == "aws_route"
    )
    assert by_side == [("accepter[0]", "10.90.0.0/16"), ("requester[0]", "10.80.0.0/16")]
    chain = privatelink_chain(consumer_plan)
    assert list(chain) == [("shop-use1", "payments/payments-api")]
    subnets = instances(consumer_plan, "aws_subnet")
    assert sorted(k for (side, k) in subnets if side == "shop-use1") == ["use1-az1", "use1-az2"]
    assert sorted(k for (side, k) in subnets if side == PEER) == ["euc1-az1", "euc1-az2"]


@requires_terraform
@pytest.mark.terraform
def test_plan_phz_answers_in_the_home_vpc(consumer_plan):
    (zone,) = instances(consumer_plan, "aws_route53_zone").values()
    assert zone["name"] == "payments.shop.internal"
    associations = instances(consumer_plan, "aws_route53_zone_association")
    assert list(associations) == [("shop-use1", "payments/payments-api/shop-home")]
    assert associations[("shop-use1", "payments/payments-api/shop-home")]["vpc_region"] == "eu-central-1"


@requires_terraform
@pytest.mark.terraform
def test_plan_security_group_rules_are_exactly_the_named_sources(consumer_plan):
    rules = sorted(
        (side, v["cidr_ipv4"], v["from_port"], v["to_port"], v["ip_protocol"])
        for (side, _), v in instances(consumer_plan, "aws_vpc_security_group_ingress_rule", ("cidr",)).items()
    )
    assert rules == [("shop-use1", "10.80.0.0/16", 443, 443, "tcp"), ("shop-use1", "10.90.0.0/16", 443, 443, "tcp")]
    # No group lets anything out but the NLB's, and that one only to its targets' group on the target port.
    egress = instances(consumer_plan, "aws_vpc_security_group_egress_rule")
    assert list(egress) == [("payments", "payments-api/tcp/8443")]
    assert egress[("payments", "payments-api/tcp/8443")]["cidr_ipv4"] is None and egress[("payments", "payments-api/tcp/8443")]["from_port"] == 8443
