"""The blueprint JSON Schema, generated from the model so it cannot drift from it.

Editors use it through the ``# yaml-language-server: $schema=`` line at the
top of each blueprint; ``schema/blueprint.schema.json`` is the committed copy.
"""

from __future__ import annotations

from typing import Any

from plgen.blueprint.model import Blueprint

SCHEMA_ID = "https://plgen.dev/schema/blueprint.schema.json"


def json_schema() -> dict[str, Any]:
    schema = Blueprint.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
