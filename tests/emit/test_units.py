"""The deployment units: one root per account x Region x side, wired by remote state, applied in manifest order.

What a platform team relies on: every unit's provider works only in the
unit's account (a role there, ``allowed_account_ids``), the units form a DAG
whose order puts each unit after the units it reads, cross-account pairs are
split by owner (the provider accepts in its own account after the consumers),
and a new consumer is a new unit that changes no other unit's code.
"""

from __future__ import annotations

import copy
from collections import defaultdict
import json
from pathlib import Path

import pytest
import yaml

from plgen.blueprint import load_source
from plgen.compiler import compile_paths
from plgen.emit.layout import TFVARS
from plgen.emit.units import MANIFEST
from plgen.interfaces.endpoint_service import ACCEPTANCE
from plgen.interfaces.peering import PEERING_ACCEPTER
from tests.emit.test_scale_for_each import add_consumer

REPO = Path(__file__).resolve().parents[2]
BLUEPRINTS = sorted((REPO / "blueprints").glob("*.yaml"))


def _manifest(output, fmt: str = "json") -> dict:
    return json.loads(output.files[f"{fmt}/units/{MANIFEST}"])


def _unit(output, unit: str, fmt: str = "json") -> dict:
    """A unit's root, every .tf.json file merged."""
    doc: dict = {}
    prefix = f"{fmt}/units/{unit}/"
    for path, text in output.files.items():
        if path.startswith(prefix) and path.endswith(".tf.json") and "/" not in path[len(prefix):]:
            doc.update(json.loads(text))
    return doc


@pytest.mark.parametrize("name", [p.stem for p in BLUEPRINTS])
def test_manifest_is_a_dag_in_apply_order(catalogue, name):
    manifest = _manifest(catalogue[name])
    seen: set[str] = set()
    for level in manifest["order"]:
        for unit in level:
            (entry,) = [u for u in manifest["units"] if u["name"] == unit]
            assert set(entry["depends_on"]) <= seen, f"{unit} is applied before a unit it reads"
        seen |= set(level)
    assert seen == {u["name"] for u in manifest["units"]}
    # the same manifest for both formats
    assert catalogue[name].files[f"json/units/{MANIFEST}"] == catalogue[name].files[f"hcl/units/{MANIFEST}"]


@pytest.mark.parametrize("name", [p.stem for p in BLUEPRINTS])
def test_every_instance_is_in_exactly_one_unit_with_its_own_account(catalogue, name):
    compiled = catalogue[name].compiled
    units = {u.name: u for u in compiled.units}
    placed: dict[tuple[str, str], str] = {}
    for unit in compiled.units:
        doc = compiled.unit_modules[unit.name]
        assert set(doc["module"]) == set(unit.calls)
        for call in unit.calls:
            data = compiled.unit_inputs[unit.name]
            (record,) = [c for c in compiled.calls if c.name == call]
            for key in data.get(record.data, {}):
                instance = next((i for i in record.instances if i.key == key), None)
                if instance is not None and (instance.team, instance.account, instance.region) == (unit.team, unit.account, unit.region):
                    assert placed.setdefault((call, key), unit.name) == unit.name
    every = {(c.name, i.key) for c in compiled.calls for i in c.instances}
    assert set(placed) == every
    for unit in units.values():
        providers = compiled.unit_modules[unit.name]["provider"]["aws"]
        for config in providers:
            (account,) = config["allowed_account_ids"]
            assert account in unit.accounts
            assert config["assume_role"][0]["role_arn"].startswith(f"arn:aws:iam::{account}:role/")
        default = next(c for c in providers if "alias" not in c)
        assert default["allowed_account_ids"] == [unit.account]


def test_endpoint_acceptance_is_the_providers_after_its_consumers(catalogue):
    manifest = _manifest(catalogue["saas"])
    units = {u["name"]: u for u in manifest["units"]}
    accept = units["provider-billing-provider-endpoint-acceptance"]
    assert accept["account"] == units["provider-billing-provider"]["account"] == "111111111111"
    assert accept["calls"] == ["acceptance_us_east_1"]
    assert accept["depends_on"] == {
        "consumer-customer-acme": ["consumer_us_east_1.endpoints"],
        "consumer-customer-globex": ["consumer_us_east_1.endpoints"],
        "provider-billing-provider": ["provider_us_east_1.endpoint_services"],
    }
    assert units["consumer-customer-acme"]["depends_on"] == {"provider-billing-provider": ["provider_us_east_1.endpoint_services"]}
    assert manifest["order"] == [
        ["provider-billing-provider"],
        ["consumer-customer-acme", "consumer-customer-globex"],
        ["provider-billing-provider-endpoint-acceptance"],
        # private DNS on billing-api's endpoints, switched on once the provider has accepted them (issue 23 D2)
        # and acme's opt-in verify unit (Reachability Analyzer), which reads the acceptance too (issue 25)
        ["consumer-customer-acme-consumer-private-dns", "consumer-customer-acme-consumer-verify", "consumer-customer-globex-consumer-private-dns"],
    ]
    switch = units["consumer-customer-acme-consumer-private-dns"]
    assert switch["account"] == units["consumer-customer-acme"]["account"] and switch["calls"] == ["consumer_private_dns_us_east_1"]
    assert "provider-billing-provider-endpoint-acceptance" in switch["depends_on"]


@pytest.mark.parametrize("name", [p.stem for p in BLUEPRINTS])
def test_every_unit_holds_one_accounts_credentials(catalogue, name):
    # cross-account pairs are split by owner: no unit's providers reach into a second account
    for unit in _manifest(catalogue[name])["units"]:
        assert unit["accounts"] == [unit["account"]], unit["name"]
        for config in catalogue[name].compiled.unit_modules[unit["name"]]["provider"]["aws"]:
            assert config["allowed_account_ids"] == [unit["account"]], unit["name"]


def test_peering_is_split_into_request_acceptance_and_the_requesters_routes(catalogue):
    out = catalogue["inter-region-consumer"]
    manifest = _manifest(out)
    units = {u["name"]: u for u in manifest["units"]}
    network, request = units["peer-shop-use1-shop-home"], units["peer-shop-use1-shop-home-peering-zone-association"]
    accept, routes = units["consumer-shop-use1-peering-accepter"], units["peer-shop-use1-shop-home-peering-routes"]
    # the request and the requester's routes in the home VPC owner's account and Region, the acceptance in the consumer's
    assert {(u["account"], u["region"]) for u in (network, request, routes)} == {("666666666666", "eu-central-1")}
    assert (accept["account"], accept["region"]) == (units["consumer-shop-use1"]["account"], "us-east-1") == ("555555555555", "us-east-1")
    assert network["calls"] == ["peer_network_eu_central_1"]
    # the zone association is the VPC owner's (the authorization is in the consumer's own module)
    assert request["calls"] == ["peering_eu_central_1_to_us_east_1", "zone_association_eu_central_1"]
    assert accept["calls"] == ["peering_accepter_eu_central_1_to_us_east_1"]
    assert routes["calls"] == ["peering_routes_eu_central_1_to_us_east_1"]
    # wired by the connection ID: request -> acceptance -> the requester's routes
    assert accept["depends_on"]["peer-shop-use1-shop-home-peering-zone-association"] == ["peering_eu_central_1_to_us_east_1.peering_connection_id"]
    assert routes["depends_on"]["consumer-shop-use1-peering-accepter"] == ["peering_accepter_eu_central_1_to_us_east_1.peering_connection_id"]
    level = {n: i for i, names in enumerate(manifest["order"]) for n in names}
    assert level["consumer-shop-use1"] < level[request["name"]] < level[accept["name"]] < level[routes["name"]]
    doc = _unit(out, request["name"])
    call = doc["module"]["peering_eu_central_1_to_us_east_1"]
    assert "providers" not in call  # the unit's own provider only
    assert "vpc_id = local.from_consumer_us_east_1[each.value.side].vpc_id" in call["accepter"]
    assert doc["output"]["peering_eu_central_1_to_us_east_1"]["value"] == (
        "${{ for key, m in module.peering_eu_central_1_to_us_east_1 : key => { peering_connection_id = m.peering_connection_id } }}"
    )
    accepted = _unit(out, accept["name"])["module"]["peering_accepter_eu_central_1_to_us_east_1"]
    assert accepted["peering_connection_id"] == "${local.from_peering_eu_central_1_to_us_east_1[each.key].peering_connection_id}"
    routed = _unit(out, routes["name"])["module"]["peering_routes_eu_central_1_to_us_east_1"]
    assert routed["peering_connection_id"] == "${local.from_peering_accepter_eu_central_1_to_us_east_1[each.key].peering_connection_id}"


def test_the_example_root_still_holds_every_part_of_a_peering(catalogue):
    root = json.loads(catalogue["inter-region-consumer"].files["json/main.tf.json"])["module"]
    assert root["peering_accepter_eu_central_1_to_us_east_1"]["peering_connection_id"] == "${module.peering_eu_central_1_to_us_east_1[each.key].peering_connection_id}"
    assert root["peering_routes_eu_central_1_to_us_east_1"]["peering_connection_id"] == "${module.peering_accepter_eu_central_1_to_us_east_1[each.key].peering_connection_id}"
    assert "providers" not in root["peering_accepter_eu_central_1_to_us_east_1"]  # the consumer's Region: the root's default provider
    assert root["peering_routes_eu_central_1_to_us_east_1"]["providers"] == {"aws": "aws.eu_central_1"}


def test_a_side_may_name_its_own_deploy_role(catalogue):
    # SaaS: the service admits only globex's platform-network role, so globex's unit is applied as that role.
    (config,) = catalogue["saas"].compiled.unit_modules["consumer-customer-globex"]["provider"]["aws"]
    assert config["assume_role"] == [{"role_arn": "arn:aws:iam::333333333333:role/platform-network", "session_name": "plgen-consumer-customer-globex"}]
    (config,) = catalogue["saas"].compiled.unit_modules["consumer-customer-acme"]["provider"]["aws"]
    assert config["assume_role"] == [{"role_arn": "arn:aws:iam::222222222222:role/plgen-deploy", "session_name": "plgen-consumer-customer-acme"}]


def test_across_sides_a_value_is_handed_over_as_a_file_and_no_state_is_read(catalogue):
    """SaaS's customers are other companies: by default (``handoff: file``) no unit reads another side's state."""
    out = catalogue["saas"]
    manifest = {u["name"]: u for u in _manifest(out)["units"]}
    acme = _unit(out, "consumer-customer-acme")
    assert "data" not in acme and "remote_states" not in acme["variable"]
    assert acme["locals"]["from_provider_us_east_1"] == (
        '${merge([for f in var.handoffs["provider_us_east_1"] : jsondecode(file("${path.module}/${f}"))]...)}'
    )
    tfvars = json.loads(out.files["json/units/consumer-customer-acme/terraform.tfvars.json"])
    assert tfvars["handoffs"] == {"provider_us_east_1": ["handoffs/provider-billing-provider.provider_us_east_1.json"]}
    assert manifest["consumer-customer-acme"]["handoff_files"] == [
        {
            "from": "provider-billing-provider",
            "output": "provider_us_east_1",
            "file": "handoffs/provider-billing-provider.provider_us_east_1.json",
            "command": "terraform -chdir=../provider-billing-provider output -json provider_us_east_1 > handoffs/provider-billing-provider.provider_us_east_1.json",
        }
    ]
    # The provider's acceptance unit reads its own side's state, and the customers' endpoint IDs from their files.
    accept = _unit(out, "provider-billing-provider-endpoint-acceptance")
    assert set(accept["data"]["terraform_remote_state"]) == {"provider_us_east_1"}
    tfvars = json.loads(out.files["json/units/provider-billing-provider-endpoint-acceptance/terraform.tfvars.json"])
    assert tfvars["remote_states"] == {"provider_us_east_1": {"provider-billing-provider": {"path": "../provider-billing-provider/terraform.tfstate"}}}
    assert tfvars["handoffs"] == {
        "consumer_us_east_1": ["handoffs/consumer-customer-acme.consumer_us_east_1.json", "handoffs/consumer-customer-globex.consumer_us_east_1.json"]
    }
    assert "from_consumer_us_east_1" in accept["locals"] and "file(" in accept["locals"]["from_consumer_us_east_1"]


def test_one_side_alone_choosing_remote_state_still_hands_over_files(tmp_path):
    def one_side(document):
        document["providers"][0]["handoff"] = "remote_state"  # the customers did not agree

    (out,) = compile_paths([_grown(tmp_path, REPO / "blueprints" / "saas.yaml", one_side)], ("json",))
    assert "data" not in _unit(out, "consumer-customer-acme")


def _shared_state(document):
    document["handoff"] = "remote_state"  # both sides (every side) share state, as inside one organisation


def test_a_value_from_another_unit_is_its_output_read_through_remote_state(tmp_path):
    (out,) = compile_paths([_grown(tmp_path, REPO / "blueprints" / "saas.yaml", _shared_state)], ("json",))
    consumer = _unit(out, "consumer-customer-acme")
    assert consumer["data"]["terraform_remote_state"]["provider_us_east_1"] == {
        "for_each": '${var.remote_states["provider_us_east_1"]}',
        "backend": "local",
        "config": "${each.value}",
    }
    assert consumer["locals"]["from_provider_us_east_1"] == (
        "${merge([for unit in data.terraform_remote_state.provider_us_east_1 : unit.outputs.provider_us_east_1]...)}"
    )
    tfvars = json.loads(out.files["json/units/consumer-customer-acme/terraform.tfvars.json"])
    assert tfvars["remote_states"] == {"provider_us_east_1": {"provider-billing-provider": {"path": "../provider-billing-provider/terraform.tfstate"}}}
    assert set(tfvars["service_consumers"]) == {"customer-acme"}  # its slice of the data, nothing of other consumers
    assert "service_providers" not in tfvars
    provider = _unit(out, "provider-billing-provider")
    assert provider["output"]["provider_us_east_1"]["value"] == "${{ for key, m in module.provider_us_east_1 : key => { endpoint_services = m.endpoint_services } }}"
    assert provider["terraform"]["backend"] == {"local": {"path": "terraform.tfstate"}}
    assert "data" not in provider  # the provider's first unit reads nobody


def _grown(tmp_path: Path, source: Path, change) -> Path:
    document = copy.deepcopy(load_source(source).data)
    change(document)
    path = tmp_path / source.name
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


@pytest.mark.parametrize("source", [p for p in BLUEPRINTS if load_source(p).data.get("consumers")], ids=lambda p: p.stem)
def test_adding_a_consumer_adds_one_unit_and_only_the_providers_acceptance_data_changes(tmp_path, source):
    (base,) = compile_paths([source], ("json", "hcl"))
    (more,) = compile_paths([_grown(tmp_path, source, add_consumer)], ("json", "hcl"))
    before, after = {u.name for u in base.compiled.units}, {u.name for u in more.compiled.units}
    new = {u.name: u for u in more.compiled.units if u.name not in before}
    assert before <= after
    # one unit for the consumer; a peered consumer's peering adds its acceptance (a second pass of the consumer,
    # in its own account) and its home VPC's units (in the home VPC owner's account) -- all the new team's
    assert all(u.team == "added-consumer" for u in new.values()), sorted(new)
    assert [n for n, u in new.items() if u.side == "consumer" and not n.startswith("consumer-added-consumer-")] == ["consumer-added-consumer"]
    calls = {c.name: c for c in more.compiled.calls}
    for name, unit in new.items():
        if unit.side == "consumer" and name != "consumer-added-consumer":
            # a consumer's second pass in its own account: its peering's acceptance, or its private DNS after the provider's acceptance
            assert {calls[c].module for c in unit.calls} in ({PEERING_ACCEPTER.module}, {"modules/consumer-private-dns"}), name
    assert any(u.side == "peer" for u in new.values()) == bool(document_peers(source))
    changed = {
        path
        for path, text in base.files.items()
        if "/units/" in path and not path.endswith(MANIFEST) and more.files.get(path) != text
    }
    accepting = {u.name for u in more.compiled.units if any(calls[c].module == ACCEPTANCE.module for c in u.calls)}
    for path in changed:
        unit = path.split("/units/")[1].split("/")[0]
        assert unit in accepting and path.endswith(TFVARS), f"{path} changed"
    if accepting & after:
        assert changed, "the provider's acceptance unit must learn the new endpoints"
    else:  # resource access: no acceptance; the RAM shares name accounts, and the copy's account is shared already
        assert not changed, changed
    for path in changed:
        old, grown = json.loads(base.files[path]), json.loads(more.files[path])
        assert {k for k in grown if grown[k] != old.get(k)} <= {"service_consumers", "remote_states", "handoffs"}
        assert set(grown["service_consumers"]) - set(old["service_consumers"]) == {"added-consumer"}


def document_peers(source: Path) -> list:
    """The peers of the consumer the test copies."""
    return load_source(source).data["consumers"][0].get("peers") or []


def test_state_section_gives_each_unit_an_s3_key_with_a_lock_file(tmp_path):
    def with_state(document):
        document["state"] = {"bucket": "acme-plgen-state", "region": "us-east-1", "key_prefix": "platform/saas"}
        _shared_state(document)
        document["consumers"][0]["deploy_role"] = "arn:aws:iam::{account_id}:role/team/acme-deployer"

    (out,) = compile_paths([_grown(tmp_path, REPO / "blueprints" / "saas.yaml", with_state)], ("json",))
    consumer = _unit(out, "consumer-customer-acme")
    assert consumer["terraform"]["backend"] == {
        "s3": {
            "bucket": "acme-plgen-state",
            "key": "platform/saas/consumer-customer-acme/terraform.tfstate",
            "region": "us-east-1",
            "use_lockfile": True,
            "encrypt": True,
            "assume_role": {"role_arn": "arn:aws:iam::222222222222:role/team/acme-deployer", "session_name": "plgen-consumer-customer-acme"},
        }
    }
    assert consumer["data"]["terraform_remote_state"]["provider_us_east_1"]["backend"] == "s3"
    tfvars = json.loads(out.files["json/units/consumer-customer-acme/terraform.tfvars.json"])
    assert tfvars["remote_states"]["provider_us_east_1"] == {
        "provider-billing-provider": {"bucket": "acme-plgen-state", "key": "platform/saas/provider-billing-provider/terraform.tfstate", "region": "us-east-1"}
    }
    (provider,) = consumer["provider"]["aws"]
    assert provider["assume_role"][0]["role_arn"] == "arn:aws:iam::222222222222:role/team/acme-deployer"  # the side's override
    other = _unit(out, "consumer-customer-globex")["provider"]["aws"][0]
    assert other["assume_role"][0]["role_arn"] == "arn:aws:iam::333333333333:role/platform-network"
    accept = _unit(out, "provider-billing-provider-endpoint-acceptance")["provider"]["aws"][0]
    assert accept["assume_role"][0]["role_arn"] == "arn:aws:iam::111111111111:role/plgen-deploy"  # the blueprint's default


def test_a_bad_deploy_role_is_refused_where_it_is_written(tmp_path):
    from plgen.errors import BlueprintError

    def bad(document):
        document["deploy_role"] = "arn:aws:iam::123456789012:role/fixed-account"

    with pytest.raises(BlueprintError) as caught:
        compile_paths([_grown(tmp_path, REPO / "blueprints" / "saas.yaml", bad)])
    assert "deploy_role" in str(caught.value)


# -- IAM per unit (issue 24) ---------------------------------------------------------------


def _iam(output, unit: str, fmt: str = "json") -> dict:
    return json.loads(output.files[f"{fmt}/units/iam/{unit}.json"])


def _resource_types(output, unit: str) -> set[str]:
    """Every resource and data source type the unit's module calls hold (``data.<type>`` for data sources)."""
    compiled = output.compiled
    calls = {c.name: c for c in compiled.calls}
    types = set()
    for call in compiled.unit_modules[unit]["module"]:
        module = compiled.modules[calls[call].module]
        types |= set(module.get("resource", {})) | {f"data.{t}" for t in module.get("data", {})}
    return types


@pytest.mark.parametrize("name", [p.stem for p in BLUEPRINTS])
def test_every_unit_has_a_deploy_policy_with_the_actions_of_the_types_it_holds(catalogue, name):
    from plgen.aws.iam import ACTIONS

    out = catalogue[name]
    manifest = _manifest(out)
    for unit in manifest["units"]:
        iam = _iam(out, unit["name"])
        assert unit["iam"] == f"iam/{unit['name']}.json"
        (role,) = iam["roles"]  # one account per unit
        assert role["account"] == unit["account"]
        (deploy,) = [s for s in role["policy"]["Statement"] if s["Sid"] == "DeployResources"]
        assert deploy["Action"] == unit["required_actions"] == sorted(set(unit["required_actions"]))
        for kind in _resource_types(out, unit["name"]):
            # every lifecycle step of every type it holds is allowed: create, read, update, delete
            entry = ACTIONS[kind]
            missing = {*entry.create, *entry.read, *entry.update, *entry.delete} - set(deploy["Action"])
            assert not missing, (unit["name"], kind, missing)
        assert role["trust_policy"]["Statement"] == [
            {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{unit['account']}:root"}, "Action": "sts:AssumeRole"}
        ]
        for config in out.compiled.unit_modules[unit["name"]]["provider"]["aws"]:
            assert config["assume_role"][0]["session_name"] == f"plgen-{unit['name']}"[:64]


def test_each_side_is_allowed_only_what_its_own_resources_need(catalogue):
    """The consumer cannot create endpoint services, the provider cannot create endpoints, only acceptance accepts."""
    units = {u["name"]: set(u["required_actions"]) for u in _manifest(catalogue["saas"])["units"]}
    consumer, provider = units["consumer-customer-acme"], units["provider-billing-provider"]
    accept = units["provider-billing-provider-endpoint-acceptance"]
    assert "ec2:CreateVpcEndpoint" in consumer and "ec2:CreateVpcEndpointServiceConfiguration" not in consumer
    assert "ec2:CreateVpcEndpointServiceConfiguration" in provider and "ec2:CreateVpcEndpoint" not in provider
    assert "ec2:AcceptVpcEndpointConnections" in accept and "ec2:AcceptVpcEndpointConnections" not in provider | consumer
    assert "ec2:CreateVpc" not in accept  # the acceptance unit holds no network


def test_native_cross_region_units_need_allow_multi_region_and_the_others_do_not(catalogue):
    """A native cross-Region endpoint or service needs ``vpce:AllowMultiRegion`` (review D8); a same-Region one does not."""
    for name in ("inter-region-consumer-native", "inter-region-service-native"):
        needing = [u["name"] for u in _manifest(catalogue[name])["units"] if "vpce:AllowMultiRegion" in u["required_actions"]]
        assert needing, name
    assert not [u["name"] for u in _manifest(catalogue["saas"])["units"] if "vpce:AllowMultiRegion" in u["required_actions"]]


def test_manifest_says_what_each_unit_reads_publishes_and_who_reruns_after_it(catalogue):
    units = {u["name"]: u for u in _manifest(catalogue["saas"])["units"]}
    acme = units["consumer-customer-acme"]
    assert acme["reads"] == ["provider-billing-provider"]
    # its endpoints (for the acceptance), and its VPC and subnets (for its opt-in verify unit's probe)
    assert acme["publishes"] == ["consumer_us_east_1.endpoints", "consumer_us_east_1.subnet_ids", "consumer_us_east_1.vpc_id"]
    # a new or changed consumer means the provider's acceptance unit runs again, and so do its own later passes
    assert acme["rerun_after_change"] == ["consumer-customer-acme-consumer-private-dns", "consumer-customer-acme-consumer-verify", "provider-billing-provider-endpoint-acceptance"]
    assert units["provider-billing-provider"]["publishes"] == ["provider_us_east_1.endpoint_services"]
    # the private-DNS pass switches private DNS on once the provider accepted: it re-runs after every acceptance
    assert units["provider-billing-provider-endpoint-acceptance"]["rerun_after_change"] == [
        "consumer-customer-acme-consumer-private-dns",
        "consumer-customer-acme-consumer-verify",
        "consumer-customer-globex-consumer-private-dns",
    ]
    dns = units["consumer-customer-acme-consumer-private-dns"]
    assert dns["reads"] == ["consumer-customer-acme", "provider-billing-provider-endpoint-acceptance"]
    assert dns["publishes"] == [] and dns["rerun_after_change"] == []
    # the acceptance is the provider's, another organisation: it reaches the customer's pass as a hand-off file;
    # the customer's own consumer unit is read through its own state
    assert [h["from"] for h in dns["handoff_files"]] == ["provider-billing-provider-endpoint-acceptance"]


def test_with_file_hand_offs_the_state_bucket_lets_no_side_read_another_sides_state(tmp_path):
    def with_state(document):
        document["state"] = {"bucket": "acme-plgen-state", "region": "us-east-1"}

    (out,) = compile_paths([_grown(tmp_path, REPO / "blueprints" / "saas.yaml", with_state)], ("json",))
    team = {u.name: u.team for u in out.compiled.units}
    role = {u.name: _iam(out, u.name)["roles"][0]["role_arn"] for u in out.compiled.units}
    policy = json.loads(out.files["json/units/iam/state-bucket-policy.json"])
    for s in policy["Statement"]:
        if "s3:GetObject" in s["Action"]:
            readers = {u for u, r in role.items() if r == s["Principal"]["AWS"]}
            for r in s["Resource"]:
                owner = r.split("/")[-2]  # saas/<unit>/terraform.tfstate
                assert {team[owner]} == {team[u] for u in readers}, (s["Sid"], readers, owner)


def test_s3_state_backend_assumes_the_units_role_and_the_bucket_policy_lets_each_read_only_its_producers(tmp_path):
    def with_state(document):
        document["state"] = {"bucket": "acme-plgen-state", "region": "us-east-1"}
        _shared_state(document)

    (out,) = compile_paths([_grown(tmp_path, REPO / "blueprints" / "saas.yaml", with_state)], ("json", "hcl"))
    acme = _unit(out, "consumer-customer-acme")
    assert acme["terraform"]["required_version"] == ">= 1.10.0"  # use_lockfile
    assert acme["terraform"]["backend"]["s3"]["assume_role"] == {
        "role_arn": "arn:aws:iam::222222222222:role/plgen-deploy",
        "session_name": "plgen-consumer-customer-acme",
    }
    assert 'session_name = "plgen-consumer-customer-acme"' in acme["data"]["terraform_remote_state"]["provider_us_east_1"]["config"]
    assert 'required_version = ">= 1.10.0"' in out.files["hcl/units/consumer-customer-acme/versions.tf"]

    policy = json.loads(out.files["json/units/iam/state-bucket-policy.json"])
    readable: dict[str, set[str]] = defaultdict(set)
    writable: dict[str, set[str]] = defaultdict(set)
    for s in policy["Statement"]:
        for r in s["Resource"]:
            key = r.split(":::acme-plgen-state/", 1)[-1] if "/" in r else None
            if key and "s3:GetObject" in s["Action"]:
                readable[s["Principal"]["AWS"]].add(key)
            if key and "s3:PutObject" in s["Action"]:
                writable[s["Principal"]["AWS"]].add(key)
    acme_role, globex_role = "arn:aws:iam::222222222222:role/plgen-deploy", "arn:aws:iam::333333333333:role/platform-network"
    # acme's role is shared by its consumer unit, its private-DNS pass and its verify unit (one account): each one's
    # key and lock file, and what each reads (the provider's state; the acceptance's, the passes read it after acceptance)
    acme, acme_dns = "saas/consumer-customer-acme/terraform.tfstate", "saas/consumer-customer-acme-consumer-private-dns/terraform.tfstate"
    acme_verify = "saas/consumer-customer-acme-consumer-verify/terraform.tfstate"
    own_keys = {acme, f"{acme}.tflock", acme_dns, f"{acme_dns}.tflock", acme_verify, f"{acme_verify}.tflock"}
    assert readable[acme_role] == own_keys | {
        "saas/provider-billing-provider/terraform.tfstate",
        "saas/provider-billing-provider-endpoint-acceptance/terraform.tfstate",
    }
    assert writable[acme_role] == own_keys
    assert not any("customer-acme" in k for k in readable[globex_role])  # no customer reads another's state
    assert len({s["Sid"] for s in policy["Statement"]}) == len(policy["Statement"])
    own = []  # the state statements of every unit the role deploys, in apply order, are the bucket's for that role
    for unit in ("consumer-customer-acme", "consumer-customer-acme-consumer-private-dns", "consumer-customer-acme-consumer-verify"):
        (role,) = _iam(out, unit)["roles"]
        own += [s for s in role["policy"]["Statement"] if s["Sid"] != "DeployResources"]
    bucket = [{k: v for k, v in s.items() if k != "Principal"} | {"Sid": s["Sid"].rstrip("0123456789")} for s in policy["Statement"] if s["Principal"]["AWS"] == acme_role]
    assert sorted(own, key=json.dumps) == sorted(bucket, key=json.dumps)


def test_sse_kms_state_names_the_key_in_each_backend_and_writes_its_policy_statements(tmp_path):
    key = "arn:aws:kms:us-east-1:444444444444:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    def with_state(document):
        document["state"] = {"bucket": "acme-plgen-state", "region": "us-east-1", "kms_key_arn": key}

    (out,) = compile_paths([_grown(tmp_path, REPO / "blueprints" / "saas.yaml", with_state)], ("json",))
    manifest = _manifest(out)
    assert manifest["state_policies"] == ["iam/state-bucket-policy.json", "iam/state-key-policy.json"]
    for unit in manifest["units"]:
        assert _unit(out, unit["name"])["terraform"]["backend"]["s3"]["kms_key_id"] == key
        (role,) = _iam(out, unit["name"])["roles"]
        assert {"Sid": "StateKey", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], "Resource": [key]} in role["policy"]["Statement"]
    (statement,) = json.loads(out.files["json/units/iam/state-key-policy.json"])["Statement"]
    assert statement["Principal"]["AWS"] == [
        "arn:aws:iam::111111111111:role/plgen-deploy",
        "arn:aws:iam::222222222222:role/plgen-deploy",
        "arn:aws:iam::333333333333:role/platform-network",
    ]


def test_a_kms_alias_is_refused_where_a_key_arn_is_needed(tmp_path):
    from plgen.errors import BlueprintError

    def alias(document):
        document["state"] = {"bucket": "acme-plgen-state", "region": "us-east-1", "kms_key_arn": "alias/plgen-state"}

    with pytest.raises(BlueprintError) as caught:
        compile_paths([_grown(tmp_path, REPO / "blueprints" / "saas.yaml", alias)])
    assert "kms_key_arn" in str(caught.value)
