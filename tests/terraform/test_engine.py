"""The CDK engine: cdktn or cdktf by choice, the same bytes from either, and nothing written outside ``--out``.

Every command that builds (``render``, ``render --check``, ``graph``,
``paths``, ``docs``) runs as a real process from a current folder that
holds a ``cdktf.out`` file, or a ``cdktf.out`` symlink in a read-only
folder: cdktf's ``App`` used to create ``./cdktf.out/stacks`` there (exit 3,
or a ``stacks/`` folder at the link's target). Now the commands succeed and
neither folder changes. The environment cases (``TMPDIR``, ``HOME``, Ctrl-C)
are in ``test_environment.py``.
"""

from __future__ import annotations

import filecmp
import importlib.util
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from plgen.terraform import engine

REPO = Path(__file__).resolve().parents[2]
SAAS = REPO / "blueprints" / "saas.yaml"
ENV = {**os.environ, "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"}


def plgen(*args: str, cwd: Path, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*prefix, sys.executable, "-m", "plgen.cli", *args], cwd=cwd, env=env or ENV, capture_output=True, text=True, timeout=300)


def read_only_prefix() -> tuple[str, ...]:
    """How to run a process for which a mode-0555 folder is read-only: as is, or as root without CAP_DAC_OVERRIDE (``setpriv``)."""
    if os.geteuid() != 0:
        return ()
    prefix = ("/usr/bin/setpriv", "--bounding-set=-dac_override,-dac_read_search", "--")
    if not os.path.exists(prefix[0]) or subprocess.run([*prefix, "true"], capture_output=True).returncode != 0:
        pytest.skip("running as root, and setpriv cannot drop CAP_DAC_OVERRIDE here: a read-only folder cannot be made")
    return prefix


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def assert_interrupted(err: str) -> None:
    """plgen's Ctrl-C: its last line is ``interrupted``; before it, at most what the command had printed (a render
    interrupted as it ends has printed its closing note), never a traceback or an internal error."""
    lines = err.strip().splitlines()
    assert lines and lines[-1] == "interrupted", err
    assert not any(line.startswith(("Traceback", "error:", "internal error")) for line in lines), err


def python_was_still_starting(returncode: int, err: str) -> bool:
    """A Ctrl-C that landed before plgen's first line installed its handler: the interpreter's own end.

    Killed by SIGINT, silently (before Python's own handler) or with ``KeyboardInterrupt``'s traceback from
    Python's start-up (``site``, ``runpy``), never from plgen's code. A loaded machine can take a few tenths of a
    second to get there, so the tests that interrupt early accept it.
    """
    text = err.strip()
    package = f'"{REPO / "plgen"}{os.sep}'  # a traceback frame in plgen's code (not a folder merely named plgen, as a clone is)
    return returncode == -signal.SIGINT and (not text or (text.endswith("KeyboardInterrupt") and package not in text))


def same_tree(left: Path, right: Path) -> list[str]:
    """Files that differ or exist on one side only (empty: byte-identical trees)."""
    names = sorted({str(p.relative_to(left)) for p in left.rglob("*") if p.is_file()} | {str(p.relative_to(right)) for p in right.rglob("*") if p.is_file()})
    return [n for n in names if not ((left / n).is_file() and (right / n).is_file() and filecmp.cmp(left / n, right / n, shallow=False))]


# -- choosing the engine --------------------------------------------------


def test_an_unknown_engine_is_one_line_exit_2(tmp_path):
    result = plgen("render", str(SAAS), "--out", str(tmp_path / "out"), cwd=tmp_path, env={**ENV, "PLGEN_CDK_ENGINE": "pulumi"})
    assert result.returncode == 2, result.stderr
    assert result.stderr == "error: PLGEN_CDK_ENGINE=pulumi is not an engine plgen knows; use cdktn or cdktf, or unset it\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("delay", ["0", "0.3"])
def test_a_render_that_ends_while_the_engine_starts_leaves_nothing_in_tmpdir(tmp_path, delay):
    """``render`` starts Node on a background thread before it reads the blueprints (``engine.start``); an invalid
    blueprint ends the command while it may still be starting (``delay``: the blueprint is found bad at once, or
    after the engine had a moment): one located line, exit 2, and the private folder gone from ``TMPDIR``."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(SAAS.read_text().replace("name: saas", "name: Not A Name", 1))
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    code = f"import time, runpy, sys; time.sleep({delay}); sys.argv = ['plgen', 'render', {str(bad)!r}, '--out', 'out']; runpy.run_module('plgen.cli', run_name='__main__')"
    if delay == "0":
        result = plgen("render", str(bad), "--out", str(tmp_path / "out"), cwd=tmp_path, env={**ENV, "TMPDIR": str(tmp)})
    else:  # the engine is started first, then the command runs after a pause
        start = f"from plgen.terraform import engine; engine.start(); {code}"
        result = subprocess.run([sys.executable, "-c", start], cwd=tmp_path, env={**ENV, "TMPDIR": str(tmp)}, capture_output=True, text=True, timeout=300)
    assert result.returncode == 2, result.stderr
    assert "bad.yaml:" in result.stderr and "name" in result.stderr
    assert listing(tmp) == []
    assert not (tmp_path / "out").exists()


def test_a_missing_engine_is_named(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name in engine.ENGINES else real(name, *a))
    monkeypatch.setenv("PLGEN_CDK_ENGINE", "cdktf")
    with pytest.raises(engine.EngineError, match=r"^PLGEN_CDK_ENGINE=cdktf but cdktf is not installed; install it \(pip install 'plgen\[cdktf\]'\)") as caught:
        engine.engine_name()
    assert caught.value.exit_code == 2
    monkeypatch.delenv("PLGEN_CDK_ENGINE")
    with pytest.raises(engine.EngineError, match="no CDK engine is installed"):
        engine.engine_name()


def test_cdktn_is_preferred_then_cdktf(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.delenv("PLGEN_CDK_ENGINE", raising=False)
    if real("cdktn") is not None:
        assert engine.engine_name() == "cdktn"
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "cdktn" else real(name, *a))
    if real("cdktf") is not None:
        assert engine.engine_name() == "cdktf"


@pytest.mark.skipif(
    not all(importlib.util.find_spec(name) for name in engine.ENGINES),
    reason="needs both engines installed: pip install -e '.[cdktf]' (CI compares the whole catalogue in .venv-cdktf)",
)
def test_cdktn_and_cdktf_render_the_same_bytes(tmp_path):
    outs = {}
    for name in engine.ENGINES:
        outs[name] = tmp_path / name
        result = plgen("render", str(SAAS), "--out", str(outs[name]), cwd=REPO, env={**ENV, "PLGEN_CDK_ENGINE": name})
        assert result.returncode == 0, result.stderr
    assert listing(outs["cdktn"]) and same_tree(outs["cdktn"], outs["cdktf"]) == []


# -- nothing outside --out ------------------------------------------------

COMMANDS = {
    "render": lambda out: ["render", str(SAAS), "--out", str(out)],
    "render --check": lambda out: ["render", str(SAAS), "--out", str(out), "--check"],  # nothing rendered there: drift, exit 1
    "graph": lambda out: ["graph", str(SAAS)],
    "paths": lambda out: ["paths", str(SAAS)],
    "docs": lambda out: ["docs", str(SAAS), "--out", str(out)],
}


@pytest.fixture
def hostile_cwds(tmp_path):
    """A folder holding a file named cdktf.out, and a read-only one holding a cdktf.out symlink to a writable folder."""
    with_file = tmp_path / "with-file"
    with_file.mkdir()
    (with_file / "cdktf.out").write_text("a file of the user's\n")
    target = tmp_path / "elsewhere"
    target.mkdir()
    with_link = tmp_path / "read-only-with-link"
    with_link.mkdir()
    (with_link / "cdktf.out").symlink_to(target)
    with_link.chmod(0o555)
    yield with_file, with_link, target
    with_link.chmod(0o755)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_commands_create_nothing_in_the_current_folder(command, tmp_path, hostile_cwds):
    with_file, with_link, target = hostile_cwds
    prefix = read_only_prefix()
    for n, cwd in enumerate((with_file, with_link)):
        before = listing(cwd)
        out = tmp_path / f"out-{n}"
        result = plgen(*COMMANDS[command](out), cwd=cwd, prefix=prefix)
        expected = 1 if command == "render --check" else 0
        assert result.returncode == expected, f"{command} in {cwd.name}: exit {result.returncode}: {result.stderr}"
        assert listing(cwd) == before, f"{command} wrote into {cwd.name}"
        assert (with_file / "cdktf.out").read_text() == "a file of the user's\n"
        assert listing(target) == [], f"{command} wrote at the cdktf.out link's target"
        if command in ("render", "docs"):
            assert listing(out)
        if command == "render --check":
            assert "is missing" in result.stdout + result.stderr and not out.exists()


def test_new_app_creates_its_outdir_in_the_private_folder_only(tmp_path, monkeypatch):
    """In this process too (the test suite builds in-process): an App's outdir is in plgen's private folder, never the cwd."""
    from plgen.terraform import new_app

    monkeypatch.chdir(tmp_path)
    app = new_app()
    assert listing(tmp_path) == []
    assert Path(app.outdir).parent == engine.scratch() and Path(app.outdir).is_dir()
