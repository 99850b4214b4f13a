"""The proof and IPv6 clients: an IPv6-only endpoint must admit an address its own VPC can hold (issue 23, review D1).

A VPC plgen creates gets an Amazon-provided IPv6 block, assigned when it is
created; the clients of an IPv6-only endpoint hold addresses of it. A CIDR
written in the blueprint cannot be known to hold them (``2001:db8::/32``, the
documentation prefix, never does): only the module's rule on the VPC's own
``ipv6_cidr_block`` (``admit_own_vpc``) does. The proof FAILs the path
otherwise, and ``saas-dual-stack``'s IPv6-only consumer passes with it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from plgen.cli import main
from plgen.paths import FAIL, PASS
from tests.conftest import REPO
from tests.patterns.topology import edited

OUT = REPO / "modules_out"
V6 = "customer-v6 billing-provider/billing-api 443/TCP"
DUAL = "customer-dual billing-provider/billing-api 443/TCP"


def report_of(target: Path) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["paths", str(target), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def hops(report: dict) -> dict[tuple[str, str], tuple[str, str]]:
    return {(f"{p['consumer']} {p['endpoint']} {p['listener']}", h["hop"]): (h["status"], h["reason"]) for p in report["paths"] for h in p["hops"]}


@pytest.mark.parametrize("fmt", ["json", "hcl"])
def test_the_ipv6_only_consumer_passes_with_its_own_vpc_admitted(fmt):
    code, report = report_of(OUT / "saas-dual-stack" / fmt)
    assert code == 0
    seen = hops(report)
    assert seen[(V6, "source")] == (PASS, "the VPC's own addresses (admit_own_vpc)")
    assert seen[(V6, "security group")][0] == PASS and all(s == PASS for (path, _), (s, _) in seen.items() if path == V6)


def test_without_the_own_vpc_rules_both_consumers_fail_at_their_group(tmp_path):
    folder = tmp_path / "root"
    shutil.copytree(OUT / "saas-dual-stack" / "json", folder)
    main_tf = folder / "modules" / "consumer" / "main.tf.json"
    doc = json.loads(main_tf.read_text())
    del doc["resource"]["aws_vpc_security_group_ingress_rule"]["own_vpc"]
    main_tf.write_text(json.dumps(doc))
    code, report = report_of(folder)
    seen = hops(report)
    assert code == 1
    status, reason = seen[(V6, "security group")]
    assert status == FAIL and reason.startswith("does not admit any address its VPC can hold")
    status, reason = seen[(DUAL, "security group")]
    assert status == FAIL and "the VPC's own IPv6 block (admit_own_vpc" in reason


def test_an_ipv6_only_endpoint_admitting_only_a_written_range_fails(tmp_path):
    """The catalogue blueprint as it was: customer-v6 admitted ``2001:db8:3400::/48``, which its VPC can never hold."""
    text = edited(
        "saas-dual-stack",
        (
            "        # Its clients are in the VPC's Amazon-provided /56, known only once the VPC exists: the module admits it at apply.\n        admit_own_vpc: true\n",
            "        allowed_cidrs: [2001:db8:3400::/48]\n",
        ),
    )
    source = tmp_path / "saas-dual-stack.yaml"
    source.write_text(text)
    code, report = report_of(source)
    seen = hops(report)
    assert code == 1
    assert seen[(V6, "source")][0] == PASS
    status, reason = seen[(V6, "security group")]
    assert status == FAIL and "any address its VPC can hold" in reason and "Amazon-provided" in reason
    assert seen[(DUAL, "security group")][0] == PASS
