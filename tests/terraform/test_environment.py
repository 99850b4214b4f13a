"""The engine in a hostile environment: ``TMPDIR``, ``HOME`` and Ctrl-C (issue 26, "the CLI blames itself for the world").

jsii unpacks its runtime and Node's kernel unpacks assemblies into temporary
folders, and keeps a package cache under ``$HOME``. Before, a missing or
read-only ``TMPDIR`` and a read-only ``HOME`` were "internal error" (exit 3),
and Ctrl-C late in a render left ``jsii-kernel-*`` and ``tmp*`` folders
behind. Each case runs ``plgen render`` as a real process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.terraform.test_engine import ENV, REPO, SAAS, assert_interrupted, listing, plgen, python_was_still_starting, read_only_prefix, same_tree

PAUSED_RENDER = REPO / "tests" / "emit" / "paused_render.py"


def assert_one_line(result: subprocess.CompletedProcess[str], code: int, start: str) -> None:
    assert result.returncode == code, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(start), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def test_a_missing_tmpdir_is_one_line_exit_2(tmp_path):
    result = plgen("render", str(SAAS), "--out", str(tmp_path / "out"), cwd=tmp_path, env={**ENV, "TMPDIR": str(tmp_path / "missing")})
    assert_one_line(result, 2, f"error: TMPDIR={tmp_path / 'missing'} cannot hold plgen's temporary folder (No such file or directory)")
    assert not (tmp_path / "out").exists()


def test_a_read_only_tmpdir_is_one_line_exit_2(tmp_path):
    read_only = tmp_path / "read-only"
    read_only.mkdir(mode=0o555)
    try:
        result = plgen("render", str(SAAS), "--out", str(tmp_path / "out"), cwd=tmp_path, env={**ENV, "TMPDIR": str(read_only)}, prefix=read_only_prefix())
    finally:
        read_only.chmod(0o755)
    assert_one_line(result, 2, f"error: TMPDIR={read_only} cannot hold plgen's temporary folder (Permission denied)")
    assert listing(read_only) == [] and not (tmp_path / "out").exists()


def test_a_read_only_home_renders_the_same_files(tmp_path):
    """jsii's package cache under $HOME only saves time: with a read-only HOME it is off and the render is the same."""
    home = tmp_path / "home"
    home.mkdir(mode=0o555)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    try:
        result = plgen("render", str(SAAS), "--out", str(tmp_path / "read-only-home"), cwd=REPO, env={**ENV, "HOME": str(home), "TMPDIR": str(temporary)}, prefix=read_only_prefix())
    finally:
        home.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert listing(home) == [] and listing(temporary) == []
    normal = plgen("render", str(SAAS), "--out", str(tmp_path / "normal"), cwd=REPO)
    assert normal.returncode == 0, normal.stderr
    assert same_tree(tmp_path / "read-only-home", tmp_path / "normal") == []


def test_a_render_leaves_nothing_in_tmpdir(tmp_path):
    """And prints no jsii banner about the Node version, with no JSII_SILENCE_* variable set by the user."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {k: v for k, v in ENV.items() if not k.startswith("JSII_SILENCE_")}
    result = plgen("render", str(SAAS), "--out", str(tmp_path / "out"), cwd=REPO, env={**env, "TMPDIR": str(temporary)})
    assert result.returncode == 0, result.stderr
    assert listing(temporary) == []
    assert "!!" not in result.stderr and "end-of-life" not in result.stderr


def test_ctrl_c_late_in_a_render_exits_130_and_removes_jsii_folders(tmp_path):
    """SIGINT to the process group (a terminal's Ctrl-C) while the writer replaces files: exit 130, one line, TMPDIR empty."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**ENV, "TMPDIR": str(temporary), "PAUSED_RENDER_AT": "replace:2"}
    child = subprocess.Popen(
        [sys.executable, str(PAUSED_RENDER), "render", str(SAAS), "--out", str(tmp_path / "out")],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the signal reaches jsii's Node too, as Ctrl-C does
    )
    seen = []
    for line in child.stderr:
        seen.append(line)
        if line.startswith("paused before replace 2:"):
            break
    else:
        raise AssertionError(f"render never paused (exit {child.wait()}): {''.join(seen)}")
    assert any(p.name.startswith("plgen-") for p in temporary.iterdir())  # the engine's folder is there while it runs
    os.killpg(child.pid, signal.SIGINT)
    rest = child.stderr.read()
    child.stderr.close()
    assert child.wait(timeout=60) == 130, rest
    assert rest.strip() == "interrupted"
    deadline = time.monotonic() + 10  # Node exits on its own signal; nothing of it may remain
    while listing(temporary) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert listing(temporary) == []


def _run_with_own_tmpdir(code: str, tmp_path: Path) -> tuple[subprocess.CompletedProcess, Path]:
    """Run ``python -c code`` with ``TMPDIR`` a new empty folder; its result and that folder."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, env={**ENV, "TMPDIR": str(temporary)}, capture_output=True, text=True, timeout=60), temporary


def test_the_engine_folder_is_private_and_removed(tmp_path):
    """``scratch`` makes one mode-0700 folder under TMPDIR; ``discard`` removes it with whatever jsii put there."""
    code = (
        "import os, stat; from plgen.terraform import engine; "
        "d = engine.scratch(); (d / 'jsii-kernel-x').mkdir(); "
        "print(d.parent, oct(stat.S_IMODE(os.stat(d).st_mode)), d == engine.scratch()); engine.discard(); print(d.exists())"
    )
    result, temporary = _run_with_own_tmpdir(code, tmp_path)
    assert result.stdout.split() == [str(temporary.resolve()), "0o700", "True", "False"], result.stderr
    assert listing(temporary) == []


def _ctrl_c_inside(tmp_path: Path, *, prelude: str, patched: str, step: str, call: str, exists: str) -> None:
    """Run ``call`` with ``patched`` replaced: after one ``step`` of it, the Ctrl-C handler's work (``abandon``) runs.

    The handler runs between two steps of an operation and ends the process, so the interrupted operation never
    resumes; ``exists`` (printed then) and ``TMPDIR`` must show the private folder gone.
    """
    code = (
        f"import os, shutil; from plgen.terraform import engine; {prelude}\n"
        f"real = {patched}\n"
        "def interrupted(path, *args, **kwargs):\n"
        f"    {step}  # one step of the operation, then the Ctrl-C handler takes over\n"
        f"    {patched} = real\n"
        "    engine.abandon()\n"
        f"    print({exists})\n"
        "    raise SystemExit(0)\n"
        f"{patched} = interrupted\n"
        f"{call}\n"
    )
    result, temporary = _run_with_own_tmpdir(code, tmp_path)
    assert result.stdout.split() == ["False"], result.stderr
    assert listing(temporary) == []


def test_ctrl_c_during_the_exit_hooks_removal_still_removes_the_folder(tmp_path):
    """Ctrl-C landing while the exit hook is removing the private folder: the handler (``abandon``) finishes the removal.

    Before, ``discard`` forgot the folder before removing it, the handler found nothing to remove, and the
    half-removed folder stayed in TMPDIR (CI, under load: a Ctrl-C 0.2 s after a render's last line).
    """
    _ctrl_c_inside(
        tmp_path,
        prelude="d = engine.scratch(); [(d / f'jsii-kernel-{n}').mkdir() for n in range(3)]",
        patched="shutil.rmtree",
        step="real(sorted(d.iterdir())[0])",
        call="engine.discard()",
        exists="d.exists()",
    )


def test_ctrl_c_just_after_the_folder_is_made_still_removes_it(tmp_path):
    """Ctrl-C landing right after the private folder is made, before ``scratch`` returns: the handler removes it.

    ``mkdtemp`` gave the folder's name only once it existed, so a handler running in between found no folder to
    remove and it stayed in TMPDIR. The name is now recorded first.
    """
    _ctrl_c_inside(tmp_path, prelude="", patched="os.mkdir", step="real(path, *args)", call="engine.scratch()", exists="os.path.lexists(path)")


def test_ctrl_c_while_the_engine_module_is_imported_is_one_line_and_130(tmp_path):
    """Ctrl-C while ``plgen.terraform.engine`` is half imported (in ``sys.modules``, ``abandon`` not yet defined).

    CI, under load, a Ctrl-C 0.4 s into a render: the handler called ``engine.abandon()`` on the partially
    initialized module and died with an AttributeError (exit 1). Nothing of the engine's exists yet then.
    """
    code = (
        "import sys, types; from plgen import cli; "
        "sys.modules['plgen.terraform.engine'] = types.ModuleType('plgen.terraform.engine'); "
        "cli._interrupted()"
    )
    result, temporary = _run_with_own_tmpdir(code, tmp_path)
    assert (result.returncode, result.stderr.strip()) == (130, "interrupted")
    assert listing(temporary) == []


def test_node_missing_is_one_line_exit_2(tmp_path):
    """jsii spawns ``node``; without it, the render says so (before: exit 3, or jsii's ``__del__`` traceback at exit)."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**ENV, "PATH": str(Path(sys.executable).parent), "TMPDIR": str(temporary)}  # the venv's python, and no node
    result = plgen("render", str(SAAS), "--out", str(tmp_path / "out"), cwd=tmp_path, env=env)
    assert_one_line(result, 2, "error: the CDK engine c")
    assert "needs Node.js and node was not found on PATH; install Node.js 20 or later" in result.stderr
    assert listing(temporary) == [] and not (tmp_path / "out").exists()


def test_ctrl_c_as_a_finished_render_exits_is_still_plgens(tmp_path):
    """Ctrl-C just after the last line, while Python shuts down (jsii stopping Node): 0 or 130, never the signal's -2.

    Python resets SIGINT to the default action as it finalizes; before plgen ended a finished command itself, a
    Ctrl-C 0.1-0.3 s after the last line (measured) killed it by the signal.
    """
    for n, delay in enumerate((0.1, 0.2, 0.3)):
        temporary = tmp_path / f"tmp-{n}"
        temporary.mkdir()
        child = subprocess.Popen(
            [sys.executable, "-m", "plgen.cli", "render", str(SAAS), "--out", str(tmp_path / f"out-{n}")],
            cwd=REPO,
            env={**ENV, "TMPDIR": str(temporary)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        for line in child.stdout:
            if "blueprint(s) in" in line:  # the render's last line: the command is done, the process is ending
                time.sleep(delay)
                if child.poll() is None:
                    os.killpg(child.pid, signal.SIGINT)
                break
        _, err = child.communicate(timeout=60)
        assert child.returncode in (0, 130), (delay, child.returncode, err)
        if child.returncode == 130:
            assert_interrupted(err)
        deadline = time.monotonic() + 10
        while listing(temporary) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert listing(temporary) == [], f"left after Ctrl-C {delay} s after the last line"


def test_ctrl_c_at_any_moment_leaves_tmpdir_empty(tmp_path):
    """Ctrl-C while Python imports, while jsii and Node start, while the modules build: exit 130 (or 0 if it finished), TMPDIR empty."""
    outcomes = []
    for n, delay in enumerate((0.4, 1.0, 1.6, 2.2)):
        temporary = tmp_path / f"tmp-{n}"
        temporary.mkdir()
        child = subprocess.Popen(
            [sys.executable, "-m", "plgen.cli", "render", str(SAAS), "--out", str(tmp_path / f"out-{n}")],
            cwd=REPO,
            env={**ENV, "TMPDIR": str(temporary)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        time.sleep(delay)
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGINT)
        _, err = child.communicate(timeout=60)
        outcomes.append(child.returncode)
        if n == 0 and python_was_still_starting(child.returncode, err):
            # Python itself was still starting (a loaded machine can take longer than 0.4 s before plgen's first
            # line, which installs the handler): the interpreter's own Ctrl-C, and nothing of plgen's exists yet.
            assert listing(temporary) == [], "left after Ctrl-C during Python's start-up"
            continue
        assert child.returncode in (0, 130), err
        if child.returncode == 130:
            assert_interrupted(err)
        deadline = time.monotonic() + 10
        while listing(temporary) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert listing(temporary) == [], f"left after Ctrl-C at {delay} s"
    assert 130 in outcomes
