"""The blueprint JSON Schema, generated from the model so it cannot drift from it.

Editors use it through the ``# yaml-language-server: $schema=`` line at the
top of each blueprint; ``schema/blueprint.schema.json`` is the committed copy.
"""

from __future__ import annotations

from typing import Any

from plgen.blueprint.model import Blueprint

SCHEMA_ID = "https://plgen.dev/schema/blueprint.schema.json"


def json_schema(patterns: list[str] | None = None) -> dict[str, Any]:
    """The schema; ``patterns`` (the registry's slugs, in catalogue order) become the enum of ``pattern``."""
    schema = Blueprint.model_json_schema(mode="validation")
    if patterns:
        schema["$defs"]["Pattern"] = {"enum": list(patterns), "title": "Pattern", "type": "string"}
        schema["properties"]["pattern"] = {"$ref": "#/$defs/Pattern"}
    # top-level x- keys (anchor blocks such as x-defaults) are allowed and ignored: plgen.blueprint.validate.model_data
    schema["patternProperties"] = {"^x-": {"description": "An extension (e.g. x-defaults holding YAML anchors); plgen ignores it."}}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
