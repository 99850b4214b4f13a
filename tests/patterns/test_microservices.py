"""Microservices, as the notes draw them.

Each team owns a VPC and exposes its service (ECS tasks or EC2 instances,
registered by IP) as an endpoint service; each consuming service gets one
interface endpoint per microservice it uses, and calls it by the
endpoint-specific DNS names, which are module outputs.
"""

from __future__ import annotations

import pytest

from plgen.paths.evaluate import Ref, Root

from tests.conftest import inputs, module, requires_terraform
from tests.patterns.topology import assert_reported, edited, ingress, instances, privatelink_chain, references

NAME = "microservices"
PROVIDER = "modules/endpoint-service"
CONSUMER = "modules/consumer"
CONSUMES = {
    "checkout": ["catalog/catalog-api", "orders/orders-api", "payments/payments-api"],
    "mobile-bff": ["catalog/catalog-api", "catalog/catalog-search", "orders/orders-api"],
    "orders-fulfilment": ["payments/payments-api"],
}


def test_each_team_is_a_provider_with_its_own_vpc(catalogue):
    providers = inputs(catalogue, NAME)["service_providers"]
    assert {name: (p["vpc"]["cidr"], sorted(p["services"])) for name, p in providers.items()} == {
        "catalog": ("10.130.0.0/16", ["catalog-api", "catalog-search"]),
        "orders": ("10.110.0.0/16", ["orders-api"]),
        "payments": ("10.120.0.0/16", ["payments-api"]),
    }
    root = module(catalogue, NAME, ".")
    assert "for name, side in var.service_providers" in root["module"]["provider_us_east_1"]["for_each"]


def test_ecs_tasks_are_ip_targets_on_the_container_port(catalogue):
    orders = inputs(catalogue, NAME)["service_providers"]["orders"]["services"]["orders-api"]
    assert orders["target_type"] == "ip"
    assert sorted(orders["targets"]) == ["10.110.0.11", "10.110.1.11", "10.110.2.11"]
    assert orders["listeners"]["443"]["target_port"] == 8080


def test_consumers_get_one_endpoint_per_consumed_microservice(catalogue):
    consumers = inputs(catalogue, NAME)["service_consumers"]
    assert {name: sorted(c["endpoints"]) for name, c in consumers.items()} == CONSUMES
    endpoint = module(catalogue, NAME, CONSUMER)["resource"]["aws_vpc_endpoint"]["this"]
    assert endpoint["for_each"] == "${var.endpoints}"
    assert endpoint["private_dns_enabled"] == "${each.value.private_dns}"
    assert all(not e["private_dns"] for c in consumers.values() for e in c["endpoints"].values())


def test_endpoint_specific_dns_names_are_outputs_per_consumer_and_service(catalogue):
    """The root's consumer_endpoints output gives, per consumer and service, the DNS names of that very endpoint."""
    compiled = catalogue[NAME].compiled
    outputs = Root.modules(compiled.modules, compiled.inputs).evaluate().output("consumer_endpoints")
    expected = {(c, key) for c, spec in compiled.inputs["service_consumers"].items() for key in spec["endpoints"]}
    assert {(c, key) for c, endpoints in outputs.items() for key in endpoints} == expected
    for consumer, endpoints in outputs.items():
        for key, entry in endpoints.items():
            endpoint = f'module.consumer_us_east_1["{consumer}"].aws_vpc_endpoint.this["{key}"]'
            assert entry["regional_dns_name"] == Ref(f"{endpoint}.dns_entry[0].dns_name")
            assert entry["id"] == Ref(f"{endpoint}.id")


# -- what Terraform would create (offline plan) --------------------------------------------------


@pytest.fixture(scope="module")
def micro_plan(plan):
    return plan(NAME)


@requires_terraform
@pytest.mark.terraform
def test_plan_one_endpoint_per_consumed_service_each_reaching_its_teams_targets(micro_plan):
    chain = privatelink_chain(micro_plan)
    consumed: dict[str, list[str]] = {}
    for consumer, key in chain:
        consumed.setdefault(consumer, []).append(key)
    assert {c: sorted(keys) for c, keys in consumed.items()} == CONSUMES
    assert chain[("mobile-bff", "orders/orders-api")]["targets"] == {
        443: [("10.110.0.11", 8080, None), ("10.110.1.11", 8080, None), ("10.110.2.11", 8080, None)]
    }
    assert chain[("checkout", "payments/payments-api")]["targets"] == {443: [("10.120.0.25", 8443, None), ("10.120.1.25", 8443, None)]}
    assert chain[("mobile-bff", "catalog/catalog-search")]["targets"] == {9200: [("10.130.0.40", 9200, None), ("10.130.1.40", 9200, None)]}
    assert {link["target_type"].pop() for link in chain.values()} == {"ip"}


@requires_terraform
@pytest.mark.terraform
def test_plan_every_team_has_its_own_vpc_nlb_and_endpoint_service(micro_plan):
    vpcs = {side: v["cidr_block"] for (side, _), v in instances(micro_plan, "aws_vpc").items()}
    assert {team: vpcs[team] for team in ("orders", "payments", "catalog")} == {
        "orders": "10.110.0.0/16",
        "payments": "10.120.0.0/16",
        "catalog": "10.130.0.0/16",
    }
    assert sorted(instances(micro_plan, "aws_vpc_endpoint_service")) == [
        ("catalog", "catalog-api"),
        ("catalog", "catalog-search"),
        ("orders", "orders-api"),
        ("payments", "payments-api"),
    ]
    assert sorted(instances(micro_plan, "aws_lb")) == sorted(instances(micro_plan, "aws_vpc_endpoint_service"))
    principals = {key: sorted(v["allowed_principals"]) for key, v in instances(micro_plan, "aws_vpc_endpoint_service").items()}
    assert principals[("payments", "payments-api")] == ["arn:aws:iam::111111111111:root", "arn:aws:iam::444444444444:root"]


@requires_terraform
@pytest.mark.terraform
def test_plan_endpoint_dns_names_are_read_from_the_endpoints(micro_plan):
    outputs = micro_plan["configuration"]["root_module"]["module_calls"]["consumer_us_east_1"]["module"]["outputs"]
    assert "aws_vpc_endpoint.this" in outputs["endpoints"]["expression"]["references"]
    assert references(micro_plan, "consumer_us_east_1", "aws_vpc_endpoint.this", "service_name") == ["each.value.service_name", "each.value"]


@requires_terraform
@pytest.mark.terraform
def test_plan_security_groups_admit_exactly_the_declared_cidrs_on_each_service_port(micro_plan):
    ports = {"orders/orders-api": 443, "payments/payments-api": 443, "catalog/catalog-api": 443, "catalog/catalog-search": 9200}
    cidrs = {"checkout": "10.140.0.0/16", "mobile-bff": "10.150.0.0/20", "orders-fulfilment": "10.111.0.0/16"}
    expected = {(c, key, cidrs[c], ports[key], ports[key], "tcp") for c, keys in CONSUMES.items() for key in keys}
    assert ingress(micro_plan) == expected


# -- constraints, as the user sees them ------------------------------------------------------

SHARED_VPC = "    vpc:\n      id: vpc-0a1b2c3d4e5f60718\n      existing_cidr: {cidr}\n      subnet_ids: {{{subnets}}}\n"


def existing(cidr: str, azs: list[str]) -> str:
    return SHARED_VPC.format(cidr=cidr, subnets=", ".join(f"{az}: subnet-0a1b2c3d4e5f6071{i}" for i, az in enumerate(azs)))


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        (
            (
                ("    vpc:\n      cidr: 10.110.0.0/16\n", existing("10.110.0.0/16", ["use1-az1", "use1-az2", "use1-az4"])),
                ("    vpc:\n      cidr: 10.120.0.0/16\n", existing("10.120.0.0/16", ["use1-az1", "use1-az2"])),
            ),
            "bp.yaml:40:7: providers[1].vpc.id: VPC vpc-0a1b2c3d4e5f60718 already belongs to provider 'orders'; each owning team has its own VPC",
        ),
        (
            (("          - ip: 10.130.1.40\n", "          - ip: 10.130.1.40\n            site: peered\n"),),
            "bp.yaml:87:13: providers[2].services[1].targets[1].site: a microservices service targets instances or tasks in its own VPC, not 'peered' addresses",
        ),
        (
            (("            - arn:aws:iam::555555555555:root\n      - name: catalog-search", "      - name: catalog-search"),),
            "bp.yaml:118:9: consumers[1].endpoints[1].service: account 555555555555 is not allowed to connect to catalog/catalog-api",
        ),
        (
            (
                (
                    "      - service: catalog/catalog-api\n",
                    "      - service: catalog/catalog-api\n        allowed_cidrs: [10.140.0.0/16]\n      - service: catalog-api\n",
                ),
            ),
            "bp.yaml:107:9: consumers[0].endpoints[3].service: service 'catalog-api' already has an endpoint in this consumer (endpoints[2])",
        ),
    ],
    ids=["vpc-per-team", "targets-in-team-vpc", "consumer-not-granted", "one-endpoint-per-service"],
)
def test_constraint_is_reported_with_file_line_and_field(tmp_path, replacements, expected):
    assert_reported(tmp_path, edited(NAME, *replacements), expected)
