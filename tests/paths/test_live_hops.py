"""The hops on live state (``Endpoint.state`` set, as ``adapters.live`` reads it): what only live state can say.

A connection the service owner rejected is the acceptance hop's FAIL (the endpoint exists; it is not
"missing"), and a private DNS name not verified after apply is the dns hop's FAIL (offline it is a WARN:
the name is verified during apply). The same rows offline (state ``None``) keep their offline verdicts.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from plgen.paths import hops
from plgen.paths.proof import Path
from plgen.paths.world import Endpoint, EndpointService

SERVICE = EndpointService("vpce-svc-1", "com.amazonaws.vpce.us-east-1.vpce-svc-1", "us-east-1", True, ("arn:aws:iam::222222222222:root",), ["ipv4"], [], "api.example.com")
ENDPOINT = Endpoint("vpce-1", "vpce-1", (), ("sg-1",), "ipv4", None, True, False, state="available")


class World:
    """The two queries these hops make, answered as the live adapter answers them."""

    def __init__(self, accepted: bool = True, verified: str | None = "verified") -> None:
        self.accepted, self.verified = accepted, verified

    def accepted_by(self, endpoint, service):
        return ["the owner"] if self.accepted else []

    def private_dns(self, service):
        return ("verified", "") if self.verified == "verified" else (None, f"(now {self.verified})")

    def private_dns_switch(self, endpoint):
        return None


def _case(endpoint: Endpoint) -> hops.Case:
    case = hops.Case("customer-acme", {"account_id": "222222222222"}, "billing/api", {"private_dns": True}, "billing", {"account_id": "111111111111"}, "api", {}, {"port": 443}, {})
    case.endpoint, case.service = endpoint, SERVICE
    return case


@pytest.mark.parametrize("state", ["rejected", "pendingAcceptance"])
def test_a_connection_not_accepted_fails_at_acceptance_with_its_state(state):
    case, path = _case(replace(ENDPOINT, state=state)), Path("customer-acme", "billing/api", "443/TCP")
    assert hops.acceptance(World(accepted=False), path, case) is False
    [hop] = path.hops
    assert hop.name == "acceptance" and hop.status == "FAIL"
    assert (hops.REJECTED in hop.reason and hops.NEW_REQUEST in hop.reason) if state == "rejected" else "pendingAcceptance" in hop.reason


def test_a_rejected_connection_fails_even_where_an_accepter_is_declared():
    path = Path("customer-acme", "billing/api", "443/TCP")
    assert hops.acceptance(World(accepted=True), path, _case(replace(ENDPOINT, state="rejected"))) is False
    assert path.hops[0].reason == f"vpce-1 is {hops.REJECTED}: {hops.NEW_REQUEST}"


@pytest.mark.parametrize(("state", "status"), [("available", "FAIL"), (None, "WARN")])
def test_a_private_dns_name_not_verified_fails_live_and_warns_offline(state, status):
    path = Path("customer-acme", "billing/api", "443/TCP")
    # Offline, an endpoint that accepts itself (same account): private DNS at creation is not the pending case.
    hops._dns_name(World(verified="pendingVerification"), path, _case(replace(ENDPOINT, state=state, auto_accept=state is None or ENDPOINT.auto_accept)))
    [hop] = path.hops
    assert (hop.name, hop.status) == ("dns", status) and "pendingVerification" in hop.reason
    assert (hops.UNVERIFIED in hop.reason) is (state is not None)


def test_a_verified_name_passes_live():
    path = Path("customer-acme", "billing/api", "443/TCP")
    hops._dns_name(World(), path, _case(ENDPOINT))
    assert path.hops[0].status == "PASS"
