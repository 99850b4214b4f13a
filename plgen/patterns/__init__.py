"""One file per PrivateLink pattern; this registry maps a blueprint's ``pattern`` to it."""

from plgen.blueprint.model import Pattern as PatternName
from plgen.patterns.base import Compiled, Pattern
from plgen.patterns.hybrid import Hybrid
from plgen.patterns.inter_region_consumer import InterRegionConsumer
from plgen.patterns.inter_region_service import InterRegionService
from plgen.patterns.microservices import Microservices
from plgen.patterns.saas import SaaS
from plgen.patterns.shared_services import SharedServices

PATTERNS: dict[PatternName, Pattern] = {
    PatternName.saas: SaaS(),
    PatternName.shared_services: SharedServices(),
    PatternName.hybrid: Hybrid(),
    PatternName.microservices: Microservices(),
    PatternName.inter_region_service: InterRegionService(),
    PatternName.inter_region_consumer: InterRegionConsumer(),
}


def pattern_for(name: PatternName) -> Pattern:
    return PATTERNS[name]


__all__ = ["PATTERNS", "Compiled", "Pattern", "pattern_for"]
