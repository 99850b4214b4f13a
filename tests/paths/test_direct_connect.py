"""The Direct Connect hop follows each of plgen's three shapes, and fails where one link is missing.

shared-services' access VPC is attached to a transit gateway (``on-premises``
hop of its paths), hybrid's provider associates a Direct Connect gateway with
its virtual private gateway (``targets`` hop of on-premises targets), and
resource-access reuses an existing virtual private gateway attached by plgen
(``resource`` hop).
"""

from __future__ import annotations

import json

import pytest

from tests.paths.test_proof import OUT, copy_root, drop_json_resource, failing, paths_of


DX = "5f294f92-bafb-4011-916d-9b0b1c2d3e4f"


def hops_named(report: dict, name: str) -> list[tuple[str, str]]:
    return [(h["status"], h["reason"]) for p in report["paths"] for h in p["hops"] if h["hop"] == name]


def test_an_access_vpc_on_a_transit_gateway_is_reached_through_its_attachment_and_routes():
    code, report = paths_of(OUT / "shared-services" / "json")
    hops = [r for c, r in [(p["consumer"], h) for p in report["paths"] for h in p["hops"] if h["hop"] == "on-premises"] if c == "onprem-access"]
    assert code == 0 and len(hops) == 6  # security 1, logging 2, monitoring 1, auth 2 listeners
    assert all(h["status"] == "PASS" for h in hops)
    assert "172.16.0.0/16 over transit gateway tgw-0a1b2c3d4e5f60718" in hops[0]["reason"]
    assert "aws_ec2_transit_gateway_vpc_attachment.this[0] in use1-az1, use1-az2" in hops[0]["reason"]
    others = [p for p in report["paths"] if p["consumer"] != "onprem-access"]
    assert others and not any(h["hop"] == "on-premises" for p in others for h in p["hops"])


def test_a_route_to_the_transit_gateway_without_an_attachment_fails(tmp_path):
    folder = copy_root(tmp_path, "shared-services")
    main_tf = folder / "modules" / "consumer" / "main.tf.json"
    doc = json.loads(main_tf.read_text())
    doc["resource"]["aws_route"]["on_premises"]["transit_gateway_id"] = "${var.on_premises.transit_gateway_id}"
    del doc["resource"]["aws_ec2_transit_gateway_vpc_attachment"]["this"]
    main_tf.write_text(json.dumps(doc))
    code, report = paths_of(folder)
    assert code == 1 and {hop for _, hop in failing(report)} == {"on-premises"}
    reasons = {r for s, r in hops_named(report, "on-premises") if s == "FAIL"}
    assert reasons and all("routes 172.16.0.0/16 to a transit gateway the VPC has no attachment to" in r for r in reasons)


def test_an_attachment_missing_an_endpoint_az_fails(tmp_path):
    folder = copy_root(tmp_path, "shared-services")
    main_tf = folder / "modules" / "consumer" / "main.tf.json"
    doc = json.loads(main_tf.read_text())
    doc["resource"]["aws_ec2_transit_gateway_vpc_attachment"]["this"]["subnet_ids"] = '${[local.subnet_ids["use1-az1"]]}'
    main_tf.write_text(json.dumps(doc))
    code, report = paths_of(folder)
    assert code == 1
    assert any("has no subnet in use1-az2: traffic from there cannot reach transit gateway" in r for s, r in hops_named(report, "on-premises") if s == "FAIL")


def without(tmp_path, name: str, module: str, type_name: str) -> dict:
    """The proof of ``name``'s root with ``type_name.this`` gone from ``module`` (and from the ``depends_on`` that named it)."""
    folder = copy_root(tmp_path, name)
    drop_json_resource(folder, module, type_name, "this")
    main_tf = folder / module / "main.tf.json"
    main_tf.write_text(main_tf.read_text().replace(f'"{type_name}.this"', '"aws_vpn_gateway.this"'))
    code, report = paths_of(folder)
    assert code == 1
    return report


@pytest.mark.parametrize(
    ("name", "module", "type_name", "hop", "before", "after"),
    [
        (
            "hybrid",
            "modules/endpoint-service",
            "aws_dx_gateway_association",
            "targets",
            f"associated with Direct Connect gateway {DX} by",
            f"is not associated with Direct Connect gateway {DX}",
        ),
        (
            "resource-access",
            "modules/resource-gateway",
            "aws_vpn_gateway_attachment",
            "resource",
            "from vgw-0c1d2e3f4a5b6c7d8, attached by",
            "vgw-0c1d2e3f4a5b6c7d8 propagates routes but is not attached to the VPC plgen creates",
        ),
    ],
    ids=["no-dx-gateway-association", "reused-gateway-not-attached"],
)
def test_a_missing_link_of_the_virtual_private_gateway_fails_its_hop(tmp_path, name, module, type_name, hop, before, after):
    _, report = paths_of(OUT / name / "json")
    assert any(before in r for _, r in hops_named(report, hop))
    report = without(tmp_path, name, module, type_name)
    assert {h for _, h in failing(report)} == {hop}
    assert all(after in r for s, r in hops_named(report, hop) if s == "FAIL")
