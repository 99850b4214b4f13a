"""Providers come from the mirror only where it exists; elsewhere from the user's CLI configuration or the registry.

The repository's ``terraform.rc`` names the build machines' filesystem mirror
and excludes registry downloads of ``hashicorp/aws``: on a laptop without the
mirror it would leave Terraform no source for the provider at all. These tests
move the mirror out of reach (``MIRROR`` patched to a missing folder) and check
what Terraform is run with, and that a rendered root still initialises from a
local provider cache the user names (standing in for the registry, which this
machine cannot reach).
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from plgen.verify import terraform
from plgen.verify.terraform import CLI_CONFIG, Terraform
from tests.conftest import requires_terraform

MIRROR = terraform.MIRROR


def _env_of_a_run(monkeypatch, tmp_path) -> dict[str, str]:
    """The environment ``Terraform.run`` starts the CLI with (the CLI itself replaced by a recorder)."""
    seen: dict[str, str] = {}

    def record(args, cwd, env, **_):
        seen.update(env)
        return subprocess.CompletedProcess(args, 0, "", "")

    monkeypatch.setattr(terraform.subprocess, "run", record)
    Terraform(tmp_path).run("version")
    return seen


def test_the_repository_configuration_is_used_where_its_mirror_exists(monkeypatch, tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    monkeypatch.setattr(terraform, "MIRROR", mirror)
    monkeypatch.delenv("TF_CLI_CONFIG_FILE", raising=False)
    assert _env_of_a_run(monkeypatch, tmp_path)["TF_CLI_CONFIG_FILE"] == str(CLI_CONFIG)


def test_without_the_mirror_terraform_keeps_its_defaults(monkeypatch, tmp_path):
    monkeypatch.setattr(terraform, "MIRROR", tmp_path / "no-such-mirror")
    monkeypatch.delenv("TF_CLI_CONFIG_FILE", raising=False)
    assert "TF_CLI_CONFIG_FILE" not in _env_of_a_run(monkeypatch, tmp_path)
    # a user setting naming a file that does not exist is passed over, as Terraform itself does (it only warns)
    monkeypatch.setenv("TF_CLI_CONFIG_FILE", str(tmp_path / "missing.tfrc"))
    assert "TF_CLI_CONFIG_FILE" not in _env_of_a_run(monkeypatch, tmp_path)


def test_the_users_configuration_wins_over_the_mirror(monkeypatch, tmp_path):
    mine = tmp_path / "mine.tfrc"
    mine.write_text("disable_checkpoint = true\n")
    monkeypatch.setattr(terraform, "MIRROR", tmp_path)  # exists
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TF_CLI_CONFIG_FILE", "mine.tfrc")  # relative: made absolute, Terraform runs elsewhere
    assert _env_of_a_run(monkeypatch, tmp_path)["TF_CLI_CONFIG_FILE"] == str(mine)


@requires_terraform
@pytest.mark.terraform
@pytest.mark.skipif(MIRROR is None or not MIRROR.is_dir(), reason="needs the provider mirror to stand in for the registry")
def test_a_rendered_root_initialises_without_the_mirror(monkeypatch, rendered, tmp_path):
    """No mirror at its place; the user's own CLI configuration names a local provider cache (a symlink to the mirror)."""
    cache = tmp_path / "provider-cache"
    os.symlink(MIRROR, cache)
    config = tmp_path / "laptop.tfrc"
    config.write_text(f'provider_installation {{\n  filesystem_mirror {{\n    path = "{cache}"\n  }}\n}}\n')
    monkeypatch.setattr(terraform, "MIRROR", tmp_path / "opt-tf-plugins-absent")
    monkeypatch.setenv("TF_CLI_CONFIG_FILE", str(config))
    root = tmp_path / "saas"
    shutil.copytree(rendered / "saas" / "json", root)
    Terraform(root).init()
    assert (root / ".terraform.lock.hcl").is_file()
    assert list((root / ".terraform" / "providers" / "registry.terraform.io" / "hashicorp" / "aws").iterdir())
