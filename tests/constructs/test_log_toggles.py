"""Access logs and flow logs: off unless a blueprint names them, then wired to what it names.

``nlb.access_logs`` becomes the NLB's ``access_logs`` block (enabled) for that
service only; ``vpc.flow_logs`` an ``aws_flow_log`` on a created VPC, to the
named destination with the role only for a log group. A blueprint naming
neither has neither in its modules (its checkov findings say so, see
tests/verify/checkov_skips.yaml). Endpoint policies are never emitted: the
field exists only to be refused (rule endpoint-policy).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from plgen.blueprint.model import Blueprint, Endpoint
from plgen.compiler import compile_paths
from tests.conftest import blueprint_ids, inputs, module

NAMES_THEM = {"saas"}
REPO = Path(__file__).resolve().parents[2]


def vpcs(data: dict):
    for kind in ("service_providers", "service_consumers", "resource_providers", "resource_consumers"):
        for name, side in data.get(kind, {}).items():
            yield f"{kind}/{name}", side["vpc"]
    for name, peer in data.get("peers", {}).items():
        yield f"peers/{name}", peer["vpc"]


@pytest.mark.parametrize("name", sorted(set(blueprint_ids()) - NAMES_THEM))
def test_a_blueprint_that_names_no_logs_has_no_log_resources(catalogue, name):
    modules = catalogue[name].compiled.modules
    assert not [path for path, doc in modules.items() if "aws_flow_log" in doc.get("resource", {})]
    assert not [path for path, doc in modules.items() if "dynamic" in doc.get("resource", {}).get("aws_lb", {}).get("this", {})]
    data = inputs(catalogue, name)
    assert not [where for where, vpc in vpcs(data) if "flow_logs" in vpc]
    assert not [s for p in data.get("service_providers", {}).values() for s in p["services"].values() if "access_logs" in s]


def test_access_logs_are_the_named_services_only(catalogue):
    lb = module(catalogue, "saas", "modules/endpoint-service")["resource"]["aws_lb"]["this"]
    assert lb["dynamic"] == {
        "access_logs": {
            "for_each": "${each.value.access_logs == null ? [] : [each.value.access_logs]}",
            "content": {"bucket": "${access_logs.value.bucket}", "prefix": "${access_logs.value.prefix}", "enabled": True},
        }
    }
    services = inputs(catalogue, "saas")["service_providers"]["billing-provider"]["services"]
    assert {key: s["access_logs"] for key, s in services.items()} == {
        "billing-api": {"bucket": "billing-provider-nlb-logs", "prefix": "billing-api"},  # the TLS service
        "billing-export": None,  # TCP: AWS would log nothing (rule access-logs-need-tls)
    }


def test_flow_logs_go_where_each_created_vpc_names_them(catalogue):
    data = dict(vpcs(inputs(catalogue, "saas")))
    assert data["service_providers/billing-provider"]["flow_logs"] == {
        "destination_arn": "arn:aws:s3:::billing-provider-flow-logs/vpc",
        "destination_type": "s3",
        "traffic_type": "REJECT",
        "iam_role_arn": None,  # S3: the bucket policy admits log delivery, no role
    }
    assert data["service_consumers/customer-acme"]["flow_logs"] == {
        "destination_arn": "arn:aws:logs:us-east-1:222222222222:log-group:acme-vpc-flow-logs",
        "destination_type": "cloud-watch-logs",
        "traffic_type": "ALL",  # the default
        "iam_role_arn": "arn:aws:iam::222222222222:role/acme-flow-logs",
    }
    assert data["service_consumers/customer-globex"]["flow_logs"] is None


@pytest.mark.parametrize("path", ["modules/endpoint-service", "modules/consumer"])
def test_the_flow_log_is_on_the_created_vpc_only(catalogue, path):
    flow = module(catalogue, "saas", path)["resource"]["aws_flow_log"]["this"]
    assert flow["count"] == "${var.vpc.id == null && var.vpc.flow_logs != null ? 1 : 0}"  # an existing VPC keeps its owner's
    assert flow["vpc_id"] == "${aws_vpc.this[0].id}"
    assert {k: flow[k] for k in ("log_destination", "log_destination_type", "traffic_type", "iam_role_arn")} == {
        "log_destination": "${var.vpc.flow_logs.destination_arn}",
        "log_destination_type": "${var.vpc.flow_logs.destination_type}",
        "traffic_type": "${var.vpc.flow_logs.traffic_type}",
        "iam_role_arn": "${var.vpc.flow_logs.iam_role_arn}",
    }


def test_an_endpoint_policy_is_read_only_to_be_refused():
    schema = json.dumps(Blueprint.model_json_schema(mode="validation")["$defs"]["Endpoint"])
    assert '"policy"' not in schema  # editors flag it as unknown; plgen explains why (rule endpoint-policy)
    endpoint = Endpoint(service="api", allowed_cidrs=["10.1.0.0/16"], policy={"Statement": []})
    assert "policy" not in endpoint.model_dump()


@pytest.mark.parametrize(
    ("blueprint", "side", "module_dir"),
    [
        ("inter-region-consumer", ("consumers", 0, "peers", 0), "modules/peer-network"),  # a peer VPC plgen creates
        ("resource-access", ("providers", 0), "modules/resource-gateway"),
        ("resource-access", ("consumers", 0), "modules/resource-consumer"),
    ],
)
def test_every_module_that_creates_a_vpc_takes_its_flow_logs(tmp_path, blueprint, side, module_dir):
    doc = yaml.safe_load((REPO / "blueprints" / f"{blueprint}.yaml").read_text())
    target = doc
    for part in side:
        target = target[part]
    assert target["vpc"].get("cidr"), "the case needs a VPC plgen creates"
    target["vpc"]["flow_logs"] = {"destination_arn": "arn:aws:s3:::case-flow-logs"}
    path = tmp_path / f"{blueprint}.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    [output] = compile_paths([path], ("json",))
    assert "aws_flow_log" in output.compiled.modules[module_dir]["resource"]
    logged = [where for where, vpc in vpcs(output.compiled.inputs) if vpc.get("flow_logs")]
    assert len(logged) == 1 and logged[0].startswith("peers/" if "peers" in side else ("resource_" if blueprint == "resource-access" else "service_")), logged
