"""Issue 22, "one judge": a discovered path (any root, no declaration) is judged by the one hop table.

A hop's verdict is written once (``hops.HOPS``, ``resource_hops.RESOURCE_HOPS``,
``direct_connect``); ``discover.py`` only derives from the resources what a
declared path carries. These tests fail if a second copy of a hop comes back,
if discovered paths stop going through the table, or if a Lattice endpoint
written by hand is no longer judged.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from plgen.paths import FAIL, PASS, WARN, Root, hops, prove, resource_hops
from tests.conftest import REPO

PATHS = REPO / "plgen"
TABLES = {"plgen/paths/hops.py", "plgen/paths/resource_hops.py", "plgen/paths/direct_connect.py"}
CORPUS = Path(__file__).parent / "corpus"


def _adds(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, hop name) of each ``<x>.add("<name>", ...)`` call whose name is a string written there."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add" and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                out.append((node.lineno, first.value))
    return out


def _hop_names() -> set[str]:
    names = set()
    for table in TABLES:
        names |= {name for _, name in _adds(ast.parse((REPO / table).read_text()))}
    return names


def test_a_hop_is_judged_only_in_the_hop_tables() -> None:
    names = _hop_names()
    assert {"source", "endpoint", "security group", "acceptance", "listener", "target group", "targets", "dns", "share", "gateway", "resource"} <= names
    outside = []
    for file in sorted(PATHS.rglob("*.py")):
        relative = file.relative_to(REPO).as_posix()
        if relative in TABLES:
            continue
        tree = ast.parse(file.read_text())
        outside += [f"{relative}:{line}: {name!r}" for line, name in _adds(tree) if name in names]
        outside += [f"{relative}:{node.lineno}: Hop(...)" for node in ast.walk(tree) if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Hop" and relative != "plgen/paths/proof.py"]
    assert not outside, "a hop judged outside the hop tables (a second copy of its logic):\n" + "\n".join(outside)


def test_discover_writes_no_verdict() -> None:
    """discover.py derives the declaration's side; it never names PASS, WARN or FAIL."""
    tree = ast.parse((PATHS / "paths" / "discover.py").read_text())
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    assert not used & {"PASS", "WARN", "FAIL"}


def test_discovered_paths_run_the_declared_hops(monkeypatch) -> None:
    """Every hop a discovered interface path takes is a function of ``hops.HOPS``, in its order."""
    called: list[str] = []

    def spy(hop):
        def run(world, path, case):
            called.append(hop.__name__)
            assert case.discovered
            return hop(world, path, case)

        return run

    names = [h.__name__ for h in hops.HOPS]
    monkeypatch.setattr(hops, "HOPS", tuple(spy(h) for h in hops.HOPS))
    (path,) = prove(Root.folder(CORPUS / "flat-provider-consumer"))
    assert path.status == PASS
    assert called == names
    assert [h.name for h in path.hops] == ["source", "endpoint", "security group", "acceptance", "listener", "target group", "targets", "dns"]
    assert path.hops[0].reason.startswith("no declaration: sources read from the endpoint's groups: 10.1.0.0/16")


def test_a_group_source_meets_the_nlb_enforcement_as_in_a_declared_path(tmp_path) -> None:
    """A source admitted by group (not CIDR) cannot pass an NLB group enforcing PrivateLink inbound rules: the
    declared hop's judgment, which the discovered judge used to skip."""
    folder = tmp_path / "root"
    shutil.copytree(CORPUS / "flat-provider-consumer", folder)
    main = folder / "main.tf"
    text = main.read_text().replace(
        '  cidr_ipv4         = aws_vpc.consumer.cidr_block\n  ip_protocol       = "tcp"\n  from_port         = 443',
        '  referenced_security_group_id = aws_security_group.clients.id\n  ip_protocol       = "tcp"\n  from_port         = 443',
    )
    main.write_text(text + '\nresource "aws_security_group" "clients" {\n  name   = "clients"\n  vpc_id = aws_vpc.consumer.id\n}\n')
    (path,) = prove(Root.folder(folder))
    listener = next(h for h in path.hops if h.name == "listener")
    assert path.status == FAIL and listener.status == FAIL
    assert "aws_security_group.clients in the consumer VPC cannot be admitted" in listener.reason


def _lattice(tmp_path: Path) -> Path:
    folder = tmp_path / "lattice"
    shutil.copytree(CORPUS / "lattice-resource-endpoint", folder)
    return folder


def test_a_lattice_resource_endpoint_is_judged_by_the_resource_hops(tmp_path) -> None:
    folder = _lattice(tmp_path)
    (path,) = prove(Root.folder(folder))
    # every resource hop in order; the dns hop judges only a declared name or certificate, which a root alone has not
    assert [h.name for h in path.hops] == [h.__name__.replace("_", " ") for h in resource_hops.RESOURCE_HOPS if h is not resource_hops.dns]
    assert [(h.name, h.status) for h in path.hops if h.status != PASS] == [("share", WARN)]
    main = folder / "main.tf"
    main.write_text(main.read_text().replace("from_port         = 5432\n  to_port           = 5432\n}\n\nresource \"aws_vpclattice_resource_gateway\"", "from_port         = 443\n  to_port           = 443\n}\n\nresource \"aws_vpclattice_resource_gateway\""))
    (path,) = prove(Root.folder(folder))
    assert (path.status, path.hops[-1].name, path.hops[-1].status) == (FAIL, "resource", FAIL)
    assert "does not let tcp/5432 out to 10.0.1.20" in path.hops[-1].reason


def test_a_service_network_endpoint_reaches_each_associated_resource(tmp_path) -> None:
    folder = _lattice(tmp_path)
    main = folder / "main.tf"
    text = main.read_text().replace('vpc_endpoint_type          = "Resource"\n  resource_configuration_arn = aws_vpclattice_resource_configuration.database.arn', 'vpc_endpoint_type          = "ServiceNetwork"\n  service_network_arn        = aws_vpclattice_service_network.this.arn')
    text += (
        '\nresource "aws_vpclattice_service_network" "this" {\n  name = "data"\n}\n'
        '\nresource "aws_vpclattice_service_network_resource_association" "database" {\n'
        "  resource_configuration_identifier = aws_vpclattice_resource_configuration.database.id\n"
        "  service_network_identifier        = aws_vpclattice_service_network.this.id\n}\n"
    )
    main.write_text(text)
    (path,) = prove(Root.folder(folder))
    assert path.endpoint == "aws_vpc_endpoint.database -> aws_vpclattice_resource_configuration.database" and path.listener == "5432/TCP"
    assert [(h.name, h.status) for h in path.hops if h.status != PASS] == [("share", WARN)]
    main.write_text(text.replace("aws_vpclattice_service_network.this.id\n}", "aws_vpclattice_service_network.other.id\n}") + '\nresource "aws_vpclattice_service_network" "other" {\n  name = "other"\n}\n')
    (path,) = prove(Root.folder(folder))
    assert path.status == WARN and path.hops[1].name == "endpoint" and "judged up to the endpoint" in path.hops[1].reason


@pytest.mark.parametrize("slug", ["private-dns-before-acceptance"])
def test_private_dns_at_creation_on_an_accepted_service_fails_and_the_switch_passes_it(slug, tmp_path) -> None:
    folder = tmp_path / slug
    shutil.copytree(CORPUS / slug, folder)
    (path,) = prove(Root.folder(folder))
    assert (path.hops[-1].name, path.hops[-1].status) == ("dns", FAIL)
    main = folder / "main.tf"
    main.write_text(main.read_text().replace("resource \"aws_vpc_endpoint_service\" \"service\" {\n  acceptance_required        = true", "resource \"aws_vpc_endpoint_service\" \"service\" {\n  acceptance_required        = false"))
    (path,) = prove(Root.folder(folder))
    dns = path.hops[-1]
    assert dns.name == "dns" and "requires acceptance" not in dns.reason


def test_the_nlb_group_must_let_registered_ip_targets_out(tmp_path) -> None:
    """As for a declared target: an NLB with a group lets out only what its egress rules name."""
    folder = tmp_path / "root"
    shutil.copytree(CORPUS / "flat-provider-consumer", folder)
    main = folder / "main.tf"
    main.write_text(main.read_text().replace("  from_port         = 8443\n  to_port           = 8443", "  from_port         = 9443\n  to_port           = 9443"))
    (path,) = prove(Root.folder(folder))
    assert (path.status, path.hops[-1].name) == (FAIL, "targets")
    assert path.hops[-1].reason == "the NLB's group lets nothing out to 10.0.0.10:8443, 10.0.1.10:8443"
