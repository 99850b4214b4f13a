"""Feature names are typed references: a misspelt one fails at import or in this test, never silently.

``plgen.features.names.FeatureName`` spells every feature once. ``Feature``,
``Pattern``/``Variant``, ``Attr``, ``Input`` and ``Interface`` check the
names they are given when they are built (at import, since they are module
constants). Where a name is only used in code (``FeatureName.DUAL_STACK in
features``), the source scan below finds any string in a feature position and
any ``FeatureName.<member>`` that is no member.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from plgen.features import FEATURES, UNIVERSAL, Feature
from plgen.features.names import FeatureName
from plgen.interfaces.base import Attr, Input, Interface, ListOf, MapOf, Obj
from plgen.patterns import PATTERNS
from plgen.patterns.base import Pattern, Variant

PACKAGE = Path(__file__).resolve().parents[2] / "plgen"
NAMES_MODULE = PACKAGE / "features" / "names.py"


def _names_features(node: ast.AST) -> bool:
    """``features``, ``self.features``, ``root.features``, ``pattern.features_for(...)``: a set of feature names."""
    if isinstance(node, ast.Call):
        node = node.func
    return (isinstance(node, ast.Name) and node.id in ("features", "PEERED", "UNIVERSAL")) or (
        isinstance(node, ast.Attribute) and node.attr in ("features", "features_for", "builds")
    )


def _strings(node: ast.AST) -> list[ast.Constant]:
    """String constants of a literal: the string itself, or the elements of a set, tuple or list (or frozenset of one)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("frozenset", "set", "tuple") and node.args:
        node = node.args[0]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node]
    if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
        return [e for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


def stringly_features(source: str, name: str) -> list[str]:
    """Every place in ``source`` that names a feature with a string, or a ``FeatureName`` member that does not exist."""
    found: list[str] = []
    members = set(FeatureName.__members__)
    for node in ast.walk(ast.parse(source, name)):
        where = f"{name}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Compare) and any(_names_features(o) for o in [node.left, *node.comparators]):
            found += [f"{where}: {c.value!r} compared with a feature set" for o in [node.left, *node.comparators] for c in _strings(o)]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitAnd, ast.BitOr, ast.Sub)) and (_names_features(node.left) or _names_features(node.right)):
            found += [f"{where}: {c.value!r} combined with a feature set" for o in (node.left, node.right) for c in _strings(o)]
        elif isinstance(node, ast.keyword) and node.arg in ("feature", "features"):
            found += [f"{where}: {node.arg}={c.value!r}" for c in _strings(node.value)]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("Feature", "Variant", "on_premises_input") and node.args:
            index = 1 if node.func.id == "Variant" else 0
            found += [f"{where}: {node.func.id}({c.value!r}, ...)" for c in _strings(node.args[index])] if len(node.args) > index else []
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "FeatureName" and node.attr not in members:
            if not node.attr.startswith("_"):
                found.append(f"{where}: FeatureName.{node.attr} is no feature")
    return found


def test_plgen_names_features_only_through_feature_name():
    found = [f for path in sorted(PACKAGE.rglob("*.py")) if path != NAMES_MODULE for f in stringly_features(path.read_text(), str(path.relative_to(PACKAGE.parent)))]
    assert not found, "feature names written as strings (use plgen.features.names.FeatureName):\n" + "\n".join(found)


@pytest.mark.parametrize(
    "probe",
    [
        'def f(features):\n    return "dual-stak" in features\n',
        'def f(self):\n    return "dual-stack" in self.features\n',
        'def f(features):\n    return {"home-peering", "friendly-name"} <= features\n',
        'X = Attr("a", "string", feature="flow-log")\n',
        'X = Interface("m", "p", (), features=frozenset({"tls"}))\n',
        "def f(features):\n    return FeatureName.DUAL_STAK in features\n",
    ],
)
def test_the_scan_finds_a_feature_named_by_a_string_or_a_misspelt_member(probe):
    assert stringly_features(probe, "probe.py"), probe


@pytest.mark.parametrize(
    "build",
    [
        lambda: Attr("a", "string", feature="dual-stak"),
        lambda: Attr("a", "string", feature=(FeatureName.HOME_PEERING, "friendly-name")),
        lambda: Input("a", "string", "d", feature="flow-log"),
        lambda: Interface("modules/x", "p", (), features=frozenset({"tls", "private_dns"})),
        lambda: Pattern("p", "t", "s", 1, frozenset({FeatureName.TLS, "dual-stak"})),
        lambda: Variant("native", frozenset({"cross-regoin"})),
        lambda: Feature("dual-stak", "t", "s", lambda bp: ()),
    ],
)
def test_a_misspelt_feature_name_is_refused_when_built(build):
    with pytest.raises(ValueError, match="dual-stak|friendly-name|flow-log|private_dns|cross-regoin|is not a valid FeatureName"):
        build()


def test_every_feature_name_has_its_feature_and_the_universal_ones_are_built_by_every_pattern():
    assert set(FEATURES) == set(FeatureName)
    assert UNIVERSAL == {FeatureName.FLOW_LOGS, FeatureName.EXISTING_VPC}
    for pattern in PATTERNS.values():
        assert UNIVERSAL <= pattern.builds and UNIVERSAL <= pattern.features_for(None), pattern.slug
        assert not UNIVERSAL & pattern.features, f"{pattern.slug} lists a universal feature: declare it on the feature only"


def test_an_interfaces_features_are_those_its_inputs_are_gated_on_plus_the_ones_it_gives():
    """A new gated attribute changes the module's cache key by itself: nobody has to list its feature again."""
    nested = Obj(Attr("ipv6", "bool", feature=FeatureName.DUAL_STACK), Attr("zone", MapOf(Obj(Attr("v", "string", feature=FeatureName.PRIVATE_DNS)))))
    interface = Interface(
        "modules/x",
        "p",
        (Input("a", "string", "d", feature=(FeatureName.HOME_PEERING, FeatureName.FRIENDLY_NAMES)), Input("b", ListOf(nested), "d")),
        features=frozenset({FeatureName.PEERED_FLEET}),
    )
    assert interface.features == {FeatureName.HOME_PEERING, FeatureName.FRIENDLY_NAMES, FeatureName.DUAL_STACK, FeatureName.PRIVATE_DNS, FeatureName.PEERED_FLEET}
    assert interface.relevant(frozenset({FeatureName.DUAL_STACK, FeatureName.TLS})) == {FeatureName.DUAL_STACK}
