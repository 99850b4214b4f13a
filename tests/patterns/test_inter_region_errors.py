"""The constraints the inter-region patterns enforce, each with the message a user reads (exit 2)."""

from __future__ import annotations

import pytest

from tests.patterns.topology import edited, validate_text

SERVICE = "inter-region-service"
CONSUMER = "inter-region-consumer"
HOME_FLEET = """        vpc:
          cidr: 10.40.0.0/16
        azs: [use1-az1, use1-az2]"""
EXISTING_FLEET = """        vpc:
          id: vpc-0a1b2c3d4e5f60718
          existing_cidr: 10.40.0.0/16
          route_table_ids: [rtb-0a1b2c3d4e5f60718]"""
SHOP_HOME = """      - name: shop-home                # the consumer's home Region: its workloads
        region: eu-central-1
        account_id: "666666666666"     # another team's account: its own module associates the friendly-name zone
        vpc:
          cidr: 10.90.0.0/16
        azs: [euc1-az1, euc1-az2]
"""


def many_peers(count: int) -> str:
    """``count`` home VPCs peered with one endpoint VPC, CIDRs disjoint from it and each other."""
    return "".join(
        f"      - name: home-{i}\n        region: eu-central-1\n        vpc:\n          cidr: 10.{100 + i}.0.0/16\n        azs: [euc1-az1]\n"
        for i in range(count)
    )


CASES = {
    "min-two-azs": (
        SERVICE,
        [("    azs: [euw1-az1, euw1-az2]\n    peers:", "    azs: [euw1-az1]\n    peers:")],
        "bp.yaml:15:5: providers[0].azs: an endpoint service needs at least two Availability Zones, got 1 (add a second AZ ID for high availability)",
    ),
    "consumer-azs-within-service": (
        SERVICE,
        [("    azs: [euw1-az1, euw1-az2]\n    endpoints:", "    azs: [euw1-az1, euw1-az3]\n    endpoints:")],
        "consumers[0].azs[1]: AZ euw1-az3 is not one of the service's AZs [euw1-az1, euw1-az2]",
    ),
    "peered-cidrs-disjoint": (
        SERVICE,
        [("          cidr: 10.40.0.0/16", "          cidr: 10.50.128.0/17"), ("10.40.0.10", "10.50.128.10"), ("10.40.1.10", "10.50.129.10")],
        "providers[0].peers[0].vpc: peered VPC CIDR 10.50.128.0/17 overlaps this side's VPC 10.50.0.0/16 (peering cannot route overlapping CIDRs)",
    ),
    "peering-limit": (
        CONSUMER,
        [(SHOP_HOME, many_peers(126))],
        "consumers[0].peers: 126 peering connections on one VPC; AWS allows at most 125 (use PrivateLink endpoints or a transit gateway instead)",
    ),
    "peered-fleet: no home fleet": (
        SERVICE,
        [("    peers:\n      - name: analytics-home           # the home Region: the instance fleet\n        region: us-east-1\n" + HOME_FLEET + "\n", "")],
        "bp.yaml:10:5: providers[0]: an inter-region endpoint service needs the home fleet's VPC under `peers`",
    ),
    "peered-fleet: fleet in the same Region": (
        SERVICE,
        [("        region: us-east-1\n", "        region: eu-west-1\n"), (HOME_FLEET, HOME_FLEET.replace("use1", "euw1"))],
        "providers[0].peers[0].region: the home fleet is in the provider's own Region eu-west-1",
    ),
    "peered-fleet: no peered target": (
        SERVICE,
        [("          - ip: 10.40.0.10\n            site: peered\n          - ip: 10.40.1.10\n            site: peered\n", "          - ip: 10.50.0.10\n")],
        "providers[0].services[0].targets: no target is in the peered home fleet (list the fleet's IPs as `ip` targets with `site: peered`)",
    ),
    "feature gate: consumer peers on an inter-region service": (
        SERVICE,
        [
            (
                "    endpoints:\n",
                "    peers:\n      - name: eu-home\n        region: us-west-2\n        vpc:\n          cidr: 10.61.0.0/16\n        azs: [usw2-az1]\n    endpoints:\n",
            )
        ],
        "consumers[0].peers: Peered home VPC (home-peering) is not part of the inter-region-service pattern; plgen would not build it (patterns that build it: inter-region-consumer)",
    ),
    "fleet-security-groups: created VPC": (
        SERVICE,
        [(HOME_FLEET, HOME_FLEET + "\n        security_group_ids: [sg-0a1b2c3d4e5f60718]")],
        "providers[0].peers[0].security_group_ids: security groups cannot exist yet in a VPC plgen creates",
    ),
    "fleet-security-groups: existing VPC": (
        SERVICE,
        [(HOME_FLEET, EXISTING_FLEET)],
        "providers[0].peers[0]: name the fleet's `security_group_ids`: they must admit the remote NLB's subnets on the target ports",
    ),
    "consumer-home-peering: no home VPC": (
        CONSUMER,
        [("    peers:\n" + SHOP_HOME, "")],
        "consumers[0]: an inter-region consumer needs its home VPC under `peers`",
    ),
    "consumer-home-peering: home in the same Region": (
        CONSUMER,
        [(SHOP_HOME, SHOP_HOME.replace("eu-central-1", "us-east-1").replace("euc1", "use1"))],
        "consumers[0].peers[0].region: the home VPC is in the endpoint VPC's own Region us-east-1",
    ),
    "feature gate: native cross-Region endpoint on an inter-region consumer": (
        CONSUMER,
        [
            ("    region: us-east-1                  # the service's Region: the endpoint lives here", "    region: us-west-2"),
            ("    azs: [use1-az1, use1-az2]\n    endpoints:", "    azs: [usw2-az1, usw2-az2]\n    endpoints:"),
            ("          acceptance_required: true\n", "          acceptance_required: true\n          supported_regions: [us-west-2]\n"),
        ],
        "providers[0].services[0].endpoint_service.supported_regions: Native cross-Region PrivateLink (cross-region) is not part of the inter-region-consumer pattern",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_constraint_violation_is_reported_with_its_field(tmp_path, case):
    name, replacements, expected = CASES[case]
    result = validate_text(tmp_path, edited(name, *replacements))
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert "Traceback" not in result.output


def test_bundled_inter_region_blueprints_are_valid(tmp_path):
    for name in (SERVICE, CONSUMER):
        result = validate_text(tmp_path, edited(name))
        assert result.exit_code == 0, result.output


def test_exactly_125_peerings_is_allowed(tmp_path):
    result = validate_text(tmp_path, edited(CONSUMER, (SHOP_HOME, many_peers(125))))
    assert result.exit_code == 0, result.output
