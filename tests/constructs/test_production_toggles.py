"""Production toggles on the NLB: each off (or AWS's default) unless the blueprint names it.

Health checks: TCP on the traffic port every 30 s, 3/3 thresholds, unless
``nlb.health_check`` says otherwise; a named check port is admitted by the
targets' group and let out by the NLB's. Deletion protection: off unless named.
"""

from __future__ import annotations

import pytest

from plgen.blueprint import load
from plgen.interfaces.endpoint_service import health_check, remote_targets, target_ports
from tests.conftest import blueprint_ids, module
from tests.patterns.topology import edited

CHECKED = (
    "          cross_zone: true\n",
    "          cross_zone: true\n          deletion_protection: true\n"
    "          health_check: {protocol: HTTP, port: 8081, path: /healthz, interval: 10, healthy_threshold: 2, unhealthy_threshold: 4}\n",
)


@pytest.mark.parametrize("name", blueprint_ids())
def test_by_default_a_tcp_check_on_the_traffic_port_and_no_deletion_protection(catalogue, name):
    for side in catalogue[name].compiled.inputs.get("service_providers", {}).values():  # resource access has no NLB
        for service in side["services"].values():
            assert service["health_check"] == {"protocol": "TCP", "port": "traffic-port", "path": None, "interval": 30, "healthy_threshold": 3, "unhealthy_threshold": 3}
            assert service["deletion_protection"] is False


def test_the_module_wires_every_toggle_to_its_argument(catalogue):
    doc = module(catalogue, "saas", "modules/endpoint-service")
    assert doc["resource"]["aws_lb"]["this"]["enable_deletion_protection"] == "${each.value.deletion_protection}"
    check = doc["resource"]["aws_lb_target_group"]["this"]["health_check"]
    assert {k: v for k, v in check.items() if k != "enabled"} == {k: f"${{each.value.health_check.{k}}}" for k in ("protocol", "port", "path", "interval", "healthy_threshold", "unhealthy_threshold")}


def test_a_named_check_is_passed_on_and_its_port_opened_between_the_nlb_and_the_targets(tmp_path):
    path = tmp_path / "saas.yaml"
    path.write_text(edited("saas", CHECKED))
    bp = load(path)
    service = bp.providers[0].services[0]
    assert health_check(service) == {"protocol": "HTTP", "port": "8081", "path": "/healthz", "interval": 10, "healthy_threshold": 2, "unhealthy_threshold": 4}
    assert service.nlb.deletion_protection is True
    assert target_ports(service) == [{"port": 8081, "ip_protocol": "tcp"}, {"port": 8443, "ip_protocol": "tcp"}]
    assert remote_targets(service) == {}


def test_connection_termination_is_off_unless_named_and_reaches_the_target_group(catalogue, tmp_path):
    """Open connections to a deregistered target are closed when its delay ends only if the blueprint says so."""
    from plgen.compiler import compile_paths

    doc = module(catalogue, "saas", "modules/endpoint-service")
    assert doc["resource"]["aws_lb_target_group"]["this"]["connection_termination"] == "${each.value.connection_termination}"
    assert "connection_termination = spec.connection_termination" in doc["locals"]["listeners"]
    named = tmp_path / "saas.yaml"
    named.write_text(edited("saas", ("          cross_zone: true\n", "          cross_zone: true\n          connection_termination: true\n")))
    [output] = compile_paths([named], ("json",))
    services = {key: s["connection_termination"] for side in output.compiled.inputs["service_providers"].values() for key, s in side["services"].items()}
    assert list(services.values()).count(True) == 1 and set(services.values()) == {True, False}, services
