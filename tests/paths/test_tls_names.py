"""Issue 23 D3: targets that terminate TLS behind a TCP listener (``tls_names``) are reached by a name their
certificate holds; the proof's dns hop warns a consumer reaching them only by the endpoint's vpce-... names."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from plgen.cli import main
from plgen.paths import PASS, WARN
from tests.paths.test_proof import paths_of
from tests.patterns.topology import edited

NAMED = "      - service: security\n        dns_name: security.shared.internal   # the name the targets' certificate holds\n"


def _dns(tmp_path: Path, *replacements) -> dict:
    source = tmp_path / "shared-services.yaml"
    source.write_text(edited("shared-services", *replacements))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(source), "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    _, report = paths_of(out / "shared-services" / "json")
    path = next(p for p in report["paths"] if p["consumer"] == "workload-payments" and p["endpoint"] == "shared-services/security")
    return next(h for h in path["hops"] if h["hop"] == "dns")


def test_a_tls_target_reached_by_vpce_names_only_is_a_warning(tmp_path):
    hop = _dns(tmp_path, (NAMED, "      - service: security\n"))
    assert hop["status"] == WARN
    assert "terminate TLS for security.shared.internal" in hop["reason"] and "vpce-" in hop["reason"]


def test_a_name_the_certificate_does_not_hold_is_a_warning(tmp_path):
    hop = _dns(tmp_path, (NAMED, "      - service: security\n        dns_name: console.shared.internal\n"))
    assert hop["status"] == WARN and hop["reason"].startswith("console.shared.internal: the targets terminate TLS for security.shared.internal")


def test_the_catalogue_name_is_held_by_the_certificate(tmp_path):
    hop = _dns(tmp_path)
    assert hop["status"] == PASS and hop["reason"].endswith("the targets' certificate holds it")
