"""What a pattern is: the features it builds, the checks its shape imposes, and its words.

A pattern is a declaration, in the manner of sqlglot's dialects: a slug, a
title and summary for the catalogue, the features (``plgen.features``) it
builds, and the rules the reference notes impose on its shape (one VPC per
team, a hybrid service has on-premises targets, ...). Everything it compiles
to follows from the features a blueprint uses (``plgen.assemble``), so a pattern
file holds no Terraform.

A pattern may have several implementations, chosen by the blueprint's
``connectivity`` (``Variant``): the inter-region patterns cross Regions over
VPC peering or natively. Each variant adds its own features and rules to the
pattern's common ones, so the peering rules never judge a native blueprint
and a native blueprint is refused at a peering field (and back). The first
variant is the default.

A blueprint that uses a feature its pattern does not build is refused at the
first field that uses it (``feature_gate``), whatever the pattern and the
feature. Nothing here imports cdktf: ``plgen validate`` runs without Node.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules import RULES
from plgen.blueprint.rules.base import Finding, Rule
from plgen.features import FEATURES, UNIVERSAL, Feature
from plgen.features.names import feature_names


@dataclass(frozen=True)
class Variant:
    """One implementation of a pattern, chosen by the blueprint's ``connectivity``: the features and rules it adds."""

    connectivity: str  # a plgen.blueprint.model.Connectivity value
    features: frozenset[str]
    rules: tuple[Rule, ...] = ()

    def __post_init__(self) -> None:
        feature_names(self.features, f"variant {self.connectivity}")


@dataclass(frozen=True)
class Pattern:
    slug: str
    title: str
    summary: str
    order: int  # place in the catalogue (the reference notes' order)
    features: frozenset[str]  # built by every variant, besides the universal features (plgen.features.UNIVERSAL)
    rules: tuple[Rule, ...] = ()
    variants: tuple[Variant, ...] = ()  # by connectivity, the first the default; none: `connectivity` is not this pattern's
    gate: Rule | None = field(default=None, compare=False, repr=False)  # set by the registry (it knows the other patterns)

    def __post_init__(self) -> None:
        feature_names(self.features, f"pattern {self.slug}")

    @property
    def builds(self) -> frozenset[str]:
        """Every feature some variant of the pattern builds."""
        return self.features.union(UNIVERSAL, *(v.features for v in self.variants))

    def variant(self, connectivity: str | None) -> Variant | None:
        """The variant for a blueprint's ``connectivity`` (``None``: the default); ``None`` for a pattern without variants."""
        if not self.variants:
            return None
        return next((v for v in self.variants if v.connectivity == connectivity), self.variants[0])

    def features_for(self, connectivity: str | None) -> frozenset[str]:
        """The features a blueprint of this pattern with that ``connectivity`` may use."""
        chosen = self.variant(connectivity)
        return self.features | UNIVERSAL | (chosen.features if chosen else frozenset())

    def checks(self, bp: Blueprint) -> list[Rule]:
        """Every rule a blueprint of this pattern is checked by, each once: common, gate, its features', its own, its variant's."""
        rules = [*RULES, *([self.gate] if self.gate else [])]
        for slug in sorted(self.features_for(bp.connectivity)):
            feature = FEATURES[slug]
            if feature.used(bp):
                rules.extend(feature.rules)
        rules.extend(self.rules)
        chosen = self.variant(bp.connectivity)
        if chosen:
            rules.extend(chosen.rules)
        return list(dict.fromkeys(rules))


def builders_of(feature: Feature, patterns: Iterable[Pattern]) -> list[str]:
    return [p.slug for p in sorted(patterns, key=lambda p: p.order) if feature.slug in p.builds]


def feature_gate(pattern: Pattern, registry: dict[str, Pattern]) -> Rule:
    """The rule that refuses fields of features ``pattern`` does not build; its hint names the patterns of ``registry`` that do."""

    def check(bp: Blueprint) -> Iterable[Finding]:
        if bp.connectivity is not None and not pattern.variants:
            chooses = [p.slug for p in sorted(registry.values(), key=lambda p: p.order) if p.variants]
            yield Finding(
                ("connectivity",),
                f"the {pattern.slug} pattern has one implementation; `connectivity` chooses between the inter-region patterns' two",
                f"remove `connectivity`; patterns that choose one: {', '.join(chooses)}",
            )
        allowed = pattern.features_for(bp.connectivity)
        chosen = pattern.variant(bp.connectivity)
        for slug, feature in FEATURES.items():
            if slug in allowed:
                continue
            uses = feature.uses(bp)
            if not uses:
                continue
            other = next((v for v in pattern.variants if slug in v.features), None)
            if other is not None:
                yield Finding(
                    uses[0],
                    f"{feature.title} ({slug}) is not part of the {pattern.slug} pattern with connectivity {chosen.connectivity}; plgen would not build it",
                    f"set `connectivity: {other.connectivity}` to build it, or remove the field",
                )
                continue
            others = builders_of(feature, registry.values())
            hint = f"patterns that build it: {', '.join(others)}" if others else "no pattern builds it yet"
            yield Finding(uses[0], f"{feature.title} ({slug}) is not part of the {pattern.slug} pattern; plgen would not build it", hint)

    return Rule(f"{pattern.slug}-features", f"A {pattern.slug} blueprint uses only the features the pattern builds", check)
