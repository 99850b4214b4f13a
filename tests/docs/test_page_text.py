"""A blueprint page shows the blueprint as written, and names the folder its modules are really rendered into."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from plgen.compiler import compile_paths
from plgen.docs import catalogue
from tests.conftest import REPO

MD = MarkdownIt("commonmark")
SAAS = (REPO / "blueprints" / "saas.yaml").read_text()


@pytest.fixture(scope="module")
def fenced(tmp_path_factory):
    """The page of a blueprint whose description holds fence lines (``` at indent 0-3, and a longer run)."""
    work = tmp_path_factory.mktemp("fence")
    description = next(line for line in SAAS.splitlines() if line.startswith("description:"))
    block = "description: |-\n  Billing API.\n```\n   ```\n  ````` five\n  ~~~\n  ## not a heading"
    text = SAAS.replace(description, block.replace("\n```", "\n  ```", 1).replace("\n   ```", "\n     ```", 1))
    path = work / "saas.yaml"
    path.write_text(text)
    (output,) = compile_paths([path], project=work)
    return text, catalogue.build([output])["catalogue/saas.md"]


def test_the_blueprint_block_holds_the_whole_file_whatever_fences_its_text_has(fenced):
    text, page = fenced
    blocks = [t for t in MD.parse(page) if t.type == "fence" and t.info == "yaml"]
    assert len(blocks) == 1 and blocks[0].content == text
    assert "## not a heading" not in [t.content for t in MD.parse(page) if t.type == "inline"]


def test_a_fence_is_longer_than_any_backtick_run():
    assert catalogue.code_fence("no backticks") == "```"
    assert catalogue.code_fence("a\n```\nb") == "````"
    assert catalogue.code_fence("x ````` y") == "``````"


@pytest.fixture(scope="module")
def saas(tmp_path_factory):
    (output,) = compile_paths([REPO / "blueprints" / "saas.yaml"], project=REPO)
    return output


def test_the_repository_catalogue_names_modules_out(saas):
    page = catalogue.build([saas])["catalogue/saas.md"]
    assert "cd modules_out/saas/json" in page and "(../../modules_out/saas/json/)" in page
    assert "plgen render blueprints/saas.yaml                 #" in page


def test_a_page_names_the_folder_given_to_render(saas, tmp_path):
    folder = catalogue.ModulesFolder.of(tmp_path / "build" / "tf", tmp_path / "site", tmp_path)
    page = catalogue.build([saas], folder)["catalogue/saas.md"]
    assert "modules_out" not in page
    assert "--out build/tf " in page and "cd build/tf/saas/json " in page
    assert "[`build/tf/saas/json/`](../../build/tf/saas/json/)" in page
    assert "`build/tf/saas/json/units/<unit>/`" in page
    # the link leads from the page's folder to the modules
    assert (tmp_path / "site" / "catalogue" / "../../build/tf/saas/json").resolve() == (tmp_path / "build" / "tf" / "saas" / "json").resolve()


def test_the_default_is_modules_out_beside_the_docs_folder(saas, tmp_path):
    folder = catalogue.ModulesFolder.of(tmp_path / "modules_out", tmp_path / "docs", tmp_path)
    assert folder == catalogue.ModulesFolder()
    outside = catalogue.ModulesFolder.of(Path("/srv/tf"), tmp_path / "docs", tmp_path)
    assert outside.label == "/srv/tf" and not outside.default


def test_a_service_open_to_every_account_shows_its_reason(tmp_path):
    text = (REPO / "tests" / "bad" / "open-service-without-acceptance" / "blueprint.yaml").read_text()
    text = text.replace('allowed_principals: ["*"]', 'allowed_principals: ["*"]\n          open_to_any_account: {reason: "a public status feed, no data of any customer"}')
    (tmp_path / "open.yaml").write_text(text)
    (output,) = compile_paths([tmp_path / "open.yaml"], project=tmp_path)
    page = catalogue.build([output])["catalogue/demo.md"]
    assert "Open to every AWS account, without acceptance" in page
    assert "- `prov/api`: a public status feed, no data of any customer\n" in page
