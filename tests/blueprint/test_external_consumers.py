"""A provider-only blueprint's customers (``external_consumers``) are checked where they are written.

Each is one organisation, named by an account ID or an IAM principal ARN (never
``*``), once per service (its name names its hand-off file), and their endpoints
are accepted from hand-off files, so acceptance stays required.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from plgen.cli import main

VENDOR = (Path(__file__).resolve().parents[2] / "blueprints" / "saas-vendor.yaml").read_text()
GLOBEX = "principal: arn:aws:iam::333333333333:role/platform-network"


def validate(tmp_path: Path, text: str):
    path = tmp_path / "bp.yaml"
    path.write_text(text)
    return CliRunner().invoke(main, ["validate", str(path)])


def test_the_vendor_blueprint_is_valid(tmp_path):
    result = validate(tmp_path, VENDOR)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (GLOBEX, "principal: '*'", "external_consumers[1].principal: an external consumer is one organisation: name its account ID or an IAM principal ARN, not `*`"),
        (GLOBEX, "principal: globex", "external_consumers[1].principal: 'globex' is neither a 12-digit account ID nor an IAM principal ARN"),
        (GLOBEX, 'principal: "33333333333"', "external_consumers[1].principal: '33333333333' is neither a 12-digit account ID"),
        (GLOBEX, "principal: arn:aws:iam::333333333333:role/teams/platform-network", "has a path: an endpoint service allows no principal ARN with a path"),
        ("            - name: customer-globex\n", "            - name: customer-acme\n", "external consumer 'customer-acme' is named twice"),
        ("          acceptance_required: true\n", "          acceptance_required: false\n", "keep `acceptance_required: true`"),
    ],
)
def test_a_bad_external_consumer_is_refused_where_it_is_written(tmp_path, old, new, expected):
    assert old in VENDOR
    result = validate(tmp_path, VENDOR.replace(old, new))
    assert result.exit_code == 2, result.output
    assert "providers[0].services[0].endpoint_service" in result.output
    assert expected in result.output
    assert "Traceback" not in result.output


def test_an_account_id_is_allowed_as_the_accounts_root():
    from plgen.blueprint.model import ExternalConsumer

    assert ExternalConsumer(name="acme", principal="222222222222").arn("aws") == "arn:aws:iam::222222222222:root"
    assert ExternalConsumer(name="acme", principal="arn:aws:iam::222222222222:role/x").account_id == "222222222222"
