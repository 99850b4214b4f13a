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
  its old or its new bytes. Unchanged files are not rewritten. A render's
  files are made durable together (all temporary files written, then one
  ``syncfs`` on Linux, elsewhere fsynced concurrently, then each replaced),
  not one file at a time (``atomic.py``).
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

import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from plgen.emit.atomic import atomic_write, atomic_write_all, fsync_all, fsync_dir, tmp_name
from plgen.emit.lock import locked
from plgen.emit.manifest import MANIFEST, Manifest, format_of, safe_relative, sha256
from plgen.emit.output import OutputError, os_error


@dataclass
class Summary:
    """What a render did to one blueprint's folder."""

    written: list[str] = field(default_factory=list)  # relative paths replaced or created
    removed: list[str] = field(default_factory=list)  # stale files plgen had written, deleted
    notes: list[str] = field(default_factory=list)  # one line each, for the user


class _Paths:
    """lstat-based checks that no link or wrong kind of entry sits on a path plgen writes."""

    def __init__(self, out: Path, name: str):
        self.out, self.name, self.root = out, name, out / name
        self.dirs_ok: set[PurePosixPath] = set()
        # Folders found missing: a plan is worked out before anything moves, so one stays missing while it is used
        # (a new --out of thousands of files otherwise lstats every file's parents again).
        self.dirs_missing: set[PurePosixPath] = set()

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
        if relative in self.dirs_missing:
            return False
        if relative.parts and not self.folder(relative.parent):
            self.dirs_missing.add(relative)
            return False
        path = self.root / relative
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            self.dirs_missing.add(relative)
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
            {safe_relative(k): str(v) for k, v in files.items()},
            {safe_relative(k): [str(h) for h in v] for k, v in writing.items()},
        )
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):  # RecursionError: JSON nested too deep to be one
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


def plan_render(out: Path, name: str, files: dict[str, str]) -> _Plan:
    paths = _Paths(out, name)
    fresh = not os.path.lexists(paths.root)  # a new folder: nothing below it exists to read, check or clean up
    if not fresh:
        paths.folder(PurePosixPath())
    data = {safe_relative(rel): text.encode("utf-8") for rel, text in sorted(files.items())}
    if MANIFEST in data:
        raise ValueError(f"{MANIFEST} is plgen's own file name")
    formats = {format_of(rel) for rel in data}
    old, old_text = _read_manifest(paths)
    old = old or Manifest()

    def managed(rel: str) -> bool:
        return format_of(rel) in formats

    listed = {format_of(rel) for rel in old.paths()}  # a format the manifest knows nothing of was written by an older plgen
    write, overwritten = [], []
    for rel, content in data.items():
        current = None if fresh else _read(paths.root / rel) if paths.file(PurePosixPath(rel)) else None
        if current == content:
            continue
        write.append(rel)
        if current is None:
            continue
        if old.known(rel):
            if sha256(current) not in old.known(rel):
                overwritten.append(rel)
        elif format_of(rel) in listed:
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
            (stale if sha256((paths.root / path).read_bytes()) in old.known(rel) else kept).append(rel)
    final = Manifest(
        {**{k: v for k, v in old.files.items() if not managed(k)}, **{rel: sha256(content) for rel, content in data.items()}},
        {k: v for k, v in old.writing.items() if not managed(k)},
    )
    leftovers = []
    for rel in [] if fresh else sorted(set(data) | old.paths() | {MANIFEST}):
        tmp = paths.root / tmp_name(PurePosixPath(rel))
        try:
            if paths.folder(PurePosixPath(rel).parent) and stat.S_ISREG(os.lstat(tmp).st_mode):
                leftovers.append(tmp)
        except (FileNotFoundError, OutputError):
            pass
    return _Plan(paths, data, old, old_text, write, stale, kept, overwritten, final, leftovers)


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
        fsync_dir(root.parent)
    # The intent: which hashes may appear, before any of them does.
    writing = {k: list(v) for k, v in plan.old.writing.items()}
    for rel in plan.write:
        writing[rel] = sorted(set(writing.get(rel, [])) | {plan.final.files[rel]})
    atomic_write(root / MANIFEST, Manifest(dict(plan.old.files), writing).text().encode("utf-8"))
    fsync_dir(root)
    touched: set[Path] = set()
    pending: list[tuple[str, bytes]] = []
    folders: set[str] = set()  # folders known to exist (as strings: a fleet writes tens of thousands of files)
    top = str(root)
    for rel in plan.write:
        path = os.path.join(top, rel)
        parent = os.path.dirname(path)
        if parent not in folders:
            if not os.path.isdir(parent):
                created = parent
                while not os.path.isdir(os.path.dirname(created)):
                    created = os.path.dirname(created)
                os.makedirs(parent)
                touched.add(Path(os.path.dirname(created)))
            folders.add(parent)
            touched.add(Path(parent))
        pending.append((path, plan.data[rel]))
    atomic_write_all(pending)
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
    fsync_all([folder for folder in sorted(touched, key=lambda p: len(p.parts), reverse=True) if folder.is_dir()])
    atomic_write(root / MANIFEST, final_text.encode("utf-8"))
    fsync_dir(root)
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
        raise os_error(exc, out, "nothing was written") from None
    with locked(out):
        done = "nothing was written"
        try:
            restored = {name: _restore_previous(out, name) for name, _ in trees}
            plans = [plan_render(out, name, files) for name, files in trees]
            summaries: dict[str, Summary] = {}
            done = "every file is either as before or as generated: fix this and render again"
            for plan in plans:
                summary = _apply(plan)
                if restored[plan.paths.name]:
                    summary.notes.insert(0, restored[plan.paths.name])
                summaries[plan.paths.name] = summary
        except OSError as exc:
            raise os_error(exc, out, done) from None
    return summaries
