"""Feature names: the one place a feature's slug is spelt.

Every other module names a feature as ``FeatureName.DUAL_STACK``, never as
the string ``"dual-stack"``: a misspelt member is an ``AttributeError`` and a
misspelt value a ``ValueError`` (``Feature``, ``Pattern``, ``Attr``, ``Input``
and ``Interface`` check theirs when they are built, at import), where a
misspelt string was silently ``False``. A ``StrEnum`` member is equal to its
slug and hashes like it, so sets of names compare with the slugs a blueprint's
``used_features`` holds, and output that prints a name prints the slug.
``tests/architecture/test_feature_names.py`` keeps string slugs out of
feature checks in ``plgen/``.

No imports: every layer from ``features`` up can name a feature.
"""

from __future__ import annotations

from enum import StrEnum


class FeatureName(StrEnum):
    EXISTING_VPC = "existing-vpc"
    TLS = "tls"
    PRIVATE_DNS = "private-dns"
    FRIENDLY_NAMES = "friendly-names"
    CROSS_REGION = "cross-region"
    ON_PREMISES_TARGETS = "on-premises-targets"
    MIGRATION_STAGE = "migration-stage"
    ON_PREMISES_ACCESS = "on-premises-access"
    PEERED_FLEET = "peered-fleet"
    HOME_PEERING = "home-peering"
    RESOURCE_GATEWAY = "resource-gateway"
    SERVICE_NETWORK = "service-network"
    DUAL_STACK = "dual-stack"
    ACCESS_LOGS = "access-logs"
    FLOW_LOGS = "flow-logs"


def feature_names(names: str | tuple[str, ...] | frozenset[str] | None, where: str) -> None:
    """Raise ``ValueError`` naming ``where`` if any of ``names`` is not a feature's name."""
    if names is None:
        return
    unknown = sorted(n for n in ((names,) if isinstance(names, str) else names) if n not in FeatureName.__members__.values())
    if unknown:
        raise ValueError(f"{where}: unknown feature names {unknown}; the names are plgen.features.names.FeatureName")
