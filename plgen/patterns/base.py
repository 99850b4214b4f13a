"""What a pattern is: the features it builds, the checks its shape imposes, and its words.

A pattern is a declaration, in the manner of sqlglot's dialects: a slug, a
title and summary for the catalogue, the features (``plgen.features``) it
builds, and the rules the reference notes impose on its shape (one VPC per
team, a hybrid service has on-premises targets, ...). Everything it compiles
to follows from the features a blueprint uses (``plgen.build``), so a pattern
file holds no Terraform.

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
from plgen.features import FEATURES, Feature


@dataclass(frozen=True)
class Pattern:
    slug: str
    title: str
    summary: str
    order: int  # place in the catalogue (the reference notes' order)
    features: frozenset[str]
    rules: tuple[Rule, ...] = ()
    gate: Rule | None = field(default=None, compare=False, repr=False)  # set by the registry (it knows the other patterns)

    def __post_init__(self) -> None:
        unknown = self.features - set(FEATURES)
        if unknown:
            raise ValueError(f"pattern {self.slug}: unknown features {sorted(unknown)}")

    def checks(self, bp: Blueprint) -> list[Rule]:
        """Every rule a blueprint of this pattern is checked by, each once: common, gate, its features', its own."""
        rules = [*RULES, *([self.gate] if self.gate else [])]
        for slug in sorted(self.features):
            feature = FEATURES[slug]
            if feature.used(bp):
                rules.extend(feature.rules)
        rules.extend(self.rules)
        return list(dict.fromkeys(rules))


def builders_of(feature: Feature, patterns: Iterable[Pattern]) -> list[str]:
    return [p.slug for p in sorted(patterns, key=lambda p: p.order) if feature.slug in p.features]


def feature_gate(pattern: Pattern, registry: dict[str, Pattern]) -> Rule:
    """The rule that refuses fields of features ``pattern`` does not build; its hint names the patterns of ``registry`` that do."""

    def check(bp: Blueprint) -> Iterable[Finding]:
        for slug, feature in FEATURES.items():
            if slug in pattern.features:
                continue
            uses = feature.uses(bp)
            if uses:
                others = builders_of(feature, registry.values())
                hint = f"patterns that build it: {', '.join(others)}" if others else "no pattern builds it yet"
                yield Finding(uses[0], f"{feature.title} ({slug}) is not part of the {pattern.slug} pattern; plgen would not build it", hint)

    return Rule(f"{pattern.slug}-features", f"A {pattern.slug} blueprint uses only the features the pattern builds", check)
