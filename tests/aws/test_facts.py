"""The AWS facts plgen.aws holds, as the rest of plgen relies on them."""

from __future__ import annotations

import ipaddress
import json
import re
from pathlib import Path

import pytest

from plgen.aws import addresses, arns, iam, protocols, regions
from plgen.aws.names import bucket_problem, covers, tag_problem
from plgen.aws.protocols import Protocol

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("listener", "ip", "target"),
    [("TCP", ("tcp",), "TCP"), ("TLS", ("tcp",), "TCP"), ("UDP", ("udp",), "UDP"), ("TCP_UDP", ("tcp", "udp"), "TCP_UDP")],
)
def test_a_listener_protocol_is_one_or_two_ip_protocols_and_names_its_target_protocol(listener, ip, target):
    assert Protocol(listener).ip_protocols == ip
    assert protocols.IP_PROTOCOLS[listener] == ip  # a plain string looks the enum's entries up too (tfvars, live reads)
    assert Protocol(listener).target_protocol == target


def test_every_listener_protocol_has_an_ip_protocol_and_a_target_protocol():
    assert set(protocols.IP_PROTOCOLS) == set(Protocol) == set(protocols.TARGET_PROTOCOL)
    assert set(protocols.NETWORK_ONLY) == set(Protocol) - {Protocol.TCP}


def _nets(*cidrs: str):
    return [ipaddress.ip_network(c) for c in cidrs]


@pytest.mark.parametrize(
    ("cidrs", "covered"),
    [
        (("0.0.0.0/0",), {4}),
        (("0.0.0.0/1", "128.0.0.0/1"), {4}),
        (("::/1", "8000::/1"), {6}),
        (("0::/0", "10.0.0.0/8"), {6}),
        (("0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/2", "::/0"), {4, 6}),
        (("0.0.0.0/1", "128.0.0.0/2"), set()),
        (("10.0.0.0/8", "fc00::/7"), set()),
        ((), set()),
    ],
)
def test_the_internet_is_found_as_a_union_of_networks_in_each_family(cidrs, covered):
    assert addresses.covers_everything(_nets(*cidrs)) == covered


def test_the_internet_spelt_as_text_is_the_internet_as_networks():
    assert tuple(ipaddress.ip_network(addresses.EVERYTHING[v]) for v in (4, 6)) == addresses.INTERNET
    assert all(addresses.is_everything(n) for n in addresses.INTERNET)


def test_the_public_part_of_a_network_leaves_out_private_space_only():
    assert addresses.public_part(ipaddress.ip_network("10.0.0.0/8")) == []
    assert addresses.public_part(ipaddress.ip_network("10.1.0.0/16")) == []
    assert sum(n.num_addresses for n in addresses.public_part(ipaddress.ip_network("0.0.0.0/0"))) == 2**32 - sum(
        n.num_addresses for n in addresses.PRIVATE[4]
    )
    assert addresses.public_part(ipaddress.ip_network("203.0.113.0/24")) == _nets("203.0.113.0/24")
    # Documentation ranges are public space (they never route, but they are not private).
    assert all(addresses.public_part(n) == [n] for family in addresses.DOCUMENTATION.values() for n in family)


@pytest.mark.parametrize("partition", arns.PARTITIONS)
def test_the_arn_formats_take_every_partition(partition):
    assert arns.PRINCIPAL.fullmatch(f"arn:{partition}:iam::123456789012:root")
    assert re.fullmatch(arns.ROLE_ARN, f"arn:{partition}:iam::123456789012:role/flow-logs")
    assert re.fullmatch(arns.CERTIFICATE_ARN, f"arn:{partition}:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0")
    assert re.fullmatch(arns.FLOW_LOG_DESTINATION, f"arn:{partition}:s3:::flow-logs-bucket/vpc")
    assert arns.RESOURCE_ARN.fullmatch(f"arn:{partition}:rds:us-east-1:123456789012:cluster:orders")
    assert not arns.PRINCIPAL.fullmatch(f"arn:{partition.replace('aws', 'gcp')}:iam::123456789012:root")


def test_region_and_az_id_formats_agree_with_the_region_table():
    for region, prefix in regions.AZ_PREFIX.items():
        assert re.fullmatch(regions.REGION, region), region
        assert re.fullmatch(regions.AZ_ID, f"{prefix}-az1"), prefix
        assert not re.fullmatch(regions.AZ_ID, f"{region}a") and regions.AZ_NAME.fullmatch(f"{region}a"), region


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("flow-logs-1", None),
        ("ab", "3-63 lowercase"),
        ("a..b", "two adjacent periods"),
        ("192.168.1.1", "IP address"),
        ("xn--bucket", "reserves 'xn--'"),
        ("logs--x-s3", "reserves '--x-s3'"),
    ],
)
def test_bucket_names_follow_s3s_rules(name, problem):
    found = bucket_problem(name)
    assert (found is None) if problem is None else (problem in found)


def test_tag_rules_and_certificate_coverage():
    assert tag_problem("team", "tag key", 128, 1) is None
    assert "reserves" in tag_problem("AWS:team", "tag key", 128, 1)
    assert "has '!'" in tag_problem("team!", "tag key", 128, 1)
    assert covers("*.example.com", "api.example.com") and not covers("*.example.com", "a.api.example.com")


def _emitted_types() -> set[str]:
    """Every resource and data source type in the rendered catalogue (JSON and HCL hold the same resources)."""
    found: set[str] = set()
    for path in (REPO / "modules_out").rglob("*.tf.json"):
        document = json.loads(path.read_text())
        found |= set(document.get("resource", {}))
        found |= {f"data.{t}" for t in document.get("data", {})}
    return found


def test_every_resource_type_plgen_emits_has_its_iam_actions():
    emitted = _emitted_types()
    assert "aws_vpc_endpoint" in emitted and "data.terraform_remote_state" in emitted, "modules_out/ was not read"
    assert not emitted - set(iam.ACTIONS), f"no IAM actions for {sorted(emitted - set(iam.ACTIONS))}: add them to plgen/aws/iam.py"
    assert not set(iam.ACTIONS) - emitted, f"IAM actions for types plgen no longer emits: {sorted(set(iam.ACTIONS) - emitted)}"


def test_iam_actions_are_service_prefixed_and_cover_the_cross_region_and_role_passing_cases():
    for kind, actions in iam.ACTIONS.items():
        assert actions.read, kind
        assert all(re.fullmatch(r"[a-z0-9-]+:[A-Z][A-Za-z0-9]+", a) for a in actions.all), kind
        assert kind.startswith("data.") or actions.create, kind
    assert "vpce:AllowMultiRegion" in iam.ACTIONS["aws_vpc_endpoint"].when["service_region"]
    assert "vpce:AllowMultiRegion" in iam.ACTIONS["aws_vpc_endpoint_service"].when["supported_regions"]
    assert "iam:PassRole" in iam.ACTIONS["aws_flow_log"].all


def test_ip_address_type_tables_agree_on_the_families_each_type_carries():
    """An endpoint's subnets carry its families, and its DNS records name only addresses it has."""
    families = addresses.IP_FAMILIES
    for kind, subnets in addresses.ENDPOINT_SUBNETS.items():
        assert all(families[kind] <= families[s] for s in subnets), kind
    for kind, records in addresses.DNS_RECORD_IP_TYPES.items():
        assert all(families.get(r, set()) <= families[kind] for r in records), kind
        assert "service-defined" in records and kind in records
