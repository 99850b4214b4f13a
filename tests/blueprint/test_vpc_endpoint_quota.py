"""AWS PrivateLink's per-VPC endpoint quotas (rule ``vpc-endpoint-quota``): what ``plgen validate`` says of a VPC past
them, and that a raised quota, declared, is honoured. The refusal's golden message is the bad-corpus fixture
``consumer-vpc-over-50-interface-endpoints``."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from plgen.cli import main

FIXTURE = Path(__file__).resolve().parents[1] / "bad" / "consumer-vpc-over-50-interface-endpoints" / "blueprint.yaml"


def validate(tmp_path: Path, doc: dict):
    path = tmp_path / "blueprint.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return CliRunner().invoke(main, ["validate", str(path)])


@pytest.fixture
def doc() -> dict:
    """The fixture: one consumer VPC (the provider's account) with 51 interface endpoints."""
    return yaml.safe_load(FIXTURE.read_text())


def test_fifty_one_endpoints_are_refused_at_the_endpoints_list(tmp_path, doc):
    result = validate(tmp_path, doc)
    assert result.exit_code == 2, result.output
    assert "consumers[0].endpoints: 51 interface endpoints in one VPC; AWS allows 50 per VPC" in result.output
    assert "1 problem found" in result.output


def test_fifty_endpoints_are_within_the_default(tmp_path, doc):
    doc["consumers"][0]["endpoints"].pop()
    result = validate(tmp_path, doc)
    assert result.exit_code == 0, result.output


def test_a_raised_quota_declared_is_counted_against(tmp_path, doc):
    doc["consumers"][0]["interface_endpoint_quota"] = 60
    assert validate(tmp_path, doc).exit_code == 0
    doc["consumers"][0]["interface_endpoint_quota"] = 40
    doc["consumers"][0]["endpoints"] = doc["consumers"][0]["endpoints"][:41]
    result = validate(tmp_path, doc)
    assert result.exit_code == 2
    assert "41 interface endpoints in one VPC; its declared quota is 40" in result.output


def test_consumers_sharing_one_existing_vpc_are_counted_together(tmp_path, doc):
    first = doc["consumers"][0]
    first["vpc"] = {"id": "vpc-0a1b2c3d4e5f60718", "existing_cidr": "10.1.0.0/16", "subnet_ids": {"use1-az1": "subnet-0a1b2c3d4e5f60711", "use1-az2": "subnet-0a1b2c3d4e5f60712"}}
    second = {**first, "name": "app-two", "endpoints": first["endpoints"][26:]}
    first["endpoints"] = first["endpoints"][:26]
    doc["consumers"].append(second)
    result = validate(tmp_path, doc)
    assert result.exit_code == 2, result.output
    assert "consumers[1].endpoints: 51 interface endpoints in one VPC (the VPC of app, app-two)" in result.output
    second["vpc"] = {**second["vpc"], "id": "vpc-0a1b2c3d4e5f60719"}  # another VPC: each holds its own 26 and 25
    assert validate(tmp_path, doc).exit_code == 0, validate(tmp_path, doc).output


def test_two_hundred_and_one_resource_endpoints_are_refused(tmp_path):
    """AWS's "Resource VPC endpoints per VPC: 200": the resource-access blueprint's orders VPC given 201 resources."""
    doc = yaml.safe_load((Path(__file__).resolve().parents[2] / "blueprints" / "resource-access.yaml").read_text())
    provider = doc["providers"][0]
    provider.pop("service_network")
    provider["resources"] = [
        {"name": f"db{n:03d}", "ip": f"192.168.20.{n % 250 + 1}" if n < 250 else f"192.168.21.{n % 250 + 1}", "port_ranges": [str(5000 + n)], "share_with": ["222222222222"]}
        for n in range(201)
    ]
    orders = next(c for c in doc["consumers"] if c["name"] == "orders")
    orders["resource_endpoints"] = [{"resource": f"db{n:03d}", "allowed_cidrs": ["10.61.0.0/16"]} for n in range(201)]
    doc["consumers"] = [orders]
    result = validate(tmp_path, doc)
    assert result.exit_code == 2, result.output
    assert "consumers[0].resource_endpoints: 201 resource endpoints in one VPC; AWS allows 200 per VPC by default" in result.output
    assert "1 problem found" in result.output
    orders["resource_endpoints"].pop()
    assert validate(tmp_path, doc).exit_code == 0, validate(tmp_path, doc).output
