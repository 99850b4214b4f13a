"""The live adapter is plgen's (the apply tests import it from there), and boto3 stays out of validate, render and paths."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_plgen_without_the_live_adapter_never_imports_boto3() -> None:
    probe = "import sys, plgen.cli, plgen.compiler, plgen.paths, plgen.paths.discover; print(sorted(m for m in sys.modules if m.split('.')[0] in ('boto3', 'botocore')))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_live_adapter_is_importable_from_plgen_and_no_copy_stays_in_tests() -> None:
    from plgen.paths.adapters.live import Live, prove_live  # noqa: F401

    assert not list((REPO / "tests" / "apply").glob("live_*.py"))
