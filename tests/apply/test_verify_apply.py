"""The opt-in ``verify`` unit applied in the emulator: AWS's own analysis (Reachability Analyzer) of acme's path.

The saas units a verify unit needs are applied as a platform team applies them
(each in its own account, its provider assuming ``plgen-deploy``, as
``test_units_apply.py``): the provider, acme's consumer unit, the provider's
acceptance, then ``consumer-customer-acme-consumer-verify``. The emulator
answers the analysis from its own model of security group rules, route tables
and endpoint connection state (``tests/emulator/reachability.py``), never from
plgen's proof. Applied, every path is found and the unit's output says so; after
the endpoint group's ingress rule is removed by hand, asking again (``-replace``
of the analysis, as the guide says) fails the apply at the unit's postcondition,
naming the path.
"""

from __future__ import annotations

import json

import pytest

from plgen.compiler import compile_paths
from plgen.verify.terraform import Terraform, TerraformFailed, provider_aliases
from tests.apply.emulator import create_log_destinations, create_public_zones, hand_over, import_certificates
from tests.apply.test_units_apply import PIPELINE, Account
from tests.conftest import REPO, requires_terraform
from tests.trees import write_tree

TFVARS = "terraform.tfvars.json"
VERIFY = "consumer-customer-acme-consumer-verify"
NEEDED = ("provider-billing-provider", "consumer-customer-acme", "consumer-customer-globex", "provider-billing-provider-endpoint-acceptance", VERIFY)
PATH = "billing-provider/billing-api/tcp/443"


@requires_terraform
@pytest.mark.apply  # applies against an emulator: excluded from the default run (DEVELOPERS.md)
def test_the_verify_unit_finds_acmes_path_and_fails_once_the_endpoint_group_loses_its_rule(moto, tmp_path):
    (out,) = compile_paths([REPO / "blueprints" / "saas.yaml"], ("json",))
    write_tree(tmp_path, out.name, out.files)
    work = tmp_path / "saas" / "json"
    manifest = json.loads((work / "units" / "units.json").read_text())
    order = [unit for level in manifest["order"] for unit in level if unit in NEEDED]
    assert order.index(VERIFY) > order.index("provider-billing-provider-endpoint-acceptance")
    account_of = {u["name"]: u["account"] for u in manifest["units"]}
    accounts = {a: Account(moto, a) for a in sorted({a for u in manifest["units"] for a in u["accounts"]} | {PIPELINE})}
    imported: dict[str, dict[str, str]] = {}

    units: dict[str, Terraform] = {}
    for unit in order:
        folder = work / "units" / unit
        tfvars = json.loads((folder / TFVARS).read_text())
        create_log_destinations(tfvars, accounts[account_of[unit]], account_of[unit])
        for side, spec in tfvars.get("service_providers", {}).items():
            own = {"service_providers": {side: spec}}
            import_certificates(own, accounts[spec["account_id"]], imported.setdefault(spec["account_id"], {}))
            create_public_zones(own, accounts[spec["account_id"]])
        (folder / TFVARS).write_text(json.dumps(tfvars, indent=2))
        tf = Terraform(folder)
        tf.override_provider({**moto.provider_settings(), "skip_requesting_account_id": False}, provider_aliases(folder))
        units[unit] = tf
    for unit in order:
        units[unit].init(backend=True)
        units[unit].run("apply", "-input=false", "-auto-approve")
        hand_over(manifest, work / "units", unit, lambda output: units[unit].run("output", "-json", output))  # its readers' files

    verify = units[VERIFY]
    found = json.loads(verify.run("output", "-json"))["consumer_verify_us_east_1"]["value"]["customer-acme"]
    assert found["path_found"] == {PATH: True}
    assert any("NLB listener" in hop for hop in found["proven_by_plgen_only"])

    acme = accounts[account_of["consumer-customer-acme"]].client("ec2", "us-east-1")
    [vpce] = [e for e in acme.describe_vpc_endpoints()["VpcEndpoints"] if e["VpcEndpointType"] == "Interface"]
    group = vpce["Groups"][0]["GroupId"]
    rules = acme.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [group]}])["SecurityGroupRules"]
    acme.revoke_security_group_ingress(GroupId=group, SecurityGroupRuleIds=[r["SecurityGroupRuleId"] for r in rules if not r["IsEgress"]])
    analysis = f'module.consumer_verify_us_east_1["customer-acme"].aws_ec2_network_insights_analysis.this["{PATH}"]'
    with pytest.raises(TerraformFailed) as failed:
        verify.run("apply", "-input=false", "-auto-approve", f"-replace={analysis}")
    said = " ".join(failed.value.output.split())  # Terraform wraps its error lines
    assert f"Reachability Analyzer finds no path from the probe to {PATH}: see the analysis nia-" in said, said[-600:]
