"""Blueprints outside the catalogue that must still plan: ``terraform plan`` offline against provider 5.100.

``validate``, ``render``, the path proof, ``terraform validate`` and the
modules' contract tests (mock provider) all accept a configuration the real
provider refuses at plan: its validators (``ConflictsWith``, ``AlsoRequires``,
CIDR types) run only in ``plan``. Each blueprint here combines documented
fields the catalogue does not combine; each is compiled, rendered in both
formats, and planned offline (fake credentials, ``-refresh=false``) in the
example root. A plan that fails is a defect users meet first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plgen.compiler import compile_paths
from tests.trees import write_tree
from plgen.verify.terraform import OFFLINE, Terraform, planned_resources, provider_aliases
from tests.conftest import requires_terraform
from tests.patterns.topology import edited

pytestmark = [pytest.mark.terraform, requires_terraform]

RDS_ARN = "arn:aws:rds:us-east-1:111111111111:cluster:orders"

# resource-access with a third resource given by ARN (an Aurora cluster), reached by `orders` on 5432.
ARN_RESOURCE = edited(
    "resource-access",
    (
        '    service_network:\n',
        f'      - name: orders-db\n        description: Orders Aurora cluster.\n        arn: {RDS_ARN}\n        share_with: ["222222222222"]\n    service_network:\n',
    ),
    (
        "        dns_name: pricing.corp.example.com\n        allowed_cidrs: [10.61.0.0/16]\n",
        "        dns_name: pricing.corp.example.com\n        allowed_cidrs: [10.61.0.0/16]\n      - resource: orders-db\n        ports: [5432]\n        allowed_cidrs: [10.61.0.0/16]\n",
    ),
)


def planned(tmp_path: Path, name: str, text: str, fmt: str) -> list[dict]:
    """Compile ``text`` alone, render ``fmt``, and plan its example root offline: every planned resource instance."""
    source = tmp_path / f"{name}.yaml"
    source.write_text(text)
    (output,) = compile_paths([source], ("json", fmt))
    out = tmp_path / "out"
    write_tree(out, output.name, output.files)
    root = out / output.name / fmt
    tf = Terraform(root)
    tf.override_provider(OFFLINE, provider_aliases(out / output.name / "json"))
    tf.init()
    return planned_resources(tf.plan_json())


@pytest.mark.parametrize("fmt", ["json", "hcl"])
def test_a_lattice_resource_given_by_arn_plans_with_neither_protocol_nor_port_ranges(tmp_path, fmt):
    """The provider's ``arn_resource`` block ``ConflictsWith`` ``port_ranges`` and ``protocol``: an ARN resource sets neither.

    hashicorp/terraform-provider-aws internal/service/vpclattice/resource_configuration.go (``arn_resource``:
    ``listvalidator.ConflictsWith(path.MatchRoot("port_ranges"), path.MatchRoot("protocol"))``; ``dns_resource``
    and ``ip_resource`` ``AlsoRequires`` ``port_ranges``).
    """
    configs = {
        r["index"]: r["values"]
        for r in planned(tmp_path, "resource-access", ARN_RESOURCE, fmt)
        if r["type"] == "aws_vpclattice_resource_configuration"
    }
    assert sorted(configs) == ["orders-db", "postgres", "pricing-api"]
    arn = configs["orders-db"]
    assert arn["type"] == "ARN"
    assert arn["resource_configuration_definition"][0]["arn_resource"] == [{"arn": RDS_ARN}]
    assert "protocol" not in arn or arn["protocol"] is None
    assert "port_ranges" not in arn or arn["port_ranges"] is None
    assert configs["postgres"]["protocol"] == "TCP" and configs["postgres"]["port_ranges"] == ["5432"]
    assert configs["pricing-api"]["type"] == "SINGLE" and sorted(configs["pricing-api"]["port_ranges"]) == ["443", "8443-8444"]


# saas-dual-stack with the NLB evaluating PrivateLink traffic: the consumers' IPv6 clients reach the NLB's group. The
# NLB can name no block assigned at the consumer VPC's creation (rule own-vpc-sources), so the clients are named.
DUAL_STACK_ENFORCED = edited(
    "saas-dual-stack",
    ("          ip_address_type: dualstack   # needed for the service to support IPv6\n", "          ip_address_type: dualstack   # needed for the service to support IPv6\n          enforce_inbound_rules_on_privatelink: true\n"),
    ("        admit_own_vpc: true            # the VPC's own clients: 10.20.0.0/16 and its Amazon-provided IPv6 /56 (read at apply)\n", "          - 10.20.0.0/16\n"),
    (
        "        # Its clients are in the VPC's Amazon-provided /56, known only once the VPC exists: the module admits it at apply.\n        admit_own_vpc: true\n",
        "        allowed_cidrs: [2001:db8:3400::/48]\n",
    ),
)


@pytest.mark.parametrize("fmt", ["json", "hcl"])
def test_a_dual_stack_nlb_enforcing_inbound_rules_admits_ipv6_clients_in_cidr_ipv6_rules(tmp_path, fmt):
    """``cidr_ipv4`` takes an IPv4 CIDR only (the provider refuses an IPv6 one at plan); IPv6 sources go to ``cidr_ipv6``.

    https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/vpc_security_group_ingress_rule
    (``cidr_ipv4``: "The source IPv4 CIDR range", ``cidr_ipv6``: "The source IPv6 CIDR range").
    """
    rules = [
        r["values"]
        for r in planned(tmp_path, "saas-dual-stack", DUAL_STACK_ENFORCED, fmt)
        if r["type"] == "aws_vpc_security_group_ingress_rule" and r["name"] == "nlb"
    ]
    admitted = sorted(((r.get("cidr_ipv4"), r.get("cidr_ipv6"), r["from_port"]) for r in rules), key=str)
    assert admitted == [
        ("10.20.0.0/16", None, 443),
        (None, "2001:db8:1200::/48", 443),
        (None, "2001:db8:3400::/48", 443),
    ]
