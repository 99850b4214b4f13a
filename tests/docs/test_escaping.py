"""Blueprint text and file names reach the catalogue and module READMEs as text, never as Markdown or HTML.

A description is the user's words: it must not close a code block, open HTML,
start a heading or list, or add a table row on the page that shows it. A file
name is the user's too, and appears in a code span, a link, a shell command and
a comment. The pages are parsed with a CommonMark parser (markdown-it-py), so a
test fails when the text would be read as anything but itself.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from plgen.compiler import compile_paths
from plgen.docs import catalogue
from plgen.emit.readme import code, literal
from tests.conftest import REPO

HOSTILE = [
    "```\n</code><script>alert(1)</script>",
    "# not a heading",
    "- not a list",
    "1. not a list either",
    "a | b | c",
    "[click](https://example.com) and ![img](x.png) and <https://example.com>",
    "*bold* _em_ ~~gone~~ `code` \\ &amp; &lt;",
    "=====",
    "> not a quote",
    "<!-- hidden -->",
]
MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")


def _text_of(tokens) -> str:
    """The plain text a reader sees in inline tokens; fails on anything that is markup."""
    out = []
    for token in tokens:
        assert token.type in ("text", "softbreak", "inline"), (token.type, token.content)
        if token.children:
            out.append(_text_of(token.children))
        elif token.type == "text":
            out.append(token.content)
    return "".join(out)


@pytest.mark.parametrize("text", HOSTILE)
def test_literal_text_is_one_paragraph_of_exactly_that_text(text):
    tokens = MD.parse(literal(text))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], tokens
    assert _text_of(tokens[1].children) == " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE)
def test_literal_text_stays_in_its_table_cell(text):
    tokens = MD.parse(f"| a | b |\n|---|---|\n| {literal(text)} | x |\n")
    cells = [t for t in tokens if t.type == "inline"]
    assert len(cells) == 4, [c.content for c in cells]  # two header cells, two body cells: no cell added or lost
    assert _text_of(cells[2].children) == " ".join(text.split())


@pytest.mark.parametrize("text", ["blueprints/saas.yaml", "a`b.yaml", "``x``.yaml", "`lead.yaml"])
def test_code_spans_show_a_path_exactly(text):
    (inline,) = [t for t in MD.parse(code(text)) if t.type == "inline"]
    (span,) = inline.children
    assert span.type == "code_inline" and span.content == text


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory):
    """The catalogue page of a blueprint with a hostile description, in a file whose name needs quoting."""
    work = tmp_path_factory.mktemp("escaping")
    text = (REPO / "blueprints" / "saas.yaml").read_text()
    description = next(line for line in text.splitlines() if line.startswith("description:"))
    hostile = "```</code><script>alert(1)</script> | # x <!-- y --> [z](http://e.com)"
    folder = work / "team blue`s --blueprints"
    folder.mkdir()
    path = folder / "saas.yaml"
    path.write_text(text.replace(description, "description: " + repr(hostile).replace("'", '"')))
    (output,) = compile_paths([path], project=work)
    pages = catalogue.build([output])
    return hostile, output.label, pages["catalogue/saas.md"], pages["catalogue/index.md"]


def test_a_hostile_description_is_text_on_the_blueprint_page_and_the_index(hostile_page):
    hostile, _, page, index = hostile_page
    for markdown in (page, index):
        tokens = MD.parse(markdown)
        html = [t.content for t in tokens if t.type == "html_block"]
        html += [c.content for t in tokens if t.children for c in t.children if c.type == "html_inline"]
        assert not [h for h in html if "script" in h or "<!-- y" in h], html  # plgen's own comments and anchors only
        rendered = MD.render(markdown)
        assert "<script>" not in rendered and 'href="http://e.com"' not in rendered
    paragraph = MD.parse(page.split("\n\n", 2)[1])
    assert _text_of(paragraph[1].children) == hostile


def test_the_page_names_the_blueprint_path_correctly_in_every_context(hostile_page):
    _, label, page, _ = hostile_page
    assert label == "team blue`s --blueprints/saas.yaml"
    tokens = MD.parse(page)
    links = [c for t in tokens if t.children for c in t.children if c.type == "link_open"]
    assert any(urllib.parse.unquote(link.attrs["href"]) == "../../" + label for link in links)
    spans = [c.content for t in tokens if t.children for c in t.children if c.type == "code_inline"]
    assert label in spans
    (command,) = [line for line in page.splitlines() if line.startswith("plgen render ")]
    assert shlex.split(command, comments=True) == ["plgen", "render", label]
    first = page.splitlines()[0]
    assert first.startswith("<!--") and first.count("-->") == 1 and first.endswith("-->")


def test_render_from_another_folder_names_the_blueprint_from_the_project(tmp_path):
    """Run from an unrelated folder, the module READMEs name the blueprint path from the folder holding --out."""
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    (project / "specs").mkdir(parents=True)
    elsewhere.mkdir()
    (project / "specs" / "team-saas.yaml").write_text((REPO / "blueprints" / "saas.yaml").read_text())
    result = subprocess.run(
        [sys.executable, "-m", "plgen.cli", "render", "--format", "hcl", "--out", "../project/modules_out", "../project/specs/team-saas.yaml"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    readme = (project / "modules_out" / "saas" / "hcl" / "modules" / "consumer" / "README.md").read_text()
    assert "Generated by `plgen render` from `specs/team-saas.yaml`" in readme
    docs = subprocess.run(
        [sys.executable, "-m", "plgen.cli", "docs", "--no-images", "--out", "../project/docs", "../project/specs/team-saas.yaml"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert docs.returncode == 0, docs.stderr
    page = (project / "docs" / "catalogue" / "saas.md").read_text()
    assert "plgen render specs/team-saas.yaml " in page and "](../../specs/team-saas.yaml)" in page
