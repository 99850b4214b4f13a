"""An example root plans, applies, works and destroys against a local AWS API (the strict emulator).

CI applies the example roots of ``EXAMPLE_ROOTS`` (each for what only it
shows); every blueprint is applied as its deployment units in several accounts
by ``test_units_apply.py`` with the same checks, and ``PLGEN_APPLY_EXAMPLE_ROOTS=all``
applies every example root here too.

``terraform validate`` proves syntax and schema; this proves the modules apply
and carry the paths they declare: a wrong attribute or reference, a resource
wired to the wrong VPC, a value the API rejects, or a connection nobody accepts
fails here. For each blueprint, on a fresh server of its own:

1. init (provider mirror), plan, apply the plan;
2. check through boto3 that what the blueprint's data asks for exists
   (``expectations.py``: VPCs and subnets by AZ ID, NLBs, listeners, targets,
   endpoint services and their principals, interface endpoints in the named
   subnets, ``available``, and their security groups, friendly DNS names in
   private zones, peering and routes, Direct Connect gateways and their route
   propagation);
3. prove every consumer path on the live state (``plgen/paths/adapters/live.py``: the same
   ``Path``/``Hop`` rows as ``plgen paths``, from boto3 describe calls): no path
   fails, and the rows and hop names are those of the offline proof of the root;
4. plan again: nothing to change (no perpetual diff); then render the same
   blueprint into the applied folder, as a user re-renders: the state, lock
   file, ``.terraform/`` and the test's own files survive, and a plan finds
   nothing to change;
5. day 2 (``DAY2``, one blueprint): render the blueprint again with another
   listener ``target_port`` into the same folder (the writer keeps the state
   and the test's override file), plan, see the target group replaced
   create-before-destroy, apply, check and prove the paths live again;
6. destroy, and check that the emulator holds nothing the apply created.

The server is the strict emulator (``tests/emulator``: moto, with AWS's
PrivateLink acceptance, VGW route propagation and private hosted zones), so an
endpoint nobody accepts stays ``pendingAcceptance`` and fails. moto
differences that remain, each allowed for only where it shows (see
``emulator.py`` and "moto:" comments in ``expectations.py``):

* a TLS listener's certificate must exist: the test imports a self-signed one
  into moto's ACM and puts its ARN in the test copy of the data;
* moto serves one account: ``*account_id`` fields in the test copy are
  rewritten to it (used by ``peer_owner_id``), so every endpoint is the
  service owner's own and is accepted by its ``auto_accept``;
* a cross-Region peering connection has one tag set for both sides, so the
  second plan may update the tags of one side (allowed for tags only);
* target group attributes never set are not listed (``proxy_protocol_v2``);
* ``ModifyVpcEndpointServicePermissions`` answers without a permission ID, so
  ``aws_vpc_endpoint_service_allowed_principal`` cannot apply; the modules use
  the inline ``allowed_principals`` argument, which AWS and moto both accept.

Marked ``apply``: excluded from the default ``pytest`` run, run by ``.ci/run``
(``pytest -m apply``). Each test records its resource count and timings.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from plgen.compiler import compile_paths
from tests.trees import write_tree
from plgen.paths import FAIL, Root, prove
from plgen.verify.terraform import Terraform, planned_resources
from tests.apply.emulator import (
    create_gateways,
    create_log_destinations,
    create_public_zones,
    import_certificates,
    same_account_shares,
    single_account,
    skip_unemulated,
)
from tests.apply.expectations import check_applied
from tests.apply.inventory import inventory, leftovers
from plgen.paths.adapters.live import prove_live
from tests.conftest import REPO, blueprint_ids, requires_terraform

TFVARS = "terraform.tfvars.json"
# The test's data for the emulator, beside plgen's: a user's file, which Terraform loads after terraform.tfvars.json
# (later files override earlier ones) and a re-render leaves alone.
EMULATOR_TFVARS = "emulator.auto.tfvars.json"
DAY2 = "saas"  # the blueprint whose listener target_port changes after the apply


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


def prepare(tf: Terraform, moto, certificates: dict[str, str]) -> dict:
    """The rendered data made fit for the emulator (one account, imported certificates, the gateways plgen does not own), in the test's own tfvars file."""
    data = same_account_shares(single_account(json.loads((tf.root / TFVARS).read_text())))
    import_certificates(data, moto, certificates)
    create_public_zones(data, moto)
    create_gateways(data, moto)
    create_log_destinations(data, moto)
    (tf.root / EMULATOR_TFVARS).write_text(json.dumps(data, indent=2))
    skip_unemulated(tf.root)
    return data


def rows(paths) -> dict[tuple[str, str, str], list[str]]:
    return {(p.consumer, p.endpoint, p.listener): [h.name for h in p.hops] for p in paths}


def assert_paths_work(name: str, tf: Terraform, moto, data: dict, figures: dict, step: str) -> None:
    """The live proof passes and has the offline proof's rows and hop names."""
    live = prove_live(moto, data)
    failed = [f"{p.consumer} -> {p.endpoint} {p.listener}: " + "; ".join(f"{h.name} {h.status}: {h.reason}" for h in p.hops if h.status == FAIL) for p in live if p.status == FAIL]
    assert not failed, f"{name} ({step}): paths that do not work on live state:\n" + "\n".join(failed)
    offline = prove(Root.folder(tf.root))
    assert rows(live) == rows(offline), f"{name} ({step}): live rows/hops {rows(live)} != offline {rows(offline)}"
    figures[f"{step}_paths"] = len(live)
    figures[f"{step}_hops"] = sum(len(p.hops) for p in live)


ENDPOINT_OUTPUTS = ("consumer_endpoints", "resource_endpoints")  # the root outputs that list endpoints per consumer


def endpoint_ip_problems(tf: Terraform, moto) -> list[str]:
    """Each endpoint's output IPs are the private IPs of its network interfaces, as EC2 describes them.

    On-premises firewalls and access by IP read ``ipv4_addresses`` / ``ipv6_addresses`` (from the
    endpoint's ``subnet_configuration``, which the provider reads from the interfaces); an output that
    is empty, partial or another endpoint's would open a firewall to the wrong hosts.
    """
    enis: dict[str, dict] = {}
    for region in regions(tf.root):
        for eni in moto.client("ec2", region).describe_network_interfaces()["NetworkInterfaces"]:
            enis[eni["NetworkInterfaceId"]] = eni
    outputs = json.loads(tf.run("output", "-json"))
    problems, seen = [], 0
    for name in ENDPOINT_OUTPUTS:
        for consumer, endpoints in (outputs.get(name, {}).get("value") or {}).items():
            for key, endpoint in endpoints.items():
                seen += 1
                ids = endpoint["network_interface_ids"]
                ipv4 = sorted(ip["PrivateIpAddress"] for i in ids for ip in enis[i]["PrivateIpAddresses"])
                ipv6 = sorted(ip["Ipv6Address"] for i in ids for ip in enis[i].get("Ipv6Addresses", []))
                if not ids or (endpoint["ipv4_addresses"], endpoint["ipv6_addresses"]) != (ipv4, ipv6):
                    problems.append(f"{name}[{consumer}][{key}]: outputs {endpoint['ipv4_addresses']} {endpoint['ipv6_addresses']}, its interfaces {ids} hold {ipv4} {ipv6}")
    if not seen:
        problems.append(f"no endpoint in the outputs {ENDPOINT_OUTPUTS}")
    return problems


def rerender(name: str, tf: Terraform, tmp_path: Path) -> None:
    """``plgen render`` of the same blueprint into the applied folder: the state survives and nothing changes.

    The README tells users to apply from this folder; a render must replace only
    plgen's files, so the state, its lock file, ``.terraform/`` and the user's
    files (here the test's tfvars and provider override) are still there, and a
    plan finds the infrastructure as the state left it.
    """
    kept = {p.name: p.read_bytes() for p in tf.root.iterdir() if p.is_file() and p.name.startswith(("terraform.tfstate", ".terraform.lock")) or p.name == EMULATOR_TFVARS}
    assert "terraform.tfstate" in kept and ".terraform.lock.hcl" in kept, sorted(kept)
    [output] = compile_paths([REPO / "blueprints" / f"{name}.yaml"], ("json",))
    summary = write_tree(tmp_path, name, output.files)
    assert {p.name: p.read_bytes() for p in tf.root.iterdir() if p.name in kept} == kept, f"{name}: a re-render changed {sorted(kept)}"
    assert (tf.root / ".terraform").is_dir()
    tf.run("plan", "-input=false", "-out=rerendered.tfplan")
    after = changes(json.loads(tf.run("show", "-json", "rerendered.tfplan")))
    assert not after, f"{name}: after a re-render into the applied folder, plan wants to change {after} ({summary})"


def day2(name: str, tf: Terraform, moto, certificates: dict[str, str], tmp_path: Path, figures: dict) -> None:
    """Another ``target_port`` rendered over the applied folder: the target group is replaced create-before-destroy."""
    source = (REPO / "blueprints" / f"{name}.yaml").read_text()
    assert source.count("target_port: 8443") == 1, f"{name}: expected one listener with target_port 8443"
    changed = tmp_path / f"{name}-day2.yaml"
    changed.write_text(source.replace("target_port: 8443", "target_port: 9443"))
    [output] = compile_paths([changed], ("json",))
    assert output.name == name
    write_tree(tmp_path, name, output.files)  # the folder the test applied from: tmp_path/<name>/json
    data = prepare(tf, moto, certificates)
    ports = {listener["target_port"] for provider in data["service_providers"].values() for s in provider["services"].values() for listener in s["listeners"].values()}
    assert 9443 in ports and 8443 not in ports, ports

    timed(figures, "day2_plan", lambda: tf.run("plan", "-input=false", "-out=day2.tfplan"))
    plan = json.loads(tf.run("show", "-json", "day2.tfplan"))
    groups = {c["address"]: c["change"]["actions"] for c in plan["resource_changes"] if c["type"] == "aws_lb_target_group" and c["change"]["actions"] != ["no-op"]}
    assert groups and all(actions == ["create", "delete"] for actions in groups.values()), f"{name}: target groups not replaced create-before-destroy: {groups}"
    timed(figures, "day2_apply", lambda: tf.run("apply", "-input=false", "-auto-approve", "day2.tfplan"))
    problems = check_applied(moto, data)
    assert not problems, f"{name} (day 2): applied state differs from the blueprint's data:\n" + "\n".join(problems)
    assert_paths_work(name, tf, moto, data, figures, "day2")


# Blueprints whose AWS calls tests/emulator does not answer yet (none: VPC Lattice resource gateways and
# configurations, RAM share associations and Resource/ServiceNetwork endpoints are tests/emulator/lattice.py).
NOT_YET_EMULATED: dict[str, str] = {}

# The example roots CI applies, each for what only it shows. Every catalogue blueprint is applied on the
# emulator as its deployment units, in several accounts (test_units_apply.py: the same check_applied and live
# proof); the example root of every blueprint is validated and planned offline in the default suite
# (tests/verify/test_terraform_validate.py, tests/constructs/test_secure_defaults.py). Applying all ten example
# roots as well would double the apply set's time (about 3.5 min of the 2-CPU runner each) for the same
# modules: ``PLGEN_APPLY_EXAMPLE_ROOTS=all`` applies every one.
EXAMPLE_ROOTS = {
    "saas": "the single-account trial of the README, day 2 (a target port change) and a re-render over state",
    "inter-region-consumer": "the three peering parts, the zone authorization and association in one root and one apply",
    "resource-access": "VPC Lattice resource gateway, configurations and RAM shares within one account",
}


def example_roots() -> list:
    """Every catalogue blueprint; those not in ``EXAMPLE_ROOTS`` skipped (before the emulator starts) unless all are asked for."""
    every = os.environ.get("PLGEN_APPLY_EXAMPLE_ROOTS") == "all"
    skip = pytest.mark.skip(reason="applied as its deployment units (test_units_apply.py); its example root with PLGEN_APPLY_EXAMPLE_ROOTS=all")
    return [name if every or name in EXAMPLE_ROOTS else pytest.param(name, marks=skip) for name in blueprint_ids()]


@requires_terraform
@pytest.mark.apply
@pytest.mark.parametrize("name", example_roots())
def test_blueprint_applies_works_and_destroys_cleanly(name, emulated_root, moto, tmp_path, record_property):
    if name in NOT_YET_EMULATED:
        pytest.skip(NOT_YET_EMULATED[name])
    tf = emulated_root(name)
    certificates: dict[str, str] = {}
    data = prepare(tf, moto, certificates)
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
        assert_paths_work(name, tf, moto, data, figures, "live")
        wrong = endpoint_ip_problems(tf, moto)
        assert not wrong, f"{name}: endpoint IP outputs differ from the interfaces:\n" + "\n".join(wrong)

        tf.run("plan", "-input=false", "-out=again.tfplan")
        again = changes(json.loads(tf.run("show", "-json", "again.tfplan")))
        assert not again, f"{name}: a second plan right after apply wants to change {again}"
        rerender(name, tf, tmp_path)
        if name == DAY2:
            day2(name, tf, moto, certificates, tmp_path, figures)
    finally:
        timed(figures, "destroy", lambda: tf.run("destroy", "-input=false", "-auto-approve"))
        record_property("apply_figures", figures)

    left = leftovers(before, inventory(moto, used))
    assert not left, f"{name}: destroy left these behind: {left}"
