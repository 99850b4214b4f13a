"""``plgen diff`` on realistic changes of the catalogue: the units named, the replacements, the moves and the apply order.

Each change is a real edit a user makes to a shipped blueprint (a consumer
added to saas, a target port changed, the inter-Region consumer switched to
native cross-Region PrivateLink, a consumer renamed), compiled in memory and
compared resource by resource.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plgen import review

REPO = Path(__file__).resolve().parents[2]
PLGEN = [sys.executable, "-m", "plgen.cli"]
SAAS = (REPO / "blueprints/saas.yaml").read_text()


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, f"the catalogue changed: {old!r} is no longer in the blueprint"
    return text.replace(old, new, 1)


def _diff(old: Path, new: Path) -> review.Diff:
    return review.compare(review.compile_version(old), review.compile_version(new), str(old), str(new))


def _unit(diff: review.Diff, name: str) -> review.UnitDiff:
    (unit,) = [u for u in diff.units if u.unit == name]
    return unit


def _order(diff: review.Diff) -> list[tuple[str, str]]:
    return [(s.unit, s.why) for s in diff.order]


@pytest.fixture(scope="module")
def saas_old() -> review.Compiled:
    return review.compile_version(REPO / "blueprints/saas.yaml")


def test_adding_a_consumer_adds_its_unit_and_its_acceptance_and_changes_the_service_in_place(tmp_path, saas_old):
    text = _edit(SAAS, "            - arn:aws:iam::222222222222:root\n", "            - arn:aws:iam::222222222222:root\n            - arn:aws:iam::444444444444:root\n")
    state = text[text.index("\nstate: ") :]  # the blueprint's last key: the new consumer goes before it
    text = text[: -len(state)] + (
        "\n  - name: customer-initech\n    account_id: \"444444444444\"\n    region: us-east-1\n    vpc:\n      cidr: 10.40.0.0/16\n"
        "    azs: [use1-az1, use1-az2, use1-az4]\n    endpoints:\n      - service: billing-api\n        allowed_cidrs: [10.40.0.0/16]\n"
        "        private_dns: true"
    ) + state
    diff = review.compare(saas_old, review.compile_version(_write(tmp_path, "saas.yaml", text)))

    initech = _unit(diff, "consumer-customer-initech")
    assert (initech.account, initech.region) == ("444444444444", "us-east-1")
    assert 'module.consumer_us_east_1["customer-initech"].aws_vpc_endpoint.this["billing-provider/billing-api"]' in initech.added
    assert not (initech.removed or initech.changed)
    provider = _unit(diff, "provider-billing-provider")
    assert [(c.address, c.arguments, c.replaced_by) for c in provider.changed] == [
        ('module.provider_us_east_1["billing-provider"].aws_vpc_endpoint_service.this["billing-api"]', ("allowed_principals",), ())
    ]
    acceptance = _unit(diff, "provider-billing-provider-endpoint-acceptance")
    assert acceptance.added == ['module.acceptance_us_east_1["billing-provider"].aws_vpc_endpoint_connection_accepter.this["customer-initech/billing-provider/billing-api"]']
    assert all(u.empty for u in diff.units if u.unit in ("consumer-customer-acme", "consumer-customer-globex"))
    # the service first, the new consumer after it, the acceptance (which reads the consumers' endpoints), then the
    # private-DNS passes (after acceptance): the new consumer's, and the others', which read the accepted connections
    # (one more entry); the other consumers' own units read the service's outputs, which the new principal does not change
    assert _order(diff) == [
        ("provider-billing-provider", "changed"),
        ("consumer-customer-initech", "changed"),
        ("provider-billing-provider-endpoint-acceptance", "changed"),
        ("consumer-customer-acme-consumer-private-dns", "reads acceptance_us_east_1.accepted from provider-billing-provider-endpoint-acceptance, which changes"),
        # acme's verify unit reads the accepted connections too
        ("consumer-customer-acme-consumer-verify", "reads acceptance_us_east_1.accepted from provider-billing-provider-endpoint-acceptance, which changes"),
        ("consumer-customer-globex-consumer-private-dns", "reads acceptance_us_east_1.accepted from provider-billing-provider-endpoint-acceptance, which changes"),
        ("consumer-customer-initech-consumer-private-dns", "changed"),
    ]


def test_changing_a_target_port_replaces_the_target_group_and_its_attachments(tmp_path, saas_old):
    diff = review.compare(saas_old, review.compile_version(_write(tmp_path, "saas.yaml", _edit(SAAS, "target_port: 8443", "target_port: 9443"))))

    assert [u.unit for u in diff.units if not u.empty] == ["provider-billing-provider"]
    provider = _unit(diff, "provider-billing-provider")
    replaced = {c.address: dict(c.replaced_by) for c in provider.replaced}
    group = 'module.provider_us_east_1["billing-provider"].aws_lb_target_group.this["billing-api/443"]'
    assert "port" in replaced[group] and "elbv2/target_group.go" in replaced[group]["port"]
    assert sorted(a for a in replaced if "aws_lb_target_group_attachment" in a) == [
        f'module.provider_us_east_1["billing-provider"].aws_lb_target_group_attachment.this["billing-api/443/10.10.{i}.10"]' for i in range(3)
    ]
    # the listener forwards to the new target group: updated in place (default_action reads the replaced group's ARN)
    listener = 'module.provider_us_east_1["billing-provider"].aws_lb_listener.this["billing-api/443"]'
    assert [(c.arguments, c.replaced_by) for c in provider.changed if c.address == listener] == [(("default_action",), ())]
    # the security group rules for the old port go, the new port's come: a different rule, not a move
    assert not provider.moved
    assert 'module.provider_us_east_1["billing-provider"].aws_vpc_security_group_ingress_rule.targets["billing-api/tcp/9443"]' in provider.added
    assert 'module.provider_us_east_1["billing-provider"].aws_vpc_security_group_ingress_rule.targets["billing-api/tcp/8443"]' in provider.removed
    # the consumers and the acceptance read the service's outputs, which carry the recreated target group's ARN
    reads = "reads provider_us_east_1.endpoint_services from provider-billing-provider, which changes"
    assert _order(diff) == [
        ("provider-billing-provider", "changed"),
        ("consumer-customer-acme", reads),
        ("consumer-customer-globex", reads),
        ("provider-billing-provider-endpoint-acceptance", reads),
    ]
    assert "-/+ " + group in review.text(diff)
    assert "**AWS will replace**" in review.markdown(diff)


def test_switching_to_native_cross_region_adds_the_home_unit_and_destroys_the_peered_ones(tmp_path):
    native = (REPO / "blueprints/inter-region-consumer-native.yaml").read_text()
    new = _write(tmp_path, "inter-region-consumer.yaml", _edit(native, "name: inter-region-consumer-native", "name: inter-region-consumer"))
    diff = _diff(REPO / "blueprints/inter-region-consumer.yaml", new)

    home = _unit(diff, "consumer-shop-home")
    endpoint = 'module.consumer_eu_central_1["shop-home"].aws_vpc_endpoint.this["payments/payments-api"]'
    assert endpoint in home.added and (home.account, home.region) == ("555555555555", "eu-central-1")
    provider = _unit(diff, "provider-payments")
    assert [(c.arguments, c.replaced_by) for c in provider.changed] == [(("supported_regions",), ())]  # updated in place
    # a new endpoint in another Region and account is a new resource, not the old one moved
    assert not any(u.moved for u in diff.units)
    gone = ["consumer-shop-use1", "consumer-shop-use1-peering-accepter", "peer-shop-use1-shop-home", "peer-shop-use1-shop-home-peering-routes", "peer-shop-use1-shop-home-peering-zone-association"]
    for name in gone:
        unit = _unit(diff, name)
        assert unit.removed and not (unit.added or unit.changed)
    order = _order(diff)
    assert order[:3] == [("provider-payments", "changed"), ("consumer-shop-home", "changed"), ("provider-payments-endpoint-acceptance", "changed")]
    assert sorted(u for u, why in order[3:]) == sorted(gone) and all(why.startswith("destroy") for _, why in order[3:])
    # the old units go in reverse apply order: the peering's routes before the peering, the peering before the VPCs
    destroyed = [u for u, _ in order[3:]]
    assert destroyed.index("peer-shop-use1-shop-home-peering-routes") < destroyed.index("peer-shop-use1-shop-home")


def test_renaming_a_consumer_moves_its_resources_with_its_state(tmp_path, saas_old):
    diff = review.compare(saas_old, review.compile_version(_write(tmp_path, "saas.yaml", SAAS.replace("customer-acme", "customer-acme-eu"))))

    renamed = _unit(diff, "consumer-customer-acme-eu")
    moved = {m.type: m for m in renamed.moved}
    vpc = moved["aws_vpc"]
    assert (vpc.source, vpc.target) == ('module.consumer_us_east_1["customer-acme"].aws_vpc.this[0]', 'module.consumer_us_east_1["customer-acme-eu"].aws_vpc.this[0]')
    assert vpc.from_unit == "consumer-customer-acme" and vpc.in_place == ("tags",)  # its Name tag holds the consumer's name
    # the endpoint's security group is named after the consumer, and a security group's name cannot change in place:
    # it is replaced, and so is its rule (security_group_id); the endpoint moves and takes the new group in place
    sg = 'module.consumer_us_east_1["customer-acme-eu"].aws_security_group.endpoint["billing-provider/billing-api"]'
    assert sg in renamed.added and "aws_security_group" not in moved
    assert moved["aws_vpc_endpoint"].in_place == ("security_group_ids", "tags")
    assert sorted(moved) == sorted(["aws_default_security_group", "aws_flow_log", "aws_route_table", "aws_route_table_association", "aws_subnet", "aws_vpc", "aws_vpc_endpoint"])
    assert len(renamed.moved) == 11  # three subnets, three route table associations, each to its own AZ's
    assert all(m.source.replace('"customer-acme"', '"customer-acme-eu"') == m.target for m in renamed.moved)
    assert len(_unit(diff, "provider-billing-provider-endpoint-acceptance").moved) == 1
    assert _order(diff)[0] == (
        "consumer-customer-acme",
        "renamed consumer-customer-acme-eu: move its state to consumer-customer-acme-eu, apply nothing here; its 2 resource(s) not moved are destroyed by consumer-customer-acme-eu's apply",
    )
    text = review.text(diff)
    assert 'moved {\n        from = module.consumer_us_east_1["customer-acme"].aws_vpc.this[0]' in text


def test_an_endpoint_whose_vpc_is_recreated_is_not_moved(tmp_path, saas_old):
    # renamed and re-addressed: the VPC's CIDR changes (replaced), so nothing that refers to it keeps its identity
    text = SAAS.replace("customer-acme", "customer-acme-eu").replace("cidr: 10.20.0.0/16", "cidr: 10.21.0.0/16").replace("[10.20.0.0/16]", "[10.21.0.0/16]")
    diff = review.compare(saas_old, review.compile_version(_write(tmp_path, "saas.yaml", text)))
    renamed = _unit(diff, "consumer-customer-acme-eu")
    assert not any(m.type in ("aws_vpc", "aws_subnet", "aws_vpc_endpoint") for m in renamed.moved)
    assert 'module.consumer_us_east_1["customer-acme-eu"].aws_vpc_endpoint.this["billing-provider/billing-api"]' in renamed.added


def test_a_dual_stack_consumer_turned_ipv4_only_replaces_its_subnets_and_keeps_its_endpoint(tmp_path):
    text = (REPO / "blueprints/saas-dual-stack.yaml").read_text()
    head, consumer = text.split("  - name: customer-dual", 1)
    for old, new in (
        ("      ip_address_type: dualstack\n", "      ip_address_type: ipv4\n"),
        ("        ip_address_type: dualstack ", "        ip_address_type: ipv4 "),
        ("        dns_record_ip_type: dualstack ", "        dns_record_ip_type: ipv4 "),
        ("        allowed_cidrs:\n          - 2001:db8:1200::/48", "        allowed_cidrs: []  # its own VPC's IPv4 CIDR only (admit_own_vpc)\n          # - 2001:db8:1200::/48"),
    ):
        consumer = _edit(consumer, old, new)
    diff = _diff(REPO / "blueprints/saas-dual-stack.yaml", _write(tmp_path, "saas-dual-stack.yaml", head + "  - name: customer-dual" + consumer))

    unit = _unit(diff, "consumer-customer-dual")
    changes = {c.address.split("].", 1)[1]: c for c in unit.changed}
    subnet = changes['aws_subnet.this["use1-az1"]']
    assert "ipv6_cidr_block" in dict(subnet.replaced_by) and "vpc_subnet.go" in dict(subnet.replaced_by)["ipv6_cidr_block"]
    # the route table associations follow their subnets (subnet_id cannot change in place) ...
    assert dict(changes['aws_route_table_association.this["use1-az1"]'].replaced_by).keys() == {"subnet_id"}
    # ... the endpoint takes the new subnets, its address type and DNS record type in place
    endpoint = changes['aws_vpc_endpoint.this["billing-provider/billing-api"]']
    assert (endpoint.arguments, endpoint.replaced_by) == (("dns_options", "ip_address_type", "subnet_ids"), ())
    assert changes["aws_vpc.this[0]"].replaced_by == ()
    assert [u.unit for u in diff.units if not u.empty] == ["consumer-customer-dual"]


def _git(folder: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, env=env)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_cli_against_a_git_revision_markdown_json_and_exit_codes(tmp_path):
    blueprint = _write(tmp_path, "saas.yaml", SAAS)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "saas.yaml")
    _git(tmp_path, "commit", "-qm", "saas")

    same = subprocess.run([*PLGEN, "diff", "--rev", "HEAD", "saas.yaml", "--exit-code"], cwd=tmp_path, capture_output=True, text=True)
    assert (same.returncode, same.stderr) == (0, "")
    assert "no changes" in same.stdout

    blueprint.write_text(_edit(SAAS, "target_port: 8443", "target_port: 9443"))
    changed = subprocess.run([*PLGEN, "diff", "--rev", "HEAD", "saas.yaml", "--format", "markdown"], cwd=tmp_path, capture_output=True, text=True)
    assert changed.returncode == 0, changed.stderr
    assert changed.stdout.startswith("### plgen diff: `saas.yaml@HEAD` → `saas.yaml`")
    assert "| `provider-billing-provider` | 111111111111 | us-east-1 | 5 | 1 | 4 | 5 | 0 |" in changed.stdout
    flagged = subprocess.run([*PLGEN, "diff", "--rev", "HEAD", "saas.yaml", "--exit-code", "--format", "json"], cwd=tmp_path, capture_output=True, text=True)
    assert flagged.returncode == 1
    data = json.loads(flagged.stdout)
    assert data["changed"] and [u["unit"] for u in data["units"]] == ["provider-billing-provider"]

    unknown = subprocess.run([*PLGEN, "diff", "--rev", "no-such-rev", "saas.yaml"], cwd=tmp_path, capture_output=True, text=True)
    assert unknown.returncode == 2 and len(unknown.stderr.strip().splitlines()) == 1
    assert "cannot read it at revision no-such-rev" in unknown.stderr


def test_cli_usage_errors_are_exit_2():
    one = subprocess.run([*PLGEN, "diff", "blueprints/saas.yaml"], cwd=REPO, capture_output=True, text=True)
    assert one.returncode == 2 and "give two blueprints" in one.stderr
    both = subprocess.run([*PLGEN, "diff", "--rev", "HEAD", "a.yaml", "b.yaml"], cwd=REPO, capture_output=True, text=True)
    assert both.returncode == 2 and "with --rev give one blueprint" in both.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_bad_old_revision_is_located_at_the_revision_not_a_temporary_file(tmp_path):
    _write(tmp_path, "saas.yaml", _edit(SAAS, "pattern: saas", "pattern: nope"))
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "saas.yaml")
    _git(tmp_path, "commit", "-qm", "a bad pattern")
    _write(tmp_path, "saas.yaml", SAAS)
    done = subprocess.run([*PLGEN, "diff", "--rev", "HEAD", "saas.yaml"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.startswith("error: saas.yaml@HEAD:4:1: pattern: 'nope' is not one of")
