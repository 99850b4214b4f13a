"""A hybrid service's migration stage: which target sites are registered (``services[].stage``)."""

from plgen.features.base import Feature
from plgen.features.names import FeatureName


def _where(bp):
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            if service.stage is not None:
                yield ("providers", i, "services", j, "stage")


MIGRATION_STAGE = Feature(
    FeatureName.MIGRATION_STAGE,
    "Migration stage",
    "the registered targets follow the service's stage (migrate-, burst-, failover-to-cloud)",
    _where,
)
