"""SaaS private access, as the notes draw it: NLB -> endpoint service -> one endpoint per consumer VPC.

What each module wires to what is read from the resource graph (``plgen.graph``:
an edge means "refers to"); what the blueprint decides, from the module inputs
in ``terraform.tfvars.json``; what Terraform would create, from the offline plan
(instances by ``for_each`` key, their values, and which of them only apply can
know because they come from another resource).
"""

from __future__ import annotations

import json

import pytest

from plgen.graph import from_modules
from plgen.verify.terraform import planned_resources
from tests.conftest import module, requires_terraform
from tests.patterns.topology import instances, references, unknown

PROVIDER = "modules/endpoint-service"
CONSUMER = "modules/consumer"
P = "module.provider_us_east_1."  # the provider side's module call, and the address prefix of what it creates
C = "module.consumer_us_east_1."


@pytest.fixture(scope="module")
def graph(catalogue):
    return from_modules(catalogue["saas"].compiled.modules)


@pytest.fixture(scope="module")
def tfvars(rendered) -> dict:
    """The module inputs a user gets: ``modules_out/saas/json/terraform.tfvars.json``."""
    return json.loads((rendered / "saas" / "json" / "terraform.tfvars.json").read_text())


def billing_api(tfvars: dict) -> dict:
    return tfvars["service_providers"]["billing-provider"]["services"]["billing-api"]


def refers(graph, source: str, target: str) -> bool:
    assert source in graph and target in graph, (source, target)
    return graph.has_edge(source, target)


def test_listener_forwards_to_its_target_group(graph, tfvars):
    listener, group = f"{P}aws_lb_listener.this", f"{P}aws_lb_target_group.this"
    assert refers(graph, listener, group) and refers(graph, listener, f"{P}aws_lb.this")
    # one listener per target group: both iterate the module's listeners (the plan test checks the keys match)
    assert refers(graph, listener, f"{P}local.listeners") and refers(graph, group, f"{P}local.listeners")
    assert sorted(billing_api(tfvars)["listeners"]) == ["443"]


def test_endpoint_service_fronts_the_nlb_and_requires_acceptance(graph, tfvars):
    assert refers(graph, f"{P}aws_vpc_endpoint_service.this", f"{P}aws_lb.this")
    data = billing_api(tfvars)
    assert data["acceptance_required"] is True
    assert data["allowed_principals"] == ["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:role/platform-network"]
    assert data["private_dns_name"] == "billing.saas-provider.example.com"


def test_nlb_is_internal_network_type_in_every_provider_subnet(graph, tfvars):
    nlb = f"{P}aws_lb.this"
    # its subnets are the module's subnets (created, or named for an existing VPC): one per declared AZ
    assert refers(graph, nlb, f"{P}local.subnet_ids") and refers(graph, f"{P}local.subnet_ids", f"{P}aws_subnet.this")
    # and the only resource it depends on is its own security group (an NLB gets one only at creation)
    assert [n for n in graph.successors(nlb) if graph.nodes[n]["kind"] == "resource"] == [f"{P}aws_security_group.nlb"]
    assert billing_api(tfvars)["internal"] is True


def test_tls_listener_terminates_on_nlb_and_forwards_tcp_to_target_port(tfvars):
    listener = billing_api(tfvars)["listeners"]["443"]
    assert listener["protocol"] == "TLS"
    assert listener["certificate_arn"].startswith("arn:aws:acm:us-east-1:111111111111:certificate/")
    assert listener["target_protocol"] == "TCP" and listener["target_port"] == 8443


def test_consumer_endpoint_uses_service_name_from_provider_side(graph):
    # the consumer call's endpoints input reads the provider side's endpoint services ...
    assert refers(graph, C.rstrip("."), "local.endpoint_services") and refers(graph, "local.endpoint_services", P.rstrip("."))
    assert refers(graph, C.rstrip("."), f"{C}var.endpoints")
    # ... which the provider module outputs from its endpoint service resources
    assert refers(graph, f"{P}output.endpoint_services", f"{P}aws_vpc_endpoint_service.this")
    assert refers(graph, f"{C}aws_vpc_endpoint.this", f"{C}var.endpoints")


def test_consumer_endpoint_is_interface_type_in_every_consumer_subnet(graph):
    endpoint = f"{C}aws_vpc_endpoint.this"
    assert refers(graph, endpoint, f"{C}local.subnet_ids") and refers(graph, f"{C}local.subnet_ids", f"{C}aws_subnet.this")
    assert refers(graph, endpoint, f"{C}aws_security_group.endpoint")


def test_private_dns_name_is_verified_by_a_txt_record_before_consumers_use_it(graph, tfvars):
    """The chain: TXT record from the service's verification configuration -> verification (waited for) -> consumers' endpoints."""
    record, verification = f"{P}aws_route53_record.private_dns_verification", f"{P}aws_vpc_endpoint_service_private_dns_verification.this"
    assert refers(graph, record, f"{P}aws_vpc_endpoint_service.this")  # name and value from private_dns_name_configuration
    assert refers(graph, verification, f"{P}aws_vpc_endpoint_service.this") and refers(graph, verification, record)  # depends_on the record
    assert refers(graph, f"{P}output.endpoint_services", verification)  # private_dns_verified
    # the consumer's endpoints read the verified state through their input (the root wires it from that output)
    assert refers(graph, f"{C}aws_vpc_endpoint.this", f"{C}var.endpoints") and refers(graph, C.rstrip("."), "local.endpoint_services")
    assert billing_api(tfvars)["private_dns_verification"] == {"zone_id": "Z04417562KQ7EXAMPLE1", "zone_name": None}
    assert tfvars["service_providers"]["billing-provider"]["services"]["billing-export"]["private_dns_verification"] is None


def test_friendly_name_aliases_the_endpoint_regional_dns_name(graph):
    record = f"{C}aws_route53_record.friendly"
    assert refers(graph, record, f"{C}aws_vpc_endpoint.this") and refers(graph, record, f"{C}aws_route53_zone.friendly")


def test_outputs_give_service_name_and_endpoint_dns_names(catalogue):
    root = module(catalogue, "saas", ".")
    assert set(root["output"]) == {"endpoint_services", "consumer_endpoints"}
    outputs = module(catalogue, "saas", CONSUMER)["output"]["endpoints"]["value"]
    for name in ("regional_dns_name", "zonal_dns_names", "friendly_dns_name", "ipv4_addresses", "ipv6_addresses"):
        assert name in outputs


# -- what Terraform would create (offline plan) --------------------------------------------------


@pytest.fixture(scope="module")
def saas_plan(plan):
    return plan("saas")


def by_type(planned, type_name):
    return [r for r in planned_resources(planned) if r["type"] == type_name]


@requires_terraform
@pytest.mark.terraform
def test_plan_writes_the_verification_record_and_waits_for_verification(saas_plan):
    records = {key: r for key, r in instances(saas_plan, "aws_route53_record").items() if r["type"] == "TXT"}
    assert set(records) == {("billing-provider", "billing-api")}  # billing-export has no private DNS name
    record = records[("billing-provider", "billing-api")]
    assert record["zone_id"] == "Z04417562KQ7EXAMPLE1" and record["ttl"] == 1800
    verifications = instances(saas_plan, "aws_vpc_endpoint_service_private_dns_verification")
    assert {key: v["wait_for_verification"] for key, v in verifications.items()} == {("billing-provider", "billing-api"): True}
    name = references(saas_plan, "provider_us_east_1", "aws_route53_record.private_dns_verification", "name")
    assert "aws_vpc_endpoint_service.this" in name
    outputs = saas_plan["output_changes"]["endpoint_services"]["after_unknown"]["billing-provider"]
    assert outputs["billing-api"]["private_dns_verified"] is True  # known once the verification has completed


@requires_terraform
@pytest.mark.terraform
def test_plan_one_endpoint_per_consumer_one_subnet_per_declared_az(saas_plan):
    assert sorted(instances(saas_plan, "aws_vpc_endpoint")) == [
        ("customer-acme", "billing-provider/billing-api"),
        ("customer-globex", "billing-provider/billing-api"),
        ("customer-globex", "billing-provider/billing-export"),
    ]
    azs = sorted(instances(saas_plan, "aws_subnet"))
    assert [az for owner, az in azs if owner == "customer-acme"] == ["use1-az1", "use1-az2", "use1-az4"]
    assert [az for owner, az in azs if owner == "customer-globex"] == ["use1-az1", "use1-az2", "use1-az4"]
    assert [az for owner, az in azs if owner == "billing-provider"] == ["use1-az1", "use1-az2", "use1-az4"]
    assert all(v["availability_zone_id"] == az for (_, az), v in instances(saas_plan, "aws_subnet").items())


@requires_terraform
@pytest.mark.terraform
def test_plan_each_listener_forwards_to_the_target_group_of_its_key(saas_plan, tfvars):
    listeners, groups = instances(saas_plan, "aws_lb_listener"), instances(saas_plan, "aws_lb_target_group")
    assert sorted(listeners) == sorted(groups) == [("billing-provider", "billing-api/443"), ("billing-provider", "billing-export/9000")]
    for key, listener in listeners.items():
        service, port = key[1].split("/")
        spec = tfvars["service_providers"]["billing-provider"]["services"][service]["listeners"][port]
        assert listener["port"] == spec["port"] and listener["protocol"] == spec["protocol"]
        assert [a["type"] for a in listener["default_action"]] == ["forward"]
        assert (groups[key]["port"], groups[key]["protocol"]) == (spec["target_port"], spec["target_protocol"])
    # Terraform's reading of the configuration: the action's target group is the instance of the listener's own key
    assert set(references(saas_plan, "provider_us_east_1", "aws_lb_listener.this", "default_action", 0, "target_group_arn")) == {"aws_lb_target_group.this", "each.key"}
    assert all(u["default_action"][0]["target_group_arn"] is True for u in unknown(saas_plan, "aws_lb_listener").values())


@requires_terraform
@pytest.mark.terraform
def test_plan_one_internal_nlb_and_endpoint_service_per_service_with_the_blueprints_principals(saas_plan, tfvars):
    nlbs, services = instances(saas_plan, "aws_lb"), instances(saas_plan, "aws_vpc_endpoint_service")
    assert sorted(nlbs) == sorted(services) == [("billing-provider", "billing-api"), ("billing-provider", "billing-export")]
    for key, service in services.items():
        data = tfvars["service_providers"]["billing-provider"]["services"][key[1]]
        assert nlbs[key]["internal"] is True and nlbs[key]["load_balancer_type"] == "network"
        assert service["acceptance_required"] is True
        assert service["allowed_principals"] == data["allowed_principals"]
        assert service.get("private_dns_name") == data["private_dns_name"]
    assert set(references(saas_plan, "provider_us_east_1", "aws_vpc_endpoint_service.this", "network_load_balancer_arns")) == {"aws_lb.this", "each.key"}
    assert all(u["subnets"] is True for u in unknown(saas_plan, "aws_lb").values())  # the module's subnets, created in this apply


@requires_terraform
@pytest.mark.terraform
def test_plan_endpoints_are_interface_endpoints_of_the_providers_service_in_their_own_group(saas_plan):
    endpoints, groups = instances(saas_plan, "aws_vpc_endpoint"), instances(saas_plan, "aws_security_group")
    assert endpoints and all(v["vpc_endpoint_type"] == "Interface" for v in endpoints.values())
    # TLS (billing-api): the verified private DNS name, switched on only after the provider's acceptance (a
    # pendingAcceptance endpoint does not take it: created off, then aws_vpc_endpoint_private_dns in a later pass);
    # TCP (billing-export): the friendly name instead
    # (left out where the switch follows: the provider creates it off and reads back what the switch set; in both
    # places it would be a perpetual diff, the provider's docs for aws_vpc_endpoint_private_dns say)
    assert {key: v.get("private_dns_enabled") for key, v in endpoints.items()} == {
        ("customer-acme", "billing-provider/billing-api"): None,
        ("customer-globex", "billing-provider/billing-api"): None,
        ("customer-globex", "billing-provider/billing-export"): False,
    }
    later = unknown(saas_plan, "aws_vpc_endpoint")
    assert later[("customer-acme", "billing-provider/billing-api")]["private_dns_enabled"] is True  # known after apply: read back
    switched = [r["values"] for r in planned_resources(saas_plan) if r["type"] == "aws_vpc_endpoint_private_dns"]
    assert len(switched) == 2 and all(v["private_dns_enabled"] is True for v in switched)
    assert set(endpoints) <= set(groups)  # one security group per endpoint, same key
    for key, after in unknown(saas_plan, "aws_vpc_endpoint").items():
        # the service name only exists once the provider's endpoint service does: it is wired, not written down
        assert after["service_name"] is True and after["subnet_ids"] is True and after["security_group_ids"] is True, key
    assert set(references(saas_plan, "consumer_us_east_1", "aws_vpc_endpoint.this", "security_group_ids")) == {"aws_security_group.endpoint", "each.key"}


@requires_terraform
@pytest.mark.terraform
def test_plan_friendly_name_is_an_alias_record_of_its_endpoint_only_where_the_blueprint_names_one(saas_plan, tfvars):
    records, zones = instances(saas_plan, "aws_route53_record"), instances(saas_plan, "aws_route53_zone")
    named = {(c, key): e["dns_name"] for c, spec in tfvars["service_consumers"].items() for key, e in spec["endpoints"].items() if e["dns_name"]}
    assert named == {("customer-globex", "billing-provider/billing-export"): "export.globex.internal"}
    records = {key: r for key, r in records.items() if r["type"] == "A"}  # the other record is the provider's verification TXT
    assert set(records) == set(zones) == set(named)
    for key, record in records.items():
        assert record["type"] == "A" and record["name"] == zones[key]["name"] == named[key]
        assert [a["evaluate_target_health"] for a in record["alias"]] == [True]
    for key, after in unknown(saas_plan, "aws_route53_record").items():
        if key not in records:
            continue
        assert after["alias"] == [{"name": True, "zone_id": True}]  # the endpoint's DNS name and zone, known after apply
    for argument in ("name", "zone_id"):
        assert set(references(saas_plan, "consumer_us_east_1", "aws_route53_record.friendly", "alias", 0, argument)) == {"aws_vpc_endpoint.this", "each.key"}


@requires_terraform
@pytest.mark.terraform
def test_plan_outputs_give_each_consumer_endpoint_its_dns_names_and_each_service_its_name(saas_plan):
    outputs = saas_plan["output_changes"]
    endpoints = outputs["consumer_endpoints"]
    for consumer in ("customer-acme", "customer-globex"):
        entry = endpoints["after_unknown"][consumer]["billing-provider/billing-api"]
        assert entry["regional_dns_name"] is True and entry["zonal_dns_names"] is True
        # the network interfaces' private IPs (for on-premises firewalls), read from the endpoint once it exists
        assert entry["ipv4_addresses"] is True and entry["ipv6_addresses"] is True
    assert endpoints["after"]["customer-globex"]["billing-provider/billing-export"]["friendly_dns_name"] == "export.globex.internal"
    assert endpoints["after"]["customer-acme"]["billing-provider/billing-api"]["friendly_dns_name"] is None
    assert endpoints["after"]["customer-globex"]["billing-provider/billing-api"]["friendly_dns_name"] is None
    assert outputs["endpoint_services"]["after_unknown"]["billing-provider"]["billing-api"]["service_name"] is True


@requires_terraform
@pytest.mark.terraform
def test_plan_security_groups_admit_exactly_the_declared_cidrs_on_listener_ports(saas_plan):
    rules = sorted(
        (side, v["cidr_ipv4"], v["from_port"], v["to_port"], v["ip_protocol"])
        for (side, _), v in instances(saas_plan, "aws_vpc_security_group_ingress_rule", ("cidr",)).items()
    )
    assert rules == [
        ("customer-acme", "10.20.0.0/16", 443, 443, "tcp"),
        ("customer-globex", "10.30.16.0/20", 443, 443, "tcp"),
        ("customer-globex", "10.30.16.0/20", 9000, 9000, "tcp"),
        ("customer-globex", "10.30.32.0/20", 443, 443, "tcp"),
    ]
    # the only egress is each NLB's, to its targets' group and to each in-VPC IP target alone (review D7), on its target
    # port, and acme's verify probe's, to its endpoint's group (a referenced group, no CIDR) on the listener port
    assert sorted((r["name"], r["values"]["cidr_ipv4"] or "", r["values"]["from_port"]) for r in by_type(saas_plan, "aws_vpc_security_group_egress_rule")) == [
        ("nlb_targets", "", 8443),
        ("nlb_targets", "", 9000),
        *sorted(("nlb_vpc_targets", f"10.10.{n}.{t}/32", port) for t, port in ((10, 8443), (20, 9000)) for n in range(3)),
        ("probe", "", 443),
    ]
    for group in by_type(saas_plan, "aws_security_group"):
        assert all("0.0.0.0/0" not in rule["cidr_blocks"] for rule in group["values"].get("ingress") or [])


@requires_terraform
@pytest.mark.terraform
def test_plan_targets_are_registered_on_the_target_port(saas_plan):
    attachments = sorted((r["values"]["target_id"], r["values"]["port"]) for r in by_type(saas_plan, "aws_lb_target_group_attachment"))
    # one per AZ and service: billing-api on its target port 8443, billing-export on its listener port 9000
    assert attachments == [("10.10.0.10", 8443), ("10.10.0.20", 9000), ("10.10.1.10", 8443), ("10.10.1.20", 9000), ("10.10.2.10", 8443), ("10.10.2.20", 9000)]
    targets = sorted((r["values"]["cidr_ipv4"], r["values"]["from_port"], r["values"]["ip_protocol"]) for r in by_type(saas_plan, "aws_vpc_security_group_ingress_rule") if r["name"] == "targets")
    assert targets == [(None, 8443, "tcp"), (None, 9000, "tcp")]  # the NLB's group (a reference, known after apply), on the target ports only
    for service in by_type(saas_plan, "aws_vpc_endpoint_service"):
        assert service["values"]["acceptance_required"] is True
        assert "*" not in service["values"]["allowed_principals"]
