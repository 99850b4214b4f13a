"""The manifest, ``<name>/.plgen-manifest.json``: every file plgen wrote in a blueprint's folder, with its SHA-256.

plgen replaces or deletes only the files it lists (``plgen.emit.writer`` says how it is used).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import PurePosixPath

MANIFEST = ".plgen-manifest.json"
MANIFEST_VERSION = 1


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


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_relative(relative: str) -> PurePosixPath:
    path = PurePosixPath(relative)
    if path.is_absolute() or not path.parts or any(part in ("", ".", "..") for part in path.parts) or relative != str(path):
        raise ValueError(relative)
    return path


def format_of(relative: str) -> str:
    return relative.split("/", 1)[0]
