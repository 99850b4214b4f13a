"""Which CDK engine plgen runs, and the private folder it runs in.

**The engine.** CDK Terrain (``cdktn``, the maintained continuation of cdktf)
and cdktf 0.21 (archived 2025-12-10) have the same Python API; plgen's output
is byte-identical with either (CI renders the catalogue with both). cdktn is
used when installed, else cdktf; ``PLGEN_CDK_ENGINE=cdktn|cdktf`` chooses. An
unknown name or an engine that is not installed is one line, exit 2.

**The private folder.** Importing the engine starts jsii: the Python side
unpacks the jsii runtime into a temporary folder and starts Node, whose kernel
unpacks each assembly into ``os.tmpdir()/jsii-kernel-*``; cdktf's ``App``
creates its ``outdir`` (default ``CDKTF_OUTDIR``, else ``./cdktf.out``:
https://developer.hashicorp.com/terraform/cdktf/v0.20.x/api-reference/python/constructs)
and ``outdir/stacks`` when it is constructed, not only at ``synth``
(``app.js`` and ``manifest.js`` of cdktf 0.21 and cdktn 0.24, read in the
installed assemblies). plgen never synthesizes to disk (it reads each stack's
JSON through jsii), so all of that goes into one folder plgen creates under
``TMPDIR`` (``plgen-*``, mode 0700) and removes when the process ends, at a
normal exit or on Ctrl-C (the CLI's handler calls ``abandon``): nothing is
created in the current folder, at a ``cdktf.out`` symlink's target, or left in
``TMPDIR``.

- Python's ``tempfile`` reads ``TMPDIR`` first
  (https://docs.python.org/3/library/tempfile.html#tempfile.gettempdir), and
  Node's ``os.tmpdir()`` returns ``TMPDIR`` on POSIX
  (https://nodejs.org/api/os.html#ostmpdir); both are pointed at the private
  folder while the engine starts, and restored after (Node keeps it: its
  environment is copied when jsii spawns it).
- A ``TMPDIR`` that is missing or cannot be written is refused before Node
  starts (``EngineError``, exit 2), instead of jsii's ``ENOENT ... mkdtemp``.
- jsii keeps unpacked assemblies in a package cache under
  ``$HOME/.cache/aws/jsii/package-cache`` (``JSII_RUNTIME_PACKAGE_CACHE_ROOT``
  moves it) and fails ("Cannot use the jsii package cache") when that folder
  cannot be created; the cache only saves time, so when it cannot be written
  (a read-only ``HOME``) plgen turns it off for its Node
  (``JSII_RUNTIME_PACKAGE_CACHE=disabled``, jsii's own advice in that error)
  and renders the same files. The variables: https://github.com/aws/jsii/pull/3724;
  enabled by default and the error text as of jsii 1.142 (its kernel's
  ``disk-cache`` and ``tar-cache/default-cache-root.ts``, bundled in the jsii
  wheel's ``_embedded`` runtime).
"""

from __future__ import annotations

import atexit
import importlib
import importlib.util
import os
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

from plgen.errors import PlgenError, printable

ENGINES = ("cdktn", "cdktf")
ENGINE_VARIABLE = "PLGEN_CDK_ENGINE"
INSTALL_HINT = {"cdktn": "pip install 'cdktn==0.24.0'", "cdktf": "pip install 'plgen[cdktf]'"}

_lock = threading.Lock()
_starter_lock = threading.Lock()
_starter: threading.Thread | None = None
_scratch: Path | None = None
_failure: EngineError | None = None
_loaded: tuple[ModuleType, ModuleType] | None = None


class EngineError(PlgenError):
    """The environment cannot run the CDK engine (no engine, an unusable ``TMPDIR``): the user's to fix, not a plgen bug."""

    exit_code = 2


def engine_name() -> str:
    """The engine this process uses: ``PLGEN_CDK_ENGINE`` if set, else cdktn when installed, else cdktf (nothing is imported)."""
    wanted = os.environ.get(ENGINE_VARIABLE, "")
    if wanted and wanted not in ENGINES:
        raise EngineError(f"{ENGINE_VARIABLE}={printable(wanted)} is not an engine plgen knows; use {' or '.join(ENGINES)}, or unset it")
    for name in (wanted,) if wanted else ENGINES:
        if importlib.util.find_spec(name) is not None:
            return name
    if wanted:
        raise EngineError(f"{ENGINE_VARIABLE}={wanted} but {wanted} is not installed; install it ({INSTALL_HINT[wanted]}) or unset {ENGINE_VARIABLE}")
    raise EngineError(f"no CDK engine is installed (neither cdktn nor cdktf); install plgen's dependencies ({INSTALL_HINT['cdktn']})")


def scratch() -> Path:
    """The private folder of this process (created on first use under ``TMPDIR``, removed at exit)."""
    with _lock:
        return _scratch_locked()


def _scratch_locked() -> Path:
    """Make the private folder, named in ``_scratch`` before it exists.

    The Ctrl-C handler (``abandon``) may run between any two lines, on the main thread, while this runs there or on
    the engine's starter thread: with the name recorded first, a folder made just before the handler ran is still
    the handler's to remove (``mkdtemp`` returned the name only after making the folder, a window that left it).
    """
    global _scratch
    if _scratch is None:
        parent = _temporary_parent()
        while _scratch is None:
            folder = parent / f"plgen-{secrets.token_hex(8)}"
            _scratch = folder
            try:
                os.mkdir(folder, 0o700)
            except FileExistsError:  # another's folder of the same random name (1 in 2**64): never ours to remove
                _scratch = None
            except OSError as exc:  # TMPDIR missing, not a folder, read-only
                _scratch = None
                raise _unusable(exc) from None
        atexit.register(discard)  # before the engine starts: atexit runs last-in first-out, so after jsii has stopped Node
    return _scratch


def _temporary_parent() -> Path:
    """``TMPDIR``, or the system's temporary folder when it is unset, resolved."""
    try:
        return Path(os.environ.get("TMPDIR") or tempfile.gettempdir()).resolve()
    except OSError as exc:  # no usable default folder
        raise _unusable(exc) from None


def _unusable(exc: OSError) -> EngineError:
    base = os.environ.get("TMPDIR")
    where = f"TMPDIR={printable(base)}" if base else "no temporary folder (TMPDIR unset)"
    reason = exc.strerror or type(exc).__name__
    return EngineError(f"{where} cannot hold plgen's temporary folder ({reason}); set TMPDIR to a folder you can write")


def discard() -> None:
    """Remove the private folder and everything jsii and the engine put in it; safe to call twice, from a signal handler too.

    The folder is forgotten only once it is gone: a Ctrl-C that lands while the
    exit hook is removing it (the handler runs ``abandon`` between two of
    ``rmtree``'s steps, then ``os._exit``) still finds it and finishes the job.
    """
    global _scratch
    folder = _scratch
    if folder is not None and _remove(folder):
        _scratch = None


def _remove(folder: Path) -> bool:
    """Remove ``folder``, trying again for a moment (on Ctrl-C, Node, signalled too, may still be writing into it); whether it is gone."""
    for _ in range(5):
        if not os.path.lexists(folder):
            return True
        shutil.rmtree(folder, ignore_errors=True)
        time.sleep(0.02)
    return not os.path.lexists(folder)


def abandon() -> None:
    """The process ends now (Ctrl-C, after the CLI's one line): silence jsii, then remove the private folder.

    Ctrl-C reaches jsii's Node processes too; the parent one then reports its
    child's end ("read ECONNRESET" and a stack) on stderr, which jsii's sink
    thread copies to ours after the CLI's line. Node may be unpacking an
    assembly into the private folder when it is stopped (the engine starts on a
    background thread while the blueprints are read), so the folder is removed,
    Node waited for (``_reap_children``), and the same folder removed again.
    Only called on the way to ``os._exit``, and only matters once the engine
    started.
    """
    folder = _scratch
    if folder is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
    except OSError:
        pass
    _remove(folder)
    _reap_children(CHILDREN_GRACE)  # Node, stopped by the same Ctrl-C, may still be unpacking into the folder
    discard()


CHILDREN_GRACE = 2.0  # seconds Ctrl-C waits for jsii's Node processes to end before the private folder's last removal


def _reap_children(grace: float) -> None:
    """Wait, at most ``grace`` seconds, until this process has no child left (jsii's Node, stopped by the Ctrl-C
    that reached its process group too), reaping each: a child that outlived the folder's removal could write into
    it again. Only on the way to ``os._exit``, where reaping what ``subprocess`` started does no harm."""
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return  # no child left
        if pid == 0:
            time.sleep(0.01)


def _package_cache_usable() -> bool:
    """Whether jsii can create and write its package cache (https://github.com/aws/jsii, kernel ``tar-cache/default-cache-root.ts``)."""
    if os.environ.get("JSII_RUNTIME_PACKAGE_CACHE", "enabled").lower() != "enabled":
        return True  # the user turned it off already
    root = os.environ.get("JSII_RUNTIME_PACKAGE_CACHE_ROOT")
    if not root:
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return True  # no home: jsii falls back to a per-user folder in os.tmpdir(), the private folder
        root = os.path.join(home, ".cache", "aws", "jsii", "package-cache")
    try:
        os.makedirs(root, mode=0o700, exist_ok=True)
    except OSError:
        return False
    return os.access(root, os.W_OK | os.X_OK)


@contextmanager
def _started_in(folder: Path) -> Iterator[None]:
    """``TMPDIR`` (Node, when jsii spawns it) and ``tempfile.tempdir`` (jsii's Python side) set to ``folder`` for the block."""
    saved = {key: os.environ.get(key) for key in ("TMPDIR", "JSII_RUNTIME_PACKAGE_CACHE")}
    saved_tempdir = tempfile.tempdir
    os.environ["TMPDIR"] = str(folder)
    if not _package_cache_usable():
        os.environ["JSII_RUNTIME_PACKAGE_CACHE"] = "disabled"
    tempfile.tempdir = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = saved_tempdir
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def load() -> tuple[ModuleType, ModuleType]:
    """Import the engine and ``constructs`` (starting jsii and Node) inside the private folder; returns both modules.

    A failure is remembered and raised again on a later call: a failed start
    leaves jsii's kernel half-made, and ``plgen.terraform.cdk`` may be imported
    twice (the compiler's background import and the main thread), so both see
    the same one-line error rather than the second seeing jsii's wreckage.
    """
    global _failure, _loaded
    with _lock:
        if _failure is not None:
            raise EngineError(str(_failure))
        if _loaded is None:
            try:
                _loaded = _load()
            except EngineError as exc:
                _failure = exc
                raise
        return _loaded


def start() -> None:
    """Begin ``load()`` on a background thread, once, and return at once.

    Starting the engine is mostly a wait: Node starts and unpacks the engine's
    assemblies (about 0.25 s of the 0.4 s ``load()`` takes here) while Python
    could be importing plgen and reading the blueprints. A command that will
    build calls this first; whoever calls ``load()`` next waits for the same
    start (``_lock``) and gets its modules, or its ``EngineError`` (remembered
    in ``_failure``). A command that ends before it builds (an invalid blueprint)
    never waits for it: the thread is a daemon, and the exit hooks stop Node
    and remove the private folder as after any start. While it starts,
    ``TMPDIR`` and ``tempfile.tempdir`` point at the private folder
    (``_started_in``, process-wide): a caller makes its own temporary files
    before calling this (``plgen plan`` and ``plgen diff`` do) or after
    ``load()`` returns.
    """
    global _starter
    with _starter_lock:
        if _starter is None and _loaded is None and _failure is None:
            _starter = threading.Thread(target=_load_in_background, name="plgen-engine", daemon=True)
            _starter.start()


def _load_in_background() -> None:
    try:
        load()
    except EngineError:  # remembered by load(), and raised in the thread that builds
        pass


def _load() -> tuple[ModuleType, ModuleType]:
    name = engine_name()
    node = os.environ.get("JSII_NODE", "node")  # what jsii spawns (jsii/_kernel/providers/process.py)
    if shutil.which(node) is None:
        raise EngineError(f"the CDK engine {name} needs Node.js and {printable(node)} was not found on PATH; install Node.js 20 or later")
    os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")  # jsii's banner on every run, on Node 20
    os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
    with _started_in(_scratch_locked()):
        try:
            import constructs

            engine = importlib.import_module(name)
        except ImportError as exc:  # installed but broken (a missing dependency, a constructs version it refuses)
            raise EngineError(f"the CDK engine {name} cannot be imported ({printable(str(exc))}); reinstall plgen's dependencies") from None
        except Exception as exc:  # jsii or Node could not start (a full disk, a Node too old, a cache it cannot lock): the machine's, not plgen's
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise EngineError(f"the CDK engine {name} could not start: {printable(first)}") from None
    return engine, constructs


def outdir() -> str:
    """Where an ``App`` may create its ``outdir``: inside the private folder (plgen never synthesizes to it)."""
    return str(scratch() / "cdk.out")
