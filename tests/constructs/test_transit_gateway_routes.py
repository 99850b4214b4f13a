"""Issue 23 D10: a transit gateway attachment is associated and propagated where the blueprint names the route
tables, and otherwise left explicitly to the gateway's default route tables."""

from __future__ import annotations

from plgen.blueprint import load
from plgen.interfaces.network import ON_PREMISES, OnPremisesContext
from plgen.interfaces.base import data
from tests.conftest import module
from tests.patterns.topology import edited

NAMED = (
    "      transit_gateway_id: tgw-0a1b2c3d4e5f60718\n",
    "      transit_gateway_id: tgw-0a1b2c3d4e5f60718\n      transit_gateway_route_table_id: tgw-rtb-0a1b2c3d4e5f60718\n"
    "      transit_gateway_propagation_route_table_ids: [tgw-rtb-0f1e2d3c4b5a69788]\n",
)


def test_the_attachment_uses_the_default_route_tables_only_when_none_is_named(catalogue):
    doc = module(catalogue, "shared-services", "modules/consumer")["resource"]
    attachment = doc["aws_ec2_transit_gateway_vpc_attachment"]["this"]
    assert attachment["transit_gateway_default_route_table_association"] == "${var.on_premises.transit_gateway_route_table_id == null}"
    assert attachment["transit_gateway_default_route_table_propagation"] == "${length(var.on_premises.transit_gateway_propagation_route_table_ids) == 0}"
    assert doc["aws_ec2_transit_gateway_route_table_association"]["this"]["transit_gateway_route_table_id"] == "${var.on_premises.transit_gateway_route_table_id}"
    assert doc["aws_ec2_transit_gateway_route_table_propagation"]["this"]["transit_gateway_route_table_id"] == "${each.value}"
    access = catalogue["shared-services"].compiled.inputs["service_consumers"]["onprem-access"]["on_premises"]
    assert "transit_gateway_route_table_id" not in access and "transit_gateway_propagation_route_table_ids" not in access


def test_named_route_tables_reach_the_module(tmp_path):
    path = tmp_path / "shared-services.yaml"
    path.write_text(edited("shared-services", NAMED))
    bp = load(path)
    access = next(c for c in bp.consumers if c.name == "onprem-access")
    value = data(ON_PREMISES, OnPremisesContext(access.on_premises, access.vpc), frozenset())
    assert value["transit_gateway_route_table_id"] == "tgw-rtb-0a1b2c3d4e5f60718"
    assert value["transit_gateway_propagation_route_table_ids"] == ["tgw-rtb-0f1e2d3c4b5a69788"]
