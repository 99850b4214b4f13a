"""Inter-region access by the consumer: an endpoint VPC in the service's Region, peered with home."""

from __future__ import annotations

import pytest

from plgen.verify.terraform import planned_resources
from tests.conftest import inputs, module, planned_regions, requires_terraform
from tests.patterns.topology import instances, privatelink_chain

NAME = "inter-region-consumer"
CONSUMER = "modules/consumer"
CALL = "peering_eu_central_1_to_us_east_1"
ACCEPTER_CALL = "peering_accepter_eu_central_1_to_us_east_1"
ROUTES_CALL = "peering_routes_eu_central_1_to_us_east_1"
PEER = "shop-use1/shop-home"


def test_home_vpc_requests_peering_with_the_endpoint_vpc_in_the_service_region(catalogue):
    root = module(catalogue, NAME, ".")
    call = root["module"][CALL]
    # split by owner: the request and the requester's routes in the home Region, the acceptance in the consumer's
    assert call["providers"] == {"aws": "aws.eu_central_1"}
    assert "vpc_id = local.peer_vpcs[each.key].vpc_id" in call["requester"]
    assert "vpc_id = module.consumer_us_east_1[each.value.side].vpc_id" in call["accepter"]
    accepter = root["module"][ACCEPTER_CALL]
    assert "providers" not in accepter  # the root's default provider: the consumer's Region
    assert "route_table_ids = module.consumer_us_east_1[each.value.side].route_table_ids" in accepter["accepter"]
    assert accepter["peering_connection_id"] == f"${{module.{CALL}[each.key].peering_connection_id}}"
    routes = root["module"][ROUTES_CALL]
    assert routes["providers"] == {"aws": "aws.eu_central_1"}
    assert routes["peering_connection_id"] == f"${{module.{ACCEPTER_CALL}[each.key].peering_connection_id}}"
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


def test_friendly_zone_of_another_accounts_home_vpc_is_authorized_here_and_associated_there(catalogue):
    """Route 53 across accounts: the zone's account authorizes, the VPC's account associates, two modules for the two teams."""
    resources = module(catalogue, NAME, CONSUMER)["resource"]
    zone = resources["aws_route53_zone"]["friendly"]
    assert zone["lifecycle"] == {"ignore_changes": ["vpc"]}
    for kind, condition in (("aws_route53_zone_association", "if !a.cross_account"), ("aws_route53_vpc_association_authorization", "if a.cross_account")):
        block = resources[kind]["peer"]
        assert block["zone_id"] == "${aws_route53_zone.friendly[each.value.endpoint].zone_id}"
        assert (block["vpc_id"], block["vpc_region"]) == ("${each.value.vpc_id}", "${each.value.region}")
        assert condition in block["for_each"]
    root = module(catalogue, NAME, ".")
    assert "cross_account = peer.account_id != peer.side_account_id" in root["module"]["consumer_us_east_1"]["peer_vpcs"]
    call = root["module"]["zone_association_eu_central_1"]
    assert call["source"] == "./modules/zone-association" and call["providers"] == {"aws": "aws.eu_central_1"}
    assert "peer.account_id != peer.side_account_id" in call["for_each"]
    assert "local.zone_authorizations" in call["associations"]
    assert "module.consumer_us_east_1" in root["locals"]["zone_authorizations"]
    association = module(catalogue, NAME, "modules/zone-association")["resource"]["aws_route53_zone_association"]["this"]
    assert association["zone_id"] == "${each.value.zone_id}" and association["vpc_region"] == "${each.value.vpc_region}"
    [record] = [c for c in catalogue[NAME].compiled.calls if c.name == "zone_association_eu_central_1"]
    assert [(i.account, i.region) for i in record.instances] == [("666666666666", "eu-central-1")]
    assert "consumer_us_east_1" in record.after  # applied after the authorization exists


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
        "zone_association_eu_central_1.aws_route53_zone_association.this",  # the home VPC's account associates the zone
        f"{CALL}.aws_vpc_peering_connection.this",
        f"{ROUTES_CALL}.aws_route.requester",
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
    # the home VPC is another account's: authorized in the consumer's module, associated by the home VPC's own module
    authorizations = instances(consumer_plan, "aws_route53_vpc_association_authorization")
    assert list(authorizations) == [("shop-use1", "payments/payments-api/shop-home")]
    assert authorizations[("shop-use1", "payments/payments-api/shop-home")]["vpc_region"] == "eu-central-1"
    associations = {r["address"]: r["values"] for r in planned_resources(consumer_plan) if r["type"] == "aws_route53_zone_association"}
    assert list(associations) == ['module.zone_association_eu_central_1["shop-use1/shop-home"].aws_route53_zone_association.this["shop-use1/payments/payments-api/shop-home"]']
    assert next(iter(associations.values()))["vpc_region"] == "eu-central-1"


@requires_terraform
@pytest.mark.terraform
def test_plan_security_group_rules_are_exactly_the_named_sources(consumer_plan):
    rules = sorted(
        (side, v["cidr_ipv4"], v["from_port"], v["to_port"], v["ip_protocol"])
        for (side, _), v in instances(consumer_plan, "aws_vpc_security_group_ingress_rule", ("cidr",)).items()
    )
    assert rules == [("shop-use1", "10.80.0.0/16", 443, 443, "tcp"), ("shop-use1", "10.90.0.0/16", 443, 443, "tcp")]
    # No group lets anything out but the NLB's, and that one only to its targets' group and to each in-VPC IP target
    # alone (nothing puts an IP target in the group: review D7), on the target port.
    egress = instances(consumer_plan, "aws_vpc_security_group_egress_rule")
    assert sorted(egress) == [("payments", "payments-api/10.70.0.10/32/tcp/8443"), ("payments", "payments-api/10.70.1.10/32/tcp/8443"), ("payments", "payments-api/10.70.2.10/32/tcp/8443"), ("payments", "payments-api/tcp/8443")]
    assert egress[("payments", "payments-api/tcp/8443")]["cidr_ipv4"] is None and egress[("payments", "payments-api/tcp/8443")]["from_port"] == 8443
    assert all(v["cidr_ipv4"] == key.split("/", 1)[1].rsplit("/", 2)[0] and v["from_port"] == 8443 for (_, key), v in egress.items() if key.count("/") > 2)
