"""A root on disk is evaluated with every input Terraform takes, and what cannot be read is a located cannot-judge."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plgen.paths.evaluate import EvaluationError, Ref, Root
from plgen.paths.hcl.values import CannotJudge

VARIABLES = """
variable "port" {
  type = number
}
variable "name" {
  type    = string
  default = "from-default"
}
variable "cidrs" {
  type    = set(string)
  default = []
}
"""

ENDPOINT = """
resource "aws_vpc_endpoint" "x" {
  vpc_id             = "vpc-1"
  service_name       = var.name
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.endpoint.id]
}
resource "aws_security_group" "endpoint" {
  vpc_id = "vpc-1"
  ingress {
    from_port   = var.port
    to_port     = var.port
    protocol    = "tcp"
    cidr_blocks = var.cidrs
  }
}
"""


def root(folder: Path, **files: str) -> Root:
    for name, text in files.items():
        (folder / name.replace("__", "/")).parent.mkdir(parents=True, exist_ok=True)
        (folder / name.replace("__", "/")).write_text(text)
    return Root.folder(folder)


def endpoint(r: Root):
    return r.evaluate().resources("aws_vpc_endpoint", "x")


def group(r: Root):
    return r.evaluate().resources("aws_security_group", "endpoint")


def test_variable_files_in_terraforms_precedence(tmp_path):
    r = root(
        tmp_path,
        **{
            "main.tf": VARIABLES + ENDPOINT,
            "terraform.tfvars": 'port = "443"\nname = "from-tfvars"\ncidrs = ["10.0.0.0/8", "10.0.0.0/8", "1.0.0.0/8"]\n',
            "terraform.tfvars.json": json.dumps({"name": "from-tfvars-json"}),
            "a.auto.tfvars": 'name = "from-a-auto"\n',
            "b.auto.tfvars.json": json.dumps({"name": "from-b-auto-json"}),
        },
    )
    assert endpoint(r).argument("service_name") == "from-b-auto-json"  # *.auto.* last, in lexical order
    (ingress,) = group(r).argument("ingress")
    assert ingress["from_port"] == 443  # a string in tfvars converts to the number variable's type
    assert ingress["cidr_blocks"] == ["1.0.0.0/8", "10.0.0.0/8"]  # set(string): unique, lexical


def test_default_when_no_file_sets_a_variable_and_cannot_judge_a_required_one(tmp_path):
    r = root(tmp_path, **{"main.tf": VARIABLES + ENDPOINT})
    assert endpoint(r).argument("service_name") == "from-default"
    with pytest.raises(CannotJudge, match="var.port: a required variable without a value") as caught:
        group(r).argument("ingress")
    assert caught.value.where == "root module"


def test_string_port_in_an_argument_is_a_number_where_a_variable_wants_one(tmp_path):
    r = root(
        tmp_path,
        **{
            "main.tf": 'module "sg" {\n  source = "./sg"\n  port   = "443"\n}\n',
            "sg__main.tf": 'variable "port" {\n  type = number\n}\nresource "aws_security_group" "endpoint" {\n  ingress {\n    from_port = var.port\n  }\n}\n',
        },
    )
    (sg,) = [m for m in r.evaluate().all_modules()]
    (ingress,) = sg.resources("aws_security_group", "endpoint").argument("ingress")
    assert ingress["from_port"] == 443 and isinstance(ingress["from_port"], int)


def test_count_over_a_data_source_is_cannot_judge_located_not_a_crash(tmp_path):
    r = root(
        tmp_path,
        **{
            "main.tf": """
data "aws_availability_zones" "available" {}
resource "aws_subnet" "s" {
  count      = length(data.aws_availability_zones.available.names)
  vpc_id     = "vpc-1"
  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)
}
resource "aws_vpc_endpoint" "x" {
  for_each   = aws_subnet.s
  vpc_id     = "vpc-1"
  subnet_ids = [each.value.id]
}
"""
        },
    )
    with pytest.raises(CannotJudge, match=r"aws_subnet.s: its count is read from AWS at plan \(length\(data.aws_availability_zones.available.names\)\)"):
        r.evaluate().all_resources()


def test_for_each_over_a_counted_resource_is_cannot_judge_not_a_crash(tmp_path):
    r = root(
        tmp_path,
        **{
            "main.tf": """
resource "aws_subnet" "s" {
  count      = 2
  vpc_id     = "vpc-1"
  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)
}
resource "aws_route_table_association" "a" {
  for_each  = aws_subnet.s
  subnet_id = each.value.id
}
resource "aws_route_table_association" "b" {
  for_each  = toset(aws_subnet.s[*].id)
  subnet_id = each.value
}
"""
        },
    )
    module = r.evaluate()
    assert [s.argument("cidr_block") for s in module.resources("aws_subnet", "s")] == ["10.0.0.0/24", "10.0.1.0/24"]
    with pytest.raises(CannotJudge, match="aws_route_table_association.a: its for_each is a list or tuple"):
        module.resources("aws_route_table_association", "a")
    with pytest.raises(CannotJudge, match="aws_route_table_association.b: its for_each is known only after apply"):
        module.resources("aws_route_table_association", "b")


def test_a_registry_module_not_on_disk_is_cannot_judge_naming_the_call(tmp_path):
    r = root(tmp_path, **{"main.tf": 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.0.0"\n}\n'})
    with pytest.raises(CannotJudge, match="module.vpc: its source 'terraform-aws-modules/vpc/aws' is not on disk"):
        r.evaluate().all_modules()


def test_a_module_installed_by_terraform_init_is_read(tmp_path):
    manifest = {"Modules": [{"Key": "", "Source": "", "Dir": "."}, {"Key": "vpc", "Source": "registry.terraform.io/x/vpc/aws", "Dir": ".terraform/modules/vpc"}]}
    r = root(
        tmp_path,
        **{
            "main.tf": 'module "vpc" {\n  source = "x/vpc/aws"\n  cidr   = "10.0.0.0/16"\n}\noutput "id" {\n  value = module.vpc.vpc_cidr\n}\n',
            ".terraform__modules__modules.json": json.dumps(manifest),
            ".terraform__modules__vpc__main.tf": 'variable "cidr" {}\nresource "aws_vpc" "this" {\n  cidr_block = var.cidr\n}\noutput "vpc_cidr" {\n  value = aws_vpc.this.cidr_block\n}\n',
        },
    )
    assert r.evaluate().output("id") == "10.0.0.0/16"


def test_locals_in_a_cycle_are_cannot_judge_naming_them(tmp_path):
    r = root(tmp_path, **{"main.tf": 'locals {\n  a = local.b\n  b = "x-${local.a}"\n}\noutput "o" {\n  value = local.a\n}\n'})
    with pytest.raises(CannotJudge, match="the locals local.a, local.b: they refer to each other in a cycle"):
        r.evaluate().output("o")


def test_an_unimplemented_function_is_located_at_the_argument(tmp_path):
    r = root(tmp_path, **{"main.tf": 'resource "aws_vpc_endpoint" "x" {\n  service_name = formatdate("YYYY", timestamp())\n}\n'})
    with pytest.raises(CannotJudge) as caught:
        endpoint(r).argument("service_name")
    assert str(caught.value) == "root module: aws_vpc_endpoint.x.service_name: cannot judge the function formatdate()"


def test_values_only_apply_knows_stay_references(tmp_path):
    r = root(tmp_path, **{"main.tf": VARIABLES + ENDPOINT, "terraform.tfvars": "port = 443\n"})
    assert endpoint(r).argument("security_group_ids") == [Ref("aws_security_group.endpoint.id")]


def test_a_tfvars_file_holds_constants_only(tmp_path):
    with pytest.raises(EvaluationError, match="terraform.tfvars: port: variables are not allowed here"):
        root(tmp_path, **{"main.tf": VARIABLES, "terraform.tfvars": "port = var.name\n"})


def test_resource_arguments_convert_to_the_provider_schemas_types(tmp_path):
    r = root(
        tmp_path,
        **{
            "main.tf": """
resource "aws_lb_listener" "tls" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/x/1"
  port              = "443"
  protocol          = "TCP"
}
resource "aws_security_group" "endpoint" {
  ingress {
    from_port   = "443"
    to_port     = 443.0
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
resource "aws_vpc_endpoint_service" "s" {
  acceptance_required        = "false"
  supported_ip_address_types = ["ipv6", "ipv4", "ipv4"]
}
"""
        },
    )
    module = r.evaluate()
    assert module.resources("aws_lb_listener", "tls").argument("port") == 443
    (ingress,) = module.resources("aws_security_group", "endpoint").argument("ingress")
    assert (ingress["from_port"], ingress["to_port"]) == (443, 443) and type(ingress["from_port"]) is int
    service = module.resources("aws_vpc_endpoint_service", "s")
    assert service.argument("acceptance_required") is False
    assert service.argument("supported_ip_address_types") == ["ipv4", "ipv6"]  # a set: unique, Terraform's order


def test_a_json_object_argument_of_a_type_without_schema_is_cannot_judge(tmp_path):
    server = {"resource": {"aws_instance": {"web": {"ami": "ami-1", "ebs_block_device": [{"device_name": "/dev/sdb"}], "tags": {"a": "b"}}}}}
    r = root(tmp_path, **{"main.tf.json": json.dumps(server)})
    instance = r.evaluate().resources("aws_instance", "web")
    assert instance.argument("tags") == {"a": "b"} and instance.argument("ami") == "ami-1"
    with pytest.raises(CannotJudge, match="ebs_block_device: a nested block or an attribute"):
        instance.argument("ebs_block_device")


def test_a_json_network_acl_is_read_with_the_provider_schema(tmp_path):
    """plgen emits no network ACL, but reads them in others' roots: the snapshot holds the type (READ_RESOURCES)."""
    acl = {"resource": {"aws_network_acl": {"deny": {"vpc_id": "vpc-1", "ingress": [{"rule_no": "100", "action": "deny", "protocol": "-1", "from_port": 0, "to_port": 0, "cidr_block": "0.0.0.0/0"}]}}}}
    r = root(tmp_path, **{"main.tf.json": json.dumps(acl)})
    (entry,) = r.evaluate().resources("aws_network_acl", "deny").argument("ingress")
    assert entry["rule_no"] == 100 and entry["action"] == "deny"


def test_path_module_is_the_module_directory_and_path_cwd_cannot_be_judged(tmp_path):
    r = root(
        tmp_path,
        **{
            "main.tf": 'module "m" {\n  source = "./modules/m"\n}\noutput "where" {\n  value = module.m.where\n}\noutput "cwd" {\n  value = path.cwd\n}\n',
            "modules__m__main.tf": 'output "where" {\n  value = "${path.module}/policy.json"\n}\n',
        },
    )
    module = r.evaluate()
    assert module.output("where") == "modules/m/policy.json"
    with pytest.raises(CannotJudge, match=r"path.cwd"):
        module.output("cwd")
