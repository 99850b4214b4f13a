"""SaaS private access, as the notes draw it: NLB -> endpoint service -> one endpoint per consumer VPC."""

from __future__ import annotations

import pytest

from plgen.verify.terraform import planned_resources
from tests.conftest import inputs, module, requires_terraform

PROVIDER = "modules/endpoint-service"
CONSUMER = "modules/consumer"


def resources(mod: dict, type_name: str) -> dict:
    return mod["resource"][type_name]


def test_listener_forwards_to_its_target_group(catalogue):
    mod = module(catalogue, "saas", PROVIDER)
    listener = resources(mod, "aws_lb_listener")["this"]
    assert listener["load_balancer_arn"] == "${aws_lb.this[each.value.service].arn}"
    assert listener["default_action"] == {"type": "forward", "target_group_arn": "${aws_lb_target_group.this[each.key].arn}"}
    assert listener["for_each"] == resources(mod, "aws_lb_target_group")["this"]["for_each"]


def test_endpoint_service_fronts_the_nlb_and_requires_acceptance(catalogue):
    mod = module(catalogue, "saas", PROVIDER)
    service = resources(mod, "aws_vpc_endpoint_service")["this"]
    assert service["network_load_balancer_arns"] == ["${aws_lb.this[each.key].arn}"]
    data = inputs(catalogue, "saas")["service_providers"]["billing-provider"]["services"]["billing-api"]
    assert data["acceptance_required"] is True
    assert data["allowed_principals"] == ["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:role/platform-network"]
    assert data["private_dns_name"] == "billing.saas-provider.example.com"


def test_nlb_is_internal_network_type_in_every_provider_subnet(catalogue):
    lb = resources(module(catalogue, "saas", PROVIDER), "aws_lb")["this"]
    assert lb["load_balancer_type"] == "network"
    assert lb["subnets"] == "${values(local.subnet_ids)}"
    assert inputs(catalogue, "saas")["service_providers"]["billing-provider"]["services"]["billing-api"]["internal"] is True


def test_tls_listener_terminates_on_nlb_and_forwards_tcp_to_target_port(catalogue):
    listener = inputs(catalogue, "saas")["service_providers"]["billing-provider"]["services"]["billing-api"]["listeners"]["443"]
    assert listener["protocol"] == "TLS"
    assert listener["certificate_arn"].startswith("arn:aws:acm:us-east-1:111111111111:certificate/")
    assert listener["target_protocol"] == "TCP" and listener["target_port"] == 8443


def test_consumer_endpoint_uses_service_name_from_provider_side(catalogue):
    root = module(catalogue, "saas", ".")
    call = root["module"]["consumer_us_east_1"]
    assert "local.endpoint_services[endpoint.provider][endpoint.service].service_name" in call["endpoints"]
    assert root["locals"]["endpoint_services"] == "${merge({ for name, side in module.provider_us_east_1 : name => side.endpoint_services })}"


def test_consumer_endpoint_is_interface_type_in_every_consumer_subnet(catalogue):
    endpoint = resources(module(catalogue, "saas", CONSUMER), "aws_vpc_endpoint")["this"]
    assert endpoint["vpc_endpoint_type"] == "Interface"
    assert endpoint["subnet_ids"] == "${values(local.subnet_ids)}"
    assert endpoint["security_group_ids"] == ["${aws_security_group.endpoint[each.key].id}"]


def test_friendly_name_aliases_the_endpoint_regional_dns_name(catalogue):
    record = resources(module(catalogue, "saas", CONSUMER), "aws_route53_record")["friendly"]
    assert record["type"] == "A"
    assert record["alias"]["name"] == "${aws_vpc_endpoint.this[each.key].dns_entry[0].dns_name}"
    assert record["alias"]["zone_id"] == "${aws_vpc_endpoint.this[each.key].dns_entry[0].hosted_zone_id}"


def test_outputs_give_service_name_and_endpoint_dns_names(catalogue):
    root = module(catalogue, "saas", ".")
    assert set(root["output"]) == {"endpoint_services", "consumer_endpoints"}
    outputs = module(catalogue, "saas", CONSUMER)["output"]["endpoints"]["value"]
    for name in ("regional_dns_name", "zonal_dns_names", "friendly_dns_name"):
        assert name in outputs


# -- what Terraform would create (offline plan) --------------------------------------------------


@pytest.fixture(scope="module")
def saas_plan(plan):
    return planned_resources(plan("saas"))


def by_type(planned, type_name):
    return [r for r in planned if r["type"] == type_name]


@requires_terraform
@pytest.mark.terraform
def test_plan_one_endpoint_per_consumer_one_subnet_per_declared_az(saas_plan):
    endpoints = {r["address"].split('"]')[0].split('["')[1]: r for r in by_type(saas_plan, "aws_vpc_endpoint")}
    assert sorted(endpoints) == ["customer-acme", "customer-globex"]
    subnets = by_type(saas_plan, "aws_subnet")
    azs = sorted((r["address"].split('"]')[0].split('["')[1], r["values"]["availability_zone_id"]) for r in subnets)
    assert [az for owner, az in azs if owner == "customer-acme"] == ["use1-az1", "use1-az2", "use1-az4"]
    assert [az for owner, az in azs if owner == "customer-globex"] == ["use1-az1", "use1-az2", "use1-az4"]
    assert [az for owner, az in azs if owner == "billing-provider"] == ["use1-az1", "use1-az2", "use1-az4"]


@requires_terraform
@pytest.mark.terraform
def test_plan_security_groups_admit_exactly_the_declared_cidrs_on_listener_ports(saas_plan):
    rules = sorted(
        (r["address"].split('"]')[0].split('["')[1], r["values"]["cidr_ipv4"], r["values"]["from_port"], r["values"]["to_port"], r["values"]["ip_protocol"])
        for r in [r for r in by_type(saas_plan, "aws_vpc_security_group_ingress_rule") if r["name"] == "cidr"]
    )
    assert rules == [
        ("customer-acme", "10.20.0.0/16", 443, 443, "tcp"),
        ("customer-globex", "10.30.16.0/20", 443, 443, "tcp"),
        ("customer-globex", "10.30.32.0/20", 443, 443, "tcp"),
    ]
    assert not by_type(saas_plan, "aws_vpc_security_group_egress_rule")
    for group in by_type(saas_plan, "aws_security_group"):
        assert all("0.0.0.0/0" not in rule["cidr_blocks"] for rule in group["values"].get("ingress") or [])


@requires_terraform
@pytest.mark.terraform
def test_plan_targets_are_registered_on_the_target_port(saas_plan):
    attachments = sorted((r["values"]["target_id"], r["values"]["port"]) for r in by_type(saas_plan, "aws_lb_target_group_attachment"))
    assert attachments == [("10.10.0.10", 8443), ("10.10.1.10", 8443), ("10.10.2.10", 8443)]  # one per AZ
    targets = sorted((r["values"]["cidr_ipv4"], r["values"]["from_port"], r["values"]["ip_protocol"]) for r in by_type(saas_plan, "aws_vpc_security_group_ingress_rule") if r["name"] == "targets")
    subnets = sorted(r["values"]["cidr_block"] for r in by_type(saas_plan, "aws_subnet") if "billing-provider" in r["address"])
    assert targets == [(cidr, 8443, "tcp") for cidr in subnets]  # the NLB's subnets, on the target port only
    (service,) = by_type(saas_plan, "aws_vpc_endpoint_service")
    assert service["values"]["acceptance_required"] is True
    assert "*" not in service["values"]["allowed_principals"]
