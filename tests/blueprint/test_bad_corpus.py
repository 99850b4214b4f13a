"""The bad-input corpus: every folder in ``tests/bad/`` is one mistake and the messages it must produce.

Each ``tests/bad/<slug>/`` holds a small ``blueprint.yaml`` and ``expected``:
one line per problem, in the order plgen prints them (file, line, column),
each either the exact message line or a stable part of it. ``plgen validate``
must exit 2, print exactly that many problems, and never a traceback.

Regenerate ``expected`` after a deliberate message change with
``PLGEN_UPDATE_GOLDEN=1 pytest tests/blueprint/test_bad_corpus.py`` and
review the diff; a normal run never rewrites it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from plgen.blueprint.loader import load_source
from plgen.blueprint.model import Blueprint
from plgen.blueprint.validate import PATTERN_NAMES
from plgen.cli import main
from plgen.errors import BlueprintError

BAD = Path(__file__).resolve().parents[1] / "bad"
CASES = sorted(p.name for p in BAD.iterdir() if (p / "blueprint.yaml").is_file())


# Kinds of schema mistake (pydantic error types) plgen puts into a blueprint author's words; each needs a fixture
# so its wording and location are pinned. Semantic rules: tests/blueprint/test_rule_fixtures.py.
SCHEMA_MISTAKES = (
    "extra_forbidden",  # unknown field, did you mean
    "missing",  # required field
    "enum",  # protocol, pattern
    "string_pattern_mismatch",  # IDs, names, Regions: see also PATTERN_NAMES
    "greater_than_equal",  # port 0
    "less_than_equal",  # port 99999
    "too_short",  # empty lists
    "string_too_long",  # description
    "dict_type",  # a list where a mapping goes
    "model_type",
    "list_type",  # a string where a list goes
    "string_type",  # unquoted account ID
    "int_type",  # strict: "443" and true are not port numbers
    "bool_type",  # strict: "yes" and 1 are not booleans
    "value_error",  # the model's own validators (CIDRs, AZ IDs, ARNs, templates)
)


def test_every_folder_is_a_case_with_a_blueprint_and_its_expected_messages():
    """A folder missing ``blueprint.yaml`` (``blueprint.yml``, a typo) would silently drop out of CASES."""
    folders = sorted(p for p in BAD.iterdir() if not p.name.startswith("."))
    assert [p.name for p in folders if p.name not in CASES] == [], "folders without blueprint.yaml"
    for folder in folders:
        assert sorted(p.name for p in folder.iterdir()) == ["blueprint.yaml", "expected"], folder.name
        assert (folder / "expected").read_text().strip(), f"{folder.name}: expected is empty"


def schema_errors() -> dict[str, list[dict]]:
    """Fixture -> the pydantic errors of its document (fixtures the YAML loader rejects are left out)."""
    out = {}
    for slug in CASES:
        try:
            source = load_source(BAD / slug / "blueprint.yaml")
        except BlueprintError:
            continue
        try:
            Blueprint.model_validate(source.data)
        except ValidationError as exc:
            out[slug] = exc.errors()
    return out


def test_every_worded_schema_mistake_and_id_format_has_a_fixture():
    kinds: dict[str, str] = {}
    formats: dict[str, str] = {}
    for slug, errors in schema_errors().items():
        for error in errors:
            kinds.setdefault(error["type"], slug)
            if error["type"] == "string_pattern_mismatch":
                formats.setdefault(error["ctx"]["pattern"], slug)
    assert [kind for kind in SCHEMA_MISTAKES if kind not in kinds] == []
    assert [PATTERN_NAMES[p] for p in PATTERN_NAMES if p not in formats] == []


@pytest.mark.parametrize("slug", CASES)
def test_bad_blueprint_gets_its_messages_and_exit_2(slug, monkeypatch):
    folder = BAD / slug
    monkeypatch.chdir(folder)  # messages then name the file as a user would: blueprint.yaml:line:col
    result = CliRunner().invoke(main, ["validate", "blueprint.yaml"])
    assert isinstance(result.exception, SystemExit), result.exception  # not an uncaught error
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    problems = [line.removeprefix("error: ") for line in result.output.splitlines() if line.startswith("error: ")]
    if os.environ.get("PLGEN_UPDATE_GOLDEN"):
        (folder / "expected").write_text("".join(f"{line}\n" for line in problems))
    expected = [line for line in (folder / "expected").read_text().splitlines() if line.strip()]
    assert len(problems) == len(expected), "\n".join(problems)
    for want, got in zip(expected, problems, strict=True):
        assert want in got
    assert f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found; nothing was written." in result.output
