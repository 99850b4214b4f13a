"""The manifest, ``<name>/.plgen-manifest.json``: every file plgen wrote in a blueprint's folder, with its SHA-256.

plgen replaces or deletes only the files it lists (``plgen.emit.writer`` says how it is used).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

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
        """``json.dumps(data, indent=1, sort_keys=True)`` of the manifest, byte for byte, written out directly.

        A fleet's manifest lists 70,000 files; ``json``'s indented output is its pure-Python encoder (a second
        for that, twice a render), while each string here goes through the C one (``encode_basestring_ascii``,
        what ``json.dumps`` uses with ``ensure_ascii``). ``tests/emit/test_manifest.py`` holds the two equal.
        """
        parts = ['{\n "about": ', _quote(ABOUT), ',\n "files": ', _object(sorted(self.files.items()), _quote), f',\n "version": {MANIFEST_VERSION}']
        if self.writing:
            parts += [',\n "writing": ', _object(sorted(self.writing.items()), lambda hashes: _list(sorted(hashes)))]
        parts.append("\n}\n")
        return "".join(parts)


ABOUT = "files plgen wrote in this folder and their SHA-256; plgen replaces or deletes only these"
_quote = json.encoder.encode_basestring_ascii  # type: ignore[attr-defined]


def _object(items: list[tuple[str, object]], value) -> str:
    """A JSON object nested one level (members at two spaces), as ``json.dumps(indent=1)`` prints it."""
    if not items:
        return "{}"
    return "{\n" + ",\n".join(f"  {_quote(k)}: {value(v)}" for k, v in items) + "\n }"


def _list(strings: list[str]) -> str:
    """A JSON array of strings nested two levels (elements at three spaces), as ``json.dumps(indent=1)`` prints it."""
    if not strings:
        return "[]"
    return "[\n" + ",\n".join(f"   {_quote(h)}" for h in strings) + "\n  ]"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_relative(relative: str) -> str:
    """``relative`` if it is a plain relative path (no leading ``/``, no empty, ``.`` or ``..`` part), else ValueError."""
    if not relative or any(part in ("", ".", "..") for part in relative.split("/")):
        raise ValueError(relative)
    return relative


def format_of(relative: str) -> str:
    return relative.split("/", 1)[0]
