"""Catalogue diagrams: drawn from the compiled graph, and every Mermaid block parses.

Two checks of the Mermaid text. ``mermaid-cli`` (tools/mermaid, run with
Debian's chromium, as .ci/run installs it) renders each page's diagrams with
Mermaid itself; where it is not installed that test is skipped, and the
structural check always runs: a Lark grammar of the flowchart subset that
``plgen.docs.diagram`` emits, plus "every edge joins declared nodes".
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from lark import Lark, Token, Tree
from lark.exceptions import LarkError

from plgen.cli import main
from plgen.compiler import compile_paths
from plgen.docs import catalogue as docs
from plgen.docs import diagram
from tests.conftest import BLUEPRINTS, REPO, blueprint_ids

GRAMMAR = Lark((Path(__file__).parent / "flowchart.lark").read_text(), parser="lalr")
MERMAID_TOOLS = REPO / "tools" / "mermaid"
MMDC = Path(os.environ.get("PLGEN_MMDC", MERMAID_TOOLS / "node_modules" / ".bin" / "mmdc"))
CHROMIUM = "/usr/bin/chromium"


def mermaid_blocks(page: str) -> list[str]:
    return re.findall(r"```mermaid\n(.*?)```", page, re.S)


def declared_and_used(tree: Tree) -> tuple[set[str], list[str]]:
    declared: set[str] = set()
    used: list[str] = []
    for node in tree.iter_subtrees():
        ids = [t for t in node.children if isinstance(t, Token) and t.type == "ID"]
        if node.data in ("box", "subroutine", "subgraph"):
            assert ids[0] not in declared, f"{ids[0]} declared twice"
            declared.add(str(ids[0]))
        elif node.data == "edge":
            used += [str(i) for i in ids]
    return declared, used


def check_structure(text: str) -> None:
    tree = GRAMMAR.parse(text)
    declared, used = declared_and_used(tree)
    undeclared = sorted(set(used) - declared)
    assert not undeclared, f"edges to undeclared nodes: {undeclared}"


@pytest.fixture(scope="module")
def pages(catalogue):
    return docs.build(list(catalogue.values()))


@pytest.mark.parametrize("name", blueprint_ids())
def test_every_mermaid_block_matches_the_flowchart_grammar(pages, name):
    blocks = mermaid_blocks(pages[f"catalogue/{name}.md"])
    assert len(blocks) == 1
    check_structure(blocks[0])


@pytest.mark.parametrize(
    "broken",
    [
        'flowchart LR\n  a["x" --> b\n',  # unclosed label
        'flowchart LR\n  subgraph s["x"]\n    a["y"]\n',  # subgraph never ends
        'flowchart LR\n  a["x"]\n  a --> end\n',  # reserved word as a node
        'flowchart LR\n  a["x"]\n  a --> b\n',  # edge to a node never declared
    ],
)
def test_the_structural_check_rejects_broken_diagrams(broken):
    with pytest.raises((LarkError, AssertionError)):
        check_structure(broken)


@pytest.mark.skipif(not (MMDC.exists() and Path(CHROMIUM).exists()), reason="mermaid-cli (tools/mermaid) or chromium not installed")
def test_mermaid_cli_renders_every_catalogue_diagram(pages, tmp_path):
    """Mermaid's own parser and renderer, one chromium run per page (all its diagrams)."""
    for name in blueprint_ids():
        page = tmp_path / f"{name}.md"
        page.write_text(pages[f"catalogue/{name}.md"])
        result = subprocess.run(
            [str(MMDC), "-p", str(MERMAID_TOOLS / "puppeteer.json"), "-q", "-i", str(page), "-o", str(tmp_path / f"{name}.out.md")],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, f"{name}: {result.stderr[-2000:]}"
        assert list(tmp_path.glob(f"{name}.out-1.svg")), f"{name}: no SVG rendered"


def test_diagram_is_module_level_with_every_module_and_root_call(catalogue):
    for name, output in catalogue.items():
        text = diagram.mermaid(output)
        for module_dir, module in output.compiled.modules.items():
            title = "example root" if module_dir == "." else module_dir
            assert f'["{title}"]' in text, (name, module_dir)
            for rtype in module.get("resource", {}):
                assert f'["{rtype}' in text, (name, rtype)
            for call in module.get("module", {}):
                assert f"module.{call}" in text, (name, call)


def test_edges_come_from_references_in_the_compiled_modules(catalogue):
    """The provider's subnets feed its NLB, the NLB feeds the endpoint service, the
    consumer's security group feeds its endpoint: arrows follow references."""
    g = diagram.graph(catalogue["saas"])
    provider, consumer = "modules/endpoint-service", "modules/consumer"
    assert g.has_edge(f"{provider}|aws_subnet", f"{provider}|aws_lb")
    assert g.has_edge(f"{provider}|aws_lb", f"{provider}|aws_vpc_endpoint_service")
    assert g.has_edge(f"{consumer}|aws_security_group", f"{consumer}|aws_vpc_endpoint")
    assert not g.has_edge(f"{provider}|aws_vpc_endpoint_service", f"{provider}|aws_lb")
    # The consumer call takes service names from the provider call's output.
    assert g.has_edge(".|module.provider_us_east_1", ".|module.consumer_us_east_1")


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz not installed")
@pytest.mark.parametrize("name", blueprint_ids())
def test_graphviz_draws_every_dot_file(pages, name, tmp_path):
    out = tmp_path / f"{name}.svg"
    assert diagram.svg(pages[f"catalogue/{name}.dot"], out)
    assert out.read_text().lstrip().startswith("<?xml") and "<svg" in out.read_text()


@pytest.mark.parametrize("name", blueprint_ids())
def test_committed_svg_was_drawn_from_the_committed_dot(name):
    """The SVG's bytes depend on graphviz's version, so it carries the digest of its DOT instead."""
    folder = REPO / "docs" / "catalogue"
    assert diagram.svg_is_current((folder / f"{name}.dot").read_text(), folder / f"{name}.svg"), f"run `plgen docs` with graphviz installed for {name}.svg"


def test_check_notes_missing_or_stale_images_without_failing(tmp_path):
    out = tmp_path / "docs"  # pages name blueprints by their path from the folder holding --out
    for path, text in docs.build(compile_paths(BLUEPRINTS, project=tmp_path)).items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text)
    (out / "catalogue" / "saas.svg").write_text('<?xml version="1.0"?>\n' + diagram.SVG_STAMP.format("0" * 64) + "\n<svg/>\n")
    result = CliRunner().invoke(main, ["docs", "--out", str(out), "--check", *map(str, BLUEPRINTS)])
    assert result.exit_code == 0
    for name in blueprint_ids():
        assert f"{name}.svg is missing or stale" in result.output
