"""Hybrid services, as the notes draw them.

One endpoint service's NLB balances across instances in AWS and servers on
premises reached over Direct Connect (IP targets, ``availability_zone =
"all"`` outside the VPC); the provider VPC gets a virtual private gateway with
route propagation; the migration stage decides which targets are registered.
"""

from __future__ import annotations

import json
import shutil

import pytest

from plgen.blueprint import parse_source, validate
from plgen.compiler import rules_for
from plgen.interfaces.root import root_data
from plgen.patterns import PATTERNS
from plgen.verify.terraform import OFFLINE, Terraform, provider_aliases
from tests.conftest import inputs, module, requires_terraform
from tests.patterns.topology import assert_reported, edited, ingress, instances, privatelink_chain, references

NAME = "hybrid"
PROVIDER = "modules/endpoint-service"
AWS_HOSTS = ["10.40.0.20", "10.40.1.20"]
ON_PREM_HOSTS = ["192.168.4.10", "192.168.4.11"]


def registered(text: str, service: str = "inventory-api") -> dict[str, str | None]:
    """Target -> availability_zone that the module inputs register for ``service`` of a hybrid blueprint text."""
    bp = validate(parse_source(text, "bp.yaml"), rules_for, PATTERNS)
    targets = root_data(bp)["service_providers"]["inventory"]["services"][service]["targets"]
    return {t["target_id"]: t["availability_zone"] for t in targets.values()}


def test_provider_vpc_gets_a_virtual_private_gateway_associated_with_the_dx_gateway_before_propagation(catalogue):
    assert inputs(catalogue, NAME)["service_providers"]["inventory"]["on_premises"] == {
        "cidrs": ["192.168.0.0/20"],
        "amazon_side_asn": 65010,
        "direct_connect_gateway_id": "5f294f92-bafb-4011-916d-9b0b1c2d3e4f",
        "allowed_prefixes": ["10.40.0.0/16"],  # the VPC CIDR
    }
    mod = module(catalogue, NAME, PROVIDER)
    gateway_id = "${(try(var.on_premises.vpn_gateway_id, null) != null ? try(var.on_premises.vpn_gateway_id, null) : one(aws_vpn_gateway.this[*].id))}"
    assert mod["resource"]["aws_vpn_gateway"]["this"]["vpc_id"] == "${local.vpc_id}"
    association = mod["resource"]["aws_dx_gateway_association"]["this"]
    assert association["dx_gateway_id"] == "${var.on_premises.direct_connect_gateway_id}"
    assert association["associated_gateway_id"] == gateway_id
    assert association["allowed_prefixes"] == "${var.on_premises.allowed_prefixes}"
    propagation = mod["resource"]["aws_vpn_gateway_route_propagation"]["this"]
    assert propagation["vpn_gateway_id"] == gateway_id
    assert "aws_dx_gateway_association.this" in propagation["depends_on"]
    assert "vpn_gateway_id" in mod["output"]
    assert "aws_vpn_gateway" not in module(catalogue, NAME, "modules/consumer")["resource"]


def test_on_premises_targets_are_ip_targets_in_all_zones_and_aws_targets_are_zonal(catalogue):
    service = inputs(catalogue, NAME)["service_providers"]["inventory"]["services"]["inventory-api"]
    assert service["target_type"] == "ip"
    assert {t["target_id"]: t["availability_zone"] for t in service["targets"].values()} == {
        **dict.fromkeys(AWS_HOSTS),
        **dict.fromkeys(ON_PREM_HOSTS, "all"),
    }
    attachment = module(catalogue, NAME, PROVIDER)["resource"]["aws_lb_target_group_attachment"]["this"]
    assert attachment["availability_zone"] == "${each.value.availability_zone}"


def test_blueprint_stage_on_premises_registers_only_the_data_center_servers(catalogue):
    service = inputs(catalogue, NAME)["service_providers"]["inventory"]["services"]["reporting"]
    assert sorted(service["targets"]) == ["192.168.6.20"]


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        ("on-premises", dict.fromkeys(ON_PREM_HOSTS, "all")),
        ("migrate-to-cloud", {**dict.fromkeys(AWS_HOSTS), **dict.fromkeys(ON_PREM_HOSTS, "all")}),
        ("burst-to-cloud", {**dict.fromkeys(AWS_HOSTS), **dict.fromkeys(ON_PREM_HOSTS, "all")}),
        ("failover-to-cloud", dict.fromkeys(AWS_HOSTS)),
        ("cloud", dict.fromkeys(AWS_HOSTS)),
    ],
)
def test_changing_the_stage_changes_the_registered_targets(stage, expected):
    text = edited(NAME, ("        stage: migrate-to-cloud\n", f"        stage: {stage}\n"))
    assert registered(text) == expected


def test_without_a_stage_every_target_is_registered():
    text = edited(NAME, ("        stage: migrate-to-cloud\n", ""))
    assert sorted(registered(text)) == sorted(AWS_HOSTS + ON_PREM_HOSTS)


# -- what Terraform would create (offline plan) --------------------------------------------------


@pytest.fixture(scope="module")
def hybrid_plan(plan):
    return plan(NAME)


@requires_terraform
@pytest.mark.terraform
def test_plan_endpoints_reach_aws_and_on_premises_targets_through_one_nlb(hybrid_plan):
    chain = privatelink_chain(hybrid_plan)
    assert sorted(chain) == [
        ("store-frontend", "inventory/inventory-api"),
        ("store-frontend", "inventory/reporting"),
        ("warehouse-app", "inventory/inventory-api"),
    ]
    api = chain[("warehouse-app", "inventory/inventory-api")]
    assert api["target_type"] == {"ip"}
    assert api["targets"] == {443: [("10.40.0.20", 8443, None), ("10.40.1.20", 8443, None), ("192.168.4.10", 8443, "all"), ("192.168.4.11", 8443, "all")]}
    assert chain[("store-frontend", "inventory/reporting")]["targets"] == {8080: [("192.168.6.20", 8080, "all")]}
    assert references(hybrid_plan, "provider_eu_west_1", "aws_vpc_endpoint_service.this", "network_load_balancer_arns") == ["aws_lb.this", "each.key"]


@requires_terraform
@pytest.mark.terraform
def test_plan_attaches_a_virtual_private_gateway_with_propagation_to_the_provider_vpc(hybrid_plan):
    gateways = instances(hybrid_plan, "aws_vpn_gateway")
    assert list(gateways) == [("inventory", "0")]
    assert gateways[("inventory", "0")]["amazon_side_asn"] == "65010"
    assert list(instances(hybrid_plan, "aws_vpn_gateway_route_propagation")) == [("inventory", "0")]
    associations = instances(hybrid_plan, "aws_dx_gateway_association")
    assert list(associations) == [("inventory", "0")]
    assert associations[("inventory", "0")]["dx_gateway_id"] == "5f294f92-bafb-4011-916d-9b0b1c2d3e4f"
    assert references(hybrid_plan, "provider_eu_west_1", "aws_vpn_gateway.this", "vpc_id") == ["local.vpc_id"]
    assert [v["tags"]["Name"] for (side, _), v in instances(hybrid_plan, "aws_route_table").items() if side == "inventory"] == ["inventory"]


@requires_terraform
@pytest.mark.terraform
def test_plan_security_groups_admit_exactly_the_declared_cidrs(hybrid_plan):
    assert ingress(hybrid_plan) == {
        ("store-frontend", "inventory/inventory-api", "10.50.0.0/16", 443, 443, "tcp"),
        ("store-frontend", "inventory/reporting", "10.50.8.0/21", 8080, 8080, "tcp"),
        ("warehouse-app", "inventory/inventory-api", "10.60.0.0/16", 443, 443, "tcp"),
    }


@requires_terraform
@pytest.mark.terraform
def test_plan_after_a_stage_change_registers_only_the_new_stages_targets(rendered, tmp_path):
    """Only terraform.tfvars.json changes with the stage; the planned attachments follow it."""
    work = tmp_path / "root"
    shutil.copytree(rendered / NAME / "json", work)
    text = edited(NAME, ("        stage: migrate-to-cloud\n", "        stage: failover-to-cloud\n"))
    bp = validate(parse_source(text, "bp.yaml"), rules_for, PATTERNS)
    (work / "terraform.tfvars.json").write_text(json.dumps(root_data(bp), indent=2, sort_keys=True))
    tf = Terraform(work)
    tf.override_provider(OFFLINE, provider_aliases(work))
    tf.init()
    chain = privatelink_chain(tf.plan_json())
    assert chain[("warehouse-app", "inventory/inventory-api")]["targets"] == {443: [("10.40.0.20", 8443, None), ("10.40.1.20", 8443, None)]}


# -- constraints the notes impose, as the user sees them ------------------------------------------------------


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        (
            (
                ("          - ip: 192.168.4.10\n            site: on-premises\n", ""),
                ("          - ip: 192.168.4.11\n            site: on-premises\n", ""),
                ("          - ip: 192.168.6.20\n            site: on-premises\n", ""),
                ("        stage: on-premises\n", "        stage: cloud\n"),
            ),
            "bp.yaml:23:5: providers[0].services: a hybrid blueprint needs at least one service with `site: on-premises` targets",
        ),
        (
            (
                ("      cidrs: [192.168.0.0/20]", "      cidrs: [192.168.0.0/20, 198.51.100.0/24]"),
                ("          - ip: 192.168.4.11\n", "          - ip: 198.51.100.11\n"),
            ),
            "bp.yaml:37:13: providers[0].services[0].targets[3].ip: 198.51.100.11 cannot be an NLB target outside the VPC: only RFC 1918 and RFC 6598 addresses can",
        ),
        (
            (("      cidrs: [192.168.0.0/20]", "      cidrs: [192.168.0.0/20, 10.40.128.0/17]"),),
            "bp.yaml:20:31: providers[0].on_premises.cidrs[1]: on-premises CIDR 10.40.128.0/17 overlaps the VPC 10.40.0.0/16",
        ),
        (
            (("    on_premises:\n      cidrs: [192.168.0.0/20]\n      amazon_side_asn: 65010\n      direct_connect_gateway_id: 5f294f92-bafb-4011-916d-9b0b1c2d3e4f\n", ""),),
            "bp.yaml:12:5: providers[0].on_premises: service 'inventory-api' has on-premises targets but the provider declares no on_premises network",
        ),
        (
            (("            - arn:aws:iam::333333333333:role/warehouse-network\n", ""),),
            "bp.yaml:81:9: consumers[1].endpoints[0].service: account 333333333333 is not allowed to connect to inventory/inventory-api",
        ),
        (
            (("        stage: on-premises\n", "        stage: cloud\n"), ("          - ip: 10.40.0.30\n          - ip: 10.40.2.30\n", "")),
            "bp.yaml:46:9: providers[0].services[1].stage: stage 'cloud' registers none of the targets",
        ),
    ],
    ids=[
        "no-on-premises-target",
        "public-on-premises-ip",
        "on-premises-cidr-overlaps-vpc",
        "no-direct-connect",
        "consumer-not-granted",
        "stage-registers-nothing",
    ],
)
def test_shape_constraint_is_reported_with_file_line_and_field(tmp_path, replacements, expected):
    assert_reported(tmp_path, edited(NAME, *replacements), expected)
