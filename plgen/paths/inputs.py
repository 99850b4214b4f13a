"""What a root folder gives Terraform besides its configuration: variable values and installed modules.

Variable values come from the files Terraform reads by itself, in its precedence (later wins;
https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence):
``terraform.tfvars``, then ``terraform.tfvars.json``, then every ``*.auto.tfvars`` and ``*.auto.tfvars.json`` in
lexical order of their names. ``TF_VAR_`` environment variables and ``-var``/``-var-file`` options are not read:
the proof judges the folder as it is, the same on every machine. A ``.tfvars`` file holds constant values only
(a reference is refused as Terraform refuses it); a ``.tfvars.json`` value is taken literally (no templates).

Modules ``terraform init`` installed are listed in ``.terraform/modules/modules.json`` (``Key`` = the module call
names from the root joined by ``.``, ``Dir`` = the directory, relative to the root).
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Any

from plgen.graph import files
from plgen.graph.expressions import from_hcl
from plgen.graph.from_hcl import parse_file
from plgen.paths.hcl.expressions import Evaluator
from plgen.paths.hcl.values import EvaluationError, number


def variable_files(folder: Path) -> list[Path]:
    """The variable files Terraform reads by itself, lowest precedence first."""
    names = sorted(os.listdir(folder))
    auto = [n for n in names if n.endswith((".auto.tfvars", ".auto.tfvars.json"))]
    return [folder / n for n in ("terraform.tfvars", "terraform.tfvars.json", *auto) if (folder / n).exists()]


def variable_values(folder: Path, budget: files.Budget | None = None) -> dict[str, Any]:
    """Every variable value the folder's variable files set (the later file wins for a name)."""
    values: dict[str, Any] = {}
    for path in variable_files(folder):
        if path.name.endswith(".json"):
            data = files.read_json(path, budget)
            if not isinstance(data, dict):
                raise ValueError(f"{path}: a variable file holds one JSON object")
            values.update({k: _exact(v) for k, v in data.items()})
        else:
            parsed = parse_file(path, files.read_text(path, budget, hcl=True))
            evaluator = Evaluator(None)
            for name, value in parsed.items():
                if isinstance(value, list) and value and isinstance(value[0], dict) and value[0].get("__is_block__"):
                    raise ValueError(f"{path}: {name}: a variable file holds only name = value assignments, not blocks")
                try:
                    values[name] = evaluator.value(from_hcl(value), {})
                except EvaluationError as exc:
                    raise exc.located(f"{path}: {name}") from None
    return values


def _exact(value: Any) -> Any:
    if isinstance(value, float):
        return number(value)
    if isinstance(value, list):
        return [_exact(v) for v in value]
    if isinstance(value, dict):
        return {k: _exact(v) for k, v in value.items()}
    return value


def installed_modules(folder: Path, budget: files.Budget | None = None) -> dict[str, str]:
    """Module call key -> directory relative to the root, from ``.terraform/modules/modules.json`` (none without it)."""
    manifest = folder / ".terraform" / "modules" / "modules.json"
    if not manifest.exists():
        return {}
    data = files.read_json(manifest, budget)
    out: dict[str, str] = {}
    for entry in data.get("Modules", []) if isinstance(data, dict) else []:
        if not isinstance(entry, dict) or not entry.get("Key") or not isinstance(entry.get("Dir"), str):
            continue
        directory = PurePosixPath(entry["Dir"].replace("\\", "/"))
        if directory.is_absolute():
            raise ValueError(f"{manifest}: module {entry['Key']} has an absolute Dir; expected one relative to the root")
        out[str(entry["Key"])] = str(directory)
    return out
