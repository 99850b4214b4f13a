"""``init`` of a fresh root uses the shared plugin cache entry as it is, and never replaces it.

The default suite and the apply tests run side by side in CI and share one
plugin cache. Terraform reinstalls a provider that has no lock file entry yet,
and replaces the cache entry to do so (removes it, then creates it again); a
``validate`` or ``test`` of another root reading the provider through the cache
in that moment failed with "lstat …/linux_amd64: no such file or directory".
"""

from __future__ import annotations

import os
import shutil

import pytest

from plgen.verify.terraform import PLUGIN_CACHE, Terraform
from tests.conftest import requires_terraform


@requires_terraform
@pytest.mark.terraform
def test_init_of_a_root_without_a_lock_file_leaves_the_cache_entry_in_place(rendered, tmp_path):
    first = tmp_path / "first"
    shutil.copytree(rendered / "saas" / "json", first)
    Terraform(first).init()  # the cache holds the provider from here on
    entry = next(PLUGIN_CACHE.glob("registry.terraform.io/hashicorp/aws/*/*"))
    before = os.lstat(entry)

    second = tmp_path / "second"
    shutil.copytree(rendered / "saas" / "json", second)
    assert not (second / ".terraform.lock.hcl").exists()
    Terraform(second).init()

    after = os.lstat(entry)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns), "init replaced the shared cache entry"
    assert (second / ".terraform.lock.hcl").is_file()
