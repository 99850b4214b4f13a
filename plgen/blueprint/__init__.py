"""Blueprint front end: YAML with positions -> schema -> semantic rules -> ``Blueprint``."""

from pathlib import Path

from plgen.blueprint.loader import Source, load_source, parse_source
from plgen.blueprint.model import Blueprint
from plgen.blueprint.validate import validate


def load(path: Path) -> Blueprint:
    """Load and validate one blueprint file; raises ``BlueprintError`` with every problem."""
    return validate(load_source(path))


__all__ = ["Blueprint", "Source", "load", "load_source", "parse_source", "validate"]
