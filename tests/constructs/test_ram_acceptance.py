"""RAM acceptance per consumer (issue 23, review D9): an accepter only where an invitation exists.

An account outside the share owner's organization receives an invitation and
accepts it; one inside it (RAM sharing with AWS Organizations enabled) gets the
share without one, and an accepter there fails ("No pending RAM Resource Share
invitation found": hashicorp/terraform-provider-aws internal/service/ram/resource_share_accepter.go;
https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ram_principal_association).
"""

from __future__ import annotations

import pytest

from plgen.blueprint import parse_source, validate
from plgen.compiler import rules_for
from plgen.interfaces.root import root_data
from plgen.patterns import PATTERNS
from tests.conftest import requires_terraform
from tests.patterns.topology import edited
from tests.verify.test_offline_plan import planned

# `orders` is in the provider's organization; analytics and partners (unset) are outside it, as the share allows.
IN_ORG = edited("resource-access", ('    account_id: "222222222222"\n', '    account_id: "222222222222"\n    organization: internal\n'))


def accepts(text: str) -> dict[str, dict[str, bool]]:
    data = root_data(validate(parse_source(text, "bp.yaml"), rules_for, PATTERNS))["resource_consumers"]
    out = {}
    for name, consumer in data.items():
        out[name] = {key: e["accept"] for key, e in consumer["resource_endpoints"].items()}
        if consumer.get("service_network_endpoint"):
            out[name]["service-network"] = consumer["service_network_endpoint"]["accept"]
    return out


def test_only_consumers_outside_the_organization_accept_an_invitation():
    assert accepts(IN_ORG) == {
        "orders": {"datacenter/postgres": False, "datacenter/pricing-api": False},
        "analytics": {"datacenter/postgres": True},
        "partners": {"service-network": True},
    }


def test_unset_the_provider_s_external_principals_decide_as_before():
    assert accepts(edited("resource-access"))["orders"] == {"datacenter/postgres": True, "datacenter/pricing-api": True}
    external = edited("resource-access", ('    account_id: "444444444444"\n', '    account_id: "444444444444"\n    organization: external\n'))
    assert accepts(external)["partners"] == {"service-network": True}


@requires_terraform
@pytest.mark.terraform
def test_the_plan_has_an_accepter_only_for_shares_that_arrive_as_invitations(tmp_path):
    accepters = sorted(
        (r["address"].split('"]')[0].rsplit('["', 1)[1], r["index"])
        for r in planned(tmp_path, "resource-access", IN_ORG, "json")
        if r["type"] == "aws_ram_resource_share_accepter"
    )
    assert accepters == [("analytics", "datacenter/postgres"), ("partners", "service-network")]
