"""Write compiled trees into ``--out`` without ever losing a file plgen did not write.

``modules_out/<name>/<format>/`` is also where users run Terraform (README,
"Applying a rendered root"), so it holds files plgen never wrote: state and
its backup, ``.terraform.lock.hcl``, ``.terraform/``, ``backend.tf``,
``*_override.tf``, plans, notes. plgen therefore owns files, not folders:

- **A manifest says what is plgen's.** ``<name>/.plgen-manifest.json`` lists
  every file plgen wrote there, with its SHA-256. A render replaces the files
  it generates, and deletes a file it no longer generates ("stale") only if
  the manifest lists it *and* it still has the bytes plgen wrote; a stale file
  changed since is kept, reported, and dropped from the manifest (it is the
  user's now). A folder emptied by those deletions is removed; a folder holding
  anything else stays. Nothing the manifest does not list is ever deleted or
  replaced: a file of the user's where plgen now generates one is an error.
  A generated file is plgen's: editing one is drift (``render --check`` says
  so) and the next render replaces it, with a note; changes belong in an
  ``*_override.tf`` file. A tree from before manifests (an older plgen) has its
  generated paths replaced and everything else kept. Only the formats being
  rendered are managed (``render --format json`` leaves ``hcl/`` as it is).
- **Atomic per file.** Each file is written to ``.<file>.plgen-tmp`` beside
  it, fsynced, and ``os.replace``d over the target; its folder is fsynced
  before the manifest is. A kill at any moment leaves every file with either
  its old or its new bytes. Unchanged files are not rewritten. The fsyncs of
  a render's files are issued together (all temporary files written, then
  fsynced concurrently, then each replaced), not one file at a time.
- **Recoverable.** Before any file is touched the manifest is rewritten with a
  ``writing`` section (the hashes about to be written), so a render killed
  half-way still knows which bytes are its own. The next render removes the
  temporary files and finishes; until then ``render --check`` reports the
  interrupted render.
- **Serialised.** Writing holds an exclusive ``flock`` on ``<out>/.plgen.lock``
  (``--check`` holds it shared). A second render waits up to
  ``PLGEN_LOCK_TIMEOUT`` seconds (default 60) and then stops, having written
  nothing. The kernel drops the lock when its holder dies, so a killed render
  never leaves it stuck.
- **Checked before anything moves.** A symbolic link or a file where a folder
  goes (``<out>/<name>`` or below), or a folder or link where a file goes, is
  an :class:`OutputError` (exit 2) naming the path and the fix, raised before
  any blueprint's files are touched; so is an OS error (unwritable or full
  ``--out``), as one line.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import stat
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from plgen.errors import PlgenError

MANIFEST = ".plgen-manifest.json"
LOCK = ".plgen.lock"
TMP = ".plgen-tmp"  # suffix of a file being written: ".<name>.plgen-tmp" beside it
LOCK_TIMEOUT = "PLGEN_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 60.0
MANIFEST_VERSION = 1


class OutputError(PlgenError):
    """``--out`` cannot be written as asked (a link or file in the way, permissions, a full disk, a held lock)."""

    exit_code = 2


@dataclass
class Summary:
    """What a render did to one blueprint's folder."""

    written: list[str] = field(default_factory=list)  # relative paths replaced or created
    removed: list[str] = field(default_factory=list)  # stale files plgen had written, deleted
    notes: list[str] = field(default_factory=list)  # one line each, for the user


@dataclass
class Manifest:
    files: dict[str, str] = field(default_factory=dict)  # path -> sha256 of what plgen wrote
    writing: dict[str, list[str]] = field(default_factory=dict)  # an unfinished render: path -> hashes it may have left

    def known(self, relative: str) -> set[str]:
        hashes = set(self.writing.get(relative, ()))
        if relative in self.files:
            hashes.add(self.files[relative])
        return hashes

    def paths(self) -> set[str]:
        return set(self.files) | set(self.writing)

    def text(self) -> str:
        data: dict = {
            "about": "files plgen wrote in this folder and their SHA-256; plgen replaces or deletes only these",
            "version": MANIFEST_VERSION,
            "files": dict(sorted(self.files.items())),
        }
        if self.writing:
            data["writing"] = {k: sorted(v) for k, v in sorted(self.writing.items())}
        return json.dumps(data, indent=1, sort_keys=True) + "\n"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _safe_relative(relative: str) -> PurePosixPath:
    path = PurePosixPath(relative)
    if path.is_absolute() or not path.parts or any(part in ("", ".", "..") for part in path.parts) or relative != str(path):
        raise ValueError(relative)
    return path


def _format_of(relative: str) -> str:
    return relative.split("/", 1)[0]


def _os_error(exc: OSError, where: Path, done: str) -> OutputError:
    hints = {
        errno.ENOSPC: "free some space",
        errno.EDQUOT: "free some space",
        errno.EFBIG: "free some space or raise the file size limit",
        errno.EACCES: "fix its permissions or render with --out elsewhere",
        errno.EPERM: "fix its permissions or render with --out elsewhere",
        errno.EROFS: "render with --out on a writable file system",
    }
    hint = hints.get(exc.errno, "fix it or render with --out elsewhere")
    return OutputError(f"{exc.filename or where}: {exc.strerror or exc} ({hint}); {done}")


# -- the lock -----------------------------------------------------------------------------------------


def _lock_timeout() -> float:
    value = os.environ.get(LOCK_TIMEOUT)
    if value is None:
        return DEFAULT_LOCK_TIMEOUT
    try:
        return max(0.0, float(value))
    except ValueError:
        raise OutputError(f"{LOCK_TIMEOUT}={value!r}: not a number of seconds (unset it for the default, {DEFAULT_LOCK_TIMEOUT:g})") from None


@contextmanager
def locked(out: Path, exclusive: bool = True) -> Iterator[None]:
    """Hold ``<out>/.plgen.lock``: exclusive to write, shared to read (``--check``).

    A shared lock is only taken if the lock file exists: ``--check`` creates nothing.
    """
    path = out / LOCK
    flags = (os.O_RDWR | os.O_CREAT) if exclusive else os.O_RDONLY
    try:
        fd = os.open(path, flags | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    except FileNotFoundError as exc:
        if exclusive:
            raise _os_error(exc, path, "nothing was written") from None
        yield
        return
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(f"{path}: is a symbolic link; plgen's lock file must be a plain file (remove the link); nothing was written") from None
        raise _os_error(exc, path, "nothing was written") from None
    try:
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            timeout = _lock_timeout()
            print(f"waiting for another plgen render to finish with {out}/ (lock {path}, up to {timeout:g} s)", file=sys.stderr, flush=True)
            deadline = time.monotonic() + timeout
            while True:
                time.sleep(0.05)
                try:
                    fcntl.flock(fd, mode | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise OutputError(
                            f"{path}: another plgen render held this lock for {timeout:g} s; nothing was written "
                            f"(let it finish, or set {LOCK_TIMEOUT} to wait longer)"
                        ) from None
        yield
    finally:
        os.close(fd)


# -- checks before anything moves -------------------------------------------------------------------------


class _Paths:
    """lstat-based checks that no link or wrong kind of entry sits on a path plgen writes."""

    def __init__(self, out: Path, name: str):
        self.out, self.name, self.root = out, name, out / name
        self.dirs_ok: set[PurePosixPath] = set()

    def _problem(self, path: Path, st: os.stat_result, want: str) -> OutputError:
        fix = "or render with --out elsewhere); nothing was written"
        if stat.S_ISLNK(st.st_mode):
            return OutputError(
                f"{path}: is a symbolic link (to {os.readlink(path)}), where plgen writes a {want}; plgen never writes through links (remove the link, {fix}"
            )
        what = "folder" if stat.S_ISDIR(st.st_mode) else "file" if stat.S_ISREG(st.st_mode) else "special file"
        role = f"blueprint {self.name}'s folder" if path == self.root else f"a {want}"
        return OutputError(f"{path}: is a {what}, where plgen writes {role} (move it away, {fix}")

    def folder(self, relative: PurePosixPath) -> bool:
        """True if the folder ``<name>/relative`` exists; raise if something else is there (or above)."""
        if relative in self.dirs_ok:
            return True
        if relative.parts and not self.folder(relative.parent):
            return False
        path = self.root / relative
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            return False
        if not stat.S_ISDIR(st.st_mode):
            raise self._problem(path, st, "folder")
        self.dirs_ok.add(relative)
        return True

    def file(self, relative: PurePosixPath) -> os.stat_result | None:
        """The lstat of the file ``<name>/relative`` if it exists; raise if it is not a regular file."""
        if not self.folder(relative.parent):
            return None
        path = self.root / relative
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            return None
        if not stat.S_ISREG(st.st_mode):
            raise self._problem(path, st, "file")
        return st


def _read_manifest(paths: _Paths) -> tuple[Manifest | None, str | None]:
    """The manifest in ``<out>/<name>/`` (None if absent) and its text."""
    if paths.file(PurePosixPath(MANIFEST)) is None:
        return None, None
    where = paths.root / MANIFEST
    text = where.read_text(encoding="utf-8", errors="replace")
    try:
        data = json.loads(text)
        files, writing = data["files"], data.get("writing", {})
        manifest = Manifest(
            {str(_safe_relative(k)): str(v) for k, v in files.items()},
            {str(_safe_relative(k)): [str(h) for h in v] for k, v in writing.items()},
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        raise OutputError(
            f"{where}: not a plgen manifest (move it away and render again: plgen then leaves every file here that it does not generate); nothing was written"
        ) from None
    return manifest, text


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


@dataclass
class _Plan:
    """What rendering ``files`` into one blueprint's folder would do, worked out before anything moves."""

    paths: _Paths
    data: dict[str, bytes]
    old: Manifest
    old_text: str | None
    write: list[str]
    stale: list[str]  # plgen's own bytes, no longer generated: delete
    kept: list[str]  # plgen wrote it, changed since, no longer generated: keep, forget
    overwritten: list[str]  # plgen's path, changed since plgen wrote it: replaced
    final: Manifest
    leftovers: list[Path]  # temporary files of a killed render


def _plan(out: Path, name: str, files: dict[str, str]) -> _Plan:
    paths = _Paths(out, name)
    if os.path.lexists(paths.root):
        paths.folder(PurePosixPath())
    data = {str(_safe_relative(rel)): text.encode("utf-8") for rel, text in sorted(files.items())}
    if MANIFEST in data:
        raise ValueError(f"{MANIFEST} is plgen's own file name")
    formats = {_format_of(rel) for rel in data}
    old, old_text = _read_manifest(paths)
    old = old or Manifest()

    def managed(rel: str) -> bool:
        return _format_of(rel) in formats

    listed = {_format_of(rel) for rel in old.paths()}  # a format the manifest knows nothing of was written by an older plgen
    write, overwritten = [], []
    for rel, content in data.items():
        path = PurePosixPath(rel)
        current = _read(paths.root / path) if paths.file(path) else None
        if current == content:
            continue
        write.append(rel)
        if current is None:
            continue
        if old.known(rel):
            if _sha(current) not in old.known(rel):
                overwritten.append(rel)
        elif _format_of(rel) in listed:
            raise OutputError(
                f"{paths.root / rel}: plgen did not write this file, but blueprint {name} now generates one here "
                "(move or rename yours: plgen never replaces a file it did not write); nothing was written"
            )
    stale, kept = [], []
    for rel in sorted(r for r in old.paths() - set(data) if managed(r)):
        path = PurePosixPath(rel)
        try:
            exists = paths.file(path) is not None
        except OutputError:  # a folder or a link where plgen once wrote a file: not plgen's any more
            kept.append(rel)
            continue
        if exists:
            (stale if _sha((paths.root / path).read_bytes()) in old.known(rel) else kept).append(rel)
    final = Manifest(
        {**{k: v for k, v in old.files.items() if not managed(k)}, **{rel: _sha(content) for rel, content in data.items()}},
        {k: v for k, v in old.writing.items() if not managed(k)},
    )
    leftovers = []
    for rel in sorted(set(data) | old.paths() | {MANIFEST}):
        tmp = paths.root / _tmp_name(PurePosixPath(rel))
        try:
            if paths.folder(PurePosixPath(rel).parent) and stat.S_ISREG(os.lstat(tmp).st_mode):
                leftovers.append(tmp)
        except (FileNotFoundError, OutputError):
            pass
    return _Plan(paths, data, old, old_text, write, stale, kept, overwritten, final, leftovers)


def _tmp_name(relative: PurePosixPath) -> PurePosixPath:
    return relative.parent / f".{relative.name}{TMP}"


# -- writing ------------------------------------------------------------------------------------------


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_tmp(path: Path, data: bytes, sync: bool) -> Path:
    """``data`` in ``.<name>.plgen-tmp`` beside ``path`` (fsynced if ``sync``); returns the temporary file."""
    tmp = path.with_name(f".{path.name}{TMP}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if sync:
            os.fsync(fd)
    except BaseException as exc:
        if isinstance(exc, OSError) and exc.filename is None:
            exc.filename = str(path)  # os.write names no file: say which one could not be written
        os.close(fd)
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    os.close(fd)
    return tmp


def _atomic_write(path: Path, data: bytes) -> None:
    """``path`` gets ``data`` whole or keeps what it had: temp file, fsync, ``os.replace``."""
    os.replace(_write_tmp(path, data, sync=True), path)


SYNC_WORKERS = 16  # files in flight at once: creating and fsyncing them waits on the disk, and the journal commits many together


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        os.fsync(fd)  # flushes the file's data and metadata, whichever descriptor wrote them
    finally:
        os.close(fd)


def _together(task, items: list) -> list:
    """``task`` over ``items``, several at a time (each waits on the disk, not the CPU); re-raises the first error."""
    if len(items) < 2:
        return [task(item) for item in items]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(min(SYNC_WORKERS, len(items)), thread_name_prefix="plgen-write") as pool:
        return list(pool.map(task, items))


def _fsync_all(paths: list[Path]) -> None:
    """fsync every file or folder of ``paths``, together."""
    _together(_fsync_path, paths)


def _atomic_write_all(files: list[tuple[Path, bytes]]) -> None:
    """Each path gets its data whole or keeps what it had, as ``_atomic_write`` does for one, with the waits together.

    Every temporary file is written and fsynced (several at a time), and only once all are on disk is each
    ``os.replace``d over its target: no target is ever replaced by bytes that are not on disk, so a kill or a
    crash at any moment leaves every file with either its old or its new bytes, as one file at a time did.
    If one cannot be written, none is replaced and the temporary files are removed.
    """
    written: list[Path] = []

    def write(item: tuple[Path, bytes]) -> Path:
        tmp = _write_tmp(item[0], item[1], sync=True)
        written.append(tmp)  # list.append is atomic: the threads share it safely
        return tmp

    try:
        temporaries = _together(write, files)
    except BaseException:
        for tmp in written:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise
    for tmp, (path, _) in zip(temporaries, files):
        os.replace(tmp, path)


def _apply(plan: _Plan) -> Summary:
    root = plan.paths.root
    summary = Summary()
    for rel in plan.overwritten:
        summary.notes.append(f"{root / rel}: had been changed since plgen wrote it; replaced with the generated file (put changes in an *_override.tf file)")
    for rel in plan.kept:
        summary.notes.append(
            f"{root / rel}: kept: plgen wrote it, it has changed since, and {plan.paths.name} no longer produces it (delete it if you do not need it)"
        )
    final_text = plan.final.text()
    if not (plan.write or plan.stale or plan.leftovers) and plan.old_text == final_text:
        return summary
    for tmp in plan.leftovers:  # a killed render's temporary files: never a user's, never a target
        os.unlink(tmp)
    if not os.path.lexists(root):
        root.mkdir()
        _fsync_dir(root.parent)
    # The intent: which hashes may appear, before any of them does.
    writing = {k: list(v) for k, v in plan.old.writing.items()}
    for rel in plan.write:
        writing[rel] = sorted(set(writing.get(rel, [])) | {plan.final.files[rel]})
    _atomic_write(root / MANIFEST, Manifest(dict(plan.old.files), writing).text().encode("utf-8"))
    _fsync_dir(root)
    touched: set[Path] = set()
    pending: list[tuple[Path, bytes]] = []
    for rel in plan.write:
        path = root / rel
        if not path.parent.is_dir():
            created = path.parent
            while not created.parent.is_dir():
                created = created.parent
            path.parent.mkdir(parents=True)
            touched.add(created.parent)
        pending.append((path, plan.data[rel]))
        touched.add(path.parent)
    _atomic_write_all(pending)
    summary.written.extend(plan.write)
    for rel in plan.stale:
        path = root / rel
        os.unlink(path)
        summary.removed.append(rel)
        folder = path.parent
        while folder != root:
            try:
                os.rmdir(folder)  # only succeeds on an empty folder: one holding a user's file stays
            except OSError:
                touched.add(folder)
                break
            folder = folder.parent
        touched.add(folder)
    # Every folder whose entries changed, on disk before the manifest that lists them (deepest first, as before,
    # but together: the order among them does not matter, only that all are durable before the manifest).
    _fsync_all([folder for folder in sorted(touched, key=lambda p: len(p.parts), reverse=True) if folder.is_dir()])
    _atomic_write(root / MANIFEST, final_text.encode("utf-8"))
    _fsync_dir(root)
    return summary


def _restore_previous(out: Path, name: str) -> str | None:
    """An older plgen swapped whole folders via ``.<name>.previous``; a kill could leave the user's tree there."""
    previous, root = out / f".{name}.previous", out / name
    if not os.path.isdir(previous) or os.path.islink(previous):
        return None
    if os.path.lexists(root):
        return f"{previous}: left by an older plgen's interrupted render; it may hold files of yours (state?): look inside, then remove it"
    os.rename(previous, root)
    return f"{root}: restored from {previous} (left by an older plgen's interrupted render)"


def write_trees(out: Path, trees: Iterable[tuple[str, dict[str, str]]]) -> dict[str, Summary]:
    """Render each ``(name, files)`` into ``out/name`` (files: relative path -> text), as the module docstring says.

    Every folder is checked before any is written; the lock is held throughout.
    """
    trees = list(trees)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(
            f"{out}: is a file, where plgen writes the output folder (move it away, or render with --out elsewhere); nothing was written"
        ) from None
    except OSError as exc:
        raise _os_error(exc, out, "nothing was written") from None
    with locked(out):
        done = "nothing was written"
        try:
            restored = {name: _restore_previous(out, name) for name, _ in trees}
            plans = [_plan(out, name, files) for name, files in trees]
            summaries: dict[str, Summary] = {}
            done = "every file is either as before or as generated: fix this and render again"
            for plan in plans:
                summary = _apply(plan)
                if restored[plan.paths.name]:
                    summary.notes.insert(0, restored[plan.paths.name])
                summaries[plan.paths.name] = summary
        except OSError as exc:
            raise _os_error(exc, out, done) from None
    return summaries


def write_tree(out: Path, name: str, files: dict[str, str]) -> Summary:
    """Render one blueprint's ``files`` into ``out/name``."""
    return write_trees(out, [(name, files)])[name]


# -- checking -----------------------------------------------------------------------------------------


def check_trees(out: Path, trees: Iterable[tuple[str, dict[str, str], str]]) -> list[str]:
    """Drift between ``out`` and ``(name, files, source)``, one line each; writes nothing.

    Only plgen's files are drift: a generated file missing or different, a file
    the manifest lists that the blueprint no longer produces, a missing or
    out-of-date manifest, an interrupted render. Files plgen did not write
    (state, lock files, ``.terraform/``, backend and override files, anything
    else) are not.
    """
    problems: list[str] = []
    with locked(out, exclusive=False) if out.is_dir() else _nothing():
        for name, files, source in trees:
            try:
                problems += _check_one(out, name, files, source)
            except OutputError as exc:
                problems.append(str(exc).removesuffix("; nothing was written"))
            except OSError as exc:
                problems.append(str(_os_error(exc, out / name, "cannot check")))
    return problems


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _check_one(out: Path, name: str, files: dict[str, str], source: str) -> list[str]:
    plan = _plan(out, name, files)
    root = plan.paths.root
    problems = [f"{root / rel} {'differs' if os.path.lexists(root / rel) else 'is missing'}" for rel in plan.write]
    problems += [f"{root / rel} is not produced by {source} (plgen wrote it; render removes it)" for rel in plan.stale]
    problems += [f"{root / rel} is not produced by {source} and has changed since plgen wrote it (render keeps it as yours)" for rel in plan.kept]
    formats = {_format_of(rel) for rel in plan.data}
    if plan.old_text is None:
        problems.append(f"{root / MANIFEST} is missing (render writes it: the list of files plgen wrote, so that it never deletes yours)")
    elif any(_format_of(rel) in formats for rel in plan.old.writing) or plan.leftovers:
        problems.append(f"{root}: a render was interrupted here; run plgen render to finish it")
    elif not problems and plan.old_text != plan.final.text():
        problems.append(f"{root / MANIFEST} differs")
    return problems


def read_tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` as relative path -> text, for comparisons.

    Left out: Terraform's working files (state, ``.terraform*``) and plgen's
    lock and temporary files, which say nothing about the output.
    """
    if not root.is_dir():
        return {}
    return {
        str(path.relative_to(root).as_posix()): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and ".terraform" not in path.parts
        and not path.name.startswith(".terraform")
        and not path.name.endswith((".tfstate", ".tfstate.backup", TMP))
        and path.name != LOCK
    }
