"""plgen's layers import downward only, with no cycle, and checking a blueprint needs no Node.

The import graph is read from the source (every ``import`` and ``from ...
import``, module-level or inside a function, but not under ``if
TYPE_CHECKING``), so a lazy import that reaches back up is caught too.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "plgen"

# Low to high: a module may import its own layer or a lower one, never a higher one.
LAYERS = [
    ("plgen", "plgen.errors"),
    ("plgen.blueprint",),
    ("plgen.features",),
    ("plgen.patterns",),
    ("plgen.interfaces",),
    ("plgen.records",),
    ("plgen.terraform",),
    ("plgen.constructs",),
    ("plgen.build",),
    ("plgen.emit",),
    ("plgen.graph",),
    ("plgen.paths",),
    ("plgen.docs", "plgen.verify"),
    ("plgen.compiler",),
    ("plgen.cli",),
]


def layer(module: str) -> int:
    best = None
    for rank, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[1]):
                best = (rank, len(prefix))
    assert best is not None, f"{module} is in no layer: add it to LAYERS"
    return best[0]


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _resolve(name: str) -> str:
    """``plgen.x.y`` if it is a module or package, else its parent (``from plgen.x import y`` of a name)."""
    path = REPO.joinpath(*name.split("."))
    if path.with_suffix(".py").is_file() or (path / "__init__.py").is_file():
        return name
    return name.rpartition(".")[0]


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.update(_resolve(a.name) for a in child.names if a.name.startswith("plgen"))
            elif isinstance(child, ast.ImportFrom) and child.module and child.module.startswith("plgen") and child.level == 0:
                found.update(_resolve(f"{child.module}.{a.name}") for a in child.names)
            visit(child)

    visit(ast.parse(path.read_text(), str(path)))
    return found - {module_name(path)}


def import_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        g.add_node(name)
        for target in imports_of(path):
            g.add_edge(name, target)
    return g


def test_no_module_imports_a_higher_layer():
    upward = [f"{a} -> {b}" for a, b in import_graph().edges if layer(b) > layer(a)]
    assert not upward, "imports that point up the pipeline:\n" + "\n".join(sorted(upward))


def test_the_import_graph_has_no_cycle():
    cycles = list(nx.simple_cycles(import_graph()))
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c + c[:1]) for c in cycles)


def test_the_layer_test_sees_a_real_upward_import(tmp_path):
    """The check is not vacuous: an upward import written into a copy of a low module is found."""
    source = (PACKAGE / "blueprint" / "model.py").read_text() + "\n\ndef _f():\n    from plgen.compiler import load_all\n"
    copy = REPO / "plgen" / "blueprint" / "_upward_probe.py"
    copy.write_text(source)
    try:
        g = import_graph()
        assert ("plgen.blueprint._upward_probe", "plgen.compiler") in g.edges
        assert layer("plgen.compiler") > layer("plgen.blueprint._upward_probe")
    finally:
        copy.unlink()


def _without_node_env() -> dict[str, str]:
    bindir = str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items() if k != "PATH"}
    env["PATH"] = bindir  # the venv's python, and no node
    return env


def test_validate_runs_with_node_absent_from_path():
    env = _without_node_env()
    assert shutil.which("node", path=env["PATH"]) is None, "node is still on PATH"
    blueprints = sorted(str(p) for p in (REPO / "blueprints").glob("*.yaml"))
    result = subprocess.run([sys.executable, "-m", "plgen.cli", "validate", *blueprints], env=env, capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("ok: ") == len(blueprints)


def test_checking_blueprints_imports_no_cdktf():
    code = (
        "import sys, glob; from pathlib import Path; from plgen.compiler import load_all;"
        "load_all([Path(p) for p in sorted(glob.glob('blueprints/*.yaml'))]);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('cdktf', 'cdktn', 'jsii', 'constructs')))"
    )
    result = subprocess.run([sys.executable, "-c", code], env=_without_node_env(), capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("module", ["plgen.blueprint", "plgen.features", "plgen.patterns", "plgen.interfaces", "plgen.records"])
def test_layers_below_terraform_never_import_cdktf(module):
    g = import_graph()
    reach = nx.descendants(g, module) | {module}
    assert not any(m.startswith(("plgen.terraform.cdk", "plgen.constructs", "plgen.build")) for m in reach), sorted(reach)
