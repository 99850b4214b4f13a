"""The replacing-arguments table covers every resource type plgen emits, and names real arguments of each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plgen.aws.replacement import REPLACING, replacing

REPO = Path(__file__).resolve().parents[2]


def _emitted_types() -> set[str]:
    types: set[str] = set()
    for path in (REPO / "modules_out").glob("*/json/**/*.tf.json"):
        types.update(json.loads(path.read_text()).get("resource", {}))
    return types


def test_every_emitted_type_has_an_entry():
    emitted = _emitted_types()
    assert emitted, "modules_out/ holds no rendered resource"
    assert sorted(emitted - set(REPLACING)) == []


def test_every_listed_argument_exists_in_the_provider_schema():
    schema = json.loads((REPO / "plgen/terraform/aws_provider_schema.json").read_text())["resources"]
    for type_name, entry in REPLACING.items():
        if type_name not in schema:
            continue
        block = schema[type_name]
        names = set(block.get("attributes", {})) | set(block.get("block_types", {}))
        for argument in (*entry.always, *(c.argument for c in entry.conditional)):
            assert argument in names, f"{type_name}.{argument} is not an argument of the provider's schema"


def test_target_group_port_replaces_and_listener_port_does_not():
    assert [name for name, _ in replacing("aws_lb_target_group", {"port": 443}, {"port": 8443}, ["port"])] == ["port"]
    assert replacing("aws_lb_listener", {"port": 443}, {"port": 8443}, ["port"]) == []
    assert replacing("aws_vpc_endpoint", {}, {}, ["subnet_ids"]) == []
    assert [n for n, _ in replacing("aws_vpc_endpoint", {}, {}, ["service_region"])] == ["service_region"]


@pytest.mark.parametrize(
    ("old", "new", "replaced"),
    [
        ({"load_balancer_type": "network"}, {"load_balancer_type": "network", "security_groups": ["sg-1"]}, True),
        ({"load_balancer_type": "network", "security_groups": ["sg-1"]}, {"load_balancer_type": "network", "security_groups": ["sg-2"]}, False),
        ({"load_balancer_type": "network", "security_groups": ["sg-1"]}, {"load_balancer_type": "network", "security_groups": []}, True),
    ],
)
def test_nlb_security_groups_replace_only_between_none_and_some(old, new, replaced):
    assert bool(replacing("aws_lb", old, new, ["security_groups"])) is replaced


def test_nlb_subnets_added_update_removed_replace():
    old = {"load_balancer_type": "network", "subnets": ["a", "b"]}
    assert replacing("aws_lb", old, {**old, "subnets": ["a", "b", "c"]}, ["subnets"]) == []
    assert [n for n, _ in replacing("aws_lb", old, {**old, "subnets": ["a"]}, ["subnets"])] == ["subnets"]


def test_lattice_ip_resource_updates_in_place_dns_resource_replaces():
    ip = {"resource_configuration_definition": [{"ip_resource": [{"ip_address": "10.0.0.1"}]}]}
    moved = {"resource_configuration_definition": [{"ip_resource": [{"ip_address": "10.0.0.2"}]}]}
    dns = {"resource_configuration_definition": [{"dns_resource": [{"domain_name": "a.example.com", "ip_address_type": "IPV4"}]}]}
    renamed = {"resource_configuration_definition": [{"dns_resource": [{"domain_name": "b.example.com", "ip_address_type": "IPV4"}]}]}
    name = "resource_configuration_definition"
    assert replacing("aws_vpclattice_resource_configuration", ip, moved, [name]) == []
    assert [n for n, _ in replacing("aws_vpclattice_resource_configuration", dns, renamed, [name])] == [name]


def test_a_dual_stack_subnet_turned_ipv4_only_is_replaced():
    dual = {"assign_ipv6_address_on_creation": True, "ipv6_cidr_block": "(known after apply: aws_vpc.this[0].ipv6_cidr_block)"}
    ipv4 = {"assign_ipv6_address_on_creation": False, "ipv6_cidr_block": None}
    assert [n for n, _ in replacing("aws_subnet", dual, ipv4, ["assign_ipv6_address_on_creation", "ipv6_cidr_block"])] == ["ipv6_cidr_block"]
    assert replacing("aws_subnet", ipv4, dual, ["assign_ipv6_address_on_creation", "ipv6_cidr_block"]) == []  # adding IPv6 is in place


def test_endpoint_dns_record_type_is_in_place_private_dns_preference_replaces():
    old = {"dns_options": [{"dns_record_ip_type": "dualstack", "private_dns_preference": None}]}
    record = {"dns_options": [{"dns_record_ip_type": "ipv4", "private_dns_preference": None}]}
    preference = {"dns_options": [{"dns_record_ip_type": "dualstack", "private_dns_preference": "VERIFIED_DOMAINS_ONLY"}]}
    assert replacing("aws_vpc_endpoint", old, record, ["dns_options"]) == []
    assert [n for n, _ in replacing("aws_vpc_endpoint", old, preference, ["dns_options"])] == ["dns_options"]


def test_vpc_tenancy_back_to_default_is_in_place_cidr_replaces():
    assert replacing("aws_vpc", {"instance_tenancy": "dedicated"}, {"instance_tenancy": "default"}, ["instance_tenancy"]) == []
    assert [n for n, _ in replacing("aws_vpc", {"instance_tenancy": "default"}, {"instance_tenancy": "dedicated"}, ["instance_tenancy"])] == ["instance_tenancy"]
    assert [n for n, _ in replacing("aws_vpc", {"cidr_block": "10.0.0.0/16"}, {"cidr_block": "10.1.0.0/16"}, ["cidr_block"])] == ["cidr_block"]
