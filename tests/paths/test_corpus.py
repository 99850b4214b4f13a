"""``plgen paths`` on PrivateLink roots written the way people write them gives the verdict a reviewer gives by hand.

Each ``tests/paths/corpus/<slug>/`` is a Terraform root (no plgen declaration:
the paths are found from the resources), a README naming the public example it
is modelled on, and ``expected.json``: the overall status, the exit code and,
where it fails or warns, the hop and a phrase of its reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from plgen.cli import main

CORPUS = Path(__file__).parent / "corpus"
ROOTS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())



def test_the_corpus_covers_what_people_write() -> None:
    assert len(ROOTS) >= 12
    for slug in ROOTS:
        assert (CORPUS / slug / "README.md").read_text().count("http") >= 1, f"{slug}: README cites no public example"


@pytest.mark.parametrize("slug", ROOTS)
def test_verdict(slug: str) -> None:
    expected = json.loads((CORPUS / slug / "expected.json").read_text())
    result = CliRunner().invoke(main, ["paths", str(CORPUS / slug), "--format", "json"])
    assert result.exit_code == expected["exit"], result.output
    if expected["exit"] == 2:
        assert expected["reason"] in result.output, result.output
        return
    report = json.loads(result.output)
    assert report["status"] == expected["status"]
    assert report["paths"], "a judged root has at least one path"
    if "hop" in expected:
        hops = [h for p in report["paths"] for h in p["hops"] if h["hop"] == expected["hop"] and h["status"] == expected["status"]]
        assert hops, f"no {expected['status']} {expected['hop']} hop: {result.output}"
        assert any(expected["reason"] in h["reason"] for h in hops), hops
