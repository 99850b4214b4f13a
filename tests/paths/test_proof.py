"""``plgen paths``: every consumer reaches its service on the compiled modules, and a broken hop is caught.

The proof reads a rendered root as it is on disk, so each break below is a
hand edit of a copy of a rendered root: the matching hop must FAIL, with the
reason, and the command must exit 1.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from plgen.cli import main
from plgen.paths import FAIL, PASS, Root, prove
from tests.conftest import REPO, blueprint_ids

OUT = REPO / "modules_out"


def paths_of(folder: Path) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["paths", str(folder), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.parametrize("fmt", ["json", "hcl"])
@pytest.mark.parametrize("name", blueprint_ids())
def test_every_catalogue_path_passes(name, fmt):
    code, report = paths_of(OUT / name / fmt)
    assert code == 0 and report["status"] != FAIL
    data = json.loads((OUT / name / fmt / "terraform.tfvars.json").read_text())
    if "resource_consumers" in data:  # resource access: one path per resource endpoint x port span (service network: per resource span)
        endpoints = [e for c in data["resource_consumers"].values() for e in [*c["resource_endpoints"].values(), *([c["service_network_endpoint"]] if c.get("service_network_endpoint") else [])]]
        assert len(report["paths"]) == sum(len(e["ports"]) for e in endpoints)
        # then "dns" where the endpoint names a friendly name or the resource terminates TLS (pricing-api)
        hops = [[h["hop"] for h in path["hops"]] for path in report["paths"]]
        assert all(h[:6] == ["source", "endpoint", "security group", "share", "gateway", "resource"] and h[6:] in ([], ["dns"]) for h in hops), hops
        assert any(h[6:] == ["dns"] for h in hops) is (name == "resource-access")
        return
    consumers = data.get("service_consumers", {})
    external = data.get("external_services", {})  # another organisation's service: its ports as the vendor describes them
    customers = data.get("external_consumers", {})  # other organisations' consumers: proven on the provider's side

    def offered(e: dict) -> int:
        if e["provider"] in external:
            return len(external[e["provider"]][e["service"]]["ports"])
        return len(data["service_providers"][e["provider"]]["services"][e["service"]]["listeners"])

    expected = sum(offered(e) for c in consumers.values() for e in c["endpoints"].values()) + sum(offered(e) for c in customers.values() for e in c["services"].values())
    assert len(report["paths"]) == expected  # one path per consumer endpoint x listener (or port offered)
    for path in report["paths"]:
        hops = [h["hop"] for h in path["hops"]]
        if path["consumer"] in customers:
            # The provider's side judged; the customer's endpoint is said to be its own blueprint's, never guessed.
            assert hops == ["consumer side", "acceptance", "listener", "target group", "targets"], hops
            assert path["hops"][0]["status"] == "WARN"
            continue
        if path["endpoint"].split("/")[0] in external:
            # Judged up to the endpoint; the vendor's side is said to be unseen, never guessed.
            assert hops == ["source", "endpoint", "security group", "provider side", "dns"], hops
            assert next(h for h in path["hops"] if h["hop"] == "provider side")["status"] == "WARN"
            continue
        assert hops[:7] == ["source", "endpoint", "security group", "acceptance", "listener", "target group", "targets"]
        assert hops[-1] == "dns"


def test_json_and_hcl_roots_prove_the_same_paths():
    for name in blueprint_ids():
        assert paths_of(OUT / name / "json")[1]["paths"] == paths_of(OUT / name / "hcl")[1]["paths"], name


def copy_root(tmp_path: Path, name: str, fmt: str = "json") -> Path:
    folder = tmp_path / name
    shutil.copytree(OUT / name / fmt, folder)
    return folder


def drop_json_resource(folder: Path, module: str, type_name: str, name: str) -> None:
    main_tf = folder / module / "main.tf.json"
    doc = json.loads(main_tf.read_text())
    del doc["resource"][type_name][name]
    main_tf.write_text(json.dumps(doc))


def drop_hcl_block(folder: Path, module: str, header: str) -> None:
    main_tf = folder / module / "main.tf"
    text = main_tf.read_text()
    start = text.index(header)
    depth, i = 0, text.index("{", start)
    while True:
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            break
        i += 1
    main_tf.write_text(text[:start] + text[i + 1 :])


def failing(report: dict) -> set[tuple[str, str]]:
    return {(p["consumer"] + " " + p["endpoint"] + " " + p["listener"], h["hop"]) for p in report["paths"] for h in p["hops"] if h["status"] == FAIL}


def test_deleting_the_endpoint_group_rules_fails_the_security_group_hop(tmp_path):
    folder = copy_root(tmp_path, "saas")
    drop_json_resource(folder, "modules/consumer", "aws_vpc_security_group_ingress_rule", "cidr")
    code, report = paths_of(folder)
    assert code == 1
    assert {hop for _, hop in failing(report)} == {"security group"} and len(failing(report)) == len(report["paths"])
    reasons = [h["reason"] for p in report["paths"] for h in p["hops"] if h["status"] == FAIL]
    assert all(r.startswith("does not admit ") and ("tcp/443" in r or "tcp/9000" in r) for r in reasons)


def dns_hops(report: dict) -> dict[str, tuple[str, str]]:
    return {p["consumer"] + " " + p["endpoint"]: (h["status"], h["reason"]) for p in report["paths"] for h in p["hops"] if h["hop"] == "dns"}


def test_a_private_dns_consumer_uses_the_verified_name_and_warns_without_the_verification(tmp_path):
    folder = copy_root(tmp_path, "saas")
    _, report = paths_of(folder)
    hops = dns_hops(report)
    for consumer in ("customer-acme", "customer-globex"):
        status, reason = hops[f"{consumer} billing-provider/billing-api"]
        assert status == PASS and reason.startswith("billing.saas-provider.example.com (private DNS, ") and ", verified by " in reason
        assert "aws_route53_record.private_dns_verification" in reason
    assert hops["customer-globex billing-provider/billing-export"][1].startswith("export.globex.internal (private zone")
    drop_json_resource(folder, "modules/endpoint-service", "aws_vpc_endpoint_service_private_dns_verification", "this")
    code, report = paths_of(folder)
    status, reason = dns_hops(report)["customer-acme billing-provider/billing-api"]
    assert status == "WARN" and "resolves only once its domain is verified" in reason


def test_deleting_a_listener_fails_the_listener_hop(tmp_path):
    folder = copy_root(tmp_path, "shared-services")
    drop_json_resource(folder, "modules/endpoint-service", "aws_lb_listener", "this")
    code, report = paths_of(folder)
    assert code == 1 and {hop for _, hop in failing(report)} == {"listener"}


def test_deleting_a_peering_route_fails_the_peering_hop(tmp_path):
    folder = copy_root(tmp_path, "inter-region-consumer")
    drop_json_resource(folder, "modules/peering-routes", "aws_route", "requester")
    code, report = paths_of(folder)
    assert code == 1 and failing(report) == {("shop-use1 payments/payments-api 443/TCP", "peering")}


def test_deleting_a_peering_route_fails_the_targets_of_an_inter_region_service(tmp_path):
    folder = copy_root(tmp_path, "inter-region-service")
    drop_json_resource(folder, "modules/peering-accepter", "aws_route", "accepter")
    code, report = paths_of(folder)
    assert code == 1 and {hop for _, hop in failing(report)} == {"targets"}


@pytest.mark.parametrize("fmt", ["json", "hcl"])
def test_deleting_the_accepter_leaves_endpoints_pending(tmp_path, fmt):
    folder = copy_root(tmp_path, "saas", fmt)
    if fmt == "json":
        drop_json_resource(folder, "modules/endpoint-acceptance", "aws_vpc_endpoint_connection_accepter", "this")
        outputs = folder / "modules" / "endpoint-acceptance" / "outputs.tf.json"
        doc = json.loads(outputs.read_text())
        doc["output"]["accepted"]["value"] = {}  # the output read the accepter (the consumers' private DNS pass reads it)
        outputs.write_text(json.dumps(doc))
    else:
        drop_hcl_block(folder, "modules/endpoint-acceptance", 'resource "aws_vpc_endpoint_connection_accepter" "this"')
        outputs = folder / "modules" / "endpoint-acceptance" / "outputs.tf"
        outputs.write_text('output "accepted" {\n  value = {}\n}\n')
    code, report = paths_of(folder)
    assert code == 1 and {hop for _, hop in failing(report)} == {"acceptance"}
    assert all("pendingAcceptance" in h["reason"] for p in report["paths"] for h in p["hops"] if h["status"] == FAIL)


def test_a_rule_open_to_the_internet_fails(tmp_path):
    folder = copy_root(tmp_path, "microservices")
    main_tf = folder / "modules" / "consumer" / "main.tf.json"
    main_tf.write_text(re.sub(r'"cidr_ipv4": "\$\{each\.value\.cidr\}"', '"cidr_ipv4": "0.0.0.0/0"', main_tf.read_text()))
    code, report = paths_of(folder)
    assert code == 1 and {hop for _, hop in failing(report)} == {"security group"}
    assert all("internet" in h["reason"] for p in report["paths"] for h in p["hops"] if h["status"] == FAIL)


def test_text_report_says_each_hop(tmp_path):
    result = CliRunner().invoke(main, ["paths", str(OUT / "saas" / "hcl")])
    assert result.exit_code == 0
    assert "customer-acme -> billing-provider/billing-api 443/TLS: PASS" in result.output
    assert re.search(r"acceptance\s+PASS\s+accepted by module\.acceptance_us_east_1", result.output)


def test_a_blueprint_is_proven_in_memory():
    result = CliRunner().invoke(main, ["paths", str(REPO / "blueprints" / "saas.yaml"), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["status"] == PASS


def test_render_refuses_a_blueprint_whose_compiled_path_fails(tmp_path, monkeypatch):
    """A compiler bug that opens the wrong port is caught before anything is written, at the consumer's endpoint."""
    import plgen.interfaces.consumer as consumer

    real = consumer.ports
    monkeypatch.setattr(consumer, "ports", lambda service: [{**p, "port": p["port"] + 1} for p in real(service)])
    result = CliRunner().invoke(main, ["render", str(REPO / "blueprints" / "saas.yaml"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert re.search(r"saas\.yaml:\d+:\d+: consumers\[0\]\.endpoints\[0\]: path to billing-provider/billing-api 443/TLS fails at security group", result.output)
    assert not (tmp_path / "out" / "saas").exists()


def test_the_proof_follows_the_references_not_the_names(tmp_path):
    """Every resource exists, but the root wires every endpoint to one service: the others' endpoints fail."""
    folder = copy_root(tmp_path, "microservices")
    root_main = folder / "main.tf.json"
    text = root_main.read_text().replace("local.endpoint_services[endpoint.provider][endpoint.service]", 'local.endpoint_services[\\"catalog\\"][\\"catalog-api\\"]')
    assert "catalog-api" in text
    root_main.write_text(text)
    code, report = paths_of(folder)
    assert code == 1
    broken = {p["endpoint"] for p in report["paths"] if p["status"] == FAIL}
    assert broken == {p["endpoint"] for p in report["paths"]} - {"catalog/catalog-api"} and broken
    assert all("is not wired to" in h["reason"] for p in report["paths"] for h in p["hops"] if h["status"] == FAIL)


def test_a_cross_region_endpoint_without_its_service_region_fails_the_endpoint_hop(tmp_path):
    folder = copy_root(tmp_path, "inter-region-consumer-native")
    main_tf = folder / "modules" / "consumer" / "main.tf.json"
    doc = json.loads(main_tf.read_text())
    del doc["resource"]["aws_vpc_endpoint"]["this"]["service_region"]
    main_tf.write_text(json.dumps(doc))
    code, report = paths_of(folder)
    assert code == 1 and failing(report) == {("shop-home payments/payments-api 443/TCP", "endpoint")}
    (reason,) = [h["reason"] for p in report["paths"] for h in p["hops"] if h["status"] == FAIL]
    assert reason == "module.consumer_eu_central_1[\"shop-home\"].aws_vpc_endpoint.this[\"payments/payments-api\"] is in eu-central-1 and names service_region None, not the service's Region us-east-1"


def test_a_cross_region_consumer_the_service_does_not_support_fails_the_endpoint_hop(tmp_path):
    folder = copy_root(tmp_path, "inter-region-service-native")
    tfvars = folder / "terraform.tfvars.json"
    data = json.loads(tfvars.read_text())
    data["service_providers"]["analytics"]["services"]["analytics-api"]["supported_regions"] = ["us-east-1"]
    tfvars.write_text(json.dumps(data))
    code, report = paths_of(folder)
    assert code == 1 and {hop for _, hop in failing(report)} == {"endpoint"}
    (reason,) = [h["reason"] for p in report["paths"] for h in p["hops"] if h["status"] == FAIL]
    assert reason == "the service's supported_regions ['us-east-1'] do not list the endpoint's Region eu-west-1"


def test_an_ipv6_endpoint_to_a_service_without_ipv6_fails_the_endpoint_hop(tmp_path):
    folder = copy_root(tmp_path, "saas-dual-stack")
    tfvars = folder / "terraform.tfvars.json"
    data = json.loads(tfvars.read_text())
    data["service_providers"]["billing-provider"]["services"]["billing-api"]["supported_ip_address_types"] = ["ipv4"]
    tfvars.write_text(json.dumps(data))
    code, report = paths_of(folder)
    assert code == 1
    assert failing(report) == {("customer-dual billing-provider/billing-api 443/TCP", "endpoint"), ("customer-v6 billing-provider/billing-api 443/TCP", "endpoint")}
    reasons = sorted(h["reason"] for p in report["paths"] for h in p["hops"] if h["status"] == FAIL)
    assert all(r.endswith("the service supports ipv4, not ipv6") for r in reasons)


def test_ipv6_sources_are_proven_against_cidr_ipv6_rules(tmp_path):
    folder = copy_root(tmp_path, "saas-dual-stack")
    drop_json_resource(folder, "modules/consumer", "aws_vpc_security_group_ingress_rule", "cidr_ipv6")
    code, report = paths_of(folder)
    assert code == 1 and {hop for _, hop in failing(report)} == {"security group"}
    reasons = sorted(h["reason"] for p in report["paths"] for h in p["hops"] if h["status"] == FAIL)
    assert reasons == ["does not admit 2001:db8:1200::/48 on tcp/443"]


def test_an_ipv6_rule_open_to_the_internet_fails(tmp_path):
    folder = copy_root(tmp_path, "saas-dual-stack")
    main_tf = folder / "modules" / "consumer" / "main.tf.json"
    main_tf.write_text(main_tf.read_text().replace('"cidr_ipv6": "${each.value.cidr}"', '"cidr_ipv6": "::/0"'))
    code, report = paths_of(folder)
    assert code == 1 and {hop for _, hop in failing(report)} == {"security group"}


def test_a_providers_targets_are_judged_once_for_all_its_consumers(monkeypatch):
    """The targets hop reads only the provider's side: with every consumer of the catalogue's SaaS root asking, the
    provider's registered targets are looked up once per service and target port, and each path gets the verdict."""
    from plgen.paths.adapters.terraform import TerraformWorld

    asked = []
    real = TerraformWorld.registered
    monkeypatch.setattr(TerraformWorld, "registered", lambda self, tg, port: asked.append((tg.name, port)) or real(self, tg, port))
    paths = prove(Root.folder(OUT / "saas" / "json"))
    judged = [p for p in paths if any(h.name == "targets" for h in p.hops)]
    assert len(judged) > len({(p.endpoint, p.listener) for p in judged}) >= 1  # several consumers share a listener
    assert len(asked) == len(set(asked))  # each (group, port) looked up once
    verdicts = {(p.endpoint, p.listener): {h.reason for h in p.hops if h.name == "targets"} for p in judged}
    assert all(len(reasons) == 1 for reasons in verdicts.values())
