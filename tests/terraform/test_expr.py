"""Typed Terraform expressions: references known as values, text last; the root's apply order comes from them."""

from __future__ import annotations

import pytest

from plgen.graph.expressions import references
from plgen.terraform.expr import Expr, Ref, declared_text, module_outputs, refs
from tests.conftest import blueprint_ids

CALL = Ref("module", "provider_us_east_1")


def test_format_keeps_text_and_references():
    value = Expr.format("{{ for name, side in {} : name => side.{} }}", CALL.reading("endpoint_services"), "endpoint_services")
    assert str(value) == "{ for name, side in module.provider_us_east_1 : name => side.endpoint_services }"
    assert refs(value) == {Ref("module", "provider_us_east_1", frozenset({"endpoint_services"}))}
    assert module_outputs({"a": value, "b": ["text", Ref("local", "x")]}) == {"provider_us_east_1": frozenset({"endpoint_services"})}


def test_concatenation_keeps_references_of_both_sides():
    value = "merge(" + Expr((CALL, ".x")) + ", " + Ref("local", "y").expr() + ")"
    assert str(value) == "merge(module.provider_us_east_1.x, local.y)"
    assert {r.address for r in value.refs} == {"module.provider_us_east_1", "local.y"}


def test_render_renames_a_module_call_of_another_unit_only():
    value = Expr.format("merge({}, {})", CALL, Ref("module", "consumer_us_east_1"))
    assert value.render({"provider_us_east_1": "local.from_provider_us_east_1"}) == "merge(local.from_provider_us_east_1, module.consumer_us_east_1)"


def test_declared_text_gives_its_references_and_refuses_a_rename():
    value = declared_text("local.peer_vpcs[each.key].vpc_id", Ref("local", "peer_vpcs"))
    assert str(value) == "local.peer_vpcs[each.key].vpc_id" and refs(value) == {Ref("local", "peer_vpcs")}
    hidden = declared_text("module.provider_us_east_1.x", CALL)
    with pytest.raises(ValueError, match="cannot rename"):
        hidden.render({"provider_us_east_1": "local.from_provider_us_east_1"})


def test_a_reference_knows_its_kind():
    assert [Ref(k, "n").address for k in ("resource", "data", "module", "var", "local")] == ["n", "data.n", "module.n", "var.n", "local.n"]
    with pytest.raises(ValueError):
        Ref("output", "x")
    with pytest.raises(ValueError):
        Ref("local", "x", frozenset({"y"}))


def _names(found) -> set[tuple[str, str]]:
    return {(r[0], r[1]) for r in found if r[0] in ("module", "local", "var")}


@pytest.mark.parametrize("blueprint", blueprint_ids())
def test_declared_references_are_those_the_root_text_names(catalogue, blueprint):
    """Every module call, local and variable a root expression names is declared as a reference, and none other.

    The apply order and the units are derived from the declarations, so one missing here (a wiring written as text
    elsewhere, see ``plgen.assemble.root.WIRING_READS``) would apply a call before what it reads.
    """
    compiled = catalogue[blueprint].compiled
    root = compiled.modules["."]
    for call, inputs in compiled.wiring.inputs.items():
        block = root["module"][call]
        text = _names(references([block[k] for k in inputs]))
        assert {(r.kind, r.name) for r in refs(inputs)} == text, call
    for name, value in compiled.wiring.locals.items():
        assert {(r.kind, r.name) for r in refs(value)} == _names(references(root["locals"][name])), name
