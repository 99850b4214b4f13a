"""Overlapping networks: two organisations on the same address space call each other's services.

The blueprint's retailer and freight company each provide one service and
consume the other's; every calling VPC has exactly the CIDR of the VPC whose
service it calls. What a user relies on: one endpoint service per direction,
each admitting only the other organisation's account and requiring
acceptance; each caller's endpoint in its own range, open only to its own
sources; both paths proven; nothing that routes between the two networks
(no peering, transit gateway, gateway or route); the two organisations' units
exchanging values by hand-off files only; and every routing feature refused
at its field.
"""

from __future__ import annotations

import json

import pytest

from plgen.paths import PASS, Root, prove
from tests.conftest import inputs, requires_terraform
from tests.patterns.topology import assert_reported, edited, ingress, instances, privatelink_chain

NAME = "overlapping-networks"
RETAIL, FREIGHT = "111111111111", "222222222222"
# caller -> the one service it calls; each caller's VPC has the CIDR of the VPC behind that service
CALLS = {"freight-dispatch": "retail-orders/orders-api", "retail-fulfilment": "freight-tracking/tracking-api"}
CIDRS = {"retail-orders": "10.0.0.0/16", "freight-dispatch": "10.0.0.0/16", "freight-tracking": "10.1.0.0/16", "retail-fulfilment": "10.1.0.0/16"}
# What would join the two networks by routing: none of it may be built.
ROUTING = (
    "aws_vpc_peering_connection",
    "aws_vpc_peering_connection_accepter",
    "aws_ec2_transit_gateway_vpc_attachment",
    "aws_vpn_gateway",
    "aws_vpn_gateway_attachment",
    "aws_dx_gateway_association",
    "aws_nat_gateway",
    "aws_internet_gateway",
    "aws_route",
)


def test_each_caller_has_the_cidr_of_the_vpc_it_calls(catalogue):
    data = inputs(catalogue, NAME)
    vpcs = {name: side["vpc"]["cidr"] for kind in ("service_providers", "service_consumers") for name, side in data[kind].items()}
    assert vpcs == CIDRS
    for caller, key in CALLS.items():
        provider = key.split("/")[0]
        assert data["service_consumers"][caller]["vpc"]["subnet_cidrs"] == data["service_providers"][provider]["vpc"]["subnet_cidrs"]


def test_one_service_per_direction_requires_acceptance_and_admits_only_the_other_organisation(catalogue):
    providers = inputs(catalogue, NAME)["service_providers"]
    offered = {(name, service): (p["account_id"], s["allowed_principals"]) for name, p in providers.items() for service, s in p["services"].items()}
    assert offered == {
        ("retail-orders", "orders-api"): (RETAIL, [f"arn:aws:iam::{FREIGHT}:root"]),
        ("freight-tracking", "tracking-api"): (FREIGHT, [f"arn:aws:iam::{RETAIL}:root"]),
    }
    for p in providers.values():
        for s in p["services"].values():
            assert s["acceptance_required"] is True and s["internal"] is True


def test_each_caller_has_one_endpoint_open_only_to_its_own_range(catalogue):
    consumers = inputs(catalogue, NAME)["service_consumers"]
    assert {name: sorted(c["endpoints"]) for name, c in consumers.items()} == {c: [k] for c, k in CALLS.items()}
    for caller, key in CALLS.items():
        endpoint = consumers[caller]["endpoints"][key]
        assert endpoint["allowed_cidrs"] == [CIDRS[caller]] and endpoint["allowed_security_group_ids"] == []
        assert endpoint["accept"] is True and endpoint["auto_accept"] is False  # the provider accepts it
    # names the certificates hold: a friendly name for TLS on the targets, the verified private DNS name for TLS on the NLB
    assert consumers["freight-dispatch"]["endpoints"][CALLS["freight-dispatch"]]["dns_name"] == "orders.retail.internal"
    assert consumers["retail-fulfilment"]["endpoints"][CALLS["retail-fulfilment"]]["private_dns"] is True


def test_no_module_builds_anything_that_routes_between_the_networks(catalogue):
    compiled = catalogue[NAME].compiled.modules
    built = {type_name for mod in compiled.values() for type_name in mod.get("resource", {})}
    assert {"aws_vpc_endpoint", "aws_vpc_endpoint_service", "aws_lb", "aws_vpc_endpoint_connection_accepter"} <= built
    assert not built & set(ROUTING), sorted(built & set(ROUTING))


def test_both_paths_are_proven_over_the_overlapping_ranges(catalogue):
    compiled = catalogue[NAME].compiled
    paths = prove(Root.modules(compiled.modules, compiled.inputs))
    assert {(p.consumer, p.endpoint, p.listener): p.status for p in paths} == {
        ("freight-dispatch", "retail-orders/orders-api", "443/TCP"): PASS,
        ("retail-fulfilment", "freight-tracking/tracking-api", "443/TLS"): PASS,
    }
    hops = {p.consumer: {h.name: h for h in p.hops} for p in paths}
    assert hops["freight-dispatch"]["source"].reason == "10.0.0.0/16 (named)"  # the very range of retail-orders' VPC
    assert "10.0.0.10:8443" in hops["freight-dispatch"]["targets"].reason  # a target inside that same range
    assert hops["retail-fulfilment"]["dns"].reason.startswith("tracking.swiftfreight.example.com (private DNS")


def test_the_organisations_exchange_values_by_hand_off_files_only(catalogue):
    """No unit reads the state of a unit in the other organisation's account: what crosses is a hand-off file."""
    units = {u["name"]: u for u in json.loads(catalogue[NAME].files["json/units/units.json"])["units"]}
    crossings = set()
    for name, unit in units.items():
        by_file = {h["from"] for h in unit["handoff_files"]}
        for producer in unit["reads"]:
            if units[producer]["account"] != unit["account"]:
                assert producer in by_file, f"{name} reads {producer}'s state across organisations"
                crossings.add((units[producer]["account"], unit["account"]))
    assert crossings == {(RETAIL, FREIGHT), (FREIGHT, RETAIL)}  # values cross both ways, each by file


# -- what Terraform would create (offline plan) --------------------------------------------------


@pytest.fixture(scope="module")
def overlap_plan(plan):
    return plan(NAME)


@requires_terraform
@pytest.mark.terraform
def test_plan_each_endpoint_reaches_the_other_organisations_targets(overlap_plan):
    chain = privatelink_chain(overlap_plan)
    assert set(chain) == set(CALLS.items())
    orders, tracking = chain[("freight-dispatch", CALLS["freight-dispatch"])], chain[("retail-fulfilment", CALLS["retail-fulfilment"])]
    assert orders["targets"] == {443: [("10.0.0.10", 8443, None), ("10.0.1.10", 8443, None), ("10.0.2.10", 8443, None)]}
    assert tracking["targets"] == {443: [("10.1.0.10", 8080, None), ("10.1.1.10", 8080, None), ("10.1.2.10", 8080, None)]}
    for link in chain.values():
        assert link["nlb"]["internal"] is True and link["nlb"]["load_balancer_type"] == "network"
        assert link["endpoint_service"]["acceptance_required"] is True
    assert sorted(orders["endpoint_service"]["allowed_principals"]) == [f"arn:aws:iam::{FREIGHT}:root"]
    assert sorted(tracking["endpoint_service"]["allowed_principals"]) == [f"arn:aws:iam::{RETAIL}:root"]


@requires_terraform
@pytest.mark.terraform
def test_plan_two_pairs_of_identical_vpcs_and_no_route_between_any(overlap_plan):
    vpcs = {side: v["cidr_block"] for (side, _), v in instances(overlap_plan, "aws_vpc").items()}
    assert vpcs == CIDRS
    for type_name in ROUTING:
        assert not instances(overlap_plan, type_name), type_name
    endpoints = instances(overlap_plan, "aws_vpc_endpoint")
    assert {key: v["vpc_endpoint_type"] for key, v in endpoints.items()} == {k: "Interface" for k in CALLS.items()}


@requires_terraform
@pytest.mark.terraform
def test_plan_endpoint_security_groups_admit_only_the_callers_own_range(overlap_plan):
    assert ingress(overlap_plan) == {(caller, key, CIDRS[caller], 443, 443, "tcp") for caller, key in CALLS.items()}


# -- constraints, as the user sees them ------------------------------------------------------

PEERS = "    peers:\n      - name: dispatch-home\n        region: eu-west-1\n        vpc:\n          cidr: 10.2.0.0/16\n        azs: [euw1-az1, euw1-az2]\n"


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        (
            (("    azs: [use1-az1, use1-az2, use1-az4]\n    endpoints:\n      - service: retail-orders", "    azs: [use1-az1, use1-az2, use1-az4]\n" + PEERS + "    endpoints:\n      - service: retail-orders"),),
            "bp.yaml:73:5: consumers[0].peers: Peered home VPC (home-peering) is not part of the overlapping-networks pattern; plgen would not build it",
        ),
        (
            (("          - ip: 10.1.2.10\n", "          - ip: 10.1.2.10\n            site: peered\n"),),
            "bp.yaml:58:13: providers[1].services[0].targets[2].site: Peered home fleet (peered-fleet) is not part of the overlapping-networks pattern",
        ),
        (
            (("      cidr: 10.1.0.0/16          # overlaps freight-tracking entirely\n", "      cidr: 10.1.0.0/16\n    on_premises:\n      cidrs: [172.16.0.0/16]\n      transit_gateway_id: tgw-0a1b2c3d4e5f60718\n"),),
            "bp.yaml:83:5: consumers[1].on_premises: On-premises access VPC (on-premises-access) is not part of the overlapping-networks pattern",
        ),
        (
            (("            - arn:aws:iam::111111111111:root   # the retailer's account", "            - arn:aws:iam::333333333333:root   # another account"),),
            "bp.yaml:85:9: consumers[1].endpoints[0].service: account 111111111111 is not allowed to connect to freight-tracking/tracking-api",
        ),
        (
            (("        private_dns: true                  # TLS", "        dns_name: tracking.retail.internal  # TLS"),),
            "bp.yaml:86:9: consumers[1].endpoints[0].dns_name: tracking.retail.internal reaches TLS listener 443 of 'freight-tracking/tracking-api'",
        ),
    ],
    ids=["no-home-peering", "no-peered-fleet", "no-transit-gateway-path", "other-organisation-not-granted", "tls-name-not-covered"],
)
def test_constraint_is_reported_with_file_line_and_field(tmp_path, replacements, expected):
    assert_reported(tmp_path, edited(NAME, *replacements), expected)
