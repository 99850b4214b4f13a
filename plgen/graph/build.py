"""Module documents -> one networkx graph, child modules under their call's address.

Node ids are full addresses (``module.consumer_us_east_1.aws_vpc_endpoint.this``);
each node carries ``kind``, ``module`` (the call path, ``""`` at the root),
``address`` (local to its module) and ``body`` (canonical values). Edges say
"refers to": found in expressions (resources, data sources, variables,
locals, module outputs), named in ``provider``/``providers``/``depends_on``,
and from a module call to each child variable it sets.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from plgen.graph.document import Document
from plgen.graph.expressions import BLOCK, references
from plgen.graph.files import MAX_MODULE_DEPTH

if TYPE_CHECKING:
    import networkx as nx  # imported where a graph is made: the proof reads roots through this package without it

ModuleReader = Callable[[str], Document]  # module directory (relative, posix) -> its document


def build(read: ModuleReader) -> nx.DiGraph:
    """The graph of the root module (``"."``) and, recursively, every local module it calls."""
    import networkx as nx

    graph = nx.DiGraph()
    _add_module(graph, read, ".", "")
    return graph


def _add_module(graph: nx.DiGraph, read: ModuleReader, directory: str, prefix: str) -> None:
    if prefix.count("module.") > MAX_MODULE_DEPTH:
        raise ValueError(f"{prefix.rstrip('.')}: module calls nested more than {MAX_MODULE_DEPTH} deep (a module that calls itself?)")
    doc = read(directory)
    nodes = {**doc.nodes, **_configuration_aliases(doc)}
    for address, (kind, body) in nodes.items():
        graph.add_node(prefix + address, kind=kind, module=prefix.rstrip("."), address=address, body=body)
    for address, (kind, body) in nodes.items():
        source = body.get("source", "") if kind == "module" else ""
        if source.startswith(("./", "../")):  # a local module: its insides are part of this tree
            child_prefix = f"{prefix}{address}."
            _add_module(graph, read, _normalize(f"{directory}/{source}"), child_prefix)
            for argument in body:
                if f"{child_prefix}var.{argument}" in graph:
                    graph.add_edge(prefix + address, f"{child_prefix}var.{argument}")
    for address, (_kind, body) in nodes.items():
        for target in _targets(body):
            if prefix + target in graph and target != address:
                graph.add_edge(prefix + address, prefix + target)


def _configuration_aliases(doc: Document) -> dict[str, tuple[str, dict]]:
    """Provider configurations a child module receives from its caller (``configuration_aliases``)."""
    _, body = doc.nodes.get("terraform", ("terraform", {}))
    found = {}
    for providers in body.get("required_providers" + BLOCK, []):
        for spec in providers.values():
            for alias in spec.get("configuration_aliases", []):
                found[f"provider.{alias}"] = ("provider", {"configuration_alias": True})
    return found


def _targets(body: dict) -> set[str]:
    """Local addresses ``body`` refers to (the caller keeps those that exist)."""
    found: set[str] = set()
    for ref in references(body):
        if ref[0] in ("var", "local"):
            found.add(f"{ref[0]}.{ref[1]}")
        elif ref[0] == "module":
            found.add(f"module.{ref[1]}")
            if ref[2]:
                found.add(f"module.{ref[1]}.output.{ref[2]}")
        elif ref[0] == "data":
            found.add(f"data.{ref[1]}.{ref[2]}")
        else:
            found.add(f"{ref[1]}.{ref[2]}")
    for name in _names(body.get("provider")) + _names(list(body.get("providers", {}).values())):
        found.add(f"provider.{name}")
    found.update(_names(body.get("depends_on")))
    return found


def _names(value) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _normalize(path: str) -> str:
    """``path`` without ``.`` and with each ``..`` folded into its parent; a ``..`` above the root stays
    (a deployment unit calls ``../../modules/<name>``, beside the unit's folder)."""
    parts: list[str] = []
    for part in PurePosixPath(path).parts:
        if part == ".." and parts and parts[-1] != "..":
            parts.pop()
        elif part == "..":
            parts.append(part)
        elif part != ".":
            parts.append(part)
    return "/".join(parts) or "."
