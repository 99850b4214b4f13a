"""Every pattern x every feature: a blueprint using a feature its pattern does not build is a located error.

For each pattern, its catalogue blueprint is changed to use one feature
(``USE`` says how, per feature, and must cover every registered feature);
where the pattern does not build the feature, ``plgen validate`` must refuse
the blueprint at exactly the changed field, naming the feature and the
patterns that build it; where it does, the gate must stay silent.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from plgen.blueprint import parse_source, validate
from plgen.compiler import rules_for
from plgen.errors import BlueprintError, format_path
from plgen.features import FEATURES
from plgen.patterns import PATTERNS

REPO = Path(__file__).resolve().parents[2]
CERT = "arn:aws:acm:us-east-1:111111111111:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
Use = Callable[[dict], tuple]


def _other_region(doc: dict) -> str:
    return "ap-southeast-2" if doc["providers"][0]["region"] != "ap-southeast-2" else "eu-north-1"


def _service(doc) -> dict:
    """The first provider's first endpoint service; a resource-access blueprint has none, so one is added."""
    services = doc["providers"][0].setdefault("services", [])
    if not services:
        services.append({"name": "matrix", "nlb": {"listeners": [{"port": 443}]}, "targets": [{"ip": "10.60.0.10"}]})
    return services[0]


def _endpoint(doc) -> dict:
    """The first consumer's first interface endpoint (added for a resource-access blueprint)."""
    endpoints = doc["consumers"][0].setdefault("endpoints", [])
    if not endpoints:
        endpoints.append({"service": "matrix", "allowed_cidrs": ["10.99.0.0/16"]})
    return endpoints[0]


def _existing_vpc(doc):
    consumer = doc["consumers"][0]
    consumer["vpc"] = {"id": "vpc-0123456789abcdef0", "existing_cidr": "10.99.0.0/16", "subnet_ids": {az: "subnet-0123456789abcdef0" for az in consumer["azs"]}}
    return ("consumers", 0, "vpc", "id")


def _tls(doc):
    _service(doc)["nlb"]["listeners"].append({"port": 9443, "protocol": "TLS", "certificate_arn": CERT})
    return ("providers", 0, "services", 0, "nlb", "listeners", len(_service(doc)["nlb"]["listeners"]) - 1, "protocol")


def _private_dns(doc):
    _service(doc).setdefault("endpoint_service", {})["private_dns_name"] = "matrix.example.com"
    return ("providers", 0, "services", 0, "endpoint_service", "private_dns_name")


def _friendly_names(doc):
    _endpoint(doc)["dns_name"] = "matrix.corp.internal"
    return ("consumers", 0, "endpoints", 0, "dns_name")


def _cross_region(doc):
    _service(doc).setdefault("endpoint_service", {})["supported_regions"] = [_other_region(doc)]
    return ("providers", 0, "services", 0, "endpoint_service", "supported_regions")


def _on_premises_targets(doc):
    doc["providers"][0]["on_premises"] = {"cidrs": ["172.31.250.0/24"]}
    return ("providers", 0, "on_premises")


def _migration_stage(doc):
    _service(doc)["stage"] = "cloud"
    return ("providers", 0, "services", 0, "stage")


def _on_premises_access(doc):
    doc["consumers"][0]["on_premises"] = {"cidrs": ["172.31.251.0/24"]}
    return ("consumers", 0, "on_premises")


def _peer(doc, cidr):
    return [{"name": "matrix-home", "region": _other_region(doc), "vpc": {"cidr": cidr}}]


def _peered_fleet(doc):
    doc["providers"][0]["peers"] = _peer(doc, "10.250.0.0/16")
    return ("providers", 0, "peers")


def _home_peering(doc):
    doc["consumers"][0]["peers"] = _peer(doc, "10.251.0.0/16")
    return ("consumers", 0, "peers")


def _resource_gateway(doc):
    doc["providers"][0].setdefault("resource_gateway", {})
    return ("providers", 0, "resource_gateway")


def _service_network(doc):
    doc["providers"][0]["service_network"] = {"name": "matrix", "resources": ["matrix"]}
    return ("providers", 0, "service_network")


USE: dict[str, Use] = {
    "existing-vpc": _existing_vpc,
    "tls": _tls,
    "private-dns": _private_dns,
    "friendly-names": _friendly_names,
    "cross-region": _cross_region,
    "on-premises-targets": _on_premises_targets,
    "migration-stage": _migration_stage,
    "on-premises-access": _on_premises_access,
    "peered-fleet": _peered_fleet,
    "home-peering": _home_peering,
    "resource-gateway": _resource_gateway,
    "service-network": _service_network,
}


def test_every_feature_has_a_way_to_use_it_here():
    assert set(USE) == set(FEATURES)


def test_every_pattern_has_a_catalogue_blueprint():
    for slug in PATTERNS:
        assert yaml.safe_load((REPO / "blueprints" / f"{slug}.yaml").read_text())["pattern"] == slug


def problems_of(doc: dict) -> list:
    try:
        validate(parse_source(yaml.safe_dump(doc, sort_keys=False), "matrix.yaml"), rules_for, PATTERNS)
    except BlueprintError as exc:
        return exc.problems
    return []


@pytest.mark.parametrize("feature", sorted(FEATURES))
@pytest.mark.parametrize("pattern", list(PATTERNS))
def test_a_feature_outside_its_pattern_is_refused_at_its_field(pattern, feature):
    doc = copy.deepcopy(yaml.safe_load((REPO / "blueprints" / f"{pattern}.yaml").read_text()))
    path = USE[feature](doc)
    gate = f"({feature}) is not part of the {pattern} pattern"
    refused = [p for p in problems_of(doc) if gate in p.message]
    if feature in PATTERNS[pattern].features:
        assert not refused, refused
        return
    assert len(refused) == 1, f"{pattern} x {feature}: {[str(p) for p in problems_of(doc)]}"
    (problem,) = refused
    assert problem.field_path == format_path(path)
    assert problem.line > 1  # located at the field, not at the top of the file
    builders = [p for p, spec in PATTERNS.items() if feature in spec.features]
    assert problem.hint == (f"patterns that build it: {', '.join(builders)}" if builders else "no pattern builds it yet")
