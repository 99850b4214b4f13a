#!/usr/bin/env python3
"""plgen's benchmark: wall time and peak memory, as a user runs it. Figures, never assertions.

    .venv/bin/python bench/run.py                 # catalogue + 10..5,000 consumers + terraform validate
    .venv/bin/python bench/run.py --plan          # also terraform plan of 1,000 consumers against moto
    .venv/bin/python bench/run.py --format json --sizes 10,1000 --runs 1
    .venv/bin/python bench/run.py --size small    # CI: one run each, 10 and 50 consumers (or PLGEN_BENCH_SIZE=small)

What is measured, and how:

(a) ``plgen render`` (``--check`` against ``modules_out/``, and into a new folder) and ``plgen validate`` of the
    whole catalogue (``blueprints/*.yaml``), beside ``python -c 'import cdktn'`` (the engine) measured in the same run;
(b) ``plgen render`` of synthetic SaaS and Shared Services blueprints with 10,
    100, 1,000 and 5,000 consumers (``bench/synthetic.py``), with the slope of
    a least-squares line through (consumers, wall seconds) in ms per consumer;
(c) ``terraform init`` and ``validate`` of the 1,000-consumer SaaS root, and
    with ``--plan`` a ``terraform plan`` of it against ``moto_server`` on a
    free port of 127.0.0.1.

Every render runs in a fresh process (``python -m plgen.cli render``), so the
Python start-up, the engine's import, and the jsii Node child are all counted as
a user pays them; plgen's bytecode cache is warm (``warm_bytecode``), as it is
on any machine after plgen's first run. Wall time is ``time.perf_counter`` around the process; CPU time (user +
system, from ``wait4``) is shown too, as it is less disturbed by a busy
machine. Peak
memory is the largest sum of resident set sizes over the process *tree*
(Python plus its Node child and anything they start), sampled every 10 ms
with psutil; a short spike between samples can be missed, so the figure is a
floor. ``ru_maxrss`` of the children (the largest single process, as
``/usr/bin/time`` reports it) is printed beside it as a cross-check.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import synthetic  # noqa: E402

from plgen.emit.layout import FORMATS, writers  # noqa: E402


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # seconds, user + system of the process and its reaped children
    tree_peak: float  # MB, sum over the process tree
    max_single: float  # MB, largest single process (ru_maxrss)


def measure(command: list[str], cwd: Path = REPO, env: dict[str, str] | None = None) -> Run:
    """Run ``command`` to completion; wall time and peak memory of its whole process tree."""
    peak = 0
    done = threading.Event()
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        process = psutil.Process(child.pid)

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                total = 0
                try:
                    tree = [process, *process.children(recursive=True)]
                except psutil.Error:
                    break
                for proc in tree:
                    try:
                        total += proc.memory_info().rss
                    except psutil.Error:
                        pass
                peak = max(peak, total)
                done.wait(0.01)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4: this child's own rusage, whose ru_maxrss covers it and its reaped children (the Node process).
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        if child.returncode != 0:
            log.seek(0)
            raise SystemExit(f"{' '.join(command)} failed ({child.returncode}):\n{log.read().decode(errors='replace')}")
    return Run(wall, usage.ru_utime + usage.ru_stime, peak / 2**20, usage.ru_maxrss / 1024)


def render(blueprints: list[Path], fmt: str, runs: int) -> list[Run]:
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="plgen-bench-") as out:
            command = [sys.executable, "-m", "plgen.cli", "render", *map(str, blueprints), "--out", out, "--format", fmt]
            results.append(measure(command))
    return results


def summary(runs: list[Run]) -> str:
    walls = [r.wall for r in runs]
    return (
        f"wall {statistics.median(walls):6.2f} s (min {min(walls):.2f}, cpu {statistics.median(r.cpu for r in runs):.2f})  "
        f"peak {max(r.tree_peak for r in runs):5.0f} MB tree, {max(r.max_single for r in runs):4.0f} MB largest process"
    )


def warm_bytecode() -> None:
    """Byte-compile plgen's sources once, as Python does on any machine at plgen's first run.

    The engine's floor (``import cdktn``) reads bytecode pip compiled at install time; plgen is installed editable,
    and Python writes its bytecode at first import, unless ``PYTHONDONTWRITEBYTECODE`` is set (it is on this
    project's build machines), when every run compiles about 200 source files again (about 0.15 s). ``compileall``
    writes the cache either way (https://docs.python.org/3.11/library/compileall.html), into ``__pycache__``
    folders git ignores, so every figure here is a warm run's, as a user's are.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "plgen")], check=True, stdout=subprocess.DEVNULL)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{cpu}, {os.cpu_count()} CPUs, {psutil.virtual_memory().total / 2**30:.0f} GB RAM, load {os.getloadavg()[0]:.1f}; "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()}, Node {node}"
    )


def validate(blueprints: list[Path], runs: int) -> list[Run]:
    """``plgen validate`` of ``blueprints``: no CDK engine, no Node (goal: the catalogue in 0.35 s or less)."""
    command = [sys.executable, "-m", "plgen.cli", "validate", *map(str, blueprints)]
    return [measure(command) for _ in range(runs)]


def floor(runs: int) -> list[Run]:
    """``python -c 'import <engine>'`` (cdktn, or cdktf where that is the engine): what every render pays before plgen does anything (its floor)."""
    from plgen.terraform.engine import engine_name

    return [measure([sys.executable, "-c", f"import {engine_name()}"]) for _ in range(runs)]


def check(blueprints: list[Path], runs: int) -> list[Run]:
    """``plgen render --check`` of the catalogue against the committed ``modules_out/`` (both formats, units, proof; no writes)."""
    command = [sys.executable, "-m", "plgen.cli", "render", "--check", *map(str, blueprints)]
    return [measure(command) for _ in range(runs)]


def median_wall(runs: list[Run]) -> float:
    return statistics.median(r.wall for r in runs)


def catalogue(fmt: str, runs: int) -> None:
    blueprints = sorted((REPO / "blueprints").glob("*.yaml"))
    print(f"(a) catalogue, {len(blueprints)} blueprints, format {fmt}, {runs} runs")
    floored = floor(runs)
    print(f"    import engine (floor)  {summary(floored)}")
    checked = check(blueprints, runs)
    print(f"    render --check (both)  {summary(checked)}  = {median_wall(checked) / median_wall(floored):.1f}x the floor")
    rendered = render(blueprints, fmt, runs)
    print(f"    render to a new --out  {summary(rendered)}  = {median_wall(rendered) / median_wall(floored):.1f}x the floor")
    print(f"    validate               {summary(validate(blueprints, max(runs, 5)))}")


def scale(fmt: str, runs: int, sizes: list[int], patterns: list[str], work: Path) -> dict[str, Path]:
    """Render the synthetic blueprints; returns the blueprint file per (pattern, size)."""
    files: dict[str, Path] = {}
    print(f"(b) synthetic blueprints, format {fmt}, median of {runs} runs")
    for pattern in patterns:
        walls = []
        for n in sizes:
            path = work / f"{pattern}-{n}.yaml"
            path.write_text(synthetic.dump(synthetic.GENERATORS[pattern](n)))
            files[f"{pattern}-{n}"] = path
            results = render([path], fmt, runs)
            walls.append(statistics.median(r.wall for r in results))
            print(f"    {pattern:16s} {n:5d} consumers  {summary(results)}  ({path.stat().st_size / 1024:.0f} KB of YAML)")
        if len(sizes) > 1:
            fit = statistics.linear_regression(sizes, walls)
            print(f"    {pattern:16s} slope {fit.slope * 1000:.3f} ms per consumer, intercept {fit.intercept:.2f} s (least squares over {sizes})")
    return files


def terraform(blueprint: Path, plan: bool, work: Path) -> None:
    """terraform init / validate (and plan against moto) of one rendered JSON root."""
    from plgen.verify.terraform import Terraform, provider_aliases, terraform_binary

    if terraform_binary() is None:
        print("(c) terraform: not installed, skipped")
        return
    out = work / "tf"
    subprocess.run([sys.executable, "-m", "plgen.cli", "render", str(blueprint), "--out", str(out)], cwd=REPO, check=True, capture_output=True)
    (root,) = [p / "json" for p in out.iterdir() if p.is_dir()]  # beside it: plgen's lock file
    tf = Terraform(root)
    print(f"(c) terraform, root of {blueprint.stem} ({(root / 'terraform.tfvars.json').stat().st_size / 2**20:.1f} MB of tfvars)")
    env = {**os.environ, "TF_CLI_CONFIG_FILE": str(REPO / "terraform.rc"), "TF_PLUGIN_CACHE_DIR": "/tmp/plgen-tf-plugin-cache", "CHECKPOINT_DISABLE": "1"}
    Path(env["TF_PLUGIN_CACHE_DIR"]).mkdir(parents=True, exist_ok=True)
    for label, args in (("init", ["init", "-backend=false", "-input=false"]), ("validate", ["validate", "-json"])):
        result = measure(["terraform", *args, "-no-color"], cwd=root, env=env)
        print(f"    terraform {label:8s} {summary([result])}")
    if not plan:
        return
    from tests.emulator import start_emulator, stop_emulator  # the apply tests' emulator: loopback, port from the OS

    moto = start_emulator()
    try:
        tf.override_provider(moto.provider_settings(), provider_aliases(root))
        result = measure(["terraform", "plan", "-input=false", "-refresh=false", "-out=plan.tfplan", "-no-color"], cwd=root, env=env)
        planned = subprocess.run(["terraform", "show", "-json", "plan.tfplan"], cwd=root, env=env, capture_output=True, text=True, check=True).stdout
        count = sum(change["change"]["actions"] == ["create"] for change in json.loads(planned).get("resource_changes", []))
        print(f"    terraform plan     {summary([result])}  ({count} resource instances to create, moto at {moto.url})")
    finally:
        stop_emulator(moto)


def main() -> int:
    available = [f for f in FORMATS if f in writers()]
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n", 2)[2]
    )
    parser.add_argument("--format", default="both" if len(available) == len(FORMATS) else "json", choices=["json", "hcl", "both"])
    parser.add_argument("--runs", type=int, default=3, help="renders per measurement; the median wall time is shown (default 3)")
    parser.add_argument("--sizes", default="10,100,1000,5000", help="consumer counts of the synthetic blueprints")
    parser.add_argument("--patterns", default=",".join(synthetic.GENERATORS), help="synthetic patterns")
    parser.add_argument("--skip", default="", help="comma-separated sections to skip: catalogue, scale, terraform")
    parser.add_argument("--plan", action="store_true", help="also run terraform plan of the SaaS root against moto")
    parser.add_argument("--tf-consumers", type=int, default=1000, help="consumers of the SaaS root given to terraform (default 1000)")
    parser.add_argument(
        "--size",
        choices=["full", "small"],
        default=os.environ.get("PLGEN_BENCH_SIZE", "full"),
        help="small: one run of each, 10 and 50 consumers, no terraform (CI keeps the bench running; env PLGEN_BENCH_SIZE)",
    )
    args = parser.parse_args()
    if args.size == "small":
        args.runs, args.sizes, args.skip = 1, "10,50", ",".join(filter(None, [args.skip, "terraform"]))
    skip = set(filter(None, args.skip.split(",")))
    sizes = [int(s) for s in args.sizes.split(",")]
    warm_bytecode()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="plgen-bench-") as tmp:
        work = Path(tmp)
        if "catalogue" not in skip:
            catalogue(args.format, args.runs)
        if "scale" not in skip:
            scale(args.format, args.runs, sizes, args.patterns.split(","), work)
        if "terraform" not in skip:
            path = work / f"saas-{args.tf_consumers}.yaml"
            path.write_text(synthetic.dump(synthetic.saas(args.tf_consumers)))
            terraform(path, args.plan, work)
        shutil.rmtree(work / "tf", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
