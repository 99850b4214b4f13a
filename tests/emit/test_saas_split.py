"""SaaS split across organisations: the vendor's provider-only blueprint and each customer's consumer-only one.

Each organisation renders its own blueprint; nothing joins them but the hand-off
files ``units.json`` names (``plgen.assemble.handoff``): the customer's unit
publishes its endpoints as ``handoffs/<customer>.consumer_<region>.json``, the
vendor's acceptance unit reads exactly that file. No unit reads the other
organisation's state.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

VENDOR = "saas-vendor"
CUSTOMERS = ("saas-customer-acme", "saas-customer-globex")


def _manifest(output) -> dict:
    return json.loads(output.files["json/units/units.json"])


def _tfvars(output, unit: str) -> dict:
    return json.loads(output.files[f"json/units/{unit}/terraform.tfvars.json"])


@pytest.mark.parametrize("name", [VENDOR, *CUSTOMERS])
def test_no_unit_reads_another_organisations_state(catalogue, name):
    """Every remote state a unit reads is a unit of its own blueprint (its own side's), never the other organisation's."""
    out = catalogue[name]
    units = {u["name"] for u in _manifest(out)["units"]}
    for unit in units:
        doc = out.compiled.unit_modules[unit]
        states = _tfvars(out, unit).get("remote_states", {})
        assert set(doc.get("data", {}).get("terraform_remote_state", {})) == set(states)
        for producers in states.values():
            for producer, config in producers.items():
                assert producer in units, f"{unit} reads the state of {producer}, not a unit of {name}"
                assert config == {"path": f"../{producer}/terraform.tfstate"}
    if name != VENDOR:  # a customer's units read nothing of the vendor but the service name written in its blueprint
        assert all(not u["depends_on"] and not u["handoff_files"] and not u["handoffs_in"] for u in _manifest(out)["units"])


def test_each_file_the_vendor_expects_is_published_by_a_customer_under_exactly_that_name(catalogue):
    (accept,) = [u for u in _manifest(catalogue[VENDOR])["units"] if u["handoffs_in"]]
    assert accept["name"] == "provider-billing-provider-endpoint-acceptance"
    expected = {(h["file"], h["output"]) for h in accept["handoffs_in"]}
    published = {
        (h["file"], h["output"]): (name, u["name"], h["to_organisation"])
        for name in CUSTOMERS
        for u in _manifest(catalogue[name])["units"]
        for h in u["handoffs_out"]
    }
    assert expected == set(published) == {
        ("handoffs/customer-acme.consumer_us_east_1.json", "consumer_us_east_1"),
        ("handoffs/customer-globex.consumer_us_east_1.json", "consumer_us_east_1"),
    }
    assert {v[2] for v in published.values()} == {"billing-provider"}
    # the publishing unit has the output the command saves, holding the endpoints the vendor reads
    for (file, output), (name, unit, _) in published.items():
        assert "endpoints = m.endpoints" in catalogue[name].compiled.unit_modules[unit]["output"][output]["value"]
    # the acceptance unit reads those same files (its tfvars) and nothing else of the customers
    tfvars = _tfvars(catalogue[VENDOR], accept["name"])
    assert {c["handoff"] for c in tfvars["external_consumers"].values()} == {f for f, _ in expected}
    assert "handoffs" not in tfvars and set(tfvars["remote_states"]) == {"provider_us_east_1"}


def test_the_customer_publishes_its_endpoints_with_the_command_that_names_the_vendors_file(catalogue):
    (unit,) = _manifest(catalogue["saas-customer-acme"])["units"]
    assert unit["handoffs_out"] == [
        {
            "to_organisation": "billing-provider",
            "output": "consumer_us_east_1",
            "file": "handoffs/customer-acme.consumer_us_east_1.json",
            "command": "terraform -chdir=consumer-customer-acme output -json consumer_us_east_1 > customer-acme.consumer_us_east_1.json",
        }
    ]


def test_the_vendor_allows_each_customers_principal_and_accepts_only_from_hand_off_files(catalogue):
    out = catalogue[VENDOR]
    service = _tfvars(out, "provider-billing-provider")["service_providers"]["billing-provider"]["services"]["billing-api"]
    assert service["acceptance_required"] is True
    assert service["allowed_principals"] == ["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:role/platform-network"]
    assert service["notifications"]["events"] == ["Accept", "Connect", "Delete", "Reject"]
    accept = out.compiled.unit_modules["provider-billing-provider-endpoint-acceptance"]
    files = accept["locals"]["external_endpoints"]
    assert 'fileexists("${path.module}/${c.handoff}")' in files and "jsondecode(file(" in files
    # the example root takes the same values as a variable, empty by default: it reads no file
    root = out.compiled.modules["."]
    assert root["locals"]["external_endpoints"] == "${var.external_endpoints}" and root["variable"]["external_endpoints"]["default"] == {}
    order = _manifest(out)["order"]
    assert order == [["provider-billing-provider"], ["provider-billing-provider-endpoint-acceptance"]]


def test_the_vendor_proves_its_side_of_each_customers_path_and_says_the_customers_side_is_not_its_own(catalogue):
    from plgen.paths import FAIL, PASS, WARN, Root, prove

    out = catalogue[VENDOR]
    paths = prove(Root.modules(out.compiled.modules, out.compiled.inputs))
    assert sorted((p.consumer, p.endpoint, p.listener) for p in paths) == [
        ("customer-acme", "billing-provider/billing-api", "443/TLS"),
        ("customer-globex", "billing-provider/billing-api", "443/TLS"),
    ]
    for p in paths:
        assert [(h.name, h.status) for h in p.hops] == [
            ("consumer side", WARN), ("acceptance", PASS), ("listener", PASS), ("target group", PASS), ("targets", PASS)
        ]
    # a customer whose principal the service does not allow fails at acceptance
    inputs = json.loads(json.dumps(out.compiled.inputs))
    inputs["service_providers"]["billing-provider"]["services"]["billing-api"]["allowed_principals"].remove("arn:aws:iam::222222222222:root")
    (acme,) = [p for p in prove(Root.modules(out.compiled.modules, inputs)) if p.consumer == "customer-acme"]
    assert acme.status == FAIL and "not an allowed principal" in acme.hops[1].reason


def test_the_vendors_catalogue_page_names_each_customer_and_the_file_it_hands_over(catalogue):
    from plgen.docs.catalogue import customer_rows

    assert customer_rows(catalogue[VENDOR].compiled.blueprint) == [
        {"name": "customer-acme", "principal": "222222222222", "service": "billing-provider/billing-api", "file": "handoffs/customer-acme.consumer_us_east_1.json"},
        {
            "name": "customer-globex",
            "principal": "arn:aws:iam::333333333333:role/platform-network",
            "service": "billing-provider/billing-api",
            "file": "handoffs/customer-globex.consumer_us_east_1.json",
        },
    ]
    page = (Path(__file__).resolve().parents[2] / "docs" / "catalogue" / f"{VENDOR}.md").read_text()
    assert "| `customer-acme` | `222222222222` | `billing-provider/billing-api` | `handoffs/customer-acme.consumer_us_east_1.json` |" in page
