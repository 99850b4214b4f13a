"""The deployment units' manifest, ``units.json``: who applies what where, and in which order.

Written beside the units (``<format>/units/units.json``) from the ``Unit``
records; the catalogue's "who applies what where" table and the apply tests
read the same records or this file.
"""

from __future__ import annotations

from typing import Any

from plgen.blueprint.model import Blueprint
from plgen.assemble.handoff import handoff_file
from plgen.records import Unit

UNITS = "units"  # folder under modules_out/<name>/<format>/
MANIFEST = "units.json"
IAM = "iam"  # units/iam/<unit>.json: the unit's deploy roles' policies; the state bucket's (and KMS key's) policy


def levels(units: tuple[Unit, ...]) -> list[list[str]]:
    """Apply order as levels: every unit of a level reads only units of earlier levels, so a level runs in parallel."""
    level: dict[str, int] = {}
    for u in units:  # units are in apply order: every dependency comes first
        level[u.name] = 1 + max((level[d] for d, _ in u.depends_on), default=-1)
    return [sorted(n for n, k in level.items() if k == i) for i in range(max(level.values(), default=-1) + 1)]


def manifest(bp: Blueprint, units: tuple[Unit, ...], state_policies: tuple[str, ...] = ()) -> dict[str, Any]:
    """``units.json``: every unit, where it is applied, what it reads from whom, and the order that implies."""
    # Who reads each unit and what of it, indexed once (scanning every unit per unit is quadratic in a fleet).
    readers: dict[str, set[str]] = {u.name: set() for u in units}
    published: dict[str, set[str]] = {u.name: set() for u in units}
    for r in units:
        for d, values in r.depends_on:
            readers[d].add(r.name)
            published[d].update(values)
    return {
        "blueprint": bp.name,
        "engine": "terraform_remote_state (one output per unit and module call read by another unit; for_each over remote_states)",
        "state": "s3" if bp.s3_state else "local",
        "state_policies": sorted(f"{IAM}/{f}" for f in state_policies),
        "order": levels(units),
        "units": [
            {
                "name": u.name,
                "side": u.side,
                "team": u.team,
                "account": u.account,
                "region": u.region,
                "accounts": list(u.accounts),
                "calls": list(u.calls),
                "depends_on": {d: list(values) for d, values in u.depends_on},
                "reads": sorted(d for d, _ in u.depends_on),
                "handoff_files": [
                    {"from": p, "output": c, "file": handoff_file(p, c), "command": f"terraform -chdir=../{p} output -json {c} > {handoff_file(p, c)}"}
                    for p, c in u.handoffs
                ],
                "handoffs_in": [
                    {"from_organisation": c, "output": call, "file": handoff_file(c, call), "note": f"handed over by {c}'s operator (its units.json handoffs_out)"}
                    for c, call in u.handoffs_in
                ],
                "handoffs_out": [
                    {
                        "to_organisation": org,
                        "output": call,
                        "file": handoff_file(u.team, call),
                        "command": f"terraform -chdir={u.name} output -json {call} > {handoff_file(u.team, call).rsplit('/', 1)[-1]}",
                    }
                    for org, call in u.handoffs_out
                ],
                "publishes": sorted(published[u.name]),
                "rerun_after_change": sorted(readers[u.name]),
                "required_actions": list(u.required_actions),
                "iam": f"{IAM}/{u.name}.json",
            }
            for u in units
        ],
    }
