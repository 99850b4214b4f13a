"""A module directory read as Terraform reads it, from files that cannot hang or flood the reader.

Terraform loads every ``*.tf`` and ``*.tf.json`` file of a directory together (both formats in one module; the
same object declared twice is an error), then merges the override files (``override.tf``, ``*_override.tf`` and
their ``.tf.json`` forms) one by one in lexical order, by the rules of
https://developer.hashicorp.com/terraform/language/files/override : a top-level block merges into the block with
the same header (it must exist); an argument replaces the original's; nested blocks of a type replace every
block of that type in the original; a ``lifecycle`` block merges argument by argument; locals replace by name;
in ``terraform``, ``required_providers`` merge by provider and a backend replaces the original's.

Reading is bounded: only regular files are read (a FIFO, a device, a link to ``/dev/zero`` is refused with one
line), a JSON file at most ``MAX_FILE`` (8 MiB) and an HCL file ``MAX_HCL_FILE`` (1 MiB), a root's files at most
``MAX_TOTAL`` (64 MiB, of which HCL ``MAX_HCL_TOTAL``, 4 MiB) together, and JSON nested at most ``MAX_NESTING``
levels. Every refusal is a ``ValueError`` naming the file (the CLI's exit 2).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from plgen.graph import from_hcl, from_json
from plgen.graph.document import Document
from plgen.graph.merge import merge_override, merge_terraform

MAX_FILE = 8 * 1024 * 1024  # bytes of one JSON file (a 5,000-consumer terraform.tfvars.json is a few MiB)
MAX_TOTAL = 64 * 1024 * 1024  # bytes of every file one root reads (its modules included)
# HCL costs far more to read than JSON (python-hcl2 parses ~200 kB of HCL a second here; plgen's largest .tf
# file is 17 kB), so HCL files have tighter bounds: a hostile root is refused in seconds, not minutes.
MAX_HCL_FILE = 1024 * 1024
MAX_HCL_TOTAL = 4 * 1024 * 1024
MAX_NESTING = 100  # arrays and objects inside each other in one JSON file
MAX_MODULE_DEPTH = 32  # module calls inside module calls (a module calling itself never ends)


class Budget:
    """Bytes read so far for one root; refuses past ``MAX_TOTAL`` (``MAX_HCL_TOTAL`` of HCL)."""

    def __init__(self, limit: int = MAX_TOTAL, hcl_limit: int = MAX_HCL_TOTAL) -> None:
        self.limit, self.used, self.hcl_limit, self.hcl_used = limit, 0, hcl_limit, 0

    def take(self, path: Path, size: int, hcl: bool = False) -> None:
        self.used += size
        if self.used > self.limit:
            raise ValueError(f"{path}: the root's files exceed {_size(self.limit)} together; refusing to read more")
        if hcl:
            self.hcl_used += size
            if self.hcl_used > self.hcl_limit:
                raise ValueError(f"{path}: the root's HCL files exceed {_size(self.hcl_limit)} together; refusing to read more")


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MiB" if n >= 1024 * 1024 else f"{n} bytes"


def read_text(path: Path, budget: Budget | None = None, hcl: bool = False) -> str:
    """A regular file's text (UTF-8), at most ``MAX_FILE`` bytes (``MAX_HCL_FILE`` for HCL); else a one-line ``ValueError``."""
    limit = MAX_HCL_FILE if hcl else MAX_FILE
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ValueError(f"{path}: cannot read: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(f"{path}: not a regular file (a FIFO, device, socket or directory); refusing to read it")
    if info.st_size > limit:
        raise ValueError(f"{path}: {info.st_size} bytes, more than the {_size(limit)} such a file may have")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # replaced between stat and open
                raise ValueError(f"{path}: not a regular file; refusing to read it")
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ValueError(f"{path}: cannot read: {exc.strerror}") from None
    if len(data) > limit:
        raise ValueError(f"{path}: more than the {_size(limit)} such a file may have")
    if budget is not None:
        budget.take(path, len(data), hcl)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def read_json(path: Path, budget: Budget | None = None) -> Any:
    """A JSON file's value, refused when nested deeper than ``MAX_NESTING``."""
    text = read_text(path, budget)
    check_nesting(text, path)
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ValueError(f"{path}: not valid JSON: {exc}") from None


def check_nesting(text: str, path: Path) -> None:
    """Refuse JSON text whose brackets nest deeper than ``MAX_NESTING`` (before any recursive parser sees it)."""
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                raise ValueError(f"{path}: JSON nested more than {MAX_NESTING} levels deep; refusing to read it")
        elif char in "]}":
            depth -= 1


def is_override(name: str) -> bool:
    stem = name.removesuffix(".json").removesuffix(".tf")
    return stem == "override" or stem.endswith("_override")


def is_ignored(name: str) -> bool:
    """A file Terraform skips: hidden, a vim backup, an emacs autosave
    (https://github.com/hashicorp/terraform/blob/d35bc05/internal/configs/parser_config_dir.go#L107)."""
    return name.startswith(".") or name.endswith("~") or (name.startswith("#") and name.endswith("#"))


def configuration_files(directory: Path) -> list[Path]:
    """The ``*.tf`` and ``*.tf.json`` files of a directory Terraform loads, in lexical order."""
    try:
        names = sorted(os.listdir(directory))
    except OSError as exc:
        raise ValueError(f"{directory}: cannot list: {exc.strerror}") from None
    return [directory / n for n in names if n.endswith((".tf", ".tf.json")) and not is_ignored(n)]


def has_configuration(directory: Path) -> bool:
    return directory.is_dir() and bool(configuration_files(directory))


def read_module(directory: Path, budget: Budget | None = None) -> Document:
    """One module directory as Terraform loads it: every file's objects, then the override files merged in."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ValueError(f"{directory}: no such module directory")
    files = configuration_files(directory)
    doc = Document()
    overrides = []
    for path in files:
        if is_override(path.name):
            overrides.append(path)
            continue
        for address, (kind, body) in _file_document(path, budget).nodes.items():
            if kind == "terraform" and address in doc.nodes:  # several terraform blocks are legal
                doc.nodes[address] = (kind, merge_terraform(doc.nodes[address][1], body, override=False))
            elif address in doc.nodes:
                raise ValueError(f"{path}: {address} is declared twice (also in another file of {directory})")
            else:
                doc.add(address, kind, body)
    for path in overrides:
        for address, (kind, body) in _file_document(path, budget).nodes.items():
            if address not in doc.nodes:
                if kind == "terraform":
                    doc.add(address, kind, body)
                    continue
                raise ValueError(f"{path}: the override of {address} has no original in {directory}")
            doc.nodes[address] = (kind, merge_override(kind, doc.nodes[address][1], body))
    return doc


def _file_document(path: Path, budget: Budget | None) -> Document:
    try:
        if path.name.endswith(".tf.json"):
            return from_json.document(read_json(path, budget))
        return from_hcl.document(from_hcl.parse_file(path, read_text(path, budget, hcl=True)))
    except ValueError as exc:
        message = str(exc)
        raise ValueError(message if message.startswith(str(path)) else f"{path}: {message}") from None
    except RecursionError:
        raise ValueError(f"{path}: nested too deeply to read") from None
    except (AttributeError, TypeError, KeyError, IndexError) as exc:  # a block with the wrong number of labels, ...
        raise ValueError(f"{path}: not the shape of a Terraform configuration ({type(exc).__name__}: {exc})") from None
