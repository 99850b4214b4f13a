"""Top-level ``x-`` keys: a place for YAML anchors (the Compose and OpenAPI convention), ignored by the model."""

from __future__ import annotations

import jsonschema
import pytest

from plgen.blueprint import parse_source, validate
from plgen.blueprint.schema import json_schema
from plgen.errors import BlueprintError
from tests.conftest import REPO

SAAS = (REPO / "blueprints" / "saas.yaml").read_text()

# Two consumers share their AZs and a source range through anchors defined in an x-defaults block.
ANCHORED = SAAS.replace(
    "name: saas\n",
    "name: saas\nx-defaults:\n  azs: &azs [use1-az1, use1-az2]\n  sources: &sources [10.20.0.0/16]\nx-owner-notes: reviewed by the network team\n",
    1,
)


def test_an_x_defaults_block_of_anchors_is_allowed_and_read_as_its_expansion():
    plain = validate(parse_source(SAAS, "saas.yaml"))
    anchored = validate(parse_source(ANCHORED, "saas.yaml"))
    assert anchored == plain  # the x- keys leave no trace in the model


def test_aliases_of_an_x_defaults_anchor_are_used_where_they_are_written():
    text = ANCHORED.replace("    azs: [use1-az1, use1-az2, use1-az4]\n    endpoints:", "    azs: *azs\n    endpoints:")
    text = text.replace("allowed_cidrs: [10.20.0.0/16]", "allowed_cidrs: *sources")
    assert text.count("*azs") == 2 and "*sources" in text
    bp = validate(parse_source(text, "saas.yaml"))
    assert [list(c.azs) for c in bp.consumers] == [["use1-az1", "use1-az2"]] * 2
    assert [str(cidr) for cidr in bp.consumers[0].endpoints[0].allowed_cidrs] == ["10.20.0.0/16"]


def test_an_x_key_below_the_top_level_is_still_an_unknown_field():
    text = SAAS.replace("      cidr: 10.10.0.0/16\n", "      cidr: 10.10.0.0/16\n      x-note: here\n", 1)
    with pytest.raises(BlueprintError) as raised:
        validate(parse_source(text, "saas.yaml"))
    assert "providers[0].vpc.x-note: unknown field 'x-note'" in str(raised.value)


def test_another_unknown_top_level_key_is_still_refused():
    with pytest.raises(BlueprintError) as raised:
        validate(parse_source(SAAS.replace("name: saas\n", "name: saas\nxdefaults: {}\n", 1), "saas.yaml"))
    assert "xdefaults: unknown field 'xdefaults'" in str(raised.value)


def test_the_schema_allows_x_keys_at_the_top_and_nothing_else_unknown():
    schema = json_schema()
    data = {"name": "saas", "pattern": "saas", "description": "d", "providers": [], "x-defaults": {"a": 1}}
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data) if "x-defaults" in e.message]
    assert errors == []
    data = {**data, "y-defaults": 1}
    assert any("y-defaults" in e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data))
