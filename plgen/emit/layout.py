"""Where each file of a compiled blueprint goes under ``modules_out/<name>/``.

<name>/json/                      the example root, Terraform JSON
<name>/json/terraform.tfvars.json the blueprint's data
<name>/json/modules/<side>/       side modules each team applies
<name>/<format>/**/README.md      each module's inputs and outputs as tables
<name>/<format>/units/<unit>/      deployment units: one root per account x Region x side, its own state
<name>/<format>/units/units.json  the units, their accounts, what each reads from which, the apply order
<name>/<format>/units/iam/        per unit its deploy roles' least-privilege and trust policies; the state bucket's policy
<name>/hcl/...                    the same tree as HCL, when asked for
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from plgen.emit import json_module, readme
from plgen.records import Compiled
from plgen.aws import live_proof
from plgen.emit.units import IAM, MANIFEST, UNITS, manifest

TFVARS = "terraform.tfvars.json"
README = "README.md"  # inputs/outputs tables, same for every format (plgen.emit.readme)
FORMATS = ("json", "hcl")

# Format -> function turning one module's Terraform JSON into its files.
Writer = Callable[[dict], dict[str, str]]


def writers() -> dict[str, Writer]:
    writers: dict[str, Writer] = {"json": json_module.render}
    try:
        from plgen.emit import hcl_module
    except ImportError:  # HCL support is optional until its emitter is installed
        return writers
    writers["hcl"] = hcl_module.render
    return writers


def _path(*parts: str) -> str:
    """``str(PurePosixPath(*parts))`` for plain relative parts, without its cost (30,000 paths at 5,000 consumers)."""
    return "/".join(p for p in parts if p != ".")


def files_for(compiled: Compiled, formats: tuple[str, ...] = ("json",), source: str | None = None) -> dict[str, str]:
    """Relative path (under ``<name>/``) -> text, for every file of the blueprint."""
    available = writers()
    out: dict[str, str] = {}
    tfvars = json_module.dumps(compiled.inputs)  # the same data for every format; megabytes at scale
    for fmt in formats:
        write = available[fmt]
        for module_dir, module in sorted(compiled.modules.items()):
            for filename, text in write(module).items():
                out[_path(fmt, module_dir, filename)] = text
            out[_path(fmt, module_dir, README)] = readme.render(
                compiled.blueprint.name, module_dir, module, compiled.purposes.get(module_dir), source or f"blueprints/{compiled.blueprint.name}.yaml"
            )
        out[_path(fmt, TFVARS)] = tfvars
        for unit in compiled.units:
            for filename, text in write(compiled.unit_modules[unit.name]).items():
                out[_path(fmt, UNITS, unit.name, filename)] = text
            out[_path(fmt, UNITS, unit.name, TFVARS)] = json_module.dumps(compiled.unit_inputs[unit.name])
            out[_path(fmt, UNITS, IAM, f"{unit.name}.json")] = json_module.dumps(compiled.unit_iam[unit.name])
        for filename, policy in sorted(compiled.state_policies.items()):
            out[_path(fmt, UNITS, IAM, filename)] = json_module.dumps(policy)
        if compiled.units:
            out[_path(fmt, UNITS, MANIFEST)] = json_module.dumps(manifest(compiled.blueprint, compiled.units, tuple(compiled.state_policies)))
            read_only = json_module.dumps(live_proof.policy())  # what `plgen paths --live` may call, per side's account
            for team in sorted({unit.team for unit in compiled.units}):
                out[_path(fmt, UNITS, IAM, f"live-proof-{team}.json")] = read_only
    return dict(sorted(out.items()))
