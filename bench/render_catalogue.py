#!/usr/bin/env python3
"""Wall time and peak memory of rendering the whole catalogue, as a user runs it.

Runs ``plgen render`` in a fresh process (so jsii/Node start-up is counted,
as it is for a user) into a temporary folder, several times, and prints the
figures. A benchmark, not a test: it asserts nothing about time.

    .venv/bin/python bench/render_catalogue.py [--runs 5] [--format both]
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def one_run(fmt: str) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of python + node children for one render."""
    with tempfile.TemporaryDirectory() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "plgen.cli", "render", "--out", out, "--format", fmt],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--format", default="json", choices=["json", "hcl", "both"])
    args = parser.parse_args()
    blueprints = sorted((REPO / "blueprints").glob("*.yaml"))
    times, peaks = zip(*(one_run(args.format) for _ in range(args.runs)), strict=False)
    print(f"machine: {platform.machine()}, {platform.system()}, python {platform.python_version()}, cpus {__import__('os').cpu_count()}")
    print(f"catalogue: {len(blueprints)} blueprints, format {args.format}, {args.runs} runs")
    print(f"wall: median {statistics.median(times):.2f}s, min {min(times):.2f}s, max {max(times):.2f}s")
    print(f"peak RSS of one process (largest child): {max(peaks):.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
