"""One blueprint -> ``Compiled``: its modules, the root's data, and the root's module calls."""

from __future__ import annotations

from typing import Any

from plgen.blueprint.model import Blueprint
from plgen.assemble.iam import unit_iam
from plgen.assemble.modules import build_module, module_dirs, purpose
from plgen.assemble.peering import build_peering
from plgen.assemble.root import ROOT, ROOT_PURPOSE, Root
from plgen.assemble.units import build_units
from plgen.errors import CompileError
from plgen.features import used_features
from plgen.features.names import FeatureName
from plgen.interfaces.root import PEERED
from plgen.records import Compiled
from plgen.terraform import new_module, to_json


def compile_blueprint(app: Any, bp: Blueprint) -> Compiled:
    features = used_features(bp)
    if {FeatureName.PEERED_FLEET, FeatureName.HOME_PEERING} <= features:
        raise CompileError("a blueprint peers either providers' fleets or consumers' home VPCs, not both (no pattern builds both)")
    modules = {d: build_module(app, bp.name, d, features) for d in module_dirs(bp, features)}
    root = Root(new_module(app, f"{bp.name}-root"), bp, features)
    root.build()
    if features & PEERED:
        build_peering(root)
    modules[ROOT] = to_json(root.scope)
    calls = root.records()
    wiring = root.wiring()
    units, unit_modules, unit_inputs = build_units(bp, modules[ROOT], calls, root.data, modules, wiring)
    units, iam, state_policies = unit_iam(bp, units, unit_modules, unit_inputs, calls, modules)
    return Compiled(
        blueprint=bp,
        modules=modules,
        inputs=root.data,
        features=features,
        calls=calls,
        purposes={ROOT: ROOT_PURPOSE, **{d: purpose(d) for d in modules if d != ROOT}},
        units=units,
        unit_modules=unit_modules,
        unit_inputs=unit_inputs,
        unit_iam=iam,
        state_policies=state_policies,
        wiring=wiring,
    )
