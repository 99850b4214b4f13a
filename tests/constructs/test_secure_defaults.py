"""Secure by default: what a blueprint does not say is closed, and nothing is ever open to the world.

Each default from the README's "Secure defaults" is checked twice: on the
module inputs a minimal blueprint compiles to (what plgen decides), and on
the offline ``terraform plan`` of every catalogue blueprint (what AWS would
get). A blueprint can relax a default only by naming it.
"""

from __future__ import annotations

import json

import pytest

from plgen.blueprint import load, parse_source, validate
from plgen.blueprint.model import Blueprint, Protocol
from plgen.compiler import compile_paths
from tests.trees import write_tree
from plgen.errors import BlueprintError
from plgen.interfaces.root import root_data
from plgen.verify.terraform import OFFLINE, Terraform, planned_resources, provider_aliases
from tests.conftest import BLUEPRINTS, REPO, blueprint_ids, inputs, requires_terraform
from tests.patterns.topology import SIDE, instances

MINIMAL = """
name: minimal
pattern: saas
description: Says nothing about acceptance, principals or sources beyond one CIDR.
providers:
  - name: prov
    account_id: "111111111111"
    region: us-east-1
    vpc: {cidr: 10.0.0.0/16}
    azs: [use1-az1, use1-az2]
    services:
      - name: api
        nlb: {listeners: [{port: 443}, {port: 8443, protocol: TCP_UDP}]}
        targets: [{ip: 10.0.0.10}]
consumers:
  - name: cons
    account_id: "111111111111"  # same account: an endpoint service admits its own account without a grant
    region: us-east-1
    vpc: {cidr: 10.1.0.0/16}
    azs: [use1-az1, use1-az2]
    endpoints:
      - service: api
        allowed_cidrs: [10.1.4.0/24]
"""
CERT = "arn:aws:acm:us-east-1:111111111111:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
WORLD = ("0.0.0.0/0", "::/0")
# What a listener admits on the endpoint's security group, from the listener protocols AWS documents.
IP_PROTOCOLS = {Protocol.TCP: {"tcp"}, Protocol.TLS: {"tcp"}, Protocol.UDP: {"udp"}, Protocol.TCP_UDP: {"tcp", "udp"}}
# Service inputs a provider team may leave out of its tfvars; the module's defaults must then be the secure ones.
LEFT_TO_THE_MODULE = ("acceptance_required", "allowed_principals", "internal")


def compile_text(text: str) -> tuple[Blueprint, dict]:
    bp = validate(parse_source(text, "minimal.yaml"))
    return bp, root_data(bp)


def minimal_service(inputs: dict) -> dict:
    return inputs["service_providers"]["prov"]["services"]["api"]


@pytest.fixture(scope="module")
def defaults_plan(tmp_path_factory) -> dict:
    """Offline plan of MINIMAL's root after removing ``LEFT_TO_THE_MODULE`` from every service in its tfvars.

    The endpoint-service module is applied by provider teams with tfvars they
    write themselves; what they leave out is decided by the module's variable
    defaults, which this plan exercises.
    """
    work = tmp_path_factory.mktemp("secure-defaults")
    (work / "minimal.yaml").write_text(MINIMAL)
    (output,) = compile_paths([work / "minimal.yaml"], ("json",))
    write_tree(work / "out", output.name, output.files)
    root = work / "out" / output.name / "json"
    tfvars = json.loads((root / "terraform.tfvars.json").read_text())
    for provider in tfvars["service_providers"].values():
        for service in provider["services"].values():
            for key in LEFT_TO_THE_MODULE:
                del service[key]
    (root / "terraform.tfvars.json").write_text(json.dumps(tfvars))
    tf = Terraform(root)
    tf.override_provider(OFFLINE, provider_aliases(root))
    tf.init()
    return tf.plan_json()


def catalogue_services():
    for path in BLUEPRINTS:
        bp = load(path)
        for provider in bp.providers:
            for service in provider.services:
                yield bp, service


# -- acceptance -------------------------------------------------------------------------------


def test_acceptance_is_required_when_the_blueprint_does_not_mention_it():
    _, inputs = compile_text(MINIMAL)
    assert minimal_service(inputs)["acceptance_required"] is True


@pytest.mark.terraform
@requires_terraform
def test_module_defaults_require_acceptance_allow_no_principal_and_keep_the_nlb_internal(defaults_plan):
    """tfvars without acceptance_required, allowed_principals or internal: the plan is closed anyway."""
    (service,) = instances(defaults_plan, "aws_vpc_endpoint_service").values()
    assert service["acceptance_required"] is True
    assert not service.get("allowed_principals")
    assert not instances(defaults_plan, "aws_vpc_endpoint_service_allowed_principal")
    (nlb,) = instances(defaults_plan, "aws_lb").values()
    assert nlb["internal"] is True


def test_acceptance_is_off_only_when_the_blueprint_turns_it_off_by_name():
    text = MINIMAL.replace(
        "        targets: [{ip: 10.0.0.10}]\n", "        targets: [{ip: 10.0.0.10}]\n        endpoint_service: {acceptance_required: false}\n"
    )
    _, inputs = compile_text(text)
    assert minimal_service(inputs)["acceptance_required"] is False


def test_catalogue_services_require_acceptance_unless_they_say_otherwise():
    for bp, service in catalogue_services():
        es = service.endpoint_service
        assert es.acceptance_required is True or "acceptance_required" in es.model_fields_set, f"{bp.name}/{service.name}"


# -- principals ---------------------------------------------------------------------------------


def test_no_principal_is_allowed_unless_named():
    _, inputs = compile_text(MINIMAL)
    assert minimal_service(inputs)["allowed_principals"] == []


def test_star_principal_only_when_written():
    text = MINIMAL.replace(
        "        targets: [{ip: 10.0.0.10}]\n", "        targets: [{ip: 10.0.0.10}]\n        endpoint_service: {allowed_principals: ['*']}\n"
    )
    _, inputs = compile_text(text)
    assert minimal_service(inputs)["allowed_principals"] == ["*"]
    for bp, service in catalogue_services():
        written = (REPO / "blueprints" / f"{bp.name}.yaml").read_text()
        if "*" in service.endpoint_service.allowed_principals:
            assert "'*'" in written or '"*"' in written, f"{bp.name}/{service.name}"


# -- endpoint security groups ---------------------------------------------------------------------


def test_endpoint_security_group_admits_exactly_the_named_cidrs_on_listener_ports():
    _, inputs = compile_text(MINIMAL)
    endpoint = inputs["service_consumers"]["cons"]["endpoints"]["prov/api"]
    assert endpoint["allowed_cidrs"] == ["10.1.4.0/24"]  # not the VPC CIDR 10.1.0.0/16, unlike the CDK's `open: true`
    assert endpoint["allowed_security_group_ids"] == []
    assert endpoint["ports"] == [{"port": 443, "ip_protocol": "tcp"}, {"port": 8443, "ip_protocol": "tcp"}, {"port": 8443, "ip_protocol": "udp"}]


def declared_sources(bp: Blueprint) -> dict[tuple[str, str], tuple[set[str], set[str], set[tuple[int, str]]]]:
    """(consumer, endpoint key) -> (CIDRs, security groups, (port, protocol)s) the blueprint names."""
    out = {}
    for consumer in bp.consumers:
        extra = {*(consumer.on_premises.cidrs if consumer.on_premises else []), *(str(p.vpc.network) for p in consumer.peers if p.vpc.network)}
        for endpoint in consumer.endpoints:
            external = bp.external_of(endpoint)  # another organisation's service: the ports its owner gives
            if external:
                ports, key = {(p.port, proto) for p in external.ports for proto in IP_PROTOCOLS[p.protocol]}, external.key
            else:
                provider, service = bp.resolve(endpoint)
                ports = {(listener.port, proto) for listener in service.nlb.listeners for proto in IP_PROTOCOLS[listener.protocol]}
                key = f"{provider.name}/{service.name}"
            # admit_own_vpc: the VPC's IPv4 CIDR (known at plan) and its Amazon-provided IPv6 block (known after apply).
            own = {"ipv4": {str(consumer.vpc.network)}, "dualstack": {str(consumer.vpc.network), OWN_IPV6}, "ipv6": {OWN_IPV6}}[consumer.vpc.ip_address_type.value] if endpoint.admit_own_vpc else set()
            out[(consumer.name, key)] = ({*endpoint.allowed_cidrs, *extra, *own}, set(endpoint.allowed_security_group_ids), ports)
    return out


OWN_IPV6 = "the VPC's own IPv6 block"


@pytest.mark.terraform
@requires_terraform
@pytest.mark.parametrize("name", blueprint_ids())
def test_planned_endpoint_rules_admit_only_declared_sources_on_listener_ports(plan, name):
    bp = load(REPO / "blueprints" / f"{name}.yaml")
    declared = declared_sources(bp)
    seen: dict[tuple[str, str], set] = {key: set() for key in declared}
    resolver: dict[str, set] = {}
    for r in planned_resources(plan(name)):
        if r["type"] != "aws_vpc_security_group_ingress_rule" or not r["address"].startswith("module.consumer_"):
            continue
        consumer = SIDE.match(r["address"]).group(2)
        if r["name"] == "resolver":  # the Resolver inbound endpoint's group: on-premises CIDRs on DNS only
            resolver.setdefault(consumer, set()).add((r["values"]["cidr_ipv4"], r["values"]["from_port"], r["values"]["to_port"], r["values"]["ip_protocol"]))
            continue
        values = r["values"]
        endpoint = "/".join(str(r["index"]).split("/")[:2])
        cidrs, groups, ports = declared[(consumer, endpoint)]
        assert values["from_port"] == values["to_port"] and (values["from_port"], values["ip_protocol"]) in ports, r["address"]
        cidr = values.get("cidr_ipv4") or values.get("cidr_ipv6")  # IPv6 sources are rules of their own (dual-stack)
        if r["name"] == "own_vpc" and cidr is None:  # the VPC's Amazon-provided block: unknown until apply
            assert "/vpc-ipv6/" in str(r["index"]), r["address"]
            cidr = OWN_IPV6
        source = cidr or values.get("referenced_security_group_id")
        assert source in (cidrs if cidr else groups), r["address"]
        seen[(consumer, endpoint)].add((source, values["from_port"], values["ip_protocol"]))
    for key, (cidrs, groups, ports) in declared.items():
        assert seen[key] == {(s, p, proto) for s in cidrs | groups for p, proto in ports}, key
    for c in bp.consumers:
        wanted = {(cidr, 53, 53, proto) for cidr in c.on_premises.cidrs for proto in ("tcp", "udp")} if c.on_premises and c.on_premises.resolver_endpoint else set()
        assert resolver.get(c.name, set()) == wanted, c.name


# -- never the world -------------------------------------------------------------------------------


def test_no_rendered_module_mentions_the_whole_internet():
    files = [p for p in (REPO / "modules_out").rglob("*") if p.is_file() and p.suffix in (".json", ".tf", ".tfvars")]
    assert files
    for path in files:
        text = path.read_text()
        assert not any(world in text for world in WORLD), path


@pytest.mark.terraform
@requires_terraform
@pytest.mark.parametrize("name", blueprint_ids())
def test_no_planned_ingress_from_the_whole_internet(plan, name):
    for r in planned_resources(plan(name)):
        values = r["values"]
        if r["type"] == "aws_vpc_security_group_ingress_rule":
            assert values.get("cidr_ipv4") not in WORLD and values.get("cidr_ipv6") not in WORLD, r["address"]
        if r["type"] == "aws_security_group":
            assert not values.get("ingress"), f"{r['address']}: inline ingress rules bypass the named-sources rules"
        if r["type"] == "aws_security_group_rule" and values.get("type") == "ingress":
            assert not set(values.get("cidr_blocks") or []) & set(WORLD), r["address"]


@pytest.mark.terraform
@requires_terraform
@pytest.mark.parametrize("name", blueprint_ids())
def test_every_nlb_is_internal_in_the_module_inputs_and_the_plan(catalogue, plan, name):
    if "resource_providers" in inputs(catalogue, name):  # resource access: no NLB at all, and nothing opens the gateway inbound
        assert not instances(plan(name), "aws_lb")
        assert not [k for k in instances(plan(name), "aws_vpc_security_group_ingress_rule") if k[0] in inputs(catalogue, name)["resource_providers"]]
        return
    if "service_providers" not in inputs(catalogue, name):  # a consumer-only blueprint: the NLBs are its vendors', none here
        assert inputs(catalogue, name)["external_services"] and not instances(plan(name), "aws_lb")
        return
    services = {(p, s): spec for p, provider in inputs(catalogue, name)["service_providers"].items() for s, spec in provider["services"].items()}
    assert services and all(spec["internal"] is True for spec in services.values()), name
    nlbs = instances(plan(name), "aws_lb")
    assert set(nlbs) == set(services)
    assert all(values["internal"] is True for values in nlbs.values()), name


def test_the_blueprint_cannot_ask_for_the_whole_internet():
    with pytest.raises(BlueprintError, match="0.0.0.0/0 would admit every address"):
        compile_text(MINIMAL.replace("allowed_cidrs: [10.1.4.0/24]", "allowed_cidrs: [0.0.0.0/0]"))


# -- TLS -----------------------------------------------------------------------------------------------


def test_tls_listener_with_certificate_compiles_to_a_tls_listener():
    text = MINIMAL.replace("{port: 443}", f"{{port: 443, protocol: TLS, certificate_arn: '{CERT}'}}")
    _, inputs = compile_text(text)
    listener = minimal_service(inputs)["listeners"]["443"]
    assert listener == listener | {"protocol": "TLS", "certificate_arn": CERT, "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06", "target_protocol": "TCP"}


def test_tls_listener_without_certificate_is_an_error():
    with pytest.raises(BlueprintError, match="a TLS listener needs `certificate_arn`"):
        compile_text(MINIMAL.replace("{port: 443}", "{port: 443, protocol: TLS}"))


@pytest.mark.terraform
@requires_terraform
def test_planned_tls_listener_carries_the_certificate_and_policy(plan):
    listeners = [r["values"] for r in planned_resources(plan("saas")) if r["type"] == "aws_lb_listener"]
    tls = [v for v in listeners if v["protocol"] == "TLS"]
    assert tls and all(v["certificate_arn"].startswith("arn:aws:acm:") and v["ssl_policy"].startswith("ELBSecurityPolicy-TLS13") for v in tls)
