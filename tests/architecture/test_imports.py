"""plgen's layers form a DAG: downward only, no cycle, two branches that never meet; checking a blueprint needs no Node.

The import graph is read from the source (every ``import`` and ``from ...
import``, module-level or inside a function, but not under ``if
TYPE_CHECKING``, and every ``importlib.import_module("plgen...")`` with a
literal name), so a lazy import that reaches back up is caught too.

Above the shared bottom (``errors``, ``aws``, ``terraform``) plgen has two
branches. The writer branch (blueprint, features, patterns, interfaces,
records, constructs, build, emit) compiles a blueprint; the reader branch
(graph, paths) judges Terraform as it is on disk or in memory, and so must not
read the compiler or the blueprint model: a proof that read them would prove
the compiler agrees with itself. ``FORBIDDEN`` says so, over every path of the
graph, not only direct imports.
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
    ("plgen.aws",),
    ("plgen.blueprint",),
    ("plgen.features",),
    ("plgen.patterns",),
    ("plgen.interfaces",),
    ("plgen.records",),
    ("plgen.terraform",),
    ("plgen.constructs",),
    ("plgen.assemble",),
    ("plgen.emit",),
    ("plgen.graph",),
    ("plgen.paths",),
    ("plgen.docs", "plgen.verify"),
    ("plgen.compiler",),
    ("plgen.review",),
    ("plgen.cli",),
]


# The reader branch never reaches these, directly or through another module.
READER = ("plgen.graph", "plgen.paths")
WRITER = ("plgen.interfaces", "plgen.constructs", "plgen.assemble", "plgen.emit", "plgen.records", "plgen.blueprint", "plgen.features", "plgen.patterns")
FORBIDDEN = [(reader, writer) for reader in READER for writer in WRITER]
# AWS facts are the bottom: plgen.aws reads nothing of plgen but the errors.
BOTTOM = {"plgen.aws": ("plgen.aws", "plgen.errors")}


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def layer(module: str) -> int:
    best = None
    for rank, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[1]):
                best = (rank, len(prefix))
    assert best is not None, f"{module} is in no layer: add it to LAYERS"
    return best[0]


def module_name(path: Path, root: Path = REPO) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _resolve(name: str, root: Path = REPO) -> str:
    """``plgen.x.y`` if it is a module or package, else its parent (``from plgen.x import y`` of a name)."""
    path = root.joinpath(*name.split("."))
    if path.with_suffix(".py").is_file() or (path / "__init__.py").is_file():
        return name
    return name.rpartition(".")[0]


def _is_import_module(node: ast.AST) -> bool:
    """``importlib.import_module`` or a bare ``import_module``, called or passed on (``pool.submit(importlib.import_module, ...)``)."""
    return (isinstance(node, ast.Attribute) and node.attr == "import_module") or (isinstance(node, ast.Name) and node.id == "import_module")


def _dynamic_imports(call: ast.Call) -> list[str]:
    """The literal ``plgen...`` names a call imports through ``importlib.import_module``."""
    if not (_is_import_module(call.func) or any(_is_import_module(a) for a in call.args)):
        return []
    return [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value.startswith("plgen")]


def imports_of(path: Path, root: Path = REPO) -> set[str]:
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.update(_resolve(a.name, root) for a in child.names if a.name.startswith("plgen"))
            elif isinstance(child, ast.ImportFrom) and child.module and child.module.startswith("plgen") and child.level == 0:
                found.update(_resolve(f"{child.module}.{a.name}", root) for a in child.names)
            elif isinstance(child, ast.Call):
                found.update(_resolve(name, root) for name in _dynamic_imports(child))
            visit(child)

    visit(ast.parse(path.read_text(), str(path)))
    return found - {module_name(path, root)}


def import_graph(root: Path = REPO) -> nx.DiGraph:
    g = nx.DiGraph()
    for path in sorted((root / "plgen").rglob("*.py")):
        name = module_name(path, root)
        g.add_node(name)
        for target in imports_of(path, root):
            g.add_edge(name, target)
    return g


def branch_violations(g: nx.DiGraph) -> list[str]:
    """Each module of the reader branch that reaches a forbidden package, with the path it takes."""
    found = []
    for module in sorted(g):
        for reader, writer in FORBIDDEN:
            if not within(module, reader):
                continue
            for target in sorted(t for t in nx.descendants(g, module) if within(t, writer)):
                found.append(" -> ".join(nx.shortest_path(g, module, target)))
    for package, allowed in BOTTOM.items():
        for module in sorted(m for m in g if within(m, package)):
            found += [f"{module} -> {t}" for t in sorted(g.successors(module)) if not any(within(t, a) for a in allowed)]
    return found


def test_no_module_imports_a_higher_layer():
    upward = [f"{a} -> {b}" for a, b in import_graph().edges if layer(b) > layer(a)]
    assert not upward, "imports that point up the pipeline:\n" + "\n".join(sorted(upward))


def test_the_import_graph_has_no_cycle():
    cycles = list(nx.simple_cycles(import_graph()))
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c + c[:1]) for c in cycles)


def test_the_reader_branch_never_reaches_the_writer_branch_or_the_blueprint():
    violations = branch_violations(import_graph())
    assert not violations, "imports across the branches (the proof must read Terraform, not the compiler):\n" + "\n".join(violations)


def test_importlib_imports_are_edges_of_the_graph():
    """compiler.py imports the build layer through importlib in a thread: the graph has that edge."""
    assert ("plgen.compiler", "plgen.assemble") in import_graph().edges


def _copy_with_probe(tmp_path: Path, module: str, probe: str) -> Path:
    """A copy of the package tree with ``probe`` appended (inside a function) to ``module``."""
    root = tmp_path / "copy"
    shutil.copytree(PACKAGE, root / "plgen", ignore=lambda folder, names: [n for n in names if n == "__pycache__" or (n.endswith((".json", ".j2", ".md")))])
    target = root.joinpath(*module.split(".")).with_suffix(".py")
    target.write_text(target.read_text() + "\n\ndef _probe():\n    " + probe + "\n")
    return root


@pytest.mark.parametrize(
    ("module", "probe", "edge"),
    [
        ("plgen.paths.report", "from plgen.assemble import compile_blueprint", "plgen.paths.report -> plgen.assemble"),
        ("plgen.paths.report", "from plgen.blueprint.model import Blueprint", "plgen.paths.report -> plgen.blueprint.model"),
        ("plgen.graph.compare", 'importlib.import_module("plgen.emit.writer")', "plgen.graph.compare -> plgen.emit.writer"),
        ("plgen.aws.protocols", "import plgen", "plgen.aws.protocols -> plgen"),
    ],
)
def test_the_branch_check_fails_on_a_probe_import(tmp_path, module, probe, edge):
    """Not vacuous: a forbidden import written into a copy of the tree is found, though it points down the layers."""
    root = _copy_with_probe(tmp_path, module, probe)
    g = import_graph(root)
    assert not [f"{a} -> {b}" for a, b in g.edges if layer(b) > layer(a)], "the probe points down: only the branch rule can catch it"
    assert any(v.startswith(edge) or v == edge for v in branch_violations(g)), branch_violations(g)


def test_a_reader_module_reaching_the_writer_through_another_module_is_found(tmp_path):
    """The rule is over paths: graph -> terraform -> build is as forbidden as graph -> build."""
    root = _copy_with_probe(tmp_path, "plgen.terraform.template", "from plgen.assemble import compile_blueprint")
    violations = branch_violations(import_graph(root))
    assert any("plgen.terraform.template -> plgen.assemble" in v and v.startswith("plgen.graph") for v in violations), violations


def test_the_layer_test_sees_a_real_upward_import(tmp_path):
    """The check is not vacuous: an upward import written into a copy of a low module is found."""
    source = (PACKAGE / "blueprint" / "model" / "consumer.py").read_text() + "\n\ndef _f():\n    from plgen.compiler import load_all\n"
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
    assert not any(m.startswith(("plgen.terraform.cdk", "plgen.constructs", "plgen.assemble")) for m in reach), sorted(reach)
