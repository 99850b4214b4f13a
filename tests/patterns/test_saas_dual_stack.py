"""SaaS, dual-stack: IPv6 on the provider's VPC, NLB and service, a dual-stack and an IPv6-only consumer."""

from __future__ import annotations

import pytest

from tests.conftest import inputs, module, requires_terraform
from tests.patterns.topology import instances

NAME = "saas-dual-stack"


def test_the_data_carries_each_side_s_ip_address_types(catalogue):
    data = inputs(catalogue, NAME)
    provider = data["service_providers"]["billing-provider"]
    assert provider["vpc"]["ip_address_type"] == "dualstack"
    service = provider["services"]["billing-api"]
    assert (service["ip_address_type"], service["supported_ip_address_types"]) == ("dualstack", ["ipv4", "ipv6"])
    dual = data["service_consumers"]["customer-dual"]["endpoints"]["billing-provider/billing-api"]
    assert (dual["ip_address_type"], dual["dns_record_ip_type"]) == ("dualstack", "dualstack")
    assert (dual["allowed_cidrs"], dual["allowed_ipv6_cidrs"], dual["admit_own_vpc"]) == ([], ["2001:db8:1200::/48"], True)
    six = data["service_consumers"]["customer-v6"]
    assert six["vpc"]["ip_address_type"] == "ipv6"
    assert (six["endpoints"]["billing-provider/billing-api"]["ip_address_type"], six["endpoints"]["billing-provider/billing-api"]["dns_record_ip_type"]) == ("ipv6", "ipv6")
    # An IPv6-only VPC's clients are in its Amazon-provided block: admitted by the module at apply (review D1).
    assert (six["endpoints"]["billing-provider/billing-api"]["allowed_cidrs"], six["endpoints"]["billing-provider/billing-api"]["allowed_ipv6_cidrs"]) == ([], [])
    assert six["endpoints"]["billing-provider/billing-api"]["admit_own_vpc"] is True


def test_own_vpc_rules_read_the_vpc_s_blocks_at_apply(catalogue):
    rule = module(catalogue, NAME, "modules/consumer")["resource"]["aws_vpc_security_group_ingress_rule"]["own_vpc"]
    assert rule["cidr_ipv4"] == '${each.value.family == "ipv4" ? aws_vpc.this[0].cidr_block : null}'
    assert rule["cidr_ipv6"] == '${each.value.family == "ipv6" ? aws_vpc.this[0].ipv6_cidr_block : null}'
    assert "own_vpc" not in module(catalogue, "saas", "modules/consumer")["resource"]["aws_vpc_security_group_ingress_rule"]


def test_ipv6_sources_get_their_own_cidr_ipv6_rules(catalogue):
    rules = module(catalogue, NAME, "modules/consumer")["resource"]["aws_vpc_security_group_ingress_rule"]
    assert rules["cidr_ipv6"]["cidr_ipv6"] == "${each.value.cidr}" and "cidr_ipv4" not in rules["cidr_ipv6"]
    assert rules["cidr"]["cidr_ipv4"] == "${each.value.cidr}"


def test_ipv4_blueprints_keep_their_modules_without_any_ipv6_argument(catalogue):
    for resource_type, resources in module(catalogue, "saas", "modules/consumer")["resource"].items():
        for body in resources.values():
            assert not {"ip_address_type", "dns_options", "cidr_ipv6", "ipv6_cidr_block", "assign_generated_ipv6_cidr_block"} & set(body), resource_type


@pytest.fixture(scope="module")
def dual_plan(plan):
    return plan(NAME)


@requires_terraform
@pytest.mark.terraform
def test_plan_ipv6_ranges_subnets_nlb_service_and_endpoints(dual_plan):
    vpcs = instances(dual_plan, "aws_vpc")
    assert {side: v["assign_generated_ipv6_cidr_block"] for (side, _), v in vpcs.items()} == {"billing-provider": True, "customer-dual": True, "customer-v6": True}
    subnets = instances(dual_plan, "aws_subnet")
    assert {(side, v["ipv6_native"], v["cidr_block"] is None) for (side, _), v in subnets.items()} == {
        ("billing-provider", False, False),
        ("customer-dual", False, False),
        ("customer-v6", True, True),
    }
    (nlb,) = instances(dual_plan, "aws_lb").values()
    assert nlb["ip_address_type"] == "dualstack" and nlb["internal"] is True
    (service,) = instances(dual_plan, "aws_vpc_endpoint_service").values()
    assert sorted(service["supported_ip_address_types"]) == ["ipv4", "ipv6"]
    endpoints = {side: (v["ip_address_type"], v["dns_options"][0]["dns_record_ip_type"]) for (side, _), v in instances(dual_plan, "aws_vpc_endpoint").items()}
    assert endpoints == {"customer-dual": ("dualstack", "dualstack"), "customer-v6": ("ipv6", "ipv6")}
    six = sorted((side, v["cidr_ipv6"], v["from_port"]) for (side, _), v in instances(dual_plan, "aws_vpc_security_group_ingress_rule", ("cidr_ipv6",)).items())
    assert six == [("customer-dual", "2001:db8:1200::/48", 443)]
    # The VPCs' own blocks: IPv4 known at plan, the Amazon-provided IPv6 /56 only after apply (absent from planned values).
    own = sorted((side, key, v.get("cidr_ipv4"), v.get("cidr_ipv6")) for (side, key), v in instances(dual_plan, "aws_vpc_security_group_ingress_rule", ("own_vpc",)).items())
    assert own == [
        ("customer-dual", "billing-provider/billing-api/vpc-ipv4/tcp/443", "10.20.0.0/16", None),
        ("customer-dual", "billing-provider/billing-api/vpc-ipv6/tcp/443", None, None),
        ("customer-v6", "billing-provider/billing-api/vpc-ipv6/tcp/443", None, None),
    ]
