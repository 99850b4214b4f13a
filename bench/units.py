#!/usr/bin/env python3
"""Deployment units at fleet scale: render time, unit count, and the plan a team runs. Figures, never assertions.

    .venv/bin/python bench/units.py                       # 10, 100, 1,000 consumers
    .venv/bin/python bench/units.py --sizes 10,100 --root # also the single example root's plan
    .venv/bin/python bench/units.py --size small          # CI: 10 consumers (or PLGEN_BENCH_SIZE=small)

For a synthetic SaaS fleet (``bench/synthetic.py``) of N consumers:

(a) ``plgen render --format json`` (a fresh process, as ``bench/run.py`` measures) and the number of units;
(b) ``terraform plan -refresh=false`` of one consumer's unit, the provider's unit and the provider's
    acceptance unit (which reads every consumer's state), against the strict emulator on 127.0.0.1,
    each provider assuming its role there. The states the units read are written as a team's CI would
    find them after the earlier units' applies: outputs only (``terraform.tfstate`` v4 with the values
    the readers use: service IDs and names, endpoint IDs), so no unit needs another unit applied;
(c) with ``--root``, the example root's plan of the same fleet, for comparison.

Wall time and peak memory of the process tree as in ``bench/run.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import synthetic  # noqa: E402
from run import machine, measure, summary, warm_bytecode  # noqa: E402

from plgen.verify.terraform import Terraform, provider_aliases  # noqa: E402


def cty_type(value: Any) -> Any:
    """The cty type JSON Terraform records beside an output's value in a state file."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, dict):
        return ["object", {k: cty_type(v) for k, v in value.items()}]
    if isinstance(value, list):
        return ["tuple", [cty_type(v) for v in value]]
    return "string"


def write_state(folder: Path, outputs: dict[str, Any]) -> None:
    state = {
        "version": 4,
        "terraform_version": "1.11.4",
        "serial": 1,
        "lineage": "plgen-bench",
        "outputs": {name: {"value": value, "type": cty_type(value)} for name, value in outputs.items()},
        "resources": [],
        "check_results": None,
    }
    (folder / "terraform.tfstate").write_text(json.dumps(state))


def service_output(n: int, region: str, service: dict[str, Any]) -> dict[str, Any]:
    """The fields of a provider's ``endpoint_services`` output that consumer units read.

    A service with a private DNS name is shown verified (``private_dns_verified``), as the provider unit reports it
    once its TXT record is found: the consumer module refuses ``private_dns`` on an unverified name.
    """
    service_id = f"vpce-svc-{n:017x}"
    named = bool(service.get("private_dns_name"))
    return {
        "id": service_id,
        "service_name": f"com.amazonaws.vpce.{region}.{service_id}",
        "private_dns_name": service.get("private_dns_name") or "",
        "private_dns_verified": named,
    }


def fake_states(units: Path, manifest: dict[str, Any]) -> None:
    """Every unit's exported outputs, with made-up IDs of the shape AWS gives: in its state for the readers of its
    own side, and in the hand-off files of the readers of other sides (``handoff_files`` in ``units.json``)."""
    published: dict[str, dict[str, Any]] = {}
    for n, unit in enumerate(manifest["units"]):
        folder = units / unit["name"]
        data = json.loads((folder / "terraform.tfvars.json").read_text())
        outputs: dict[str, Any] = {}
        for call in unit["calls"]:
            if call.startswith("provider_"):
                outputs[call] = {
                    p: {"endpoint_services": {s: service_output(n, side["region"], spec) for s, spec in side["services"].items()}}
                    for p, side in data["service_providers"].items()
                }
            elif call.startswith("consumer_"):
                outputs[call] = {c: {"endpoints": {k: {"id": f"vpce-{n:017x}"} for k in side["endpoints"]}} for c, side in data["service_consumers"].items()}
        if outputs:
            write_state(folder, outputs)
            published[unit["name"]] = outputs
    for unit in manifest["units"]:
        for handoff in unit.get("handoff_files", []):
            if handoff["output"] not in published.get(handoff["from"], {}):
                continue  # an acceptance unit's output: read only by the private-DNS units, which the bench does not plan
            target = units / unit["name"] / handoff["file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(published[handoff["from"]][handoff["output"]]))


def plan(folder: Path, moto, env: dict[str, str]) -> str:
    tf = Terraform(folder)
    tf.override_provider({**moto.provider_settings(), "skip_requesting_account_id": False}, provider_aliases(folder))
    tf.init(backend=True)
    result = measure(["terraform", "plan", "-input=false", "-refresh=false", "-out=plan.tfplan", "-no-color"], cwd=folder, env=env)
    shown = json.loads(subprocess.run(["terraform", "show", "-json", "plan.tfplan"], cwd=folder, env=env, capture_output=True, text=True, check=True).stdout)
    count = sum(c["change"]["actions"] == ["create"] for c in shown.get("resource_changes", []))
    return f"{summary([result])}  ({count} instances)"


def file_creation(folder: Path, count: int = 2000) -> float:
    """Microseconds to create, write and rename one small file in ``folder``'s filesystem, as the writer does.

    A fleet's render writes one file per unit input (14,000 at 1,000 consumers), and this machine's volume has
    been seen to take from 30 to 800 microseconds a file from one minute to the next: printed beside each render,
    so a render's figure can be read with the disk's. The slow minutes follow mass deletions on the volume (by
    anything: a test run, an earlier bench): ext4's inode allocator then steps over every recently deleted inode
    (``recently_deleted()`` in ``fs/ext4/ialloc.c``, 59 % of the creating process's samples under ``perf record``,
    2026-12-07). So the probe's files, like the renders', are deleted only when the bench ends.
    """
    probe = folder / f"file-creation-probe-{len(list(folder.glob('file-creation-probe-*')))}"
    probe.mkdir()
    started = time.perf_counter()
    for i in range(count):
        tmp = probe / f".{i}.tmp"
        tmp.write_bytes(b"x" * 800)
        os.replace(tmp, probe / str(i))
    return (time.perf_counter() - started) / count * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--render-only", action="store_true", help="time the renders only, no terraform plan")
    parser.add_argument(
        "--size",
        choices=["full", "small"],
        default=os.environ.get("PLGEN_BENCH_SIZE", "full"),
        help="small: 10 consumers only (CI keeps the bench running; env PLGEN_BENCH_SIZE)",
    )
    parser.add_argument("--root", action="store_true", help="also plan the single example root (slow: 705 s at 1,000 consumers)")
    args = parser.parse_args()
    if args.size == "small":
        args.sizes = "10"
    from tests.apply.emulator import create_public_zones
    from tests.apply.test_units_apply import Account  # the emulator seen from one account, by its deploy role
    from tests.emulator import start_emulator, stop_emulator

    warm_bytecode()
    print(machine())
    env = {**os.environ, "TF_CLI_CONFIG_FILE": str(REPO / "terraform.rc"), "TF_PLUGIN_CACHE_DIR": "/tmp/plgen-tf-plugin-cache", "CHECKPOINT_DISABLE": "1"}
    with tempfile.TemporaryDirectory(prefix="plgen-bench-units-") as tmp:
        work = Path(tmp)
        for n in [int(s) for s in args.sizes.split(",")]:
            source = work / f"saas-{n}.yaml"
            source.write_text(synthetic.dump(synthetic.saas(n)))
            out = work / f"out-{n}"
            disk = file_creation(work)
            rendered = measure([sys.executable, "-m", "plgen.cli", "render", str(source), "--out", str(out), "--format", "json"])
            (root,) = [p / "json" for p in out.iterdir() if p.is_dir()]
            units = root / "units"
            manifest = json.loads((units / "units.json").read_text())
            files = sum(1 for p in out.rglob("*") if p.is_file())
            print(f"SaaS {n:5d} consumers: render {summary([rendered])}; {len(manifest['units'])} units, {files} files (disk: {disk:.0f} us a file just before)")
            if args.render_only:
                continue
            fake_states(units, manifest)
            by_side = {}
            for unit in manifest["units"]:
                kind = "acceptance" if unit["name"].endswith("-endpoint-acceptance") else unit["side"]
                by_side.setdefault(kind, unit["name"])
            moto = start_emulator()
            try:
                # The provider unit looks up the public zone its private DNS name is verified in; the emulator has it.
                inputs_file = units / by_side["provider"] / "terraform.tfvars.json"
                inputs = json.loads(inputs_file.read_text())
                create_public_zones(inputs, Account(moto, inputs["service_providers"][next(iter(inputs["service_providers"]))]["account_id"]))
                inputs_file.write_text(json.dumps(inputs))
                for kind in ("consumer", "provider", "acceptance"):
                    print(f"    plan {kind:10s} unit {by_side[kind]}: {plan(units / by_side[kind], moto, env)}")
                if args.root:
                    tf = Terraform(root)
                    tf.override_provider(moto.provider_settings(), provider_aliases(root))
                    tf.init()
                    result = measure(["terraform", "plan", "-input=false", "-refresh=false", "-out=plan.tfplan", "-no-color"], cwd=root, env=env)
                    print(f"    plan example root (every side): {summary([result])}")
            finally:
                stop_emulator(moto)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
