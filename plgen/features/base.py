"""What a feature is: blueprint fields a pattern may or may not build, with the rules that own them.

A feature (Direct Connect to on-premises targets, home-VPC peering, private
DNS, ...) is a unit of architecture that several patterns can share. It
declares, once:

- ``where``: every field path of a blueprint that uses it, in file order, so
  that a blueprint using a feature its pattern does not build gets a located
  error at the first such field (``patterns.base.feature_gate``);
- ``rules``: the semantic checks of its fields, which run wherever the
  feature is used, whatever the pattern;
- its name (``FeatureName``), which the module interfaces
  (``plgen.interfaces``) and the constructs name to add the inputs and
  resources it needs;
- whether it is ``universal``: built by every pattern (flow logs, existing
  VPCs), declared here once instead of in each pattern file.

Nothing here imports cdktf: ``plgen validate`` runs without Node.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from plgen.blueprint.loader import FieldPath
from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Rule
from plgen.features.names import FeatureName


@dataclass(frozen=True)
class Feature:
    slug: FeatureName
    title: str
    summary: str
    where: Callable[[Blueprint], Iterable[FieldPath]]
    rules: tuple[Rule, ...] = ()
    universal: bool = False  # every pattern builds it

    def __post_init__(self) -> None:
        object.__setattr__(self, "slug", FeatureName(self.slug))  # ValueError for a name that is no feature's

    def uses(self, bp: Blueprint) -> list[FieldPath]:
        """Every field of ``bp`` that uses this feature (empty: not used)."""
        return list(self.where(bp))

    def used(self, bp: Blueprint) -> bool:
        return next(iter(self.where(bp)), None) is not None
