"""Every catalogue blueprint plans, applies and destroys against a local AWS API (moto).

``terraform validate`` proves syntax and schema; this proves the modules apply:
a wrong attribute or reference, a resource wired to the wrong VPC, or a value
the API rejects fails here. For each blueprint, on a fresh moto server:

1. init (provider mirror), plan, apply the plan;
2. check through boto3 that what the blueprint's data asks for exists
   (``expectations.py``: VPCs and subnets by AZ ID, NLBs, listeners, targets,
   endpoint services and their principals, interface endpoints in the named
   subnets and their security groups, friendly DNS names, peering and routes,
   Direct Connect gateways);
3. plan again: nothing to change (no perpetual diff);
4. destroy, and check that moto holds nothing the apply created.

moto differences, each allowed for only where it shows (see ``emulator.py``
and "moto:" comments in ``expectations.py``):

* a TLS listener's certificate must exist: the test imports a self-signed one
  into moto's ACM and puts its ARN in the test copy of the data;
* moto serves one account: ``*account_id`` fields in the test copy are
  rewritten to it (used by ``peer_owner_id``);
* a private hosted zone is recorded as public without its VPC (moto keys on
  ``HostedZoneConfig.PrivateZone``; AWS on the VPC element);
* a cross-Region peering connection has one tag set for both sides, so the
  second plan may update the tags of one side (allowed for tags only);
* an endpoint to a service requiring acceptance is ``available`` at once
  (AWS: ``pendingAcceptance``);
* no ``EnableVgwRoutePropagation``: ``aws_vpn_gateway_route_propagation`` is
  switched off by an override file in the test copy;
* the public-zone record then refuses ``AssociateVPCWithHostedZone``:
  ``aws_route53_zone_association`` (friendly names for peered home VPCs) is
  switched off the same way;
* target group attributes never set are not listed (``proxy_protocol_v2``);
* ``ModifyVpcEndpointServicePermissions`` answers without a permission ID, so
  ``aws_vpc_endpoint_service_allowed_principal`` cannot apply; the modules use
  the inline ``allowed_principals`` argument, which AWS and moto both accept.

Marked ``apply``: excluded from the default ``pytest`` run, run by ``.ci/run``
(``pytest -m apply``). Each test records its resource count and timings.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from plgen.verify.terraform import planned_resources
from tests.apply.emulator import import_certificates, single_account, skip_unemulated
from tests.apply.expectations import check_applied
from tests.apply.inventory import inventory, leftovers
from tests.conftest import blueprint_ids, requires_terraform

TFVARS = "terraform.tfvars.json"


def regions(root: Path) -> list[str]:
    """Every Region the root's providers use (the ``regions`` variable's default)."""
    return sorted(set(json.loads((root / "variables.tf.json").read_text())["variable"]["regions"]["default"].values()))


PEERING = {"aws_vpc_peering_connection", "aws_vpc_peering_connection_accepter"}


def moto_shared_peering_tags(change: dict) -> bool:
    """An in-place update of only the tags of one side of a peering connection.

    moto: a cross-Region peering connection is one object seen from both Regions,
    with one tag set, so the accepter's tags overwrite the requester's (``Side``).
    In AWS each side of an inter-Region connection keeps its own tags.
    """
    if change["type"] not in PEERING or change["change"]["actions"] != ["update"]:
        return False
    before, after = change["change"]["before"], change["change"]["after"]
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)} <= {"tags", "tags_all"}


def changes(plan: dict) -> list[str]:
    """Addresses of the resources a plan would create, update, replace or delete (but for moto's shared peering tags)."""
    return sorted(c["address"] for c in plan.get("resource_changes", []) if set(c["change"]["actions"]) - {"no-op", "read"} and not moto_shared_peering_tags(c))


def timed(figures: dict, step: str, run):
    start = time.monotonic()
    result = run()
    figures[f"{step}_s"] = round(time.monotonic() - start, 1)
    return result


@requires_terraform
@pytest.mark.apply
@pytest.mark.parametrize("name", blueprint_ids())
def test_blueprint_applies_matches_its_data_and_destroys_cleanly(name, emulated_root, moto, record_property):
    tf = emulated_root(name)
    data = single_account(json.loads((tf.root / TFVARS).read_text()))
    import_certificates(data, moto)
    (tf.root / TFVARS).write_text(json.dumps(data, indent=2))
    skip_unemulated(tf.root)
    used = regions(tf.root)
    before = inventory(moto, used)
    figures: dict = {"blueprint": name}

    timed(figures, "init", tf.init)
    timed(figures, "plan", lambda: tf.run("plan", "-input=false", "-out=apply.tfplan"))
    planned = planned_resources(json.loads(tf.run("show", "-json", "apply.tfplan")))
    figures["resources"] = len(planned)
    try:
        timed(figures, "apply", lambda: tf.run("apply", "-input=false", "-auto-approve", "apply.tfplan"))
        problems = check_applied(moto, data)
        assert not problems, f"{name}: applied state differs from the blueprint's data:\n" + "\n".join(problems)

        tf.run("plan", "-input=false", "-out=again.tfplan")
        again = changes(json.loads(tf.run("show", "-json", "again.tfplan")))
        assert not again, f"{name}: a second plan right after apply wants to change {again}"
    finally:
        timed(figures, "destroy", lambda: tf.run("destroy", "-input=false", "-auto-approve"))
        record_property("apply_figures", figures)

    left = leftovers(before, inventory(moto, used))
    assert not left, f"{name}: destroy left these behind: {left}"
