#!/usr/bin/env python3
"""The path proof's scale: ``plgen.paths.prove`` on a hand-written root with N consumers. Figures, never assertions.

    .venv/bin/python bench/paths.py                 # 200 and 1,000 consumers
    .venv/bin/python bench/paths.py --sizes 50,200  # CI's small size

The root is the corpus's module layout (``tests/paths/corpus/module-layout``)
with the consumer module called ``for_each`` over N consumers, each with its
own endpoint and group, all admitted by the one service: the proof must be
linear in consumers (each consumer's hops read only what its path touches),
so the per-consumer time stays flat from one size to the next.

``--declared`` proves plgen's own SaaS root (``modules_out/saas/json``) with its
consumer replicated N times in ``terraform.tfvars.json`` instead: the declared
paths. Measured on the shared 2-core machine (busy): 200 consumers 3.2 s,
1,000 7.8 s with the indexed world; the proof before it (093fde7, a scan of
every instance per hop) took 4.9 s and 271 s.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from plgen.paths import Root, prove  # noqa: E402

CORPUS = REPO / "tests" / "paths" / "corpus" / "module-layout"


def root_with(folder: Path, consumers: int) -> Path:
    shutil.copytree(CORPUS, folder, dirs_exist_ok=True)
    main = (folder / "main.tf").read_text()
    names = "[" + ", ".join(f'"c{i:04d}"' for i in range(consumers)) + "]"  # range() is not in the evaluator
    main = main.replace(
        '''module "consumer" {
  source       = "./modules/consumer"''',
        f'''module "consumer" {{
  for_each     = toset({names})
  source       = "./modules/consumer"''',
    ).replace("consumer_endpoint_id = module.consumer.endpoint_id", 'consumer_endpoint_id = module.consumer["c0000"].endpoint_id')
    (folder / "main.tf").write_text(main)
    service = folder / "modules" / "service" / "main.tf"  # one accepter cannot accept N endpoints: acceptance off, every hop runs
    service.write_text(service.read_text().replace("acceptance_required        = true", "acceptance_required        = false"))
    return folder


def declared_root(folder: Path, consumers: int) -> Path:
    shutil.copytree(REPO / "modules_out" / "saas" / "json", folder)
    data = json.loads((folder / "terraform.tfvars.json").read_text())
    acme = data["service_consumers"]["customer-acme"]
    data["service_consumers"] = {f"customer-{i:04d}": acme for i in range(consumers)}
    (folder / "terraform.tfvars.json").write_text(json.dumps(data))
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,1000")
    parser.add_argument("--declared", action="store_true", help="plgen's SaaS root with N declared consumers")
    args = parser.parse_args()
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            folder = (declared_root if args.declared else root_with)(Path(tmp) / "root", size)
            start = time.perf_counter()
            paths = prove(Root.folder(folder))
            wall = time.perf_counter() - start
        assert all(p.status == "PASS" for p in paths), "the bench root must prove every hop"
        rows.append((size, len(paths), wall))
        print(f"{size:>6} consumers: {len(paths):>6} paths in {wall:6.2f} s ({1000 * wall / size:.2f} ms per consumer)")
    if len(rows) > 1:
        (a, _, ta), (b, _, tb) = rows[0], rows[-1]
        print(f"growth {a} -> {b} consumers: x{b / a:.1f} consumers, x{tb / ta:.2f} time")


if __name__ == "__main__":
    main()
