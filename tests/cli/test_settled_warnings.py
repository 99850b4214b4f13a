"""A weak path a blueprint accepts with a reason is counted once, not repeated on every render; the others print as before."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from plgen.cli import main
from plgen.compiler import compile_paths, prove_paths
from tests.conftest import REPO

HYBRID = (REPO / "blueprints" / "hybrid.yaml").read_text()
ACCEPTANCES = re.compile(r"\n +accept_warnings:\n(?: +- \{hop: [^\n]*\}\n)+")


def proven(tmp_path, text: str):
    path = tmp_path / "hybrid.yaml"
    path.write_text(text)
    return prove_paths(compile_paths([path], project=tmp_path))


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    """hybrid.yaml without its acceptances: three weak hops on two endpoints."""
    text = ACCEPTANCES.sub("\n", HYBRID)
    assert "accept_warnings" not in text
    return text


def test_the_shipped_catalogue_has_no_open_warning_and_no_stale_acceptance(catalogue):
    warnings = prove_paths(list(catalogue.values()))
    assert warnings.open == [] and warnings.unused == []
    assert warnings.settled and all(reason for _, reason in warnings.settled)


def test_without_acceptances_every_weak_hop_is_an_open_warning(tmp_path, bare):
    warnings = proven(tmp_path, bare)
    assert len(warnings.open) == 3 and warnings.settled == [] and warnings.summary() is None
    assert {re.search(r"weak at (\w+)", str(w))[1] for w in warnings.open} == {"endpoint", "targets"}


def test_an_acceptance_settles_its_hop_on_its_endpoint_only(tmp_path, bare):
    text = bare.replace(
        "      - service: inventory/inventory-api\n",
        "      - service: inventory/inventory-api\n        accept_warnings: [{hop: endpoint, reason: two AZs are enough for the warehouse}]\n",
    )
    warnings = proven(tmp_path, text)
    assert [(p.path, reason) for p, reason in warnings.settled] == [(("consumers", 1, "endpoints", 0), "two AZs are enough for the warehouse")]
    assert sorted((p.path, "targets" in p.message) for p in warnings.open) == [(("consumers", 0, "endpoints", 0), True), (("consumers", 1, "endpoints", 0), True)]
    assert warnings.summary().startswith("1 path warning accepted in the blueprints with a reason")


def test_an_acceptance_of_a_hop_without_a_warning_is_reported_where_it_is_written(tmp_path, bare):
    text = bare.replace(
        "      - service: reporting\n",
        "      - service: reporting\n        accept_warnings: [{hop: dns, reason: stale}]\n",
    )
    warnings = proven(tmp_path, text)
    (unused,) = warnings.unused
    assert unused.path == ("consumers", 0, "endpoints", 1, "accept_warnings", 0, "hop")
    assert "no path of this endpoint is weak at 'dns'" in str(unused) and f"hybrid.yaml:{text.splitlines().index('        accept_warnings: [{hop: dns, reason: stale}]') + 1}:" in str(unused)


def test_render_prints_open_warnings_one_by_one_and_settled_ones_in_one_line(tmp_path):
    (tmp_path / "hybrid.yaml").write_text(HYBRID.replace("          - {hop: endpoint, reason:", "          - {hop: endpointx, reason:", 1))
    result = CliRunner().invoke(main, ["render", str(tmp_path / "hybrid.yaml"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len([line for line in lines if line.startswith("note: ") and "accepted in the blueprints" in line]) == 1
    weak = [line for line in lines if line.startswith("warning: ") and ": path to " in line]
    assert len(weak) == 1 and "weak at endpoint" in weak[0]  # its acceptance names another hop
    assert len([line for line in lines if line.startswith("warning: ") and "no path of this endpoint is weak at 'endpointx'" in line]) == 1
