"""One file per PrivateLink pattern; this registry maps a blueprint's ``pattern`` to it."""

from plgen.blueprint.model import Pattern as PatternName
from plgen.patterns.base import Compiled, Pattern
from plgen.patterns.saas import SaaS

PATTERNS: dict[PatternName, Pattern] = {
    PatternName.saas: SaaS(),
}


def pattern_for(name: PatternName) -> Pattern:
    return PATTERNS[name]


__all__ = ["PATTERNS", "Compiled", "Pattern", "pattern_for"]
