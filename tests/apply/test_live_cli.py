"""``plgen paths --live`` (the CLI, as a platform team runs it) on the SaaS blueprint's units, applied across accounts.

One apply of the units (each its own account, its provider assuming
``plgen-deploy``, as ``test_units_apply.py``); then the command, in a
subprocess whose only AWS settings are the pipeline's credentials and
``AWS_ENDPOINT_URL`` at the emulator, reads each account through the role the
units' providers name and passes. Then drifts made by hand with boto3, one
after another: each makes the command exit 1 with the hop that broke and the
unit whose re-apply fixes it, and re-applying that unit makes it pass again.
Two drifts need more than a plain re-apply, and the test shows it: a connection
the service owner rejected stays rejected when the acceptance unit is re-applied
(the fix replaces the consumer's endpoint: a new request, then accepts it), and a
private DNS name set again by hand stays pendingVerification when the provider's
unit is re-applied (the fix replaces the verification resource).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from plgen.verify.terraform import Terraform, provider_aliases
from tests.apply.emulator import create_log_destinations, create_public_zones, hand_over, import_certificates
from tests.apply.test_units_apply import PIPELINE, Account
from tests.conftest import requires_terraform
from tests.emulator.server import CREDENTIALS

NAME = "saas"
TFVARS = "terraform.tfvars.json"


def _live(moto, target) -> tuple[int, dict, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ENDPOINT_URL=moto.url, AWS_ACCESS_KEY_ID=CREDENTIALS["aws_access_key_id"], AWS_SECRET_ACCESS_KEY=CREDENTIALS["aws_secret_access_key"], AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull,
    )
    done = subprocess.run([str(Path(sys.executable).parent / "plgen"), "paths", "--live", "--format", "json", str(target)], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout), done.stderr


def _failed(report: dict) -> dict[tuple[str, str, str], tuple[str, str, str]]:
    """(consumer, endpoint, listener) -> (first failing hop, its reason, the fix) of each failing path."""
    out = {}
    for path in report["paths"]:
        bad = [h for h in path["hops"] if h["status"] == "FAIL"]
        if bad:
            out[(path["consumer"], path["endpoint"], path["listener"])] = (bad[0]["hop"], bad[0]["reason"], path.get("fix", ""))
    return out


@requires_terraform
@pytest.mark.apply
def test_paths_live_passes_after_apply_fails_on_drift_at_the_hop_and_passes_after_reapplying_the_named_unit(rendered, moto, tmp_path):
    shutil.copytree(rendered / NAME / "json", tmp_path / NAME)
    work = tmp_path / NAME
    manifest = json.loads((work / "units" / "units.json").read_text())
    order = [unit for level in manifest["order"] for unit in level]
    accounts = {a: Account(moto, a) for a in sorted({a for u in manifest["units"] for a in u["accounts"]} | {PIPELINE})}
    account_of = {u["name"]: u["account"] for u in manifest["units"]}
    imported: dict[str, dict[str, str]] = defaultdict(dict)

    def for_the_emulator(inputs: dict) -> None:
        for side, spec in inputs.get("service_providers", {}).items():
            own = {"service_providers": {side: spec}}
            import_certificates(own, accounts[spec["account_id"]], imported[spec["account_id"]])
            create_public_zones(own, accounts[spec["account_id"]])  # reuses the zone it made before: rewrites zone_id

    data = json.loads((work / TFVARS).read_text())
    for_the_emulator(data)
    (work / TFVARS).write_text(json.dumps(data, indent=2))
    units: dict[str, Terraform] = {}
    for unit in order:
        folder = work / "units" / unit
        tfvars = json.loads((folder / TFVARS).read_text())
        create_log_destinations(tfvars, accounts[account_of[unit]], account_of[unit])
        for_the_emulator(tfvars)
        (folder / TFVARS).write_text(json.dumps(tfvars, indent=2))
        tf = Terraform(folder)
        tf.override_provider({**moto.provider_settings(), "skip_requesting_account_id": False}, provider_aliases(folder))
        units[unit] = tf

    def apply(unit: str, *options: str) -> None:
        units[unit].init(backend=True)
        units[unit].run("apply", "-input=false", "-auto-approve", *options)
        hand_over(manifest, work / "units", unit, lambda output: units[unit].run("output", "-json", output))  # its readers' files

    for unit in order:
        apply(unit)

    code, report, stderr = _live(moto, work)
    assert code == 0 and report["status"] == "PASS", _failed(report)
    assert {p["consumer"] for p in report["paths"]} == set(data["service_consumers"])
    assert "live: account 222222222222: assuming arn:aws:iam::222222222222:role/plgen-deploy" in stderr

    acme = accounts[data["service_consumers"]["customer-acme"]["account_id"]].client("ec2", "us-east-1")
    provider = accounts[data["service_providers"]["billing-provider"]["account_id"]]

    # 1. A rule of acme's endpoint group deleted by hand: "security group" (or "source") fails; re-apply acme's unit.
    [vpce] = [e for e in acme.describe_vpc_endpoints()["VpcEndpoints"] if e["VpcEndpointType"] == "Interface"]
    group = vpce["Groups"][0]["GroupId"]
    rules = [r["SecurityGroupRuleId"] for r in acme.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [group]}])["SecurityGroupRules"] if not r["IsEgress"]]
    acme.revoke_security_group_ingress(GroupId=group, SecurityGroupRuleIds=rules)
    code, report, _ = _live(moto, work / "units")
    failed = _failed(report)
    assert code == 1 and {k[0] for k in failed} == {"customer-acme"}, failed
    [(hop, reason, fix)] = failed.values()
    assert hop in ("source", "security group") and fix == f"{hop}: re-apply unit consumer-customer-acme (units/consumer-customer-acme)", failed
    apply("consumer-customer-acme")
    code, report, _ = _live(moto, work)
    assert code == 0, _failed(report)

    # 2. A target deregistered by hand: "targets" fails on the provider's paths; re-apply the provider's unit.
    elbv2 = provider.client("elbv2", "us-east-1")
    groups = elbv2.describe_target_groups()["TargetGroups"]
    for tg in groups:
        health = elbv2.describe_target_health(TargetGroupArn=tg["TargetGroupArn"])["TargetHealthDescriptions"]
        if health:
            elbv2.deregister_targets(TargetGroupArn=tg["TargetGroupArn"], Targets=[d["Target"] for d in health])
    code, report, _ = _live(moto, work / "units" / "consumer-customer-globex")
    failed = _failed(report)
    assert code == 1 and failed and all(hop == "targets" and fix.endswith("re-apply unit provider-billing-provider (units/provider-billing-provider)") for hop, _, fix in failed.values()), failed
    apply("provider-billing-provider")
    code, report, _ = _live(moto, work)
    assert code == 0, _failed(report)

    # 3. acme's connection rejected by the service owner: "acceptance" fails. Re-applying the acceptance unit keeps it
    #    rejected (the provider reads the rejected connection back as it is, and AWS accepts requests); the fix named:
    #    a new endpoint in acme's unit (-replace), then the acceptance unit, then acme's private DNS pass.
    ec2 = provider.client("ec2", "us-east-1")
    [vpce] = [e for e in acme.describe_vpc_endpoints()["VpcEndpoints"] if e["VpcEndpointType"] == "Interface" and e["State"] == "available"]
    [service] = [c for c in ec2.describe_vpc_endpoint_service_configurations()["ServiceConfigurations"] if c["ServiceName"] == vpce["ServiceName"]]
    assert ec2.reject_vpc_endpoint_connections(ServiceId=service["ServiceId"], VpcEndpointIds=[vpce["VpcEndpointId"]])["Unsuccessful"] == []
    code, report, _ = _live(moto, work / "units")
    failed = _failed(report)
    assert code == 1 and {k[0] for k in failed} == {"customer-acme"}, failed
    [(hop, reason, fix)] = failed.values()
    assert hop == "acceptance" and vpce["VpcEndpointId"] in reason and "rejected" in reason, failed
    assert fix.startswith("acceptance: re-apply unit consumer-customer-acme with -replace="), fix
    apply("provider-billing-provider-endpoint-acceptance")
    code, report, _ = _live(moto, work / "units")
    assert code == 1 and [h for h, _, _ in _failed(report).values()] == ["acceptance"], _failed(report)
    # The fix line, followed as written: acme's unit with the endpoint replaced, then every unit it names, in order.
    replace = fix.split("with ", 1)[1].split(" (units/", 1)[0]
    after = [step.strip() for step in fix.split(" (re-applying", 1)[0].split(")", 1)[1].split(", then ")[1:]]
    assert after[0] == "provider-billing-provider-endpoint-acceptance" and "consumer-customer-acme-consumer-private-dns" in after, fix
    apply("consumer-customer-acme", replace.replace("'", ""))
    for unit in after:
        apply(unit)
    code, report, _ = _live(moto, work)
    assert code == 0, _failed(report)

    # 4. The private DNS name removed and set again by hand: pendingVerification, a new TXT record; "dns" fails on every
    #    path using it. Re-applying the provider's unit with the verification replaced verifies it again.
    name = service["PrivateDnsName"]
    ec2.modify_vpc_endpoint_service_configuration(ServiceId=service["ServiceId"], RemovePrivateDnsName=True)
    ec2.modify_vpc_endpoint_service_configuration(ServiceId=service["ServiceId"], PrivateDnsName=name)
    code, report, _ = _live(moto, work / "units")
    failed = _failed(report)
    private = {(c, key) for c, spec in data["service_consumers"].items() for key, e in spec["endpoints"].items() if e["private_dns"]}
    assert code == 1 and {(k[0], k[1]) for k in failed} == private, failed
    assert all(hop == "dns" and "pendingVerification" in reason and "-replace=" in fix for hop, reason, fix in failed.values()), failed
    [fix] = {fix for _, _, fix in failed.values()}
    assert fix.startswith("dns: re-apply unit provider-billing-provider with -replace="), fix
    apply("provider-billing-provider", fix.split("with ", 1)[1].split(" (units/", 1)[0].replace("'", ""))
    code, report, _ = _live(moto, work)
    assert code == 0, _failed(report)
