"""Hybrid services: one endpoint service in front of AWS and on-premises targets.

From the notes ("Hybrid Services"): during a migration the NLB behind an
endpoint service balances across instances in AWS and servers in the data
center, reached over Direct Connect (feature ``on-premises-targets``);
consumers in AWS see one interface endpoint either way. The service's
``stage`` (feature ``migration-stage``: migrate-, burst-, failover-to-cloud)
decides which targets are registered; when the migration ends, the
on-premises targets go and the pattern becomes a Shared Services VPC.
"""

from plgen.blueprint.rules.hybrid_on_premises_targets import hybrid_on_premises_targets
from plgen.features.names import FeatureName
from plgen.patterns.base import Pattern

PATTERN = Pattern(
    slug="hybrid",
    title="Hybrid services",
    summary=(
        "While workloads migrate to AWS, one endpoint service balances across instances in AWS and servers "
        "on premises reached over Direct Connect; the migration stage (migrate-, burst- or failover-to-cloud) "
        "decides which targets are registered, and consumers keep the same endpoint throughout."
    ),
    order=3,
    features=frozenset(
        {
            FeatureName.ACCESS_LOGS,
            FeatureName.TLS,
            FeatureName.PRIVATE_DNS,
            FeatureName.FRIENDLY_NAMES,
            FeatureName.CROSS_REGION,
            FeatureName.ON_PREMISES_TARGETS,
            FeatureName.MIGRATION_STAGE,
            FeatureName.ON_PREMISES_ACCESS,
        }
    ),
    rules=(hybrid_on_premises_targets,),
)
