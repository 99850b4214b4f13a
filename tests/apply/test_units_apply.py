"""The deployment units apply in manifest order, each in its own account, and the paths work across accounts.

The example root's apply test (``test_apply.py``) runs every blueprint as one
account. Here each unit of a blueprint is applied as its team would: its own
folder and local state, its provider assuming ``plgen-deploy`` in the unit's
account and refusing any other (``allowed_account_ids``), values of other
units of the same side read from their state files (``terraform_remote_state``),
values of another side from the hand-off files its operator saves with
``terraform output -json`` (``units.json``'s ``handoff_files``; the SaaS
customers read no state of the provider's, nor the provider of theirs). moto binds
the credentials ``sts:AssumeRole`` returns to the role's account, so the
provider in 111111111111 and the consumers in 222222222222 and 333333333333
really create in separate accounts (measured below: every VPC is found in its
side's account and in no other, and nothing lands in the pipeline's own).
The strict emulator (``tests/emulator/privatelink.py``) gives AWS's
cross-account rules: an endpoint of another account than the service's stays
``pendingAcceptance`` until the owner accepts it, only the owner may accept,
and only an allowed principal may connect.

Then every consumer -> service path is proven on live state
(``plgen/paths/adapters/live.py``) through an organisation-wide read-only view (each
describe call asked in every account, answers merged), the units are
destroyed in reverse order, and no account holds anything they created.

Every catalogue blueprint (``blueprint_ids()``). The applied state is also
checked against the blueprint's data (``expectations.check_applied``, the
single-root test's checks) through the same organisation-wide view.

CI time: one unit is one ``init`` (the shared plugin cache) and one ``apply``
(no separate ``plan``) and, at the end, one ``destroy``; the provider's polling
(10 s steps while a VPC or subnet settles) and its start-up dominate. Its
start-up is the CPU: every ``terraform`` command starts the provider for the
schema, then once per graph walk (``apply``: validate, plan, apply; a
``plan``: validate, plan; ``destroy``: validate, refresh, plan, apply), each
start 2-3.5 s of CPU however small the unit (measured 2026-12-07 with
``TF_LOG=debug`` and psutil: hybrid's 4 units took 217 s of CPU in 366 s, half of it
in the provider processes, a fifth in terraform; tests/conftest.py sets ``GOGC``, and the
destroy of a unit whose refresh-only plan has just passed skips its refresh). The units
of one manifest level read only units of earlier levels, so a level is applied
concurrently (a thread per unit, each its own ``terraform`` process), and
destroyed level by level in reverse, concurrently too. Each blueprint records
its figures (units, levels, apply_s, destroy_s) as ``apply_figures``. Measured
on the shared 2-CPU VM at load 14-20 (2026-12-01), levels concurrent:
inter-region-consumer 7 units in 5 levels, apply 376 s, destroy 420 s;
inter-region-service 5 units in 4 levels, apply 327 s, destroy 142 s;
microservices 9 units in 3 levels (5 accounts), apply 271 s, destroy 205 s;
hybrid 4 units in 3 levels, apply 167 s, destroy 88 s; SaaS 4 units in 3
levels, apply 183 s, destroy 100 s (sequentially it took about 6 min);
shared-services 6 units in 3 levels (4 accounts), apply 193 s, destroy 104 s;
inter-region-consumer-native 3 units in 3 levels, apply 193 s, destroy 110 s.

Least privilege, enforced (issues 24 and 25): with IAM enforcement on
(``iam_enforced``), the emulator authorizes every request from the moment the
test's setup is done (``POST /plgen/enforce-iam``, ``tests/emulator/__main__.py``;
moto evaluates an assumed role's inline policies, allowing only what an
explicit Allow names,
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
In each account the setup creates ``plgen-deploy`` holding ONLY the generated
policies of the units run there (``units/iam/<unit>.json``: one inline policy
per unit, named as the file names it), ``plgen-live-proof`` holding ONLY the
generated read-only policies of the sides there (``units/iam/live-proof-<side>.json``),
and the test's own ``plgen-test-admin`` (fixtures it plays another party for:
certificates, public zones, log buckets, gateways, the vendor's service; and its
checks and inventory). The pipeline is an IAM user with an admin policy that
assumes those roles. Every unit's provider assumes ``plgen-deploy``; the live
proof runs as ``plgen paths --live --role-name plgen-live-proof`` does
(``prove_accounts``), every call read-only.

And the other way (``least_privilege_the_other_way``): once the apply and the
live proof have passed, each unit loses one action of its generated policy
(``sampled_action``: among the first read action of each managed resource type
in its state, the lookup a refresh must call, sorted, the one a crc32 of the
unit's name picks), taken out of every inline policy of the deploy roles it
assumes; ``terraform plan -refresh-only`` of the unit must then be refused
naming that action, and pass again once the generated policies are back. Each
result is recorded (``least_privilege``) and printed at the end of the run as
"least privilege: <unit> without <action>: refused". Units with distinct roles
are checked side by side. With IAM enforced, the default run (2026-12-07, load
14-16; apply s / least privilege s / destroy s): hybrid 177/32/90, microservices
200/101/184, saas 292/144/184, saas-dual-stack 233/72/89, shared-services
207/99/163, resource-access 112/86/99, inter-region-service 201/61/103,
inter-region-service-native 192/59/99, inter-region-consumer 222/95/161,
inter-region-consumer-native 166/35/69, vendor-database 39/17/20.

Enforcement is ON for every blueprint (each catalogue blueprint seen to apply,
prove live, refuse its sampled actions and destroy with it on; the actions this
found are in ``plgen.aws.iam.ACTIONS`` with their sources). ``PLGEN_APPLY_IAM=0``
turns it off (the units then assume ``plgen-deploy`` without any policy judged,
and the live proof reads through the test's organisation-wide view). The
segmented shared-services variant runs with it too (first seen to pass
2026-12-07: 6 units, 19 paths, each sampled action refused). Each run records
``iam`` (``enforced``/``off``) in its ``apply_figures`` and prints it.
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.request
import time
import zlib
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from plgen.paths import FAIL, Root, prove
from plgen.aws.iam import ACTIONS
from plgen.verify.terraform import Terraform, TerraformFailed, provider_aliases
from tests.apply.emulator import (
    create_external_services,
    create_gateways,
    create_log_destinations,
    create_public_zones,
    delete_external_services,
    hand_over,
    import_certificates,
)
from tests.apply.expectations import check_applied
from tests.apply.inventory import inventory, leftovers
from plgen.compiler import compile_paths
from tests.patterns.topology import edited
from tests.trees import write_tree
from plgen.paths.adapters.live import prove_live
from plgen.paths.adapters.live_accounts import prove_accounts
from tests.conftest import blueprint_ids, requires_terraform

TFVARS = "terraform.tfvars.json"
ROLE = "plgen-deploy"
VENDOR = "999988887777"  # the account of another organisation's service (external_services), created by the test
PIPELINE = "123456789012"  # moto's account for the test's own credentials: the CI pipeline that assumes the roles
# Blueprints whose cross-account calls tests/emulator does not answer yet, with the call that is missing.
NOT_YET_EMULATED: dict[str, str] = {}  # blueprint -> the emulator gap that skips its units apply
# Blueprints of one topology split across organisations: applied together, joined by hand-off files, in test_saas_split_apply.py.
SPLIT = "applied with its counterparts, each organisation in its own account (test_saas_split_apply.py)"
APPLIED_TOGETHER: dict[str, str] = {"saas-vendor": SPLIT, "saas-customer-acme": SPLIT, "saas-customer-globex": SPLIT}
WORKERS = 4  # terraform processes at once: a level's units are mostly waiting on the provider's polling
READ_ROLE = "plgen-live-proof"  # holds only the generated live-proof-<side>.json policies of the account's sides
ADMIN_ROLE = "plgen-test-admin"  # the test's own fixtures and checks, never a unit's apply nor the live proof
ADMIN = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
IAM_SWITCH = "PLGEN_APPLY_IAM"  # IAM enforced for every blueprint and variant; "0" turns it off


def iam_enforced() -> bool:
    """Whether units run with IAM enforcement on: always, unless ``IAM_SWITCH`` says 0 (or off, false, no)."""
    return os.environ.get(IAM_SWITCH, "").strip().lower() not in ("0", "off", "false", "no")


class Account:
    """The emulator as seen from one account: clients with credentials of the deploy role there."""

    def __init__(self, moto, account: str, role: str = ROLE, pipeline: dict[str, str] | None = None) -> None:
        self.moto, self.account = moto, account
        if account == PIPELINE:
            self.credentials: dict[str, str] = dict(pipeline or {})
        else:
            sts = moto.client("sts", "us-east-1", **(pipeline or {}))
            assumed = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/{role}", RoleSessionName="plgen-units-test")
            c = assumed["Credentials"]
            self.credentials = {"aws_access_key_id": c["AccessKeyId"], "aws_secret_access_key": c["SecretAccessKey"], "aws_session_token": c["SessionToken"]}

    def client(self, service: str, region: str):
        return self.moto.client(service, region, **self.credentials)


class Merged:
    """One boto3 call asked in every account; list answers concatenated (an ID unknown to an account is skipped)."""

    def __init__(self, clients: list[Any]) -> None:
        self.clients = clients

    def __getattr__(self, name: str):
        def call(**kwargs):
            answers, errors = [], []
            for client in self.clients:
                try:
                    answers.append(getattr(client, name)(**kwargs))
                except ClientError as exc:
                    errors.append(exc)
            if not answers:
                raise errors[0]
            merged = dict(answers[0])
            for answer in answers[1:]:
                for key, value in answer.items():
                    if isinstance(value, list) and isinstance(merged.get(key), list):
                        merged[key] = merged[key] + [v for v in value if v not in merged[key]]
            return merged

        return call


class Organisation:
    """A read-only view over every account (like an AWS Config aggregator): what the live proof reads."""

    def __init__(self, accounts: list[Account]) -> None:
        self.accounts = accounts

    def client(self, service: str, region: str):
        return Merged([a.client(service, region) for a in self.accounts])


SIDE_DATA = ("service_providers", "service_consumers", "resource_providers", "resource_consumers", "peers")


def _sides(data: dict) -> list[dict]:
    return [side for key in SIDE_DATA for side in data.get(key, {}).values()]


def _regions(data: dict) -> list[str]:
    return sorted({s["region"] for s in _sides(data)})


def _vpc_owners(data: dict) -> dict[tuple[str, str], str]:
    """(Name, CIDR) of every VPC the units create -> the account it must be in.

    By name as well as CIDR: two organisations may build VPCs with one CIDR (overlapping-networks).
    """
    out = {}
    for kind in SIDE_DATA:
        for key, side in data.get(kind, {}).items():
            if side["vpc"].get("cidr") and not side["vpc"].get("id"):
                out[(side.get("name") or key, side["vpc"]["cidr"])] = side["account_id"]
    return out


def _created_vpcs(account: Account, regions: list[str]) -> set[tuple[str, str]]:
    """(Name tag, CIDR) of every non-default VPC the account holds."""
    return {
        (next((t["Value"] for t in v.get("Tags", []) if t["Key"] == "Name"), ""), v["CidrBlock"])
        for r in regions
        for v in account.client("ec2", r).describe_vpcs()["Vpcs"]
        if not v.get("IsDefault")
    }


def _levels(run, levels: list[list[str]]) -> None:
    """``run(unit)`` for every unit, level by level, the units of a level concurrently; the first failure is raised."""
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for level in levels:
            for future in [pool.submit(run, unit) for unit in level]:
                future.result()


@requires_terraform
@pytest.mark.apply
@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=pytest.mark.skip(reason={**NOT_YET_EMULATED, **APPLIED_TOGETHER}[n])) if n in {**NOT_YET_EMULATED, **APPLIED_TOGETHER} else n for n in blueprint_ids()],
)
def test_units_apply_in_order_in_their_own_accounts_and_paths_work(name, rendered, moto, tmp_path, record_property, monkeypatch):
    apply_units(name, rendered / name / "json", moto, tmp_path, record_property, monkeypatch)


# shared-services with the transit gateway segmented, as a network account runs it: the access VPC's attachment
# associated with its own route table and propagated into two others (the on-premises side's and a shared one).
SEGMENTED = (
    "      transit_gateway_id: tgw-0a1b2c3d4e5f60718\n",
    "      transit_gateway_id: tgw-0a1b2c3d4e5f60718\n      transit_gateway_route_table_id: tgw-rtb-0a1b2c3d4e5f60711\n"
    "      transit_gateway_propagation_route_table_ids: [tgw-rtb-0a1b2c3d4e5f60712, tgw-rtb-0a1b2c3d4e5f60713]\n",
)


@requires_terraform
@pytest.mark.apply
def test_a_segmented_transit_gateway_gets_the_attachment_associated_and_propagated(moto, tmp_path, record_property, monkeypatch):
    """D10 on the strict emulator: the access VPC's attachment leaves the gateway's default route tables, is associated
    with the named one and propagates into the named ones (``check_applied``: ``transit_gateway_routing``).

    The provider disassociates the default association and disables the default propagation for
    ``transit_gateway_default_route_table_*`` = false before the association resource runs; the emulator refuses a
    second association (``Resource.AlreadyAssociated``), so the order is proven, not assumed.
    """
    source = tmp_path / "source" / "shared-services.yaml"
    source.parent.mkdir()
    source.write_text(edited("shared-services", SEGMENTED))
    [output] = compile_paths([source], ("json",))
    write_tree(tmp_path / "source", output.name, output.files)
    folder = tmp_path / "source" / output.name / "json"
    on_premises = json.loads((folder / TFVARS).read_text())["service_consumers"]["onprem-access"]["on_premises"]
    assert on_premises["transit_gateway_route_table_id"] and len(on_premises["transit_gateway_propagation_route_table_ids"]) == 2
    apply_units("shared-services", folder, moto, tmp_path, record_property, monkeypatch, label="shared-services-segmented")


def enforce_generated_iam(moto, work: Path, manifest: dict[str, Any], accounts: list[str]) -> dict[str, str]:
    """Create the roles with only the generated policies, then turn IAM enforcement on; returns the pipeline's credentials.

    Free setup (before ``/plgen/enforce-iam``): the pipeline user (admin, in the
    test's own account) and, in every other account, the deploy role its units assume
    (``plgen-deploy`` or the blueprint's ``role_name``) with one
    inline policy per unit run there (``units/iam/<unit>.json``'s entry for that
    account, named by its ``policy_name``), ``plgen-live-proof`` with one per side
    there (``live-proof-<team>.json``), and ``plgen-test-admin``.
    """
    iam = moto.client("iam", "us-east-1")
    iam.create_user(UserName="pipeline")
    iam.put_user_policy(UserName="pipeline", PolicyName="admin", PolicyDocument=json.dumps(ADMIN))
    key = iam.create_access_key(UserName="pipeline")["AccessKey"]
    pipeline = {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}
    deploy, trust = deploy_policies(work, manifest)
    read: dict[str, dict[str, dict]] = defaultdict(dict)
    for unit in manifest["units"]:
        read[unit["account"]][f"{READ_ROLE}-{unit['team']}"] = json.loads((work / "units" / "iam" / f"live-proof-{unit['team']}.json").read_text())
    for account in accounts:
        if account == PIPELINE:
            continue
        c = moto.client("sts", "us-east-1").assume_role(RoleArn=f"arn:aws:iam::{account}:role/{ADMIN_ROLE}", RoleSessionName="setup")["Credentials"]
        there = moto.client("iam", "us-east-1", aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
        anyone_here = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"}, "Action": "sts:AssumeRole"}]}
        for role, policies in ((ADMIN_ROLE, {"admin": ADMIN}), *sorted(deploy.get(account, {}).items()), (READ_ROLE, read.get(account, {}))):
            there.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps(trust.get((account, role), anyone_here)))
            for policy_name, policy in sorted(policies.items()):
                there.put_role_policy(RoleName=role, PolicyName=policy_name, PolicyDocument=json.dumps(policy))
    urllib.request.urlopen(urllib.request.Request(moto.url + "/plgen/enforce-iam", method="POST"), timeout=10).read()
    # From here every request is judged: the emulator's default credentials belong to no IAM user.
    with pytest.raises(ClientError, match="AuthFailure|InvalidClientTokenId|not authorized|AccessDenied"):
        moto.client("ec2", "us-east-1").describe_vpcs()
    return pipeline


def deploy_policies(work: Path, manifest: dict[str, Any]) -> tuple[dict[str, dict[str, dict[str, dict]]], dict[tuple[str, str], dict]]:
    """account -> the deploy role's name there (plgen-deploy, or the blueprint's role_name) -> policy name -> the
    generated policy (``units/iam/<unit>.json``), and (account, role name) -> its trust policy."""
    deploy: dict[str, dict[str, dict[str, dict]]] = defaultdict(lambda: defaultdict(dict))
    trust: dict[tuple[str, str], dict] = {}
    for unit in manifest["units"]:
        for role in json.loads((work / "units" / "iam" / f"{unit['name']}.json").read_text())["roles"]:
            prefix, _, role_name = role["role_arn"].rpartition(":role/")
            assert prefix == f"arn:aws:iam::{role['account']}", role["role_arn"]
            deploy[role["account"]][role_name][role["policy_name"]] = role["policy"]
            trust[(role["account"], role_name)] = role["trust_policy"]
    return deploy, trust


def sampled_action(unit: str, state: dict[str, Any], allowed: set[str]) -> str:
    """The one action removed from ``unit``'s deploy role: among the reads a refresh of its state must call (the
    first read of each managed resource type in it, ``plgen.aws.iam.ACTIONS``: the lookup by ID), sorted, the one a
    stable hash of the unit's name picks."""
    reads = sorted({ACTIONS[r["type"]].read[0] for r in state.get("resources", []) if r["mode"] == "managed" and ACTIONS[r["type"]].read} & allowed)
    assert reads, f"{unit}: no read action of its resources in its generated policy"
    return reads[zlib.crc32(unit.encode()) % len(reads)]


def without(policy: dict, action: str) -> dict:
    """The policy with ``action`` taken out of every statement."""
    return {**policy, "Statement": [{**s, "Action": [a for a in s["Action"] if a != action]} for s in policy["Statement"]]}


def least_privilege_the_other_way(work: Path, manifest: dict[str, Any], units: dict[str, "Terraform"], accounts: dict[str, "Account"]) -> dict[str, str]:
    """For each unit, one action of its generated deploy policy removed: a refresh-only plan of the unit, as its deploy
    role, is refused naming that action; with the generated policies put back the same plan passes (the refusal was
    that action's). Returns unit -> the action removed.

    The action is taken out of every inline policy of the deploy roles the unit's providers assume (another unit run
    in the same account may grant it too: the role holds one policy per unit run there), and only for that plan.
    Units whose roles differ are refused side by side (a batch: no role of one is a role of another), and the plans
    with the generated policies back run side by side at the end: a few seconds per unit.
    """
    deploy, _ = deploy_policies(work, manifest)
    order = [u for level in manifest["order"] for u in level]
    roles: dict[str, list[tuple[str, str]]] = {}
    sampled: dict[str, str] = {}
    for unit in order:
        roles[unit] = [(r["account"], r["role_arn"].rpartition(":role/")[2]) for r in json.loads((work / "units" / "iam" / f"{unit}.json").read_text())["roles"]]
        allowed = {a for account, role in roles[unit] for policy in deploy[account][role].values() for s in policy["Statement"] for a in s["Action"]}
        sampled[unit] = sampled_action(unit, json.loads((work / "units" / unit / "terraform.tfstate").read_text()), allowed)
    batches: list[list[str]] = []
    for unit in order:  # the first batch holding none of its roles
        batch = next((b for b in batches if not {r for u in b for r in roles[u]} & set(roles[unit])), None)
        if batch is None:
            batches.append(batch := [])
        batch.append(unit)

    def put(unit: str, strip: str | None) -> None:
        for account, role in roles[unit]:
            iam = accounts[account].client("iam", "us-east-1")
            for policy_name, policy in deploy[account][role].items():
                iam.put_role_policy(RoleName=role, PolicyName=policy_name, PolicyDocument=json.dumps(without(policy, strip) if strip else policy))

    def refused_plan(unit: str) -> str:
        try:
            units[unit].run("plan", "-refresh-only", "-input=false", "-lock=false")
        except TerraformFailed as failed:
            return failed.output
        raise AssertionError(f"least privilege: {unit} without {sampled[unit]}: the plan passed")

    def plan(unit: str) -> None:
        units[unit].run("plan", "-refresh-only", "-input=false", "-lock=false")

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for batch in batches:
            for unit in batch:
                put(unit, sampled[unit])
            try:
                outputs = dict(zip(batch, pool.map(refused_plan, batch)))
            finally:
                for unit in batch:
                    put(unit, None)
            for unit, output in outputs.items():
                # EC2 names the action ("not authorized to perform: ec2:DescribeVpcs"); moto's ELBv2 and RAM answer a
                # denial as a bare 403 on the call: either way the refused call is the removed action's. (Terraform
                # wraps a diagnostic's detail at 80 columns: compared with its whitespace as single spaces.)
                output = " ".join(output.split())
                action = sampled[unit]
                name = action.split(":", 1)[1]
                assert action in output or f"{name}, https response error StatusCode: 403" in output, (
                    f"{unit}: the plan without {action} failed otherwise:\n{output[-3000:]}"
                )
        list(pool.map(plan, order))  # the generated policies again: every plan passes
    for unit in order:
        print(f"least privilege: {unit} without {sampled[unit]}: refused")
    return sampled


def apply_units(name: str, source: Path, moto, tmp_path: Path, record_property, monkeypatch, label: str | None = None) -> None:
    """Apply the units of the rendered JSON root ``source`` in order, each in its account; check, prove, destroy."""
    shutil.copytree(source, tmp_path / name)
    work = tmp_path / name
    manifest = json.loads((work / "units" / "units.json").read_text())
    data = json.loads((work / TFVARS).read_text())
    order = [unit for level in manifest["order"] for unit in level]
    vendor = {VENDOR} if data.get("external_services") else set()  # the organisation running an external service
    every = sorted({a for u in manifest["units"] for a in u["accounts"]} | {PIPELINE} | vendor)
    enforced = iam_enforced()
    print(f"{label or name}: IAM enforcement {'on: deploy and live-proof roles hold only the generated policies' if enforced else 'off'}")
    pipeline = enforce_generated_iam(moto, work, manifest, every) if enforced else None
    accounts = {a: Account(moto, a, ADMIN_ROLE if enforced else ROLE, pipeline) for a in every}
    assert len(accounts) >= 3
    regions = _regions(data)
    before = {a: inventory(view, regions) for a, view in accounts.items()}
    # A consumer-only blueprint's service is created first, in the vendor's account, as the vendor would; its
    # service name (the emulator's) replaces the blueprint's in the data and in every unit's tfvars.
    external = create_external_services(data, accounts[VENDOR], sorted({u["account"] for u in manifest["units"]})) if vendor else []
    figures: dict[str, Any] = {"blueprint": f"{name} (units)", "units": len(order), "iam": "enforced" if enforced else "off"}

    # TLS listeners name a certificate the provider's account holds: import one there, in every unit's data;
    # a verified private DNS name names its domain's public zone, which the provider's account has.
    imported: dict[str, dict[str, str]] = defaultdict(dict)  # provider account -> blueprint ARN -> imported ARN
    public_zones: dict[str, set[str]] = defaultdict(set)  # the test's own, per account: removed after destroy

    def for_the_emulator(inputs: dict) -> None:
        for side, spec in inputs.get("service_providers", {}).items():
            own = {"service_providers": {side: spec}}
            account = accounts[spec["account_id"]]
            import_certificates(own, account, imported[spec["account_id"]])
            public_zones[spec["account_id"]].update(create_public_zones(own, account))

    for_the_emulator(data)
    units: dict[str, Terraform] = {}
    account_of = {u["name"]: u["account"] for u in manifest["units"]}
    gateways: dict[str, str] = {}  # gateway ID in the blueprint -> the one the test created in its owner's account
    for unit in order:
        folder = work / "units" / unit
        tfvars = json.loads((folder / TFVARS).read_text())
        account = accounts[account_of[unit]]
        create_log_destinations(tfvars, account, account_of[unit])  # the unit's own bucket or log group
        create_gateways(tfvars, account, gateways)  # the DX gateway, reused VGW or transit gateway its on_premises names
        if "service_providers" in tfvars:
            for_the_emulator(tfvars)
        if "external_services" in tfvars:
            tfvars["external_services"] = data["external_services"]
        (folder / TFVARS).write_text(json.dumps(tfvars, indent=2))
        tf = Terraform(folder)
        # The pipeline's own credentials; each provider block keeps its assume_role and allowed_account_ids,
        # and must ask STS who it is to check them.
        tf.override_provider({**moto.provider_settings(**(pipeline or {})), "skip_requesting_account_id": False}, provider_aliases(folder))
        units[unit] = tf
    create_gateways(data, None, gateways)  # the whole data (checks, live proof) names the same gateways: all created above

    units[order[0]].init(backend=True)  # fills the plugin cache once; the other units' inits only read it
    inited = {order[0]}
    applied: list[str] = []

    def apply(unit: str) -> None:
        if unit not in inited:
            units[unit].init(backend=True)
        units[unit].run("apply", "-input=false", "-auto-approve")
        applied.append(unit)
        assert (work / "units" / unit / "terraform.tfstate").is_file()
        hand_over(manifest, work / "units", unit, lambda output: units[unit].run("output", "-json", output))

    refreshed: set[str] = set()  # units whose refresh-only plan just passed with the generated policies

    def destroy(unit: str) -> None:
        # `terraform destroy` first refreshes the whole state (a plan walk of its own: a provider process and a read
        # of every resource), then plans the destroy from it; -refresh=false skips that walk ("Disables the default
        # behavior of synchronizing the Terraform state with remote objects before checking for configuration
        # changes", https://developer.hashicorp.com/terraform/cli/commands/plan#refresh-false). Only for units whose
        # refresh-only plan has just passed, as their deploy role, with the generated policies (the end of
        # least_privilege_the_other_way): the same reads, nothing changed since, so a second refresh proves nothing
        # new (about 4 s of CPU per unit, measured 2026-12-07: `plan -destroy` 8.8 s, with -refresh=false 5.1 s).
        # Any other unit (IAM off, or a failure before that check) is destroyed as a team runs it, refresh included.
        if unit in applied:
            units[unit].run("destroy", "-input=false", "-auto-approve", *(("-refresh=false",) if unit in refreshed else ()))

    levels = manifest["order"]
    figures["levels"] = len(levels)
    start = time.monotonic()
    try:
        _levels(apply, levels)
        figures["apply_s"] = round(time.monotonic() - start, 1)

        # Measured: each VPC is in its side's account, and in no other; the pipeline's account holds none.
        found = {a: _created_vpcs(view, regions) for a, view in accounts.items()}
        owners = _vpc_owners(data)
        assert {vpc: [a for a, vpcs in found.items() if vpc in vpcs] for vpc in owners} == {vpc: [a] for vpc, a in owners.items()}
        assert not found[PIPELINE] - set(owners), "the pipeline's own account holds a VPC"
        figures["accounts"] = len([a for a, vpcs in found.items() if vpcs])

        organisation = Organisation(list(accounts.values()))
        problems = check_applied(organisation, data)
        assert not problems, f"{name}: applied state differs from the blueprint's data:\n" + "\n".join(problems)
        if enforced:  # as `plgen paths --live --role-name plgen-live-proof` reads: each side's account through its read-only role
            assert pipeline is not None
            for variable, value in (("AWS_ENDPOINT_URL", moto.url), ("AWS_ACCESS_KEY_ID", pipeline["aws_access_key_id"]),
                                    ("AWS_SECRET_ACCESS_KEY", pipeline["aws_secret_access_key"]), ("AWS_DEFAULT_REGION", "us-east-1")):
                monkeypatch.setenv(variable, value)
            monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
            monkeypatch.delenv("AWS_PROFILE", raising=False)
            live, _ = prove_accounts(data, None, READ_ROLE, None, None, progress=lambda line: None)
        else:
            live = prove_live(organisation, data)
        failed = [f"{p.consumer} -> {p.endpoint} {p.listener}: " + "; ".join(f"{h.name}: {h.reason}" for h in p.hops if h.status == FAIL) for p in live if p.status == FAIL]
        assert not failed, f"{name}: paths that do not work across accounts:\n" + "\n".join(failed)
        offline = prove(Root.folder(source))
        assert {(p.consumer, p.endpoint, p.listener) for p in live} == {(p.consumer, p.endpoint, p.listener) for p in offline}
        figures["paths"] = len(live)
        if enforced:  # least privilege the other way: each unit, one action of its generated policy removed, is refused
            started = time.monotonic()
            refused = least_privilege_the_other_way(work, manifest, units, accounts)
            refreshed.update(refused)  # every unit's refresh-only plan passed with the generated policies just now
            figures["least_privilege_s"] = round(time.monotonic() - started, 1)
            for unit, action in refused.items():  # one row per unit in the terminal summary (tests/conftest.py)
                record_property("least_privilege", {"blueprint": f"{label or name} (units)", "line": f"least privilege: {unit} without {action}: refused"})
    finally:
        start = time.monotonic()
        _levels(destroy, list(reversed(levels)))
        figures["destroy_s"] = round(time.monotonic() - start, 1)
        record_property("apply_figures", figures)

    if external:  # the vendor's side: the test's fixture, not something the units created
        delete_external_services(external, accounts[VENDOR])
    for account, zones in public_zones.items():  # the test's fixture, not something the units created
        for zone in zones:
            accounts[account].client("route53", "us-east-1").delete_hosted_zone(Id=zone)
    for view in accounts.values():  # the reused virtual private gateways the test created (create_gateways), once detached
        for region in regions:
            ec2 = view.client("ec2", region)
            for vgw in ec2.describe_vpn_gateways()["VpnGateways"]:
                if vgw["VpnGatewayId"] in gateways.values() and vgw["State"] != "deleted":
                    ec2.delete_vpn_gateway(VpnGatewayId=vgw["VpnGatewayId"])
    left = {a: leftovers(before[a], inventory(view, regions)) for a, view in accounts.items()}
    assert not any(left.values()), f"{name}: destroy left these behind: {left}"

