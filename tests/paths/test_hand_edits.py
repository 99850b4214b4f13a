"""Hand-edits of plgen's own SaaS root are judged as Terraform will create them (issue 22's findings).

A legacy ``aws_security_group_rule`` admitting the internet, an equivalent
legacy rule in place of plgen's, and a network ACL on the endpoint's subnets
are read as AWS holds them: the first FAILs, the second changes nothing, the
third FAILs where it denies.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.paths.test_proof import copy_root, paths_of

CONSUMER = Path("modules") / "consumer" / "main.tf.json"


def edit(folder: Path, **resources: dict) -> None:
    main_tf = folder / CONSUMER
    doc = json.loads(main_tf.read_text())
    for type_name, blocks in resources.items():
        doc["resource"].setdefault(type_name, {}).update(blocks)
    main_tf.write_text(json.dumps(doc))


def hops_of(report: dict, name: str) -> list[dict]:
    return [h for p in report["paths"] for h in p["hops"] if h["hop"] == name]


def test_a_legacy_rule_admitting_the_internet_fails(tmp_path):
    folder = copy_root(tmp_path, "saas")
    rule = {"for_each": "${var.endpoints}", "type": "ingress", "security_group_id": "${aws_security_group.endpoint[each.key].id}", "protocol": "tcp", "from_port": 0, "to_port": 65535, "cidr_blocks": ["0.0.0.0/0"]}
    edit(folder, aws_security_group_rule={"open": rule})
    code, report = paths_of(folder)
    assert code == 1
    assert all(h["status"] == "FAIL" and "admits the internet (0.0.0.0/0)" in h["reason"] for h in hops_of(report, "security group"))


def test_an_equivalent_legacy_rule_gives_the_same_verdict(tmp_path):
    before = paths_of(copy_root(tmp_path, "saas"))[1]
    folder = copy_root(tmp_path / "legacy", "saas")
    main_tf = folder / CONSUMER
    doc = json.loads(main_tf.read_text())
    modern = doc["resource"]["aws_vpc_security_group_ingress_rule"].pop("cidr")
    # the same rules, spelled as the legacy resource: protocol number, list of CIDRs, string ports
    legacy = {
        "for_each": modern["for_each"],
        "type": "ingress",
        "security_group_id": modern["security_group_id"],
        "protocol": "${each.value.ip_protocol == \"tcp\" ? \"6\" : \"17\"}",
        "from_port": "${tostring(each.value.port)}",
        "to_port": "${tostring(each.value.port)}",
        "cidr_blocks": ["${each.value.cidr}"],
    }
    doc["resource"]["aws_security_group_rule"] = {"cidr": legacy}
    main_tf.write_text(json.dumps(doc))
    after = paths_of(folder)[1]
    assert [p["status"] for p in after["paths"]] == [p["status"] for p in before["paths"]]
    assert [[h["hop"] for h in p["hops"]] for p in after["paths"]] == [[h["hop"] for h in p["hops"]] for p in before["paths"]]


def test_a_deny_all_network_acl_on_the_endpoint_subnets_fails(tmp_path):
    folder = copy_root(tmp_path, "saas")
    edit(folder, aws_network_acl={"locked": {"vpc_id": "${local.vpc_id}", "subnet_ids": "${values(local.subnet_ids)}"}})
    code, report = paths_of(folder)
    assert code == 1
    acl = hops_of(report, "network acl")
    assert acl and all(h["status"] == "FAIL" and "denies" in h["reason"] for h in acl)


def test_a_network_acl_letting_the_sources_in_and_the_replies_out_passes(tmp_path):
    folder = copy_root(tmp_path, "saas")
    entry = {"protocol": "-1", "rule_no": 100, "action": "allow", "cidr_block": "10.0.0.0/8", "from_port": 0, "to_port": 0}
    acl = {"vpc_id": "${local.vpc_id}", "subnet_ids": "${values(local.subnet_ids)}", "ingress": [entry], "egress": [entry]}
    edit(folder, aws_network_acl={"open_inside": acl})
    code, report = paths_of(folder)
    assert code == 0
    assert all(h["status"] == "PASS" for h in hops_of(report, "network acl")) and hops_of(report, "network acl")


def test_a_deny_all_network_acl_on_the_target_subnets_fails_the_targets(tmp_path):
    folder = copy_root(tmp_path, "saas")
    main_tf = folder / "modules" / "endpoint-service" / "main.tf.json"
    doc = json.loads(main_tf.read_text())
    doc["resource"]["aws_network_acl"] = {"targets": {"vpc_id": "${aws_vpc.this[0].id}", "subnet_ids": "${values(local.subnet_ids)}"}}
    main_tf.write_text(json.dumps(doc))
    code, report = paths_of(folder)
    assert code == 1
    targets = hops_of(report, "targets")
    assert targets and all(h["status"] == "FAIL" and "aws_network_acl.targets" in h["reason"] and "denies" in h["reason"] for h in targets)


def test_a_resource_no_hop_reads_is_never_expanded(tmp_path):
    """A consumer's hops read only what its path touches: a resource type no hop asks for (here a log group whose
    ``for_each`` Terraform could not even plan) changes no verdict, and is not evaluated to find that out."""
    folder = copy_root(tmp_path, "saas")
    before = paths_of(folder)
    assert before[0] == 0 and before[1]["paths"]
    edit(folder, aws_cloudwatch_log_group={"unread": {"for_each": "${timestamp()}", "name": "x"}})
    assert paths_of(folder) == before


def test_an_instance_address_names_its_resource_type():
    from plgen.paths.adapters.terraform import resource_type

    assert resource_type("aws_lb.this") == "aws_lb"
    assert resource_type('module.a["k.with.dots"].module.b[0].aws_vpc_endpoint.this["x.y"]') == "aws_vpc_endpoint"
    assert resource_type('module.a["say \\"hi\\"."].aws_subnet.this[1]') == "aws_subnet"
    assert resource_type("data.aws_vpc.this") is None
    assert resource_type('module.a["k"].data.aws_vpc.this') is None
