"""What differs between two resource graphs, in words a reviewer can act on."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx  # imported where a graph is made: the proof reads roots through this package without it


def compare(a: nx.DiGraph, b: nx.DiGraph, names: tuple[str, str] = ("a", "b")) -> list[str]:
    """One line per difference (nodes, attributes, edges); empty when the graphs are equal."""
    left, right = names
    out = [f"node {n} only in {left}" for n in sorted(set(a) - set(b))]
    out += [f"node {n} only in {right}" for n in sorted(set(b) - set(a))]
    for node in sorted(set(a) & set(b)):
        for key in sorted(set(a.nodes[node]) | set(b.nodes[node])):
            out += [f"{node}: {line}" for line in _diff(a.nodes[node].get(key), b.nodes[node].get(key), key, names)]
    out += [f"edge {u} -> {v} only in {left}" for u, v in sorted(set(a.edges) - set(b.edges))]
    out += [f"edge {u} -> {v} only in {right}" for u, v in sorted(set(b.edges) - set(a.edges))]
    return out


def _diff(x: Any, y: Any, path: str, names: tuple[str, str]) -> list[str]:
    if isinstance(x, dict) and isinstance(y, dict):
        lines = []
        for key in sorted(set(x) | set(y)):
            if key not in y:
                lines.append(f"{path}.{key} only in {names[0]}")
            elif key not in x:
                lines.append(f"{path}.{key} only in {names[1]}")
            else:
                lines += _diff(x[key], y[key], f"{path}.{key}", names)
        return lines
    if isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
        return [line for i, (p, q) in enumerate(zip(x, y, strict=True)) for line in _diff(p, q, f"{path}[{i}]", names)]
    if x == y and type(x) is type(y):
        return []
    return [f"{path}: {json.dumps(x)} in {names[0]}, {json.dumps(y)} in {names[1]}"]
