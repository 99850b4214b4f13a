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

from plgen.cli import main

BAD = Path(__file__).resolve().parents[1] / "bad"
CASES = sorted(p.name for p in BAD.iterdir() if (p / "blueprint.yaml").is_file())


def test_the_corpus_covers_at_least_forty_mistakes():
    assert len(CASES) >= 40


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
