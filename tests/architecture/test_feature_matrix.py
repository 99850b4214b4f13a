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


def _dual_stack(doc):
    if "endpoints" not in doc["consumers"][0]:  # resource access: its consumers hold resource endpoints
        doc["consumers"][0]["vpc"]["ip_address_type"] = "dualstack"
        return ("consumers", 0, "vpc", "ip_address_type")
    doc["consumers"][0]["endpoints"][0]["allowed_cidrs"] = [*doc["consumers"][0]["endpoints"][0].get("allowed_cidrs", []), "2001:db8:99::/48"]
    return ("consumers", 0, "endpoints", 0, "allowed_cidrs", len(doc["consumers"][0]["endpoints"][0]["allowed_cidrs"]) - 1)


def _access_logs(doc):
    _tls(doc)  # AWS logs TLS connections only (rule access-logs-need-tls)
    _service(doc)["nlb"]["access_logs"] = {"bucket": "matrix-nlb-logs"}
    return ("providers", 0, "services", 0, "nlb", "access_logs")


def _flow_logs(doc):
    doc["providers"][0]["vpc"]["flow_logs"] = {"destination_arn": "arn:aws:s3:::matrix-flow-logs"}
    return ("providers", 0, "vpc", "flow_logs")


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
    "dual-stack": _dual_stack,
    "access-logs": _access_logs,
    "flow-logs": _flow_logs,
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


# A consumer-only blueprint (no providers: it reaches an external service) has no provider side to grow a feature
# on, and a provider-only one (its customers are other organisations') no consumer side; its pattern's matrix runs
# on the pattern's own catalogue blueprint.
BLUEPRINTS = sorted(
    p.stem for p in (REPO / "blueprints").glob("*.yaml") if (lambda doc: doc.get("providers") and doc.get("consumers"))(yaml.safe_load(p.read_text()))
)


@pytest.mark.parametrize("feature", sorted(FEATURES))
@pytest.mark.parametrize("blueprint", BLUEPRINTS)
def test_a_feature_outside_its_pattern_is_refused_at_its_field(blueprint, feature):
    doc = copy.deepcopy(yaml.safe_load((REPO / "blueprints" / f"{blueprint}.yaml").read_text()))
    pattern, connectivity = PATTERNS[doc["pattern"]], doc.get("connectivity")
    path = USE[feature](doc)
    refused = [p for p in problems_of(doc) if f"({feature}) is not part of the {pattern.slug} pattern" in p.message]
    if feature in pattern.features_for(connectivity):
        assert not refused, refused
        return
    assert len(refused) == 1, f"{blueprint} x {feature}: {[str(p) for p in problems_of(doc)]}"
    (problem,) = refused
    assert problem.field_path == format_path(path)
    assert problem.line > 1  # located at the field, not at the top of the file
    other = next((v for v in pattern.variants if feature in v.features), None)
    if other is not None:  # the other implementation of the same pattern builds it
        assert f"with connectivity {pattern.variant(connectivity).connectivity}" in problem.message
        assert problem.hint == f"set `connectivity: {other.connectivity}` to build it, or remove the field"
        return
    builders = [p for p, spec in PATTERNS.items() if feature in spec.builds]
    assert problem.hint == (f"patterns that build it: {', '.join(builders)}" if builders else "no pattern builds it yet")


def test_connectivity_is_only_the_inter_region_patterns_choice():
    doc = yaml.safe_load((REPO / "blueprints" / "saas.yaml").read_text())
    doc["connectivity"] = "native"
    (problem,) = [p for p in problems_of(doc) if p.field_path == "connectivity"]
    assert problem.message == "the saas pattern has one implementation; `connectivity` chooses between the inter-region patterns' two"
    assert problem.hint == "remove `connectivity`; patterns that choose one: inter-region-service, inter-region-consumer"


def test_peering_stays_the_default_implementation():
    for slug in ("inter-region-service", "inter-region-consumer"):
        assert PATTERNS[slug].variant(None).connectivity == "peering"
        assert PATTERNS[slug].variant("native").features == frozenset({"cross-region"})
