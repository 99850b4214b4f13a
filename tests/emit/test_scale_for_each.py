"""Adding a consumer, a service or a target changes the data, never the module code.

The modules iterate (``for_each``) over maps in ``terraform.tfvars.json``, so a
platform team with a thousand consumers reviews one new map entry per new
consumer, and a plan touches only that consumer's instances. Each case below
copies an existing element of a catalogue blueprint (so no new feature is
switched on), renders both blueprints in every available format, and checks
that every file other than ``terraform.tfvars.json`` is byte-identical while
the data gains exactly one entry and nothing else in it changes (plus, for a
consumer with a peered home VPC, that VPC's entry in ``peers``).
"""

from __future__ import annotations

import copy
import ipaddress
from pathlib import Path
from typing import Any

import pytest
import yaml

from plgen.blueprint import load_source
from plgen.compiler import compile_paths
from plgen.emit.layout import FORMATS, TFVARS, writers

REPO = Path(__file__).resolve().parents[2]
BLUEPRINTS = sorted((REPO / "blueprints").glob("*.yaml"))
AVAILABLE = tuple(f for f in FORMATS if f in writers())


def _networks(value: Any) -> list[ipaddress.IPv4Network]:
    """Every CIDR written anywhere in a blueprint document."""
    if isinstance(value, dict):
        return [n for v in value.values() for n in _networks(v)]
    if isinstance(value, list):
        return [n for v in value for n in _networks(v)]
    if isinstance(value, str) and "/" in value:
        try:
            return [ipaddress.IPv4Network(value)]
        except ValueError:
            return []
    return []


def _free_network(document: dict, prefixlen: int) -> ipaddress.IPv4Network:
    used = _networks(document)
    for candidate in ipaddress.IPv4Network("10.0.0.0/8").subnets(new_prefix=prefixlen):
        if not any(candidate.overlaps(n) for n in used):
            return candidate
    raise AssertionError("no free network left in 10.0.0.0/8")


def add_consumer(document: dict) -> str:
    """Copy the first consumer under a new name, in a VPC of its own."""
    clone = copy.deepcopy(document["consumers"][0])
    clone["name"] = "added-consumer"
    # The copy keeps the sources its endpoints admit (the copied VPC's), so a verify probe in its new VPC would not be
    # admitted (rule consumer-verify): the added consumer does not opt in.
    clone.pop("verify", None)
    vpc = clone["vpc"]
    if "cidr" in vpc:
        old = ipaddress.IPv4Network(vpc["cidr"])
        new = _free_network(document, old.prefixlen)
        vpc["cidr"] = str(new)
        shift = int(new.network_address) - int(old.network_address)
        if "subnet_cidrs" in vpc:
            subnets = {az: ipaddress.IPv4Network(c) for az, c in vpc["subnet_cidrs"].items()}
            vpc["subnet_cidrs"] = {az: str(ipaddress.IPv4Network((int(n.network_address) + shift, n.prefixlen))) for az, n in subnets.items()}
    else:
        vpc["id"] = "vpc-0add0add0add0add0"
    document["consumers"].append(clone)
    return "resource_consumers" if _resource_access(document) else "service_consumers"


def _resource_access(document: dict) -> bool:
    """A resource-access blueprint: resources behind a resource gateway instead of endpoint services."""
    return bool(document.get("providers") and document["providers"][0].get("resources"))


def add_service(document: dict) -> str:
    """Copy the first service of the first provider under a new name (a consumer-only blueprint: its first external service)."""
    if not document.get("providers"):
        clone = copy.deepcopy(document["external_services"][0])
        clone["name"] = "added-service"
        document["external_services"].append(clone)
        return "external_services"
    provider = document["providers"][0]
    if _resource_access(document):  # the analogue of a service: one more resource behind the gateway
        clone = copy.deepcopy(provider["resources"][0])
        clone["name"] = "added-service"
        provider["resources"].append(clone)
        return "resource_providers"
    clone = copy.deepcopy(provider["services"][0])
    clone["name"] = "added-service"
    provider["services"].append(clone)
    return "service_providers"


def add_target(document: dict) -> str:
    """Add a target next to the first registered target of the first service (same site, next free address)."""
    if _resource_access(document):  # the analogue of a target: one more name the gateway reaches on a port it already opens
        resources = document["providers"][0]["resources"]
        named = next(r for r in resources if r.get("dns_name"))
        resources.append({"name": "added-target", "dns_name": "added-target.corp.example.com", "port_ranges": named["port_ranges"][:1], "public_dns": True})
        return "resource_providers"
    service = document["providers"][0]["services"][0]
    sites = {"on-premises": {"on-premises"}, "migrate-to-cloud": {"on-premises", "aws"}, "burst-to-cloud": {"on-premises", "aws"}}
    registered = sites.get(service.get("stage"), {"aws"}) if service.get("stage") else None
    first = next(t for t in service["targets"] if registered is None or t.get("site", "aws") in registered)
    clone = dict(first)
    if "instance_id" in clone:
        clone["instance_id"] = "i-0add0add0add0add0"
    else:
        taken = {t.get("ip") for t in service["targets"]}
        address = ipaddress.IPv4Address(clone["ip"]) + 1
        while str(address) in taken:
            address += 1
        clone["ip"] = str(address)
    service["targets"].append(clone)
    return "service_providers"


def _leaves(value: Any, path: tuple = ()) -> dict[tuple, Any]:
    """Flatten nested dicts to path -> value (lists and scalars are leaves)."""
    if isinstance(value, dict) and value:
        return {p: v for key, item in value.items() for p, v in _leaves(item, (*path, key)).items()}
    return {path: value}


def _added_entries(before: dict, after: dict) -> tuple[set[tuple], set[tuple]]:
    """Map entries that exist only in ``after`` (their paths), and paths whose value changed or vanished."""
    old, new = _leaves(before), _leaves(after)
    changed = {p for p in old if new.get(p, object()) != old[p]}
    fresh = {p for p in new if p not in old}
    roots = set()
    for path in fresh:
        # the shortest prefix of the new leaf that did not exist before is the added entry
        for cut in range(1, len(path) + 1):
            if not any(q[:cut] == path[:cut] for q in old):
                roots.add(path[:cut])
                break
    return roots, changed


@pytest.mark.parametrize("change", [add_consumer, add_service, add_target], ids=["consumer", "service", "target"])
@pytest.mark.parametrize("source", BLUEPRINTS, ids=[p.stem for p in BLUEPRINTS])
def test_adding_one_element_changes_only_the_data(tmp_path, source, change):
    document = load_source(source).data
    if change is add_consumer and not document.get("consumers"):
        pytest.skip("blueprint has no consumers to copy")
    if change is add_target and not document.get("providers"):
        pytest.skip("a consumer-only blueprint holds no targets: they are its vendor's")
    grown = copy.deepcopy(document)
    top = change(grown)
    grown_path = tmp_path / source.name
    grown_path.write_text(yaml.safe_dump(grown, sort_keys=False))

    (base,) = compile_paths([source], AVAILABLE, project=source.parent)  # both name their blueprint `<name>.yaml`
    (more,) = compile_paths([grown_path], AVAILABLE, project=grown_path.parent)

    # The deployment units (units/) are one root per side: a new consumer is a new unit (tests/emit/test_units.py).
    code = {k: v for k, v in base.files.items() if not k.endswith(TFVARS) and "/units/" not in k}
    assert code, "no module files rendered"
    assert {k: v for k, v in more.files.items() if not k.endswith(TFVARS) and "/units/" not in k} == code
    assert sum(k.endswith(TFVARS) and "/units/" not in k for k in more.files) == len(AVAILABLE)

    added, changed = _added_entries(base.compiled.inputs, more.compiled.inputs)
    assert changed == set(), f"existing data changed: {sorted(changed)}"
    # An IP target also brings the NLB group's egress to it alone: entries of its service's ``remote_targets``
    # (outside the VPC) or ``vpc_targets`` (in it) map keyed by its own address. Nothing else of that service may appear.
    ips = {entry[-1] for entry in added if len(entry) == 6 and entry[-2] == "targets"}
    added = {entry for entry in added if not (len(entry) == 6 and entry[-2] in ("remote_targets", "vpc_targets") and entry[-1].split("/")[0] in ips)}
    own = [entry for entry in added if entry[0] == top]
    assert len(own) == 1, f"expected one new entry in {top}, got {sorted(added)}"
    # A consumer with a peered home VPC (inter-region patterns) also brings that
    # VPC: one entry of the root's ``peers`` map, keyed ``<consumer>/<peer>``.
    # Nothing else may appear.
    # A service with customers of other organisations (``external_consumers``) also brings, per customer, one entry of
    # the services whose endpoint its hand-off file is accepted to (keyed ``<provider>/<service>``).
    others = set(added) - set(own)
    customers = {e for e in others if e[0] == "external_consumers" and len(e) == 4 and e[2] == "services" and e[3].endswith(f"/{own[0][-1]}")}
    others -= customers
    assert all(entry[0] == "peers" and entry[1].startswith(f"{own[0][1]}/") for entry in others), f"unexpected new entries: {sorted(others)}"
    for fmt in AVAILABLE:
        assert more.files[f"{fmt}/{TFVARS}"] != base.files[f"{fmt}/{TFVARS}"]
