"""The HCL writer on tiny modules: blocks vs attributes, bare references vs templates, escaping, order."""

from __future__ import annotations

import re
import subprocess

import pytest

from plgen.emit import hcl_module, json_module
from plgen.emit.hcl_writer import expression, key
from plgen.terraform.template import TemplateError, parts, quote_literal
from plgen.graph import compare, load
from tests.conftest import requires_terraform

# A module using what the catalogue may not: aliases, dynamic and repeated blocks, lifecycle, depends_on, escapes.
KITCHEN_SINK = {
    "terraform": {
        "required_version": ">= 1.5.0",
        "required_providers": {"aws": {"source": "hashicorp/aws", "version": ">= 5.100.0, < 6.0.0", "configuration_aliases": ["aws.peer"]}},
    },
    "variable": {
        "name": {"type": "string", "description": 'Says "hi", keeps ${literal} and back\\slash', "default": "a${b}"},
        "zones": {
            "type": 'list(object({vpc_id = string, vpc_region = optional(string), comment = optional(string, "none"), weight = optional(number, 10)}))',
            "description": "Zones.",
            "default": [],
        },
    },
    "locals": {"label": '${"${var.name}-${replace(var.name, "/", "-")}"}', "first": "${var.zones[0]}"},
    "data": {"aws_vpc": {"this": {"provider": "aws.peer", "id": "${local.first.vpc_id}"}}},
    "resource": {
        "aws_route53_zone": {
            "this": {
                "provider": "${aws.peer}",
                "for_each": "${toset(var.zones[*].vpc_id)}",
                "name": "${local.label}.example.com",
                "comment": 'Costs $${HOME}, says "hi"\nand ends with a backslash\\',
                "tags": {"Name": "${var.name}", "kubernetes.io/role": "zone", "for": "keyword"},
                "dynamic": {"vpc": {"for_each": "${var.zones}", "content": {"vpc_id": "${vpc.value.vpc_id}", "vpc_region": "${vpc.value.vpc_region}"}}},
                "lifecycle": {"create_before_destroy": True, "ignore_changes": ["vpc", "tags"]},
                "depends_on": ["data.aws_vpc.this"],
            }
        },
        "aws_vpc_endpoint": {
            "this": {
                "count": 1,
                "service_name": "com.amazonaws.us-east-1.s3",
                "vpc_id": "${data.aws_vpc.this.id}",
                "subnet_configuration": [{"subnet_id": "subnet-b", "ipv4": "10.0.1.10"}, {"subnet_id": "subnet-a", "ipv4": "10.0.0.10"}],
                "dns_options": {"dns_record_ip_type": "ipv4"},
                "security_group_ids": ["sg-1", '${aws_route53_zone.this["x"].id}'],
            }
        },
    },
    "output": {"zone_ids": {"description": "Zone IDs.", "value": "${{ for k, z in aws_route53_zone.this : k => z.zone_id }}"}},
}


@pytest.fixture(scope="module")
def sink() -> dict[str, str]:
    return hcl_module.render(KITCHEN_SINK)


def test_files_follow_the_json_split(sink):
    assert list(sink) == ["main.tf", "variables.tf", "outputs.tf", "versions.tf"]
    assert list(sink) == [name.replace(".tf.json", ".tf") for name in json_module.render(KITCHEN_SINK)]


def test_schema_blocks_are_blocks_and_maps_stay_attributes(sink):
    main = sink["main.tf"]
    assert '  dns_options {\n    dns_record_ip_type = "ipv4"\n  }' in main
    assert "  tags = {\n" in main and "tags {" not in main
    # repeated blocks keep their order
    assert main.index('subnet_id = "subnet-b"') < main.index('subnet_id = "subnet-a"')
    assert main.count("subnet_configuration {") == 2


def test_dynamic_lifecycle_and_meta_arguments_are_placed_like_a_person_writes_them(sink):
    zone = sink["main.tf"].split('resource "aws_route53_zone" "this" {\n')[1].split("\n}\n")[0]
    lines = [line.strip() for line in zone.splitlines() if line.strip()]
    assert lines[0].startswith("for_each") and lines[1].startswith("provider") and lines[1].endswith("= aws.peer")
    assert lines[-1] == "depends_on = [data.aws_vpc.this]"
    assert zone.index('dynamic "vpc" {') < zone.index("lifecycle {") < zone.index("depends_on")
    assert "    for_each = var.zones\n\n    content {\n      vpc_id     = vpc.value.vpc_id\n" in zone
    assert "ignore_changes        = [vpc, tags]" in zone


def squeeze(text: str) -> str:
    """The text without fmt's alignment padding before ``=``."""
    return re.sub(r" +=", " =", text)


def test_references_are_bare_and_mixed_text_stays_a_template(sink):
    main = squeeze(sink["main.tf"])
    assert "vpc_id = data.aws_vpc.this.id" in main
    assert 'name = "${local.label}.example.com"' in main
    assert 'label = "${var.name}-${replace(var.name, "/", "-")}"' in main
    assert 'security_group_ids = ["sg-1", aws_route53_zone.this["x"].id]' in main
    assert "value = { for k, z in aws_route53_zone.this : k => z.zone_id }" in squeeze(sink["outputs.tf"])


def test_quotes_backslashes_newlines_and_literal_interpolations_are_escaped(sink):
    assert r'comment = "Costs $${HOME}, says \"hi\"\nand ends with a backslash\\"' in sink["main.tf"]
    # descriptions and defaults are literal in Terraform JSON: ${ is escaped, not evaluated
    assert r'description = "Says \"hi\", keeps $${literal} and back\\slash"' in sink["variables.tf"]
    assert 'default     = "a$${b}"' in sink["variables.tf"]


def test_object_keys_are_bare_only_when_they_are_plain_identifiers(sink):
    assert '"kubernetes.io/role" = "zone"' in sink["main.tf"]
    assert '"for"                = "keyword"' in sink["main.tf"]
    assert key("Name") == "Name" and key("${var.k}") == "(var.k)"


def test_provider_aliases_and_long_types(sink):
    assert "configuration_aliases = [aws.peer]" in sink["versions.tf"]
    assert "  type = list(object({\n    vpc_id     = string\n    vpc_region = optional(string)\n" in sink["variables.tf"]
    assert '    comment    = optional(string, "none")\n    weight     = optional(number, 10)\n  }))' in sink["variables.tf"]
    assert "  type        = string\n" in sink["variables.tf"]


def test_module_calls_put_source_first_and_providers_bare():
    text = hcl_module.render(
        {
            "module": {
                "peer": {
                    "vpc": "${var.vpc}",
                    "source": "./modules/peer",
                    "providers": {"aws": "aws.us_west_2", "aws.peer": "aws"},
                    "for_each": "${var.peers}",
                    "depends_on": ["module.home"],
                }
            },
            "provider": {"aws": [{"region": "us-east-1"}, {"alias": "us_west_2", "region": "us-west-2"}]},
        }
    )
    assert text["main.tf"] == (
        'module "peer" {\n  source = "./modules/peer"\n\n  for_each = var.peers\n  providers = {\n    aws      = aws.us_west_2\n'
        "    aws.peer = aws\n  }\n\n  vpc = var.vpc\n\n  depends_on = [module.home]\n}\n"
    )
    assert text["providers.tf"] == 'provider "aws" {\n  region = "us-east-1"\n}\n\nprovider "aws" {\n  alias = "us_west_2"\n\n  region = "us-west-2"\n}\n'


def test_template_scanner_follows_nested_strings_and_escapes():
    assert expression('${merge(x, { Name = "${var.name}-}" })}') == 'merge(x, { Name = "${var.name}-}" })'
    assert expression("${a}-${b}") == '"${a}-${b}"'
    assert expression("$${a}") == '"$${a}"'
    assert expression("%{ if var.x }yes%{ endif }") == '"%{ if var.x }yes%{ endif }"'
    assert parts('x${"}"}y') == [("text", "x"), ("interpolation", '${"}"}'), ("text", "y")]
    assert quote_literal("%{x} ${y}") == '"%%{x} $${y}"'
    with pytest.raises(TemplateError):
        parts("${unclosed")


@requires_terraform
def test_terraform_fmt_leaves_the_kitchen_sink_unchanged(sink, tmp_path):
    for name, text in sink.items():
        (tmp_path / name).write_text(text)
    result = subprocess.run(["terraform", "fmt", "-check", "-diff", "-recursive"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_kitchen_sink_json_and_hcl_graphs_are_equal(sink, tmp_path):
    (tmp_path / "json").mkdir()
    (tmp_path / "hcl").mkdir()
    for name, text in json_module.render(KITCHEN_SINK).items():
        (tmp_path / "json" / name).write_text(text)
    for name, text in sink.items():
        (tmp_path / "hcl" / name).write_text(text)
    json_graph, hcl_graph = load(tmp_path / "json"), load(tmp_path / "hcl")
    assert compare(json_graph, hcl_graph) == []
    assert set(json_graph.successors("aws_route53_zone.this")) == {"var.zones", "var.name", "local.label", "data.aws_vpc.this", "provider.aws.peer"}
