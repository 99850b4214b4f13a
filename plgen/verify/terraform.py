"""Run the Terraform CLI on a rendered root, offline, from the provider mirror where there is one.

Used by the tests, the benchmark and ``plgen plan``. Where providers come from
(``cli_config()``): the CLI configuration the user names in
``TF_CLI_CONFIG_FILE`` wins; else the repository's ``terraform.rc`` when the
filesystem mirror it names exists (build machines, where no registry is
reachable); else Terraform's defaults, i.e. the public registry (a laptop).
Terraform reads its CLI configuration from the file ``TF_CLI_CONFIG_FILE`` names
(https://developer.hashicorp.com/terraform/cli/config/config-file). A shared
plugin cache keeps each ``init`` to a symlink instead of a 700 MB copy of the
AWS provider (used as it is, never reinstalled: see
``TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE`` below).

Provider settings that only a test wants (fake credentials, skipped account
lookups, endpoints of a local emulator) go into an ``*_override.tf.json`` file
beside the root, never into the modules users get.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CLI_CONFIG = REPO / "terraform.rc"


def _mirror_of(config: Path) -> Path | None:
    """The ``filesystem_mirror`` path the repository's CLI configuration names (None without one)."""
    try:
        found = re.search(r'filesystem_mirror\s*\{[^}]*?\bpath\s*=\s*"([^"]+)"', config.read_text())
    except OSError:
        return None
    return Path(found.group(1)) if found else None


# The provider mirror of build machines (``/opt/tf-plugins``): ``terraform.rc`` is used only where it exists.
MIRROR = _mirror_of(CLI_CONFIG)


def cli_config() -> str | None:
    """The Terraform CLI configuration file to run with, or None for Terraform's own defaults (the registry).

    ``TF_CLI_CONFIG_FILE`` set by the user wins when the file exists (made
    absolute: Terraform runs in another folder; Terraform itself only warns
    about a missing one and falls back to its defaults, so a missing one is
    passed over here too); else ``terraform.rc`` when its mirror folder exists.
    On a machine without the mirror, that file would exclude registry downloads
    of ``hashicorp/aws`` and leave no source for it, so it is not used there.
    """
    user = os.environ.get("TF_CLI_CONFIG_FILE")
    if user and os.path.isfile(user):
        return os.path.abspath(user)
    if MIRROR is not None and MIRROR.is_dir():
        return str(CLI_CONFIG)
    return None


PLUGIN_CACHE = Path(os.environ.get("PLGEN_TF_PLUGIN_CACHE", "/tmp/plgen-tf-plugin-cache"))
OVERRIDE = "plgen_test_override.tf.json"


class TerraformFailed(RuntimeError):
    def __init__(self, args: list[str], cwd: Path, output: str):
        super().__init__(f"terraform {' '.join(args)} failed in {cwd}:\n{output}")
        self.output = output


def terraform_binary() -> str | None:
    return shutil.which("terraform")


@dataclass
class Terraform:
    """A Terraform working directory (a copy of a rendered root)."""

    root: Path
    env: dict[str, str] = field(default_factory=dict)

    def run(self, *args: str, timeout: int = 900) -> str:
        PLUGIN_CACHE.mkdir(parents=True, exist_ok=True)
        config = cli_config()
        env = {
            **{k: v for k, v in os.environ.items() if k != "TF_CLI_CONFIG_FILE"},
            **({"TF_CLI_CONFIG_FILE": config} if config else {}),
            "TF_PLUGIN_CACHE_DIR": str(PLUGIN_CACHE),
            # A root without a lock file entry for the provider would otherwise be installed from the mirror again,
            # and Terraform replaces the cache entry to do it (removes, then re-creates it): a `validate` or `test`
            # of another root that reads the provider through the cache at that moment fails with "no such file"
            # (seen when the default suite and the apply tests run side by side). With this, init uses the entry.
            "TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE": "true",
            "TF_IN_AUTOMATION": "1",
            "TF_INPUT": "0",
            "CHECKPOINT_DISABLE": "1",
            **self.env,
        }
        result = subprocess.run(["terraform", *args, "-no-color"], cwd=self.root, env=env, capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            raise TerraformFailed(list(args), self.root, result.stdout + result.stderr)
        return result.stdout

    def init(self, backend: bool = False) -> None:
        """``terraform init`` (``-backend=false`` unless asked: a deployment unit applied with its local state), one at a time per machine.

        Two inits that fill the shared plugin cache at once can each see the
        other's half-written provider (seen with pytest-xdist); an exclusive lock
        on the cache serialises the one moment that writes to it.
        """
        PLUGIN_CACHE.mkdir(parents=True, exist_ok=True)
        with open(PLUGIN_CACHE / ".plgen-init.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self.run("init", "-input=false", *(() if backend else ("-backend=false",)))

    def test(self) -> str:
        """``terraform test`` (the module's ``tests/*.tftest.hcl``); raises ``TerraformFailed`` when a run fails."""
        return self.run("test", "-no-color")

    def validate(self) -> dict[str, Any]:
        return json.loads(self.run("validate", "-json"))

    def override_provider(self, settings: dict[str, Any], aliases: list[str]) -> None:
        """Merge ``settings`` into every AWS provider configuration of the root."""
        blocks = [dict(settings)] + [{"alias": a, **settings} for a in aliases]
        (self.root / OVERRIDE).write_text(json.dumps({"provider": {"aws": blocks}}, indent=2))

    def plan_json(self) -> dict[str, Any]:
        """``terraform plan`` then ``show -json``: the instances Terraform would create."""
        self.run("plan", "-input=false", "-refresh=false", "-out=plan.tfplan")
        return json.loads(self.run("show", "-json", "plan.tfplan"))


OFFLINE = {
    "access_key": "plgen-offline",
    "secret_key": "plgen-offline",
    "skip_credentials_validation": True,
    "skip_requesting_account_id": True,
    "skip_metadata_api_check": True,
    "skip_region_validation": True,
}


def provider_aliases(root: Path) -> list[str]:
    """The aliases of the AWS provider configurations declared in a rendered JSON root."""
    providers = json.loads((root / "providers.tf.json").read_text())["provider"]["aws"]
    return sorted(p["alias"] for p in providers if "alias" in p)


def planned_resources(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """Every resource instance in a plan's ``planned_values``, child modules included."""
    out: list[dict[str, Any]] = []

    def walk(module: dict[str, Any]) -> None:
        # A resource whose every attribute is known only after apply (an endpoint accepter) has no "values".
        out.extend({"values": {}, **resource} for resource in module.get("resources", []))
        for child in module.get("child_modules", []):
            walk(child)

    walk(plan["planned_values"]["root_module"])
    return out
