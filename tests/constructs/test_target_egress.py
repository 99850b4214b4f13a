"""The NLB reaches its in-VPC IP targets without a manual step (issue 23, review D7).

Health checks obey the NLB group's outbound rules ("Health checks are subject
to outbound rules", https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html).
A rule referencing the targets' group matches only its members, and nothing
puts an IP target in it; so each in-VPC IP target is let out by its own /32,
on its traffic and health-check ports, as the off-VPC ones are.
"""

from __future__ import annotations

import pytest

from plgen.blueprint import load
from plgen.interfaces.endpoint_service import remote_targets, vpc_targets
from tests.conftest import requires_terraform
from tests.patterns.topology import REPO, edited
from tests.verify.test_offline_plan import planned

CHECKED = ("          cross_zone: true\n", "          cross_zone: true\n          health_check: {protocol: HTTP, port: 8081, path: /healthz}\n")


def test_each_in_vpc_ip_target_is_let_out_alone_on_its_traffic_and_check_ports(tmp_path):
    path = tmp_path / "saas.yaml"
    path.write_text(edited("saas", CHECKED))
    service = load(path).providers[0].services[0]
    assert sorted(vpc_targets(service)) == [f"10.10.{n}.10/32/tcp/{port}" for n in range(3) for port in (8081, 8443)]
    assert vpc_targets(service)["10.10.0.10/32/tcp/8443"] == {"cidr": "10.10.0.10/32", "port": 8443, "ip_protocol": "tcp"}


def test_in_vpc_and_off_vpc_targets_each_get_their_own_rules():
    service = load(REPO / "blueprints" / "hybrid.yaml").providers[0].services[0]
    in_vpc = {rule["cidr"] for rule in vpc_targets(service).values()}
    off_vpc = {rule["cidr"] for rule in remote_targets(service).values()}
    assert in_vpc == {"10.40.0.20/32", "10.40.1.20/32"}
    assert off_vpc and not in_vpc & off_vpc


@requires_terraform
@pytest.mark.terraform
def test_the_plan_lets_the_nlb_out_to_each_in_vpc_ip_target(tmp_path):
    egress = sorted(
        (r["index"], r["values"]["cidr_ipv4"], r["values"]["from_port"])
        for r in planned(tmp_path, "saas", (REPO / "blueprints" / "saas.yaml").read_text(), "json")
        if r["type"] == "aws_vpc_security_group_egress_rule" and r["name"] == "nlb_vpc_targets"
    )
    # billing-api's targets on 8443 (TLS 443 -> 8443); billing-export's on 9000 (TCP 9000)
    assert [(cidr, port) for _, cidr, port in egress] == [(f"10.10.{n}.{t}/32", port) for t, port in ((10, 8443), (20, 9000)) for n in range(3)]
