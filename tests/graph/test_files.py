"""Readers read a folder as Terraform loads it, and a hostile folder gets one line and exit 2, fast."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from plgen.cli import main
from plgen.graph import files, load


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


HOSTILE = {
    "fifo": lambda d: os.mkfifo(d / "main.tf"),
    "link to /dev/zero": lambda d: os.symlink("/dev/zero", d / "main.tf"),
    "40 MB file": lambda d: write(d, "main.tf", "# " + "x" * (40 * 1024 * 1024) + "\n"),
    "2 MB HCL file": lambda d: write(d, "main.tf", "locals {\n" + "".join(f'  v{i} = "{"x" * 40}"\n' for i in range(40_000)) + "}\n"),
    "HCL files over 4 MB together": lambda d: [write(d, f"f{n}.tf", "# " + "x" * 900_000 + "\n") for n in range(5)],
    "deep JSON": lambda d: write(d, "main.tf.json", '{"locals": {"a": ' + "[" * 200_000 + "]" * 200_000 + "}}"),
    "deep HCL": lambda d: write(d, "main.tf", "locals {\n  a = " + "[" * 5000 + "]" * 5000 + "\n}\n"),
    "not UTF-8": lambda d: (d / "main.tf").write_bytes(b"locals {\n a = \"\xff\"\n}\n"),
    "module calling itself": lambda d: write(d, "main.tf", 'module "again" {\n  source = "./"\n}\n'),
    "block missing a label": lambda d: write(d, "main.tf", 'resource "aws_vpc" {\n  cidr_block = "10.0.0.0/16"\n}\n'),
    "JSON of the wrong shape": lambda d: write(d, "main.tf.json", '{"resource": {"aws_vpc": "x"}}'),
    "tfvars a FIFO": lambda d: (write(d, "main.tf", 'variable "x" {\n  default = 1\n}\n'), os.mkfifo(d / "terraform.tfvars")),
}


@pytest.mark.parametrize("command", ["graph", "paths"])
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_folder_is_one_line_and_exit_2_fast(tmp_path, case, command):
    HOSTILE[case](tmp_path)
    started = time.monotonic()
    result = CliRunner().invoke(main, [command, str(tmp_path)])
    elapsed = time.monotonic() - started
    if case == "tfvars a FIFO" and command == "graph":  # graph reads no variable files
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert elapsed < 10, f"{case}: {elapsed:.1f} s"


def test_a_module_reads_both_formats_and_refuses_an_object_declared_twice(tmp_path):
    write(tmp_path, "a.tf", 'resource "aws_vpc" "a" {\n  cidr_block = "10.0.0.0/16"\n}\n')
    write(tmp_path, "b.tf.json", json.dumps({"resource": {"aws_vpc": {"b": {"cidr_block": "10.1.0.0/16"}}}}))
    assert {"aws_vpc.a", "aws_vpc.b"} <= set(load(tmp_path))
    write(tmp_path, "c.tf", 'resource "aws_vpc" "b" {\n  cidr_block = "10.2.0.0/16"\n}\n')
    with pytest.raises(ValueError, match="aws_vpc.b is declared twice"):
        load(tmp_path)


def test_hidden_and_editor_files_are_skipped_as_terraform_skips_them(tmp_path):
    write(tmp_path, "main.tf", 'resource "aws_vpc" "a" {\n  cidr_block = "10.0.0.0/16"\n}\n')
    for name in (".main.tf", "main.tf~", "#main.tf#"):
        write(tmp_path, name, 'resource "aws_vpc" "a" {\n  cidr_block = "10.9.0.0/16"\n}\n')
    assert files.read_module(tmp_path).nodes["aws_vpc.a"][1]["cidr_block"] == '"10.0.0.0/16"'


def test_several_terraform_blocks_are_one_setting(tmp_path):
    write(tmp_path, "backend.tf", 'terraform {\n  backend "s3" {\n    bucket = "state"\n  }\n}\n')
    write(tmp_path, "versions.tf", 'terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n    }\n  }\n}\n')
    doc = files.read_module(tmp_path)
    body = doc.nodes["terraform"][1]
    assert "backend" in body and body["required_providers {}"][0]["aws"]["source"] == "hashicorp/aws"
    write(tmp_path, "backend2.tf", 'terraform {\n  backend "local" {}\n}\n')
    with pytest.raises(ValueError, match="duplicate backend"):
        files.read_module(tmp_path)


def test_override_files_merge_by_terraforms_rules(tmp_path):
    write(
        tmp_path,
        "main.tf",
        """resource "aws_lb" "nlb" {
  internal           = true
  load_balancer_type = "network"
  subnet_mapping {
    subnet_id = "subnet-a"
  }
  subnet_mapping {
    subnet_id = "subnet-b"
  }
  lifecycle {
    ignore_changes        = [tags]
    create_before_destroy = false
  }
}

resource "aws_security_group" "endpoint" {
  dynamic "ingress" {
    for_each = ["10.0.0.0/16"]
    content {
      from_port   = 443
      to_port     = 443
      protocol    = "tcp"
      cidr_blocks = [ingress.value]
    }
  }
}

locals {
  principals = ["arn:aws:iam::111111111111:root"]
  kept       = 1
}
""",
    )
    write(
        tmp_path,
        "nlb_override.tf",
        """resource "aws_lb" "nlb" {
  internal = false
  subnet_mapping {
    subnet_id = "subnet-c"
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "endpoint" {
  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
""",
    )
    write(tmp_path, "override.tf.json", json.dumps({"locals": {"principals": []}}))
    nodes = files.read_module(tmp_path).nodes
    _, lb = nodes["aws_lb.nlb"]
    assert lb["internal"] is False and lb["load_balancer_type"] == '"network"'
    assert lb["subnet_mapping {}"] == [{"subnet_id": '"subnet-c"'}]  # blocks of a type replaced, not merged
    assert lb["lifecycle {}"][0]["create_before_destroy"] is True and "ignore_changes" in lb["lifecycle {}"][0]
    assert nodes["local.principals"][1]["value"] == [] and nodes["local.kept"][1]["value"] == 1
    _, group = nodes["aws_security_group.endpoint"]
    assert "dynamic ingress {}" not in group and group["ingress {}"][0]["cidr_blocks"] == ['"0.0.0.0/0"']  # a dynamic block is of its type too


def test_an_override_without_an_original_is_refused(tmp_path):
    write(tmp_path, "main.tf", 'resource "aws_vpc" "a" {\n  cidr_block = "10.0.0.0/16"\n}\n')
    write(tmp_path, "x_override.tf", 'resource "aws_vpc" "b" {\n  cidr_block = "10.0.0.0/16"\n}\n')
    with pytest.raises(ValueError, match="override of aws_vpc.b has no original"):
        files.read_module(tmp_path)


def test_the_total_read_of_a_root_is_bounded(tmp_path):
    write(tmp_path, "a.tf.json", "{}" + " " * 2000)
    write(tmp_path, "b.tf.json", "{}" + " " * 2000)
    budget = files.Budget(limit=3000)
    with pytest.raises(ValueError, match="exceed"):
        files.read_module(tmp_path, budget)
