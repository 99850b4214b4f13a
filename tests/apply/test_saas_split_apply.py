"""SaaS across organisations: the vendor and each customer apply their own blueprint, joined only by hand-off files.

The vendor renders ``saas-vendor.yaml`` (provider only: its customers known as
principals), each customer its own ``saas-customer-<name>.yaml`` (consumer
only: the vendor's service by its service name). Each organisation applies in
its own account from its own folder with its own local state; nothing crosses
but what ``units.json`` names (``plgen.assemble.handoff``):

1. the vendor's provider unit; its output ``provider_us_east_1`` (the vendor's
   hand-off of its service name) gives each customer the service name, which a
   customer writes in its blueprint (here: in its tfvars, since the emulator
   names the service only once it exists);
2. each customer's consumer unit, in its own account; its operator runs its
   ``handoffs_out`` command and gives the file to the vendor, who drops it into
   its acceptance unit's ``handoffs/`` under the name the vendor's
   ``handoffs_in`` expects (asserted equal);
3. the vendor's acceptance unit: it accepts the endpoint IDs of the files
   (``AcceptVpcEndpointConnections``, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptVpcEndpointConnections.html;
   the strict emulator keeps another account's endpoint ``pendingAcceptance``
   until the service's owner accepts it).

Then each side's live proof (``prove_live``, and the CLI ``plgen paths --live``
on the side's own units folder, in a subprocess with only the emulator's
endpoint and credentials) reads only its own organisation's account: the customer's endpoint is
``available`` (accepted), the vendor's service allows the customer and
accepted its endpoint. Units are destroyed in reverse and nothing is left.

IAM enforced as for the catalogue (``test_units_apply.iam_enforced``; its figures under
``saas-split``): each account's ``plgen-deploy`` (globex's ``platform-network``)
holds only the generated policies of its own organisation's units, and each
side's ``plgen paths --live --role-name plgen-live-proof`` reads through its
generated read-only policy; then each unit of each organisation, with one
action of its policy taken out, is refused a refresh
(``test_units_apply.least_privilege_the_other_way``).

Measured on the shared 2-CPU VM (2026-12-07, customers concurrently): 4 units,
IAM enforced: apply 175 s, 4 live paths (each customer's side, and the vendor's
side of each customer), destroy 133 s; IAM off: apply 177-204 s, destroy 144 s.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from plgen.paths import FAIL, WARN
from plgen.paths.adapters.live import prove_live
from plgen.verify.terraform import Terraform, provider_aliases
from tests.apply.emulator import create_public_zones, import_certificates
from tests.apply.inventory import inventory, leftovers
from tests.apply.test_units_apply import ADMIN_ROLE, PIPELINE, READ_ROLE, ROLE, Account, Organisation, enforce_generated_iam, iam_enforced, least_privilege_the_other_way
from tests.conftest import requires_terraform
from tests.emulator.server import CREDENTIALS

TFVARS = "terraform.tfvars.json"
VENDOR = "saas-vendor"
CUSTOMERS = ("saas-customer-acme", "saas-customer-globex")
REGIONS = ["us-east-1"]
NAME = "saas-split"  # in its figures and lines (IAM: test_units_apply.iam_enforced, on unless PLGEN_APPLY_IAM=0)


def _live(moto, target: Path, credentials: dict[str, str], role: str | None) -> tuple[int, dict, str]:
    """``plgen paths --live`` in a subprocess whose only AWS settings are the emulator's endpoint and the pipeline's keys."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ENDPOINT_URL=moto.url, AWS_ACCESS_KEY_ID=credentials["aws_access_key_id"], AWS_SECRET_ACCESS_KEY=credentials["aws_secret_access_key"],
        AWS_DEFAULT_REGION="us-east-1", AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull,
    )
    command = [str(Path(sys.executable).parent / "plgen"), "paths", "--live", "--format", "json", *(["--role-name", role] if role else []), str(target)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout), done.stderr


class Organisation_:
    """One organisation's rendered blueprint, copied to its own folder: its manifest, data and units."""

    def __init__(self, name: str, rendered: Path, work: Path, moto, pipeline: dict[str, str] | None = None) -> None:
        self.name = name
        self.folder = work / name
        shutil.copytree(rendered / name / "json", self.folder)
        self.manifest = json.loads((self.folder / "units" / "units.json").read_text())
        self.data = json.loads((self.folder / TFVARS).read_text())
        self.order = [u for level in self.manifest["order"] for u in level]
        self.account = {u["name"]: u["account"] for u in self.manifest["units"]}
        self.units: dict[str, Terraform] = {}
        self.applied: list[str] = []
        self.moto, self.pipeline = moto, pipeline

    def unit_folder(self, unit: str) -> Path:
        return self.folder / "units" / unit

    def tfvars(self, unit: str) -> dict:
        return json.loads((self.unit_folder(unit) / TFVARS).read_text())

    def write_tfvars(self, unit: str, tfvars: dict) -> None:
        (self.unit_folder(unit) / TFVARS).write_text(json.dumps(tfvars, indent=2))

    def apply(self, unit: str) -> float:
        folder = self.unit_folder(unit)
        tf = self.units.get(unit) or Terraform(folder)
        self.units[unit] = tf
        tf.override_provider({**self.moto.provider_settings(**(self.pipeline or {})), "skip_requesting_account_id": False}, provider_aliases(folder))
        tf.init(backend=True)
        start = time.monotonic()
        tf.run("apply", "-input=false", "-auto-approve")
        self.applied.append(unit)
        return time.monotonic() - start

    def output(self, unit: str, name: str) -> str:
        return self.units[unit].run("output", "-json", name)

    def destroy(self, *units: str) -> None:
        """The units given (all, latest first, when none) that were applied."""
        for unit in units or tuple(reversed(self.applied)):
            if unit in self.applied:
                self.units[unit].run("destroy", "-input=false", "-auto-approve")


def endpoint_states(org: Organisation_, accounts: dict[str, Account]) -> list[str]:
    """The states of the endpoints in the customer's own account, as the customer sees them."""
    (consumer,) = org.data["service_consumers"].values()
    return [e["State"] for e in accounts[consumer["account_id"]].client("ec2", "us-east-1").describe_vpc_endpoints()["VpcEndpoints"]]


@requires_terraform
@pytest.mark.apply
def test_vendor_and_customers_apply_their_own_blueprints_joined_only_by_hand_off_files(rendered, moto, tmp_path, record_property):
    vendor = Organisation_(VENDOR, rendered, tmp_path, moto)
    customers = [Organisation_(name, rendered, tmp_path, moto) for name in CUSTOMERS]
    every = [vendor, *customers]
    enforced = iam_enforced()
    print(f"{NAME}: IAM enforcement {'on: deploy and live-proof roles hold only the generated policies' if enforced else 'off'}")
    pipeline = None
    if enforced:  # each organisation's deploy and live-proof roles, from its own units/iam/ (unit names do not collide)
        iam = tmp_path / "iam" / "units" / "iam"
        iam.mkdir(parents=True)
        for org in every:
            for policy in (org.folder / "units" / "iam").iterdir():
                shutil.copy(policy, iam / policy.name)
        units = [u for org in every for u in org.manifest["units"]]
        pipeline = enforce_generated_iam(moto, tmp_path / "iam", {"units": units}, sorted({u["account"] for u in units} | {PIPELINE}))
        for org in every:
            org.pipeline = pipeline
    accounts = {a: Account(moto, a, ADMIN_ROLE if enforced else ROLE, pipeline) for org in every for a in org.account.values()}
    assert len(accounts) == 3 and len({a for org in every for a in set(org.account.values())}) == 3  # one account per organisation
    before = {a: inventory(view, REGIONS) for a, view in accounts.items()}
    figures: dict = {"blueprint": "saas split (vendor + 2 customers)", "units": sum(len(o.order) for o in every), "iam": "enforced" if enforced else "off"}
    cli = (pipeline or CREDENTIALS, READ_ROLE if enforced else None)  # as `plgen paths --live [--role-name plgen-live-proof]`

    # The vendor's fixtures (its certificate, as its own account holds it) in every vendor unit's data.
    (provider_unit, accept_unit) = vendor.order
    imported: dict[str, str] = {}
    zones: list[str] = []
    for unit in vendor.order:
        tfvars = vendor.tfvars(unit)
        import_certificates(tfvars, accounts[vendor.account[unit]], imported)
        zones += create_public_zones(tfvars, accounts[vendor.account[unit]])
        vendor.write_tfvars(unit, tfvars)
    import_certificates(vendor.data, accounts[vendor.account[provider_unit]], imported)

    # Hand-off names: every file the vendor's acceptance unit expects is one a customer's unit publishes, by name.
    (accepting,) = [u for u in vendor.manifest["units"] if u["handoffs_in"]]
    assert accepting["name"] == accept_unit
    expected = {h["file"] for h in accepting["handoffs_in"]}
    published = {h["file"]: (org, u["name"], h) for org in customers for u in org.manifest["units"] for h in u["handoffs_out"]}
    assert set(published) == expected

    start = time.monotonic()
    try:
        # 1. The vendor's service; its hand-off gives the customers the service name they write in their blueprints.
        vendor.apply(provider_unit)
        services = json.loads(vendor.output(provider_unit, "provider_us_east_1"))
        service = services["billing-provider"]["endpoint_services"]["billing-api"]
        for org in customers:
            spec = org.data["external_services"]["billing-provider"]["billing-api"]
            spec["service_name"] = service["service_name"]
            (org.folder / TFVARS).write_text(json.dumps(org.data, indent=2))  # the blueprint's data, as the customer writes it
            for unit in org.order:
                tfvars = org.tfvars(unit)
                tfvars["external_services"] = org.data["external_services"]
                org.write_tfvars(unit, tfvars)

        # 2. Each customer in its own account; its operator hands its endpoints over as the vendor's file.
        def customer(org: Organisation_) -> None:
            for unit in org.order:
                org.apply(unit)
            for file, (owner, unit, handoff) in published.items():
                if owner is org:
                    target = vendor.unit_folder(accept_unit) / file
                    target.parent.mkdir(exist_ok=True)
                    target.write_text(owner.output(unit, handoff["output"]))

        with ThreadPoolExecutor(max_workers=len(customers)) as pool:
            for future in [pool.submit(customer, org) for org in customers]:
                future.result()
        assert {state for org in customers for state in endpoint_states(org, accounts)} == {"pendingAcceptance"}, "the vendor has accepted nothing yet"

        # Before acceptance, the vendor's `plgen paths --live` fails each customer's path at acceptance, naming the unit to run.
        code, report, _ = _live(moto, vendor.folder / "units", *cli)
        assert code == 1 and {(p["consumer"], p["hops"][1]["hop"], p["hops"][1]["status"]) for p in report["paths"]} == {
            ("customer-acme", "acceptance", FAIL), ("customer-globex", "acceptance", FAIL)
        }
        assert all(f"re-apply unit {accept_unit}" in p["fix"] for p in report["paths"]), report["paths"]

        # 3. The vendor's acceptance unit reads the handed-over files, and nothing of the customers' states.
        assert sorted(p.name for p in (vendor.unit_folder(accept_unit) / "handoffs").iterdir()) == sorted(Path(f).name for f in expected)
        vendor.apply(accept_unit)
        figures["apply_s"] = round(time.monotonic() - start, 1)

        for org in customers:
            assert endpoint_states(org, accounts) == ["available"], f"{org.name}: its endpoint was not accepted"

        # Each organisation proves its own side, reading only its own account.
        paths = 0
        for org in every:
            own = Organisation([accounts[a] for a in sorted(set(org.account.values()))])
            live = prove_live(own, org.data)
            failed = [f"{p.consumer} -> {p.endpoint}: " + "; ".join(f"{h.name}: {h.reason}" for h in p.hops if h.status == FAIL) for p in live if p.status == FAIL]
            assert not failed, f"{org.name}: live paths fail:\n" + "\n".join(failed)
            assert live, f"{org.name}: no path proven (a vacuous pass)"
            if org is not vendor:  # the vendor's side is the vendor's to prove: said, not judged
                assert all(h.status == WARN for p in live for h in p.hops if h.name == "provider side")
            paths += len(live)
            # the same, as each organisation's platform team runs it: `plgen paths --live` on its own units folder
            code, report, stderr = _live(moto, org.folder / "units", *cli)
            assert code == 0 and len(report["paths"]) == len(live), (stderr, [(p["consumer"], [h for h in p["hops"] if h["status"] == FAIL]) for p in report["paths"]])
        figures["paths"] = paths
        if enforced:  # least privilege the other way, per organisation: each unit without one action of its policy is refused
            started = time.monotonic()
            for org in every:
                for unit, action in least_privilege_the_other_way(org.folder, org.manifest, org.units, accounts).items():
                    record_property("least_privilege", {"blueprint": f"{org.name} (units)", "line": f"least privilege: {unit} without {action}: refused"})
            figures["least_privilege_s"] = round(time.monotonic() - started, 1)
    finally:
        start = time.monotonic()
        vendor.destroy(accept_unit)  # the reverse order: acceptance, customers' endpoints, then the service
        for org in customers:
            org.destroy()
        vendor.destroy(provider_unit)
        figures["destroy_s"] = round(time.monotonic() - start, 1)
        record_property("apply_figures", figures)
        print(figures)

    for zone in zones:
        accounts[vendor.account[provider_unit]].client("route53", "us-east-1").delete_hosted_zone(Id=zone)
    left = {a: leftovers(before[a], inventory(view, REGIONS)) for a, view in accounts.items()}
    assert not any(left.values()), f"destroy left these behind: {left}"
