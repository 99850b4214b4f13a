"""The blueprint catalogue: in sync with the blueprints, and saying what the reference notes say."""

from __future__ import annotations

import json

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from plgen.cli import main
from plgen.compiler import compile_paths
from plgen.patterns import PATTERNS
from plgen.docs import catalogue
from tests.conftest import BLUEPRINTS, REPO, blueprint_ids


@pytest.fixture(scope="module")
def pages(catalogue):
    """Catalogue text built from the session's compiled blueprints: relative path -> text."""
    return catalogue_files(catalogue)


def catalogue_files(compiled) -> dict[str, str]:
    return catalogue.build(list(compiled.values()))


def section(page: str, heading: str) -> str:
    """The text under a ``## heading`` up to the next ``## ``."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", page, re.S | re.M)
    assert match, f"no '## {heading}' section"
    return match.group(1)


def test_committed_catalogue_is_in_sync():
    result = subprocess.run([sys.executable, "-m", "plgen.cli", "docs", "--check"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_check_reports_a_changed_missing_and_extra_page_and_exits_1(tmp_path, pages):
    for path, text in pages.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    saas = tmp_path / "catalogue" / "saas.md"
    saas.write_text(saas.read_text().replace("us-east-1", "us-west-2"))
    (tmp_path / "catalogue" / "index.md").unlink()
    (tmp_path / "catalogue" / "retired.md").write_text("# retired\n")
    result = CliRunner().invoke(main, ["docs", "--out", str(tmp_path), "--check"])
    assert result.exit_code == 1
    assert "saas.md differs" in result.output
    assert "index.md is missing" in result.output
    assert "retired.md is not produced by any blueprint" in result.output


def test_docs_writes_index_and_one_page_per_blueprint_and_removes_retired_pages(tmp_path):
    (tmp_path / "catalogue").mkdir()
    (tmp_path / "catalogue" / "retired.md").write_text("# retired\n")
    result = CliRunner().invoke(main, ["docs", "--out", str(tmp_path), "--no-images"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "catalogue").glob("*.md"))
    assert written == sorted(["index.md", *(f"{name}.md" for name in blueprint_ids())])
    assert CliRunner().invoke(main, ["docs", "--out", str(tmp_path), "--check"]).exit_code == 0


def test_every_pattern_has_a_guide_with_when_to_use_and_trade_offs():
    for pattern in PATTERNS:
        text = catalogue.guide(pattern)
        assert "## When to use it" in text and "## Trade-offs" in text, pattern
        assert "Source IP" in text and "Availability Zones" in text, pattern


def test_index_lists_every_blueprint_with_pattern_regions_consumers_and_resources(pages, catalogue):
    index = pages["catalogue/index.md"]
    for name, output in catalogue.items():
        bp = output.compiled.blueprint
        row = next(line for line in index.splitlines() if line.startswith(f"| [{name}]({name}.md) |"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[3] == ", ".join(bp.regions)
        assert cells[4] == str(len(bp.consumers))
        resources = sum(len(blocks) for module in output.compiled.modules.values() for blocks in module.get("resource", {}).values())
        assert cells[5] == str(resources) and resources > 0
        assert bp.description in cells[2]


def test_index_offers_all_six_patterns_even_before_their_blueprints_exist(pages):
    choosing = section(pages["catalogue/index.md"], "Choosing a pattern")
    for pattern in PATTERNS:
        assert f"(`{pattern}`)" in choosing


@pytest.mark.parametrize("name", blueprint_ids())
def test_page_says_who_pays_inter_region_transfer(pages, catalogue, name):
    choices = section(pages[f"catalogue/{name}.md"], "This blueprint's choices")
    bp = catalogue[name].compiled.blueprint
    pattern = bp.pattern
    if bp.connectivity == "native":
        assert "native cross-Region PrivateLink): each **consumer**, as its endpoint's owner, pays" in choices
        assert "VPC peering" not in choices.split("**Inter-Region data transfer:**")[1].split("\n")[0]
    elif pattern == "inter-region-service":
        assert "the **provider** pays inter-Region VPC peering transfer" in choices
    elif pattern == "inter-region-consumer":
        assert "the **consumer** pays inter-Region VPC peering transfer" in choices
    else:
        assert "no inter-Region transfer" in choices


@pytest.mark.parametrize("name", blueprint_ids())
def test_page_has_guide_blueprint_tables_diagram_and_apply_steps(pages, catalogue, name):
    page = pages[f"catalogue/{name}.md"]
    output = catalogue[name]
    bp = output.compiled.blueprint
    assert catalogue_guide_line(bp.pattern) in page
    assert output.source.read_text() in section(page, "The blueprint")
    assert "```mermaid\nflowchart LR\n" in page
    tables = section(page, "Module inputs and outputs")
    for module in output.compiled.modules.values():
        for variable in module.get("variable", {}):
            assert f"[{variable}](#input_{variable})" in tables
        for out in module.get("output", {}):
            assert f"[{out}](#output_{out})" in tables
    apply = section(page, "How to apply it")
    # the "who applies what where" table is the units' manifest: every unit, its step, account and Region
    manifest = json.loads(output.files["json/units/units.json"])
    for step, level in enumerate(manifest["order"], 1):
        for name in level:
            (unit,) = [u for u in manifest["units"] if u["name"] == name]
            accounts = ", ".join(f"`{a}`" for a in unit["accounts"])
            assert f"| {step} | `{name}` | {unit['side']} `{unit['team']}` | {accounts} | {unit['region']} |" in apply


def catalogue_guide_line(pattern: str) -> str:
    """A line of the pattern's hand-written guide, as it appears on the page."""
    return next(line for line in catalogue.guide(pattern).splitlines() if len(line) > 40)


@pytest.mark.parametrize("name", blueprint_ids())
def test_every_endpoint_and_service_appears_with_its_account_region_and_az_ids(pages, catalogue, name):
    choices = section(pages[f"catalogue/{name}.md"], "This blueprint's choices")
    bp = catalogue[name].compiled.blueprint
    for provider in bp.providers:
        for service in provider.services:
            assert f"| `{provider.name}/{service.name}` | `{provider.account_id}` | {provider.region} | {', '.join(provider.azs)} |" in choices
    for consumer in bp.consumers:
        for endpoint in consumer.endpoints:
            external = bp.external_of(endpoint)  # another organisation's service: its vendor and name
            key = external.key if external else "/".join(n.name for n in bp.resolve(endpoint))
            assert f"| `{consumer.name}` | `{consumer.account_id}` | {consumer.region} | {', '.join(consumer.azs)} | `{key}` |" in choices


def test_proxy_protocol_v2_changes_what_the_page_says_targets_see(tmp_path):
    """Targets see the NLB nodes' IPs; with proxy protocol v2 the consumer's IP is in the header."""
    saas = (REPO / "blueprints" / "saas.yaml").read_text()
    assert "proxy_protocol_v2: false" in saas
    changed = tmp_path / "saas.yaml"
    changed.write_text(saas.replace("proxy_protocol_v2: false", "proxy_protocol_v2: true"))
    (before,) = compile_paths([REPO / "blueprints" / "saas.yaml"])
    (after,) = compile_paths([changed])
    before_row = next(r for r in catalogue.service_rows(before.compiled.blueprint))
    after_row = next(r for r in catalogue.service_rows(after.compiled.blueprint))
    assert before_row["source_ip"] == "NLB node private IPs (not the consumer's)"
    assert before_row["proxy_protocol"].startswith("off")
    assert "proxy protocol v2 header" in after_row["source_ip"]
    assert "must parse it" in after_row["proxy_protocol"]


def test_private_dns_and_friendly_names_are_listed_as_dns_choices(pages, catalogue):
    bp = catalogue["saas"].compiled.blueprint
    choices = section(pages["catalogue/saas.md"], "This blueprint's choices")
    friendly = [(c, e) for c in bp.consumers for e in c.endpoints if e.dns_name]
    assert friendly, "the saas blueprint shows a friendly DNS name"
    for consumer, endpoint in friendly:
        row = next(line for line in choices.splitlines() if line.startswith(f"| `{consumer.name}` |") and f"| `{bp.resolve(endpoint)[0].name}/{bp.resolve(endpoint)[1].name}` |" in line)
        assert f"friendly `{endpoint.dns_name}`" in row
    assert "billing.saas-provider.example.com" in choices


def test_each_consumer_is_told_which_name_to_use_and_why(pages):
    choices = section(pages["catalogue/saas.md"], "This blueprint's choices")
    assert (
        "- `customer-acme` → `billing-provider/billing-api`: `billing.saas-provider.example.com`: the private DNS name, "
        "verified by the provider module, resolves to this endpoint inside the VPC; the TLS certificate covers it"
    ) in choices
    assert "- `customer-globex` → `billing-provider/billing-export`: `export.globex.internal`: the friendly name (TCP only, so no certificate has to match it)" in choices
    assert "`billing.saas-provider.example.com`, verified by the module: TXT record in zone `Z04417562KQ7EXAMPLE1`, then verification waited for" in choices


def docs_tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_docs_are_byte_identical_across_processes_and_hash_seeds(tmp_path):
    """Two ``plgen docs`` processes with different ``PYTHONHASHSEED`` write the same bytes.

    Set and dict order over strings changes with the seed; a page that leaked it
    (services, CIDRs or diagram edges in set order) would make ``plgen docs --check``
    flap between machines. Both processes run at once, each in its own folder.
    """
    runs = {}
    for seed in ("1", "3141"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "plgen.cli", "docs", "--out", str(tmp_path / seed), "--no-images"]
        runs[seed] = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for seed, run in runs.items():
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, f"seed {seed}: {stderr}"
    first, second = (docs_tree(tmp_path / seed) for seed in runs)
    pages = {f"catalogue/{p.stem}.md" for p in BLUEPRINTS} | {"catalogue/index.md"}
    assert pages <= set(first), sorted(first)
    assert set(first) == set(second)
    for path in first:
        assert first[path] == second[path], f"{path} differs between hash seeds"


@pytest.mark.parametrize("name", blueprint_ids())
def test_peering_modules_are_applied_in_both_regions_by_the_side_that_declares_the_peer(pages, catalogue, name):
    bp = catalogue[name].compiled.blueprint
    apply = section(pages[f"catalogue/{name}.md"], "How to apply it")
    for side in [*bp.providers, *bp.consumers]:
        for peer in side.peers:
            # split by owner: the request and the requester's routes are the peer's (its Region and account),
            # the acceptance the side's (its Region and account), one account per row
            rows = [line for line in apply.splitlines() if line.startswith("| ") and line.count("|") >= 8]
            for call, unit, account, region in (
                ("`module.peering_", f"`peer-{side.name}-{peer.name}", peer.account_id or side.account_id, peer.region),
                ("`module.peering_routes_", f"`peer-{side.name}-{peer.name}", peer.account_id or side.account_id, peer.region),
                ("`module.peering_accepter_", f"`{'provider' if side in bp.providers else 'consumer'}-{side.name}", side.account_id, side.region),
            ):
                row = next(line for line in rows if call in line.split("|")[6] and unit in line.split("|")[2])
                assert f"| {region} |" in row and f"| `{account}` |" in row, row
    peered = any(side.peers for side in [*bp.providers, *bp.consumers])
    if not peered:
        assert "`module.peering_" not in apply
    # the order of the parts, named by unit: request, acceptance, then the requester's routes
    assert ("Peering, split by owner: the request in `peer-" in apply) == peered


@pytest.mark.parametrize("name", blueprint_ids())
def test_direct_connect_sides_get_a_step_naming_their_gateway_and_cidrs(pages, catalogue, name):
    bp = catalogue[name].compiled.blueprint
    apply = section(pages[f"catalogue/{name}.md"], "How to apply it")
    sides = [side for side in [*bp.providers, *bp.consumers] if side.on_premises]
    assert ("Direct Connect:" in apply) == bool(sides)
    for side in sides:
        assert f"`{side.name}`" in apply and all(f"`{cidr}`" in apply for cidr in side.on_premises.cidrs)
    if sides:
        assert "`vpn_gateway_id`" in apply


def test_every_relative_link_in_the_committed_catalogue_resolves():
    folder = REPO / "docs" / "catalogue"
    pages = sorted(folder.glob("*.md"))
    assert pages
    for page in pages:
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", page.read_text()):
            if "://" in target:
                continue
            assert (folder / target).exists(), f"{page.name}: link to {target} does not resolve"


def test_an_invalid_blueprint_stops_docs_with_exit_2_and_writes_nothing(tmp_path, monkeypatch):
    (tmp_path / "blueprints").mkdir()
    (tmp_path / "blueprints" / "bad.yaml").write_text("name: bad\npattern: saas\ndescription: x\nproviders: []\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["docs", "--out", "docs"])
    assert result.exit_code == 2
    assert "bad.yaml:4:" in result.output and "providers" in result.output
    assert not (tmp_path / "docs").exists()
