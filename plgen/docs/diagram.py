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

The resource graph is ``plgen.graph.from_modules`` (the same graph ``plgen
graph`` prints and the JSON/HCL comparison uses), not a second parser here;
its full-size ``to_mermaid`` stays the reviewer's tool. Both renderings of the
collapsed graph come from one ``networkx.DiGraph``; Mermaid for GitHub, DOT
for graphviz (an SVG where ``dot`` is installed). Node order and ids are
sorted, so the text is deterministic and ``plgen docs --check`` can compare it.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import shutil
import subprocess
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:
    from plgen.records import Output

ROOT = "."
FOLDED = ("variable", "local", "output", "provider", "terraform")  # pass-through kinds, folded into edges
VAR = re.compile(r"(?<![\w.])var\.([A-Za-z0-9_-]+)")


def _module_dirs(g: nx.DiGraph) -> dict[str, str]:
    """Module call path (``""`` for the root) -> the module directory it reads."""
    dirs = {"": ROOT}
    calls = sorted((n for n, d in g.nodes(data=True) if d["kind"] == "module"), key=lambda n: n.count("."))
    for call in calls:
        data = g.nodes[call]
        source = str(data["body"].get("source", ""))
        parent = dirs.get(data["module"], ROOT)
        if source.startswith(("./", "../")):
            dirs[call] = str(PurePosixPath(posixpath.normpath(posixpath.join(parent, source))))
    return dirs


def graph(output: Output) -> nx.DiGraph:
    """Module-level diagram graph: keys ``<module dir>|<resource type or module.call>``.

    Built from ``plgen.graph`` (the resource graph every format shares), whose
    edges mean "refers to"; two calls of one module directory (one per Region)
    are drawn once, as that directory's cluster.
    """
    from plgen.graph import from_modules

    g = from_modules(output.compiled.modules).copy()
    dirs = _module_dirs(g)
    for node in sorted(n for n, d in g.nodes(data=True) if d["kind"] in FOLDED):
        for referrer in list(g.predecessors(node)):
            for referred in g.successors(node):
                if referrer != referred:
                    g.add_edge(referrer, referred)
        g.remove_node(node)

    d = nx.DiGraph()
    key: dict[str, str] = {}
    for node, data in sorted(g.nodes(data=True)):
        module_dir = dirs[data["module"]]
        if data["kind"] == "module":
            name = data["address"]
            over = ", ".join(sorted({f"var.{v}" for v in VAR.findall(str(data["body"].get("for_each", "")))}))
            key[node] = f"{module_dir}|{name}"
            d.add_node(key[node], module=module_dir, kind="module", type=name, names=[], for_each=over)
            if node in dirs:
                d.add_node(f"{dirs[node]}|", module=dirs[node], kind="cluster", type="", names=[])
                d.add_edge(key[node], f"{dirs[node]}|", kind="call")
        else:  # resource or data source: one node per type, block names in the label
            rtype, block = data["address"].rsplit(".", 1)
            key[node] = f"{module_dir}|{rtype}"
            names = d.nodes[key[node]]["names"] if key[node] in d else []
            d.add_node(key[node], module=module_dir, kind=data["kind"], type=rtype, names=sorted({*names, block}))
    for referrer, referred in g.edges:
        a, b = key[referred], key[referrer]
        if a != b and not d.has_edge(a, b):
            d.add_edge(a, b, kind="ref")
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


SVG_STAMP = "<!-- plgen diagram: drawn from DOT sha256 {} -->"


def _digest(dot_text: str) -> str:
    return hashlib.sha256(dot_text.encode("utf-8")).hexdigest()


def svg(dot_text: str, path: Path) -> bool:
    """Draw ``dot_text`` to ``path`` with graphviz; False (and nothing written) when ``dot`` is absent.

    The SVG's bytes depend on the graphviz version, so it is not compared by
    ``--check``; instead it carries the digest of the DOT it was drawn from,
    and ``svg_is_current`` tells, without graphviz, whether it is stale.
    """
    binary = dot_binary()
    if binary is None:
        return False
    result = subprocess.run([binary, "-Tsvg"], input=dot_text, capture_output=True, text=True, check=True)
    header, _, body = result.stdout.partition("\n")
    path.write_text(f"{header}\n{SVG_STAMP.format(_digest(dot_text))}\n{body}", encoding="utf-8")
    return True


def svg_is_current(dot_text: str, path: Path) -> bool:
    """Whether ``path`` exists and was drawn from exactly ``dot_text``."""
    return path.is_file() and SVG_STAMP.format(_digest(dot_text)) in path.read_text(encoding="utf-8")
