"""The Direct Connect options, as Terraform would plan them: each shape creates exactly its resources.

Default: a virtual private gateway plgen creates, propagating into the route
tables, and nothing else. ``vpn_gateway_id``: no gateway is created; a VPC plgen
creates gets it attached, an existing VPC is trusted to have it. Plus
``direct_connect_gateway_id``: an association advertising the VPC CIDR, which the
propagation waits for. ``transit_gateway_id``: an attachment in every AZ subnet
and a route per route table and on-premises CIDR to it, no virtual private gateway.
"""

from __future__ import annotations

from collections import Counter

from plgen.compiler import compile_paths
from plgen.paths import Implementation, Root
from tests.patterns.topology import edited

EXISTING_VPC = (
    "      cidr: 10.255.0.0/22\n",
    "      id: vpc-0123456789abcdef0\n      existing_cidr: 10.255.0.0/22\n"
    "      subnet_ids: {use1-az1: subnet-0123456789abcdef0, use1-az2: subnet-0123456789abcdef1}\n"
    "      route_table_ids: [rtb-0123456789abcdef0, rtb-0123456789abcdef1]\n",
)
DX = "5f294f92-bafb-4011-916d-9b0b1c2d3e4f"
DIRECT_CONNECT = ("aws_vpn_gateway", "aws_vpn_gateway_attachment", "aws_dx_gateway_association", "aws_vpn_gateway_route_propagation", "aws_ec2_transit_gateway_vpc_attachment")


def evaluated(tmp_path, name: str, *edits: tuple[str, str]) -> Implementation:
    path = tmp_path / f"{name}.yaml"
    path.write_text(edited(name, *edits))
    [output] = compile_paths([path], ("json",))
    return Implementation(Root.modules(output.compiled.modules, output.compiled.inputs))


def of_side(impl: Implementation, side: str, type_name: str) -> list:
    return [i for i in impl.of_type(type_name) if i.module.address.endswith(f'["{side}"]')]


def shape(impl: Implementation, side: str) -> Counter:
    return Counter({t: len(of_side(impl, side, t)) for t in DIRECT_CONNECT if of_side(impl, side, t)})


def test_by_default_plgen_creates_the_virtual_private_gateway_and_nothing_else(tmp_path):
    impl = evaluated(tmp_path, "resource-access", ("      vpn_gateway_id: vgw-0c1d2e3f4a5b6c7d8\n", "      amazon_side_asn: 65020\n"))
    assert shape(impl, "datacenter") == Counter({"aws_vpn_gateway": 1, "aws_vpn_gateway_route_propagation": 1})
    [gateway] = of_side(impl, "datacenter", "aws_vpn_gateway")
    assert impl.arg(gateway, "amazon_side_asn") == "65020"  # the provider schema types amazon_side_asn as a string; Terraform converts the number


def test_a_reused_gateway_is_attached_to_the_created_vpc_and_propagates(tmp_path):
    impl = evaluated(tmp_path, "resource-access")
    assert shape(impl, "datacenter") == Counter({"aws_vpn_gateway_attachment": 1, "aws_vpn_gateway_route_propagation": 1})
    [attachment] = of_side(impl, "datacenter", "aws_vpn_gateway_attachment")
    [propagation] = of_side(impl, "datacenter", "aws_vpn_gateway_route_propagation")
    assert impl.arg(attachment, "vpn_gateway_id") == impl.arg(propagation, "vpn_gateway_id") == "vgw-0c1d2e3f4a5b6c7d8"


def test_a_reused_gateway_on_an_existing_vpc_is_associated_with_the_dx_gateway_and_not_attached_again(tmp_path):
    options = ("      transit_gateway_id: tgw-0a1b2c3d4e5f60718\n", f"      vpn_gateway_id: vgw-0123456789abcdef0\n      direct_connect_gateway_id: {DX}\n")
    impl = evaluated(tmp_path, "shared-services", EXISTING_VPC, options)
    assert shape(impl, "onprem-access") == Counter({"aws_dx_gateway_association": 1, "aws_vpn_gateway_route_propagation": 2})
    [association] = of_side(impl, "onprem-access", "aws_dx_gateway_association")
    assert impl.arg(association, "dx_gateway_id") == DX
    assert impl.arg(association, "associated_gateway_id") == "vgw-0123456789abcdef0"
    assert impl.arg(association, "allowed_prefixes") == ["10.255.0.0/22"]  # the VPC CIDR
    assert {impl.arg(p, "route_table_id") for p in of_side(impl, "onprem-access", "aws_vpn_gateway_route_propagation")} == {"rtb-0123456789abcdef0", "rtb-0123456789abcdef1"}


def test_a_transit_gateway_gets_an_attachment_per_az_and_a_route_per_table_and_cidr(tmp_path):
    impl = evaluated(tmp_path, "shared-services", EXISTING_VPC)
    assert shape(impl, "onprem-access") == Counter({"aws_ec2_transit_gateway_vpc_attachment": 1})
    [attachment] = of_side(impl, "onprem-access", "aws_ec2_transit_gateway_vpc_attachment")
    assert impl.arg(attachment, "subnet_ids") == ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    assert impl.arg(attachment, "vpc_id") == "vpc-0123456789abcdef0"
    routes = {(impl.arg(r, "route_table_id"), impl.arg(r, "destination_cidr_block")) for r in of_side(impl, "onprem-access", "aws_route")}
    assert routes == {(t, c) for t in ("rtb-0123456789abcdef0", "rtb-0123456789abcdef1") for c in ("172.16.0.0/16", "192.168.100.0/24")}
