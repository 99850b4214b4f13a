"""``plgen graph`` shows a reviewer what a blueprint builds, from the blueprint or from a rendered root."""

from __future__ import annotations

import json

from click.testing import CliRunner

from plgen.cli import main
from tests.conftest import REPO


def graph(*args: str):
    return CliRunner().invoke(main, ["graph", *args])


def test_blueprint_and_rendered_hcl_root_give_the_same_json_graph(rendered):
    from_blueprint = graph(str(REPO / "blueprints" / "saas.yaml"), "--format", "json")
    from_hcl = graph(str(rendered / "saas" / "hcl"), "--format", "json")
    assert from_blueprint.exit_code == 0 and from_hcl.exit_code == 0, from_blueprint.output + from_hcl.output
    assert json.loads(from_blueprint.output) == json.loads(from_hcl.output)
    nodes = {n["id"]: n for n in json.loads(from_hcl.output)["nodes"]}
    assert nodes["module.consumer_us_east_1.aws_vpc_endpoint.this"]["kind"] == "resource"


def test_mermaid_shows_each_module_call_as_a_subgraph_with_its_resources(rendered):
    result = graph(str(rendered / "saas" / "json"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("flowchart LR\n")
    assert '["module.consumer_us_east_1"]' in result.output
    assert '["aws_vpc_endpoint.this"]' in result.output
    assert " --> " in result.output


def test_dot_is_a_digraph_with_one_cluster_per_module_call(rendered):
    result = graph(str(rendered / "saas" / "hcl"), "--format", "dot")
    assert result.exit_code == 0, result.output
    calls = json.loads((rendered / "saas" / "json" / "main.tf.json").read_text())["module"]
    assert result.output.startswith("digraph plgen {") and result.output.count("subgraph cluster_") == len(calls) > 0
    assert '"module.consumer_us_east_1.aws_vpc_endpoint.this" -> "module.consumer_us_east_1.aws_security_group.endpoint";' in result.output


def test_a_folder_without_terraform_files_is_a_clear_error(tmp_path):
    result = graph(str(tmp_path))
    assert result.exit_code == 2
    assert "no Terraform files" in result.output and "Traceback" not in result.output


def test_unparsable_hcl_names_the_file(tmp_path):
    (tmp_path / "main.tf").write_text('resource "aws_vpc" "x" {\n  cidr_block = \n')
    result = graph(str(tmp_path))
    assert result.exit_code == 2
    assert f"{tmp_path / 'main.tf'}: cannot parse HCL" in result.output
