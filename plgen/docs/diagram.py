"""The catalogue diagram of a blueprint: module level, drawn from its compiled resource graph.

Why module level: a rendered blueprint's resource graph has dozens of nodes
(every resource, variable, local and output of every module), which in a
Mermaid box on GitHub is an unreadable hairball. What a reader choosing a
pattern needs is the shape: which side modules the root calls (one call per
side and Region, ``for_each`` over the tfvars), what each module builds, and
what feeds what. So the resource graph is collapsed: one node per module call
in the root, one node per resource *type* inside each module (its block names
in the label), and an edge wherever something references something else,
with variables, locals and outputs folded into the edges that pass through
them. Arrows point from what is referenced to what references it (VPC ->
subnet -> NLB), i.e. the order in which things come into being.

Both renderings come from one ``networkx.DiGraph``; Mermaid for GitHub, DOT
for graphviz (an SVG where ``dot`` is installed). Node order and ids are
sorted, so the text is deterministic and ``plgen docs --check`` can compare it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:
    from plgen.compiler import Output

ROOT = "."
RESOURCE = re.compile(r"(?<![\w.])(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)")
MODULE = re.compile(r"(?<![\w.])module\.([A-Za-z0-9_-]+)")
LOCAL = re.compile(r"(?<![\w.])local\.([A-Za-z0-9_-]+)")
VAR = re.compile(r"(?<![\w.])var\.([A-Za-z0-9_-]+)")


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _refs(value: Any) -> set[tuple[str, str]]:
    """Every (kind, name) referenced inside the ``${...}`` expressions of a block."""
    found: set[tuple[str, str]] = set()
    for text in _strings(value):
        if "${" not in text:
            continue
        found |= {("resource", f"{t}.{n}") for t, n in RESOURCE.findall(text)}
        found |= {("module", n) for n in MODULE.findall(text)}
        found |= {("local", n) for n in LOCAL.findall(text)}
        found |= {("var", n) for n in VAR.findall(text)}
    return found


def _module_graph(module_dir: str, module: dict[str, Any]) -> nx.DiGraph:
    """The resource graph of one module: nodes ``resource:type.name``, ``module:name``, ``local:x``,
    ``var:x``; an edge from each referenced thing to the block that references it."""
    g = nx.DiGraph()
    blocks: list[tuple[str, Any]] = []
    for rtype, named in module.get("resource", {}).items():
        blocks += [(f"resource:{rtype}.{name}", body) for name, body in named.items()]
    blocks += [(f"module:{name}", body) for name, body in module.get("module", {}).items()]
    blocks += [(f"local:{name}", body) for name, body in module.get("locals", {}).items()]
    for node, body in blocks:
        g.add_node(node)
        for kind, name in _refs(body):
            g.add_edge(f"{kind}:{name}", node)
    return g


def graph(output: Output) -> nx.DiGraph:
    """Module-level diagram graph: nodes carry ``module`` (directory), ``label`` and ``kind``."""
    d = nx.DiGraph()
    modules = output.compiled.modules
    for module_dir in sorted(modules):
        g = _module_graph(module_dir, modules[module_dir])
        # Fold locals and variables into the edges that pass through them.
        for node in [n for n in g if n.startswith(("local:", "var:"))]:
            for pred in g.predecessors(node):
                for succ in g.successors(node):
                    if pred != succ:
                        g.add_edge(pred, succ)
            g.remove_node(node)

        def collapsed(node: str, module_dir: str = module_dir) -> str | None:
            kind, _, name = node.partition(":")
            if kind == "resource":
                return f"{module_dir}|{name.split('.', 1)[0]}"
            if kind == "module":
                return f"{module_dir}|module.{name}"
            return None

        for node in g:
            key = collapsed(node)
            if key is None:
                continue
            kind, _, name = node.partition(":")
            if kind == "resource":
                rtype, block = name.split(".", 1)
                names = d.nodes[key]["names"] if key in d else []
                d.add_node(key, module=module_dir, kind="resource", type=rtype, names=sorted({*names, block}))
            else:
                call = modules[module_dir]["module"][name]
                over = ", ".join(sorted({f"var.{v}" for v in VAR.findall(str(call.get("for_each", "")))}))
                d.add_node(key, module=module_dir, kind="module", type=f"module.{name}", names=[], source=call.get("source", ""), for_each=over)
        for a, b in g.edges:
            ka, kb = collapsed(a), collapsed(b)
            if ka and kb and ka != kb:
                d.add_edge(ka, kb, kind="ref")
    # A module call in the root leads into the module directory it calls.
    for node, data in list(d.nodes(data=True)):
        if data["kind"] == "module" and data["module"] == ROOT:
            target = data["source"].removeprefix("./")
            if target in modules:
                d.add_edge(node, f"{target}|", kind="call")
                d.add_node(f"{target}|", module=target, kind="cluster", type="", names=[])
    return d


def _id(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", key.replace("|", "__")).strip("_") or "root"


def _cluster_id(module_dir: str) -> str:
    return "m_" + _id("root" if module_dir == ROOT else module_dir)


def _label(data: dict[str, Any]) -> str:
    if data["kind"] == "module":
        over = data.get("for_each")
        return data["type"] + (f"<br/>for_each: {over}" if over else "")
    names = data["names"]
    return data["type"] + (f"<br/>{', '.join(names)}" if names != ["this"] else "")


def _module_title(module_dir: str) -> str:
    return "example root" if module_dir == ROOT else module_dir


def _clusters(g: nx.DiGraph) -> dict[str, list[str]]:
    clusters: dict[str, list[str]] = {}
    for node in sorted(g):
        data = g.nodes[node]
        if data["kind"] != "cluster":
            clusters.setdefault(data["module"], []).append(node)
    return dict(sorted(clusters.items(), key=lambda item: (item[0] != ROOT, item[0])))


def _target(g: nx.DiGraph, node: str) -> str:
    data = g.nodes[node]
    return _cluster_id(data["module"]) if data["kind"] == "cluster" else _id(node)


def to_mermaid(g: nx.DiGraph) -> str:
    """Mermaid ``flowchart LR`` with one subgraph per module directory."""
    lines = ["flowchart LR"]
    for module_dir, nodes in _clusters(g).items():
        lines.append(f'  subgraph {_cluster_id(module_dir)}["{_module_title(module_dir)}"]')
        for node in nodes:
            data = g.nodes[node]
            shape = ('[["', '"]]') if data["kind"] == "module" else ('["', '"]')
            lines.append(f"    {_id(node)}{shape[0]}{_label(data).replace(chr(34), '#quot;')}{shape[1]}")
        lines.append("  end")
    for a, b, data in sorted(g.edges(data=True)):
        arrow = "-.->" if data["kind"] == "call" else "-->"
        lines.append(f"  {_target(g, a)} {arrow} {_target(g, b)}")
    return "\n".join(lines) + "\n"


def to_dot(g: nx.DiGraph, name: str) -> str:
    """Graphviz DOT of the same graph; a module call points at its module's cluster (``lhead``)."""
    lines = [
        f'digraph "{name}" {{',
        "  compound=true;",
        "  rankdir=LR;",
        '  node [shape=box, fontname="Helvetica", fontsize=10];',
        '  graph [fontname="Helvetica", fontsize=11];',
    ]
    first: dict[str, str] = {}
    for module_dir, nodes in _clusters(g).items():
        cid = "cluster_" + _cluster_id(module_dir)
        # A call's arrow ends at the module's border, drawn towards a node nothing in it depends on.
        first[module_dir] = _id(next((n for n in nodes if not any(g.nodes[p]["module"] == module_dir for p in g.predecessors(n))), nodes[0]))
        lines.append(f"  subgraph {cid} {{")
        lines.append(f'    label="{_module_title(module_dir)}";')
        for node in nodes:
            data = g.nodes[node]
            label = _label(data).replace("<br/>", "\\n").replace('"', '\\"')
            style = ", style=rounded" if data["kind"] == "module" else ""
            lines.append(f'    {_id(node)} [label="{label}"{style}];')
        lines.append("  }")
    for a, b, data in sorted(g.edges(data=True)):
        if data["kind"] == "call":
            module_dir = g.nodes[b]["module"]
            lines.append(f"  {_id(a)} -> {first[module_dir]} [style=dashed, lhead=cluster_{_cluster_id(module_dir)}];")
        else:
            lines.append(f"  {_id(a)} -> {_id(b)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def mermaid(output: Output) -> str:
    return to_mermaid(graph(output))


def dot(output: Output) -> str:
    return to_dot(graph(output), output.name)


def dot_binary() -> str | None:
    return shutil.which("dot")


def svg(dot_text: str, path: Path) -> bool:
    """Draw ``dot_text`` to ``path`` with graphviz; False (and nothing written) when ``dot`` is absent."""
    binary = dot_binary()
    if binary is None:
        return False
    result = subprocess.run([binary, "-Tsvg"], input=dot_text, capture_output=True, text=True, check=True)
    path.write_text(result.stdout, encoding="utf-8")
    return True
