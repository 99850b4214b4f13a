"""Every catalogue blueprint renders byte-identically whatever ``PYTHONHASHSEED`` is, in every format.

Set and dict iteration order over strings changes with the hash seed; a
render that leaked it (an unsorted set of CIDRs, ports or principals) would
make ``plgen render --check`` flap between machines.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.trees import read_tree

REPO = Path(__file__).resolve().parents[2]


def test_all_blueprints_render_identically_across_hash_seeds(tmp_path):
    trees = []
    for seed in ("0", "4242"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "plgen.cli", "render", "--format", "both", "--out", str(out)], cwd=REPO, check=True, env=env, capture_output=True)
        trees.append(read_tree(out))
    names = {path.split("/", 1)[0] for path in trees[0]}
    assert names == {p.stem for p in (REPO / "blueprints").glob("*.yaml")}
    assert trees[0] == trees[1]
