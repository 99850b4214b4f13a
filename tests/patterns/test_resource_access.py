"""Resource access through VPC Lattice: resource gateway, resource configurations shared through RAM, resource endpoints.

What a user relies on: the provider module has a resource gateway open
outbound only to the resources, one resource configuration per resource of
the right kind, RAM shares naming exactly the blueprint's accounts; each
consumer has a resource endpoint per resource (or one service-network
endpoint) whose group admits exactly the named sources on the resource's
ports; module code does not grow with consumers; every path is proven;
mistakes get located errors.
"""

from __future__ import annotations

import json

import pytest

from plgen.compiler import compile_paths
from plgen.paths import FAIL, PASS, WARN, Root, prove
from tests.conftest import inputs, module, requires_terraform
from tests.patterns.topology import REPO, assert_reported, edited, instances

NAME = "resource-access"
GATEWAY = "modules/resource-gateway"
CONSUMER = "modules/resource-consumer"
THIRD = """
  - name: billing
    account_id: "555555555555"
    region: us-east-1
    vpc:
      cidr: 10.64.0.0/16
    azs: [use1-az1, use1-az2]
    resource_endpoints:
      - resource: postgres
        allowed_cidrs: [10.64.0.0/16]
"""


def test_the_catalogue_blueprint_builds_only_the_resource_access_modules(catalogue):
    modules = catalogue[NAME].compiled.modules
    assert sorted(modules) == [".", CONSUMER, GATEWAY]
    calls = {c.name: c for c in catalogue[NAME].compiled.calls}
    assert sorted(calls) == ["resource_consumer_us_east_1", "resource_provider_us_east_1"]
    # The consumers are applied after the provider, whose ARNs they take: the units read this from the Call records.
    assert calls["resource_consumer_us_east_1"].after == ("resource_provider_us_east_1",)
    assert [(i.key, i.account) for i in calls["resource_consumer_us_east_1"].instances] == [("orders", "222222222222"), ("analytics", "333333333333"), ("partners", "444444444444")]


def test_the_gateway_group_opens_outbound_only_to_the_resources_on_their_ports(catalogue):
    gateway = inputs(catalogue, NAME)["resource_providers"]["datacenter"]["resource_gateway"]
    assert gateway["azs"] == ["use1-az1", "use1-az2", "use1-az4"]
    assert sorted((r["cidr"], r["from_port"], r["to_port"]) for r in gateway["egress"].values()) == [
        ("10.60.0.0/16", 443, 443),
        ("10.60.0.0/16", 8443, 8444),
        ("192.168.16.0/20", 443, 443),
        ("192.168.16.0/20", 8443, 8444),
        ("192.168.20.15/32", 5432, 5432),
    ]
    mod = module(catalogue, NAME, GATEWAY)
    assert "aws_vpc_security_group_ingress_rule" not in mod["resource"]
    assert mod["resource"]["aws_vpclattice_resource_gateway"]["this"]["security_group_ids"] == ["${aws_security_group.gateway.id}"]


def test_each_resource_is_a_configuration_of_its_kind_shared_with_exactly_the_named_accounts(catalogue):
    resources = inputs(catalogue, NAME)["resource_providers"]["datacenter"]["resources"]
    assert resources["postgres"]["ip_address"] == "192.168.20.15" and resources["postgres"]["port_ranges"] == ["5432"]
    assert resources["pricing-api"]["domain_name"] == "pricing.corp.example.com"
    assert {k: v["share_with"] for k, v in resources.items()} == {"postgres": ["222222222222", "333333333333"], "pricing-api": ["222222222222"]}
    config = module(catalogue, NAME, GATEWAY)["resource"]["aws_vpclattice_resource_configuration"]["this"]
    assert config["type"] == '${each.value.arn != null ? "ARN" : "SINGLE"}'
    assert config["protocol"] == '${each.value.arn != null ? null : "TCP"}'  # an ARN resource takes no protocol (tests/verify/test_offline_plan.py)


def test_endpoints_admit_the_named_sources_on_the_ports_they_name(catalogue):
    data = inputs(catalogue, NAME)["resource_consumers"]
    orders = data["orders"]["resource_endpoints"]
    assert orders["datacenter/postgres"]["ports"] == [{"from_port": 5432, "to_port": 5432}]
    assert orders["datacenter/pricing-api"]["ports"] == [{"from_port": 443, "to_port": 443}]
    assert orders["datacenter/postgres"]["accept"] is True  # shared from outside the organization
    partners = data["partners"]["service_network_endpoint"]
    assert partners["ports"] == [{"from_port": 5432, "to_port": 5432}]  # the database only: the service network carries no TLS resource
    assert data["partners"]["resource_endpoints"] == {}


def test_a_fourth_consumer_adds_data_and_no_module_code(tmp_path):
    text = edited(NAME, ('        share_with: ["222222222222", "333333333333"]', '        share_with: ["222222222222", "333333333333", "555555555555"]'))
    state = text[text.index("\nstate: ") + 1 :]  # the blueprint's last key: the new consumer goes before it
    text = text[: -len(state)].rstrip("\n") + "\n" + THIRD.rstrip("\n") + "\n" + state
    path = tmp_path / f"{NAME}.yaml"
    path.write_text(text)
    grown = compile_paths([path])[0]
    base = compile_paths([REPO / "blueprints" / f"{NAME}.yaml"])[0]
    for directory in (GATEWAY, CONSUMER):
        assert grown.compiled.modules[directory] == base.compiled.modules[directory]
    assert sorted(grown.compiled.inputs["resource_consumers"]) == ["analytics", "billing", "orders", "partners"]


def test_every_path_is_proven_hop_by_hop(catalogue):
    out = catalogue[NAME]
    paths = prove(Root.modules(out.compiled.modules, out.compiled.inputs))
    assert sorted((p.consumer, p.endpoint, p.listener, p.status) for p in paths) == [
        ("analytics", "datacenter/postgres", "5432/TCP", PASS),
        ("orders", "datacenter/postgres", "5432/TCP", PASS),
        ("orders", "datacenter/pricing-api", "443/TCP", PASS),
        ("partners", "datacenter/postgres (service network)", "5432/TCP", PASS),
    ]
    assert [h.name for h in paths[0].hops] == ["source", "endpoint", "security group", "share", "gateway", "resource"]
    # the pricing API serves TLS for its own name: orders connects by that name, a private zone aliasing its endpoint
    [pricing] = [p for p in paths if p.endpoint == "datacenter/pricing-api"]
    assert pricing.hops[-1].name == "dns" and pricing.hops[-1].status == PASS
    assert "pricing.corp.example.com (private zone" in pricing.hops[-1].reason and "certificate holds it" in pricing.hops[-1].reason


def dns_hop(tmp_path, text: str):
    path = tmp_path / f"{NAME}.yaml"
    path.write_text(text)
    [out] = compile_paths([path])
    [pricing] = [p for p in prove(Root.modules(out.compiled.modules, out.compiled.inputs)) if p.endpoint == "datacenter/pricing-api"]
    return pricing.hops[-1]


ZONE = "points the name at the endpoint.\n"  # the comment above the consumer's dns_name (the provider's resource has one too)
NAMED = f"{ZONE}        dns_name: pricing.corp.example.com\n"


@pytest.mark.parametrize(
    ("replacements", "status", "reason"),
    [
        # reached by the generated names only: the resource's certificate cannot hold them
        (((NAMED, ZONE),), WARN, "reached only by its generated vpc-lattice-rsc names"),
        # a name the certificate does not hold
        (((NAMED, f"{ZONE}        dns_name: pricing.orders.internal\n"),), WARN, "pricing.orders.internal: the resource terminates TLS for pricing.corp.example.com, which does not hold this name"),
        # a wildcard certificate holds one more label
        ((("tls_names: [pricing.corp.example.com]", "tls_names: ['*.corp.example.com']"),), PASS, "the resource's certificate holds it"),
    ],
)
def test_a_tls_resource_is_reached_by_a_name_its_certificate_holds(tmp_path, replacements, status, reason):
    hop = dns_hop(tmp_path, edited(NAME, *replacements))
    assert (hop.name, hop.status) == ("dns", status) and reason in hop.reason


def test_a_named_resource_endpoint_fails_without_the_zone_aliasing_it(catalogue):
    out = catalogue[NAME]
    modules = json.loads(json.dumps(out.compiled.modules))
    del modules[CONSUMER]["resource"]["aws_route53_record"]
    [pricing] = [p for p in prove(Root.modules(modules, out.compiled.inputs)) if p.endpoint == "datacenter/pricing-api"]
    assert (pricing.hops[-1].name, pricing.hops[-1].status) == ("dns", FAIL)
    assert "pricing.corp.example.com has no private zone in the consumer's VPC aliasing" in pricing.hops[-1].reason


def test_the_service_network_carries_only_the_database(catalogue):
    """Through a service-network endpoint the pricing API would be reached by generated names its certificate cannot hold."""
    resources = catalogue[NAME].compiled.inputs["resource_providers"]["datacenter"]["resources"]
    assert {name: item["in_service_network"] for name, item in resources.items()} == {"postgres": True, "pricing-api": False}
    assert resources["pricing-api"]["tls_names"] == ["pricing.corp.example.com"]


def test_a_path_fails_at_the_share_when_the_principal_association_is_gone(catalogue):
    out = catalogue[NAME]
    modules = json.loads(json.dumps(out.compiled.modules))
    del modules[GATEWAY]["resource"]["aws_ram_principal_association"]
    paths = prove(Root.modules(modules, out.compiled.inputs))
    failed = {(p.consumer, p.endpoint): [h for h in p.hops if h.status == FAIL][0] for p in paths if p.status == FAIL}
    assert sorted(failed) == [
        ("analytics", "datacenter/postgres"),
        ("orders", "datacenter/postgres"),
        ("orders", "datacenter/pricing-api"),
        ("partners", "datacenter/postgres (service network)"),
    ]
    assert failed[("orders", "datacenter/postgres")].name == "share"
    assert "names account 222222222222" in failed[("orders", "datacenter/postgres")].reason


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        ((("ip: 192.168.20.15", "ip: 172.20.0.5"),), "providers[0].resources[0].ip: 172.20.0.5 is outside the resource gateway's reach (10.60.0.0/16, 192.168.16.0/20)"),
        ((("        ports: [5432]\n", "        ports: [5433]\n"),), "consumers[1].resource_endpoints[0].ports[0]: port 5433 is outside the port ranges of datacenter/postgres (5432)"),
        ((('share_with: ["444444444444"]', 'share_with: ["555555555555"]'),), "consumers[2].service_network_endpoint.service_network: service network datacenter/shared-data is not shared with account 444444444444"),
        ((("    azs: [use1-az2, use1-az4]\n", "    azs: [use1-az3, use1-az5]\n"),), "consumers[1].azs: none of analytics's AZs (use1-az3, use1-az5) is one of datacenter's resource gateway"),
        ((('port_ranges: ["443", "8443-8444"]', 'port_ranges: ["443", "400-500"]'),), "providers[0].resources[1].port_ranges[1]: port range 400-500 overlaps 443"),
    ],
)
def test_mistakes_get_located_errors(tmp_path, replacements, expected):
    assert_reported(tmp_path, edited(NAME, *replacements), expected)


def test_resource_fields_are_refused_in_an_nlb_pattern(tmp_path):
    assert_reported(tmp_path, edited(NAME, ("pattern: resource-access", "pattern: hybrid")), "providers[0].resource_gateway: VPC Lattice resource gateway (resource-gateway) is not part of the hybrid pattern")


# -- what Terraform would create (offline plan) --------------------------------------------------


@pytest.fixture(scope="module")
def access_plan(plan):
    return plan(NAME)


@requires_terraform
@pytest.mark.terraform
def test_plan_has_a_resource_endpoint_per_resource_and_one_service_network_endpoint(access_plan):
    endpoints = instances(access_plan, "aws_vpc_endpoint")
    assert {k: v["vpc_endpoint_type"] for k, v in endpoints.items()} == {
        ("analytics", "datacenter/postgres"): "Resource",
        ("orders", "datacenter/postgres"): "Resource",
        ("orders", "datacenter/pricing-api"): "Resource",
        ("partners", "service-network"): "ServiceNetwork",
    }
    principals = instances(access_plan, "aws_ram_principal_association")
    assert sorted(v["principal"] for v in principals.values()) == ["222222222222", "222222222222", "333333333333", "444444444444"]
    configs = instances(access_plan, "aws_vpclattice_resource_configuration")
    assert configs[("datacenter", "postgres")]["resource_configuration_definition"][0]["ip_resource"] == [{"ip_address": "192.168.20.15"}]
    assert configs[("datacenter", "pricing-api")]["resource_configuration_definition"][0]["dns_resource"] == [{"domain_name": "pricing.corp.example.com", "ip_address_type": "IPV4"}]
    assert sorted(k for k in instances(access_plan, "aws_vpclattice_service_network_resource_association")) == [("datacenter", "postgres")]


@requires_terraform
@pytest.mark.terraform
def test_plan_endpoint_groups_admit_exactly_the_declared_sources(access_plan):
    rules = instances(access_plan, "aws_vpc_security_group_ingress_rule")
    assert sorted((side, v["cidr_ipv4"], v["from_port"], v["to_port"]) for (side, _), v in rules.items()) == [
        ("analytics", "10.62.0.0/17", 5432, 5432),
        ("orders", "10.61.0.0/16", 443, 443),
        ("orders", "10.61.0.0/16", 5432, 5432),
        ("partners", "10.63.0.0/16", 5432, 5432),
    ]


@requires_terraform
@pytest.mark.terraform
def test_hcl_root_validates(terraform_root):
    assert terraform_root(NAME, "hcl").validate()["valid"] is True
