"""Editor support: the committed JSON Schema is what ``plgen schema`` prints, and every blueprint points at it.

yaml-language-server reads the first-line ``$schema`` comment; with it an
editor completes field names and flags unknown keys as the author types.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from plgen.cli import main

REPO = Path(__file__).resolve().parents[2]
MODELINE = "# yaml-language-server: $schema=../schema/blueprint.schema.json"


def test_committed_schema_equals_plgen_schema_output():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    committed = (REPO / "schema" / "blueprint.schema.json").read_text()
    assert result.output == committed, "schema/blueprint.schema.json is stale: run `plgen schema > schema/blueprint.schema.json`"
    schema = json.loads(committed)
    assert schema["additionalProperties"] is False and {"name", "pattern"} <= set(schema["required"]) and "providers" not in schema["required"]  # a consumer-only blueprint has external_services instead


def schema_target(path: Path) -> Path | None:
    """Where an editor's ``$schema`` modeline (first line) in ``path`` points, resolved from the file's folder."""
    first = (path.read_text().splitlines() or [""])[0]
    if not first.startswith(MODELINE.split("=")[0] + "="):
        return None
    return (path.parent / first.split("$schema=", 1)[1]).resolve()


@pytest.mark.parametrize("path", sorted((REPO / "blueprints").glob("*.yaml")), ids=lambda p: p.stem)
def test_blueprint_starts_with_the_schema_modeline(path):
    assert path.read_text().splitlines()[0] == MODELINE
    assert schema_target(path) == (REPO / "schema" / "blueprint.schema.json").resolve()


def test_bad_corpus_modelines_point_at_the_committed_schema():
    """Fixtures are edited by hand too; a modeline copied from blueprints/ would point one folder too shallow."""
    targets = {p.parent.name: schema_target(p) for p in sorted((REPO / "tests" / "bad").glob("*/blueprint.yaml"))}
    assert sum(t is not None for t in targets.values()) > 40
    assert {name: t for name, t in targets.items() if t not in (None, (REPO / "schema" / "blueprint.schema.json").resolve())} == {}
