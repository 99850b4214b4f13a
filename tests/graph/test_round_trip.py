"""The JSON and the HCL form of every blueprint say the same thing: same resource graph.

Both trees are read back independently (JSON directly, HCL through
python-hcl2) into one normalized graph; the comparison must be empty, and it
must not be empty when one format is changed behind the other's back.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from plgen.graph import compare, load
from tests.conftest import blueprint_ids


@pytest.fixture(scope="module")
def graphs(rendered):
    cache = {}

    def make(name: str, fmt: str):
        if (name, fmt) not in cache:
            cache[(name, fmt)] = load(rendered / name / fmt)
        return cache[(name, fmt)]

    return make


@pytest.mark.parametrize("name", blueprint_ids())
def test_json_and_hcl_graphs_are_equal(graphs, name):
    json_graph, hcl_graph = graphs(name, "json"), graphs(name, "hcl")
    assert compare(json_graph, hcl_graph, ("json", "hcl")) == []
    assert json_graph.number_of_nodes() > 20 and json_graph.number_of_edges() > json_graph.number_of_nodes()


@pytest.mark.parametrize("name", blueprint_ids())
def test_every_module_call_and_side_is_in_the_graph(graphs, name):
    g = graphs(name, "hcl")
    calls = [n for n, d in g.nodes(data=True) if d["kind"] == "module" and not d["module"]]
    assert calls, "the root calls its side modules"
    for call in calls:
        assert any(n.startswith(f"{call}.") and g.nodes[n]["kind"] == "resource" for n in g), f"{call} has no resources in the graph"
        assert any(v.startswith(f"{call}.var.") for v in g.successors(call)), f"{call} sets none of its module's variables"


def _copy(rendered: Path, name: str, tmp_path: Path) -> Path:
    root = tmp_path / name
    shutil.copytree(rendered / name / "hcl", root)
    return root


def _edit(path: Path, pattern: str, new: str) -> None:
    """Replace the first match of ``pattern`` (a regular expression: fmt aligns ``=`` with spaces)."""
    text, count = re.subn(pattern, new, path.read_text(), count=1)
    assert count == 1, f"{pattern!r} not in {path}"
    path.write_text(text)


def test_a_changed_attribute_in_hcl_is_reported(rendered, graphs, tmp_path):
    root = _copy(rendered, "saas", tmp_path)
    _edit(root / "modules" / "endpoint-service" / "main.tf", '(load_balancer_type +)= "network"', r'\1= "application"')
    differences = compare(graphs("saas", "json"), load(root), ("json", "hcl"))
    assert differences == ['module.provider_us_east_1.aws_lb.this: body.load_balancer_type: "\\"network\\"" in json, "\\"application\\"" in hcl']


def test_a_dropped_reference_in_hcl_is_reported(rendered, graphs, tmp_path):
    root = _copy(rendered, "saas", tmp_path)
    _edit(root / "modules" / "consumer" / "main.tf", r"(security_group_ids +)= \[aws_security_group\.endpoint\[each\.key\]\.id\]", r"\1= []")
    differences = compare(graphs("saas", "json"), load(root), ("json", "hcl"))
    endpoint, group = "module.consumer_us_east_1.aws_vpc_endpoint.this", "module.consumer_us_east_1.aws_security_group.endpoint"
    assert f"edge {endpoint} -> {group} only in json" in differences
    assert any(d.startswith(f"{endpoint}: body.security_group_ids") for d in differences)


def test_a_removed_resource_in_hcl_is_reported(rendered, graphs, tmp_path):
    root = _copy(rendered, "saas", tmp_path)
    main = root / "modules" / "consumer" / "main.tf"
    text = main.read_text()
    start = text.index('resource "aws_route53_record" "friendly" {')
    main.write_text(text[:start] + text[text.index("\n}\n", start) + 3 :])
    differences = compare(graphs("saas", "json"), load(root), ("json", "hcl"))
    assert "node module.consumer_us_east_1.aws_route53_record.friendly only in json" in differences
    assert "edge module.consumer_us_east_1.aws_route53_record.friendly -> module.consumer_us_east_1.aws_route53_zone.friendly only in json" in differences


def test_a_changed_block_and_literal_in_json_are_reported(rendered, graphs, tmp_path):
    root = tmp_path / "saas"
    shutil.copytree(rendered / "saas" / "json", root)
    _edit(root / "modules" / "endpoint-service" / "main.tf.json", '"type": "forward"', '"type": "redirect"')
    _edit(root / "variables.tf.json", '"description": "Tags added to every resource."', '"description": "Tags."')
    differences = compare(load(root), graphs("saas", "hcl"), ("json", "hcl"))
    assert differences == [
        'module.provider_us_east_1.aws_lb_listener.this: body.default_action {}[0].type: "\\"redirect\\"" in json, "\\"forward\\"" in hcl',
        'var.tags: body.description: "Tags." in json, "Tags added to every resource." in hcl',
    ]
