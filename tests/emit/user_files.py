"""Shared by the writer tests: files a user (or Terraform) puts in a rendered root, and tree snapshots."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from plgen.emit.atomic import TMP
from plgen.emit.lock import LOCK
from plgen.emit.manifest import MANIFEST

REPO = Path(__file__).resolve().parents[2]
PAUSED_RENDER = Path(__file__).resolve().parent / "paused_render.py"

# Relative to a blueprint's folder (<out>/<name>/): what `terraform init/apply` and a user leave there.
USER_FILES = {
    "json/terraform.tfstate": b'{"version": 4, "serial": 7, "lineage": "user-state", "resources": []}\n',
    "json/terraform.tfstate.backup": b'{"version": 4, "serial": 6, "lineage": "user-state", "resources": []}\n',
    "json/.terraform.lock.hcl": b'provider "registry.terraform.io/hashicorp/aws" {\n  version = "5.100.0"\n}\n',
    "json/.terraform/x": b"plugin cache link\n",
    "json/.terraform/providers/registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/terraform-provider-aws": b"\x7fELF not really\n",
    "json/backend.tf": b'terraform {\n  backend "s3" {}\n}\n',
    "json/my_override.tf": b'provider "aws" {\n  region = "us-east-1"\n}\n',
    "json/notes.txt": b"my notes\n",
    "json/modules/consumer/team.auto.tfvars": b'team = "acme"\n',
    "hcl/terraform.tfstate": b'{"version": 4, "serial": 1, "lineage": "hcl-state", "resources": []}\n',
    "notes.md": b"# beside json/ and hcl/\n",
}


def add_user_files(root: Path, files: dict[str, bytes] = USER_FILES) -> dict[str, bytes]:
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return dict(files)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root``, hidden ones included, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


def encoded(files: dict[str, str]) -> dict[str, bytes]:
    return {k: v.encode("utf-8") for k, v in files.items()}


def is_temporary(relative: str) -> bool:
    return relative.rsplit("/", 1)[-1].endswith(TMP)


def assert_old_or_new(root: Path, old: dict[str, bytes], new: dict[str, bytes], user: dict[str, bytes]) -> None:
    """After a kill: each generated file has its old or its new bytes, none is lost, user files are untouched."""
    now = snapshot(root)
    for relative in sorted(old.keys() | new.keys()):
        if relative in now:
            assert now[relative] in (old.get(relative), new.get(relative)), f"{relative} is neither the old nor the new file"
        else:
            assert not (relative in old and relative in new), f"{relative} vanished"
    for relative, data in user.items():
        assert now.get(relative) == data, f"user file {relative} changed or vanished"
    unexpected = {k for k in now if k not in old and k not in new and k not in user and k != MANIFEST and not is_temporary(k)}
    assert not unexpected


def assert_exactly(root: Path, new: dict[str, bytes], user: dict[str, bytes]) -> None:
    """The finished state: the new generated files, the user's files, the manifest, and nothing else."""
    now = snapshot(root)
    assert {k: v for k, v in now.items() if k != MANIFEST} == {**new, **user}
    assert MANIFEST in now


def run_paused(args: list[str], at: str) -> None:
    """Run ``plgen`` stopped just before ``at`` (``replace:3``), SIGKILL it there; returns None on success."""
    env = {**os.environ, "PAUSED_RENDER_AT": at}
    process = subprocess.Popen([sys.executable, str(PAUSED_RENDER), *args], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=REPO)
    seen = []
    try:
        for line in process.stderr:  # blocks until the writer reaches the pause point
            seen.append(line)
            if line.startswith(f"paused before {at.replace(':', ' ')}:"):
                break
        else:
            pytest.fail(f"render never reached {at} (exit {process.wait()}): {''.join(seen)}")
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL


def trace(args: list[str]) -> list[tuple[str, int, str]]:
    """The writer's file operations of one render, in order: (op, n, path)."""
    env = {**os.environ, "PAUSED_RENDER_TRACE": "1"}
    result = subprocess.run([sys.executable, str(PAUSED_RENDER), *args], env=env, capture_output=True, text=True, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr
    ops = []
    for line in result.stderr.splitlines():
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[0] in ("replace", "unlink", "rmdir") and parts[1].isdigit():
            ops.append((parts[0], int(parts[1]), parts[2]))
    return ops


__all__ = ["LOCK", "MANIFEST", "REPO", "USER_FILES", "add_user_files", "assert_exactly", "assert_old_or_new", "encoded", "run_paused", "snapshot", "trace"]
