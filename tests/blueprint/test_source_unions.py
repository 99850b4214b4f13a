"""The internet check runs on the union of what an endpoint's group admits, from every field, however it is cut.

An endpoint's security group admits its ``allowed_cidrs``, the consumer's
on-premises CIDRs and its peers' VPC CIDRs (``Consumer.admitted``, which the
consumer module opens too). Hypothesis cuts address space into pieces and
spreads them over those fields; the rule ``sources-not-internet`` must refuse
exactly the unions that hold more public space than a /8, whatever the
pieces, and always the ones that cover all of IPv4. The expectation is
computed here independently of the rule (addresses counted, not networks
compared).
"""

from __future__ import annotations

import copy
import ipaddress

from hypothesis import given, settings
from hypothesis import strategies as st

from plgen.blueprint import parse_source
from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.sources_not_internet import sources_not_internet
from tests.conftest import REPO

SEED = parse_source((REPO / "blueprints" / "saas.yaml").read_text(), "saas.yaml").data
PRIVATE = [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")]
FIELDS = ("allowed_cidrs", "on_premises", "peer")


def blueprint_admitting(pieces: list[tuple[str, ipaddress.IPv4Network]]) -> Blueprint:
    """The SaaS blueprint whose first consumer's first endpoint admits ``pieces``, each through the field named."""
    doc = copy.deepcopy(SEED)
    consumer = doc["consumers"][0]
    endpoint = consumer["endpoints"][0]
    endpoint["allowed_cidrs"] = [str(n) for field, n in pieces if field == "allowed_cidrs"]
    endpoint.pop("allowed_security_group_ids", None)
    on_premises = [str(n) for field, n in pieces if field == "on_premises"]
    if on_premises:
        consumer["on_premises"] = {"cidrs": on_premises}
    consumer["peers"] = [
        {"name": f"home-{k}", "region": "eu-central-1", "vpc": {"id": f"vpc-{k:017x}", "existing_cidr": str(n)}}
        for k, (field, n) in enumerate(pieces)
        if field == "peer"
    ]
    return Blueprint.model_validate(doc)


def refused(bp: Blueprint) -> bool:
    """A finding for the first consumer's first endpoint (its path starts there or at that consumer's shared fields)."""
    return any(f.path[:2] == ("consumers", 0) and (f.path[2:4] in (("endpoints", 0), ("on_premises", "cidrs")) or f.path[2:3] == ("peers",)) for f in sources_not_internet.check(bp))


def public_addresses(networks) -> int:
    """Public addresses in the union of ``networks``: CIDR blocks nest or are disjoint, so overlaps are sizes."""
    union = list(ipaddress.collapse_addresses(networks))
    return sum(n.num_addresses - sum(min(n.num_addresses, p.num_addresses) for p in PRIVATE if n.overlaps(p)) for n in union)


@st.composite
def partition(draw) -> list[ipaddress.IPv4Network]:
    """All of IPv4 cut into pieces by repeated halving: 0.0.0.0/0, or /1 + /1, or /1 + /2 + /3 + /3 ..."""
    pieces = [ipaddress.ip_network("0.0.0.0/0")]
    for _ in range(draw(st.integers(1, 24))):
        piece = pieces.pop(draw(st.integers(0, len(pieces) - 1)))
        pieces += list(piece.subnets()) if piece.prefixlen < 32 else [piece]
    return pieces


networks = st.builds(
    lambda address, prefix: ipaddress.ip_network(f"{ipaddress.IPv4Address(address)}/{prefix}", strict=False),
    st.integers(0, 2**32 - 1),
    st.integers(1, 32),
)


@settings(max_examples=200, deadline=None)
@given(partition(), st.data())
def test_all_of_ipv4_spread_over_any_fields_is_refused(pieces, data):
    spread = [(data.draw(st.sampled_from(FIELDS)), piece) for piece in pieces]
    assert refused(blueprint_admitting(spread)), spread


@settings(max_examples=250, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(FIELDS), networks), min_size=1, max_size=12))
def test_a_union_is_refused_exactly_when_it_holds_more_public_space_than_a_slash_8(spread):
    bp = blueprint_admitting(spread)
    admitted = [ipaddress.ip_network(s) for s, _, _ in bp.consumers[0].admitted(0) if not s.startswith("sg-")]
    assert refused(bp) == (public_addresses(admitted) > 1 << 24), (spread, public_addresses(admitted))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(FIELDS), st.sampled_from(PRIVATE).flatmap(lambda p: st.integers(p.prefixlen, 32).map(lambda n: next(p.subnets(new_prefix=n))))), min_size=1, max_size=8))
def test_private_networks_of_any_size_are_admitted(spread):
    assert not refused(blueprint_admitting(spread)), spread


def test_every_other_slash_9_is_refused_though_no_piece_is_wide():
    halves = [n for k, n in enumerate(ipaddress.ip_network("0.0.0.0/0").subnets(new_prefix=9)) if k % 2 == 0]
    findings = list(sources_not_internet.check(blueprint_admitting([("on_premises", n) for n in halves])))
    assert [f.path for f in findings] == [("consumers", 0, "endpoints", 0)]
    assert "public addresses" in findings[0].message and "more than a /8" in findings[0].message
