"""A resource graph as Graphviz DOT, Mermaid, or node-link JSON (what ``plgen graph`` prints)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx  # imported where a graph is made: the proof reads roots through this package without it


SHAPES = {  # kind -> (Mermaid node opening, closing), DOT shape
    "resource": ("[", "]", "box"),
    "data": ("[/", "/]", "parallelogram"),
    "variable": ("([", "])", "ellipse"),
    "output": ("[[", "]]", "cds"),
    "local": ("(", ")", "note"),
    "module": ("[[", "]]", "folder"),
    "provider": ("{{", "}}", "hexagon"),
    "terraform": ("[(", ")]", "cylinder"),
}


def to_json(g: nx.DiGraph) -> dict[str, Any]:
    """Node-link data (networkx's own format), nodes and edges sorted."""
    import networkx as nx

    data = nx.node_link_data(g, edges="edges")
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    data["edges"] = sorted(data["edges"], key=lambda e: (e["source"], e["target"]))
    return data


def to_mermaid(g: nx.DiGraph) -> str:
    """A Mermaid flowchart, one subgraph per module call, terraform settings left out."""
    ids = {node: f"n{i}" for i, node in enumerate(sorted(g))}
    lines = ["flowchart LR"]
    for module, nodes in _by_module(g).items():
        if module:
            lines.append(f'  subgraph {ids.get(module, "root")}_inner["{module}"]')
        for node in nodes:
            open_, close, _ = SHAPES[g.nodes[node]["kind"]]
            lines.append(f'  {"  " if module else ""}{ids[node]}{open_}"{g.nodes[node]["address"]}"{close}')
        if module:
            lines.append("  end")
    lines += [f"  {ids[u]} --> {ids[v]}" for u, v in sorted(g.edges) if u in ids and v in ids and _shown(g, u) and _shown(g, v)]
    return "\n".join(lines) + "\n"


def to_dot(g: nx.DiGraph) -> str:
    """Graphviz DOT, one cluster per module call."""
    lines = ["digraph plgen {", "  rankdir=LR;", '  node [fontname="Helvetica"];']
    for i, (module, nodes) in enumerate(_by_module(g).items()):
        pad = "    " if module else "  "
        if module:
            lines += [f"  subgraph cluster_{i} {{", f"    label={json.dumps(module)};"]
        for node in nodes:
            lines.append(f"{pad}{json.dumps(node)} [label={json.dumps(g.nodes[node]['address'])}, shape={SHAPES[g.nodes[node]['kind']][2]}];")
        if module:
            lines.append("  }")
    lines += [f"  {json.dumps(u)} -> {json.dumps(v)};" for u, v in sorted(g.edges) if _shown(g, u) and _shown(g, v)]
    return "\n".join(lines + ["}"]) + "\n"


def _shown(g: nx.DiGraph, node: str) -> bool:
    return g.nodes[node]["kind"] != "terraform"


def _by_module(g: nx.DiGraph) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for node in sorted(g):
        if _shown(g, node):
            groups.setdefault(g.nodes[node]["module"], []).append(node)
    return dict(sorted(groups.items()))
