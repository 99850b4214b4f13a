"""The resource graph of a rendered root, from Terraform JSON or HCL, in one normalized form.

Reviewers see what a blueprint builds (``plgen graph``); the tests prove the
JSON and HCL trees say the same thing by comparing their graphs
(``compare(load(json_root), load(hcl_root)) == []``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from plgen.graph import files
from plgen.graph.build import build
from plgen.graph.compare import compare
from plgen.graph.render import to_dot, to_json, to_mermaid

if TYPE_CHECKING:
    import networkx as nx  # imported where a graph is made: the proof reads roots through this package without it

__all__ = ["compare", "from_modules", "load", "to_dot", "to_json", "to_mermaid"]


def load(root_dir: Path) -> nx.DiGraph:
    """The graph of a root directory as Terraform loads it (``*.tf`` and ``*.tf.json``, override files merged; bounded reads)."""
    root_dir = Path(root_dir)
    if not files.has_configuration(root_dir):
        raise FileNotFoundError(f"{root_dir}: no Terraform files (*.tf.json or *.tf) to read a graph from")
    budget = files.Budget()
    return build(lambda d: files.read_module(root_dir / d, budget))


def from_modules(modules: dict[str, dict[str, Any]]) -> nx.DiGraph:
    """The graph of a compiled blueprint held in memory (module directory -> Terraform JSON)."""
    from plgen.graph import from_json

    return build(lambda d: from_json.document(modules[d]))
