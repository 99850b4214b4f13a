"""Atomic writes made durable together: one ``syncfs`` per filesystem on Linux, fsync per file elsewhere.

Whichever way, a failure to make the files durable replaces no target and leaves no temporary file.
"""

from __future__ import annotations

import ctypes
import errno
import os

import pytest

from plgen.emit import atomic


def _files(tmp_path, n=5):
    for i in range(n):
        (tmp_path / f"f{i}.tf.json").write_text("old")
    return [(tmp_path / f"f{i}.tf.json", f"new {i}".encode()) for i in range(n)]


def _state(tmp_path):
    return sorted((p.name, p.read_text()) for p in tmp_path.iterdir())


@pytest.mark.parametrize("syncfs", ["linux", "none"])
def test_every_file_gets_its_new_bytes_and_no_temporary_file_stays(tmp_path, monkeypatch, syncfs):
    if syncfs == "none":
        monkeypatch.setattr(atomic, "_syncfs", lambda: None)
    elif atomic._syncfs() is None:
        pytest.skip("no syncfs on this system")
    atomic.atomic_write_all(_files(tmp_path))
    assert _state(tmp_path) == [(f"f{i}.tf.json", f"new {i}") for i in range(5)]


def test_one_syncfs_replaces_the_fsync_of_each_file(tmp_path, monkeypatch):
    if atomic._syncfs() is None:
        pytest.skip("no syncfs on this system")
    calls, fsyncs = [], []
    real = atomic._syncfs()
    monkeypatch.setattr(atomic, "_syncfs", lambda: lambda fd: calls.append(fd) or real(fd))
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: fsyncs.append(fd))
    atomic.atomic_write_all(_files(tmp_path, 50))
    assert (len(calls), fsyncs) == (1, [])


def test_a_failed_syncfs_replaces_nothing_and_removes_the_temporary_files(tmp_path, monkeypatch):
    def failing(fd):
        ctypes.set_errno(errno.EIO)
        return -1

    monkeypatch.setattr(atomic, "_syncfs", lambda: failing)
    with pytest.raises(OSError) as raised:
        atomic.atomic_write_all(_files(tmp_path))
    assert raised.value.errno == errno.EIO
    assert _state(tmp_path) == [(f"f{i}.tf.json", "old") for i in range(5)]
    assert not [n for n in os.listdir(tmp_path) if n.endswith(atomic.TMP)]
