"""Every NLB has its own security group: what it admits, what it lets out, and what the path proof makes of it.

AWS: a group can only be given to an NLB when it is created; with PrivateLink
enforcement on, the NLB evaluates PrivateLink traffic with the client's IP as
source; health checks are subject to the NLB group's outbound rules.
https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from plgen.blueprint import load
from plgen.cli import main
from plgen.interfaces.endpoint_service import ServiceContext, nlb_sources
from plgen.paths import FAIL, PASS, WARN
from tests.conftest import blueprint_ids, module
from tests.paths.test_proof import copy_root, drop_json_resource, failing, paths_of
from tests.patterns.topology import edited

ENFORCED = ("          cross_zone: true\n", "          cross_zone: true\n          enforce_inbound_rules_on_privatelink: true\n")


@pytest.mark.parametrize("name", blueprint_ids())
def test_every_nlb_is_created_with_its_own_group_and_its_targets_admit_only_that_group(catalogue, name):
    if "service_providers" not in catalogue[name].compiled.inputs:
        pytest.skip("no NLB: resources are reached through a resource gateway")
    doc = module(catalogue, name, "modules/endpoint-service")
    lb = doc["resource"]["aws_lb"]["this"]
    assert lb["security_groups"] == ["${aws_security_group.nlb[each.key].id}"]
    assert lb["enforce_security_group_inbound_rules_on_private_link_traffic"] == "${each.value.enforce_privatelink_inbound}"
    targets = doc["resource"]["aws_vpc_security_group_ingress_rule"]["targets"]
    assert targets["referenced_security_group_id"] == "${aws_security_group.nlb[each.value.service].id}" and "cidr_ipv4" not in targets
    egress = doc["resource"]["aws_vpc_security_group_egress_rule"]
    assert egress["nlb_targets"]["referenced_security_group_id"] == "${aws_security_group.targets[each.value.service].id}"
    assert "cidr_ipv4" not in egress["nlb_targets"] and egress["nlb_remote_targets"]["cidr_ipv4"] == "${each.value.cidr}"


@pytest.mark.parametrize("name", blueprint_ids())
def test_enforcement_is_off_unless_named_and_then_the_nlb_group_admits_only_cidrs(catalogue, name):
    named = {("microservices", "payments-api")}  # the one catalogue service that turns it on
    for side in catalogue[name].compiled.inputs.get("service_providers", {}).values():
        for key, service in side["services"].items():
            if (name, key) in named:
                assert service["enforce_privatelink_inbound"] == "on" and service["nlb_sources"]
                assert all(r["cidr"] not in ("0.0.0.0/0", "::/0") and r["port"] == 443 for r in service["nlb_sources"].values())
            else:
                assert service["enforce_privatelink_inbound"] == "off" and service["nlb_sources"] == {}


def _saas_enforced(tmp_path: Path) -> Path:
    path = tmp_path / "saas.yaml"
    path.write_text(edited("saas", ENFORCED))
    return path


def test_with_enforcement_on_the_nlb_admits_exactly_the_consumers_cidrs_on_the_listener_ports(tmp_path):
    bp = load(_saas_enforced(tmp_path))
    provider = bp.providers[0]
    rules = list(nlb_sources(ServiceContext(bp, provider, provider.services[0])).values())
    assert rules == [
        {"cidr": "10.20.0.0/16", "cidr_ipv6": None, "port": 443, "ip_protocol": "tcp"},
        {"cidr": "10.30.16.0/20", "cidr_ipv6": None, "port": 443, "ip_protocol": "tcp"},
        {"cidr": "10.30.32.0/20", "cidr_ipv6": None, "port": 443, "ip_protocol": "tcp"},
    ]
    assert all(r["cidr"] not in ("0.0.0.0/0", "::/0") for r in rules)


def _render(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(_saas_enforced(tmp_path)), "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    return out / "saas" / "json"


def test_with_enforcement_on_every_path_passes_and_says_so(tmp_path):
    code, report = paths_of(_render(tmp_path))
    assert code == 0
    # billing-api turns enforcement on (the edit); billing-export, the TCP service beside it, keeps it off
    listeners = [h for p in report["paths"] for h in p["hops"] if h["hop"] == "listener" and "billing-api" in p["endpoint"]]
    assert listeners and all(h["status"] == PASS and h["reason"].endswith("admits every source on 443 (PrivateLink enforcement on)") for h in listeners)


def test_with_enforcement_on_a_missing_nlb_rule_drops_the_consumer_at_the_listener(tmp_path):
    folder = _render(tmp_path)
    drop_json_resource(folder, "modules/endpoint-service", "aws_vpc_security_group_ingress_rule", "nlb")
    code, report = paths_of(folder)
    assert code == 1 and {hop for _, hop in failing(report)} == {"listener"}
    reasons = [h["reason"] for p in report["paths"] for h in p["hops"] if h["status"] == FAIL]
    assert all(re.search(r"the NLB.s group does not admit 10\..* on tcp/443: the NLB drops it silently", r) for r in reasons)


def test_the_in_vpc_ip_targets_are_let_out_by_address_without_the_group_rule(tmp_path):
    """Review D7: nothing puts an IP target in the targets' group; the NLB lets it out by its /32 all the same."""
    folder = copy_root(tmp_path, "saas")
    drop_json_resource(folder, "modules/endpoint-service", "aws_vpc_security_group_egress_rule", "nlb_targets")
    code, report = paths_of(folder)
    assert code == 0 and not failing(report)


def test_without_the_nlb_egress_rules_no_target_is_reached(tmp_path):
    folder = copy_root(tmp_path, "saas")
    drop_json_resource(folder, "modules/endpoint-service", "aws_vpc_security_group_egress_rule", "nlb_targets")
    drop_json_resource(folder, "modules/endpoint-service", "aws_vpc_security_group_egress_rule", "nlb_vpc_targets")
    code, report = paths_of(folder)
    assert code == 1 and {hop for _, hop in failing(report)} == {"targets"}
    reasons = [h["reason"] for p in report["paths"] for h in p["hops"] if h["status"] == FAIL]
    assert all("the NLB's group lets nothing out to 10.10." in r for r in reasons)


def test_without_the_target_rule_referencing_the_nlb_group_no_target_is_reached(tmp_path):
    folder = copy_root(tmp_path, "saas")
    drop_json_resource(folder, "modules/endpoint-service", "aws_vpc_security_group_ingress_rule", "targets")
    code, report = paths_of(folder)
    assert code == 1 and {hop for _, hop in failing(report)} == {"targets"}


def test_an_nlb_without_a_group_is_a_warning_for_life_and_its_targets_are_unreachable(tmp_path):
    folder = copy_root(tmp_path, "saas")
    main_tf = folder / "modules/endpoint-service/main.tf.json"
    doc = json.loads(main_tf.read_text())
    del doc["resource"]["aws_lb"]["this"]["security_groups"]
    main_tf.write_text(json.dumps(doc))
    code, report = paths_of(folder)
    listeners = [h for p in report["paths"] for h in p["hops"] if h["hop"] == "listener"]
    assert listeners and all(h["status"] == WARN and "a group can never be added to it" in h["reason"] for h in listeners)
    # and the targets' group admits only the NLB's group, which this NLB does not carry
    assert code == 1 and {hop for _, hop in failing(report)} == {"targets"}
