"""What a render imports only when it needs it: a fresh process pays for each import.

The path proof reads every root through ``plgen.graph``'s readers; the graph itself (networkx, about 0.15 s to
import) is for ``plgen graph``, the diagrams and the round-trip tests, never for a render's proof.
"""

from __future__ import annotations

import subprocess
import sys


def _imported_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_the_proof_and_the_readers_do_not_import_networkx():
    modules = _imported_after("import plgen.paths, plgen.paths.adapters.terraform, plgen.graph.from_json, plgen.graph.from_hcl, plgen.graph.files")
    assert "plgen.paths.proof" in modules
    assert "networkx" not in modules


def test_a_graph_is_still_a_networkx_graph():
    modules = _imported_after("from plgen.graph import from_modules\nassert type(from_modules({'.': {}})).__name__ == 'DiGraph'")
    assert "networkx" in modules
