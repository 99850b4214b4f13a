"""A TLS listener's consumers use a name its certificate covers; on TCP any name renders.

The bad corpus holds the refusals (``tls-friendly-name-uncovered``,
``tls-endpoint-without-covered-name``); these are the same blueprints made
right three ways, each of which renders.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from plgen.blueprint.model import covers
from plgen.cli import main

BAD = Path(__file__).resolve().parents[1] / "bad"
UNCOVERED = (BAD / "tls-friendly-name-uncovered" / "blueprint.yaml").read_text()
TLS = """              protocol: TLS
              certificate_arn: arn:aws:acm:us-east-1:111111111111:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0
"""


def render(tmp_path: Path, text: str):
    path = tmp_path / "bp.yaml"
    path.write_text(text)
    return CliRunner().invoke(main, ["render", str(path), "--out", str(tmp_path / "out"), "--format", "json"])


def test_the_uncovered_friendly_name_on_tls_is_refused_with_its_fix(tmp_path):
    result = render(tmp_path, UNCOVERED)
    assert result.exit_code == 2
    assert "consumers[0].endpoints[0].dns_name: api.cons.internal reaches TLS listener 443 of 'api'" in result.output
    assert "use private_dns: true, the verified name api.provider.example.com" in result.output
    assert not (tmp_path / "out" / "demo").exists()


@pytest.mark.parametrize(
    ("why", "old", "new"),
    [
        ("the same friendly name on a TCP listener", TLS, ""),
        ("the certificate's names cover the friendly name (wildcard)", TLS, TLS + "              certificate_names: [api.provider.example.com, '*.cons.internal']\n"),
        ("the consumer uses the verified private DNS name", "        dns_name: api.cons.internal", "        private_dns: true"),
    ],
)
def test_a_covered_or_tcp_name_renders(tmp_path, why, old, new):
    assert old in UNCOVERED
    result = render(tmp_path, UNCOVERED.replace(old, new))
    assert result.exit_code == 0, (why, result.output)
    assert (tmp_path / "out" / "demo" / "json" / "main.tf.json").is_file()


def test_a_certificate_name_covers_itself_and_a_wildcard_one_label():
    assert covers("api.example.com", "api.example.com")
    assert covers("*.example.com", "api.example.com")
    assert not covers("*.example.com", "a.b.example.com")
    assert not covers("*.example.com", "example.com")
    assert not covers("api.example.com", "www.example.com")
