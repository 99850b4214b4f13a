"""Issue 25 item 4: the opt-in ``verify`` unit (Reachability Analyzer from a probe to each interface endpoint),
read from the compiled catalogue (saas: customer-acme opts in, customer-globex does not)."""

from __future__ import annotations

import json

from tests.conftest import module

VERIFY = "modules/consumer-verify"
UNIT = "consumer-customer-acme-consumer-verify"


def test_the_probe_sits_in_a_consumer_subnet_and_reaches_only_each_endpoints_group(catalogue):
    doc = module(catalogue, "saas", VERIFY)
    resources = doc["resource"]
    eni = resources["aws_network_interface"]["probe"]
    assert eni["subnet_id"] == "${var.subnet_id}" and eni["security_groups"] == ["${aws_security_group.probe.id}"]
    group = resources["aws_security_group"]["probe"]
    assert group["vpc_id"] == "${var.vpc_id}"
    assert "aws_vpc_security_group_ingress_rule" not in resources  # the probe admits nothing
    egress = resources["aws_vpc_security_group_egress_rule"]["probe"]
    # to the endpoint's own group on the listener port, never a CIDR
    assert egress["referenced_security_group_id"] == "${each.value.security_group_id}" and "cidr_ipv4" not in egress
    assert (egress["from_port"], egress["to_port"], egress["ip_protocol"]) == ("${each.value.port}", "${each.value.port}", "${each.value.ip_protocol}")


def test_each_endpoint_and_port_gets_a_path_and_an_analysis_that_must_find_it(catalogue):
    resources = module(catalogue, "saas", VERIFY)["resource"]
    path = resources["aws_ec2_network_insights_path"]["this"]
    assert path["source"] == "${aws_network_interface.probe.id}"
    assert (path["destination"], path["destination_port"], path["protocol"]) == ("${each.value.endpoint_id}", "${each.value.port}", "${each.value.ip_protocol}")
    assert path["depends_on"] == ["aws_vpc_security_group_egress_rule.probe"]
    analysis = resources["aws_ec2_network_insights_analysis"]["this"]
    assert analysis["network_insights_path_id"] == "${aws_ec2_network_insights_path.this[each.key].id}"
    assert analysis["wait_for_completion"] is True
    [post] = analysis["lifecycle"]["postcondition"]
    assert post["condition"] == "${self.path_found}" and "finds no path" in post["error_message"]
    [pre] = analysis["lifecycle"]["precondition"]
    assert pre["condition"] == '${each.value.state == "available"}'
    outputs = module(catalogue, "saas", VERIFY)["output"]
    assert outputs["path_found"]["value"] == "${{ for key, analysis in aws_ec2_network_insights_analysis.this : key => analysis.path_found }}"
    # what Reachability Analyzer cannot see from the consumer's account is listed, not claimed
    assert any("NLB listener" in hop for hop in outputs["proven_by_plgen_only"]["value"])


def test_the_verify_unit_is_the_opted_in_consumers_own_after_the_acceptance(catalogue):
    compiled = catalogue["saas"].compiled
    order = [u.name for u in compiled.units]
    units = {u.name: u for u in compiled.units}
    verify = units[UNIT]
    assert (verify.side, verify.team, verify.account, verify.calls) == ("consumer", "customer-acme", "222222222222", ("consumer_verify_us_east_1",))
    reads = dict(verify.depends_on)
    assert reads == {
        "consumer-customer-acme": ("consumer_us_east_1.endpoints", "consumer_us_east_1.subnet_ids", "consumer_us_east_1.vpc_id"),
        "provider-billing-provider-endpoint-acceptance": ("acceptance_us_east_1.accepted",),
    }
    assert order.index(UNIT) > order.index("provider-billing-provider-endpoint-acceptance")
    # a unit of its own, not folded into the private-DNS pass: re-applied alone to ask AWS again
    assert units["consumer-customer-acme-consumer-private-dns"].calls == ("consumer_private_dns_us_east_1",)
    assert not any("globex" in name and "verify" in name for name in units)  # globex did not opt in
    manifest = json.loads(catalogue["saas"].files["json/units/units.json"])
    assert UNIT in manifest["order"][-1]


def test_only_the_opted_in_side_is_verified(catalogue):
    compiled = catalogue["saas"].compiled
    consumers = compiled.inputs["service_consumers"]
    assert consumers["customer-acme"]["verify"] is True and "verify" not in consumers["customer-globex"]
    call = compiled.unit_modules[UNIT]["module"]["consumer_verify_us_east_1"]
    assert call["for_each"] == '${{ for name, side in var.service_consumers : name => side if side.region == "us-east-1" && side.verify }}'
    assert list(compiled.unit_inputs[UNIT]["service_consumers"]) == ["customer-acme"]
    for name, out in catalogue.items():
        if name != "saas":
            assert VERIFY not in out.compiled.modules, name
