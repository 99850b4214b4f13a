"""Shared fixtures: the catalogue compiled once per session, and Terraform roots from it."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from plgen.compiler import compile_paths
from plgen.emit.layout import FORMATS
from tests.trees import write_tree
from plgen.verify.terraform import OFFLINE, Terraform, provider_aliases, terraform_binary

REPO = Path(__file__).resolve().parents[1]
BLUEPRINTS = sorted((REPO / "blueprints").glob("*.yaml"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# terraform and the AWS provider are Go programs, and every terraform command starts the provider three or four times
# (the schema, then one process per graph walk: validate, plan, apply), each building the schemas of some 1,500 resource
# types. The Go collector runs whenever the heap has grown by GOGC percent since the last collection (default 100;
# https://pkg.go.dev/runtime#hdr-Environment_Variables, https://go.dev/doc/gc-guide#GOGC); at 400 a refresh-only plan of
# a deployment unit took 5.5 s of CPU instead of 7.8 s (measured 2026-12-07, 3 runs each, hybrid's provider-inventory
# against the emulator) for 810 MB of peak RSS instead of 640 MB; the Terraform tier's validate tests
# (tests/verify/test_terraform_validate.py and test_units_validate.py, -n 2) took 157 s of CPU in 84 s instead of 176 s
# in 112 s. The Terraform-running tiers spend most of their CPU there, and the apply tier is CPU-bound on the 2-core
# runner. Tests only (Terraform.run passes the environment on); a GOGC the caller sets wins.
os.environ.setdefault("GOGC", "400")


def blueprint_ids() -> list[str]:
    return [p.stem for p in BLUEPRINTS]


@pytest.fixture(scope="session")
def catalogue():
    """Every bundled blueprint compiled in one app, in every format: name -> Output."""
    return {out.name: out for out in compile_paths(BLUEPRINTS, FORMATS)}


@pytest.fixture(scope="session")
def rendered(tmp_path_factory, catalogue) -> Path:
    """The catalogue written to a temporary modules_out/."""
    out = tmp_path_factory.mktemp("modules_out")
    for result in catalogue.values():
        write_tree(out, result.name, result.files)
    return out


def module(catalogue, blueprint: str, path: str) -> dict:
    """The synthesized Terraform JSON of one module directory of a blueprint."""
    return catalogue[blueprint].compiled.modules[path]


def inputs(catalogue, blueprint: str) -> dict:
    return catalogue[blueprint].compiled.inputs


requires_terraform = pytest.mark.skipif(terraform_binary() is None, reason="terraform CLI not installed")


@pytest.fixture(scope="session")
def terraform_root(rendered, tmp_path_factory):
    """Factory: an initialised copy of a blueprint's JSON (or HCL) root, offline provider settings."""
    cache: dict[tuple[str, str], Terraform] = {}

    def make(name: str, fmt: str = "json") -> Terraform:
        if (name, fmt) not in cache:
            work = tmp_path_factory.mktemp(f"tf-{name}-{fmt}")
            shutil.copytree(rendered / name / fmt, work, dirs_exist_ok=True)
            tf = Terraform(work)
            tf.override_provider(OFFLINE, provider_aliases(rendered / name / "json"))
            tf.init()
            cache[(name, fmt)] = tf
        return cache[(name, fmt)]

    return make


@pytest.fixture(scope="session")
def plan(terraform_root):
    """Factory: the offline ``terraform plan`` of a blueprint as JSON (cached per blueprint)."""
    cache: dict[str, dict] = {}

    def make(name: str) -> dict:
        if name not in cache:
            cache[name] = terraform_root(name).plan_json()
        return cache[name]

    return make


def load_json(path: Path) -> dict:
    return json.loads(path.read_text())


def planned_regions(plan: dict) -> dict[str, str]:
    """``<module call>.<resource address>`` -> Region of the provider configuration it is planned with.

    The plan's configuration resolves each resource's provider to a root
    configuration (``aws`` or ``aws.<alias>``); the root's ``regions`` variable
    says which Region each one is.
    """
    regions = plan["variables"]["regions"]["value"]
    out: dict[str, str] = {}

    def walk(module: dict, prefix: str) -> None:
        for resource in module.get("resources", []):
            key = resource["provider_config_key"]
            out[prefix + resource["address"]] = regions[key.split(".", 1)[1] if "." in key else "home"]
        for name, call in module.get("module_calls", {}).items():
            walk(call["module"], f"{prefix}{name}.")

    walk(plan["configuration"]["root_module"], "")
    return out


def pytest_terminal_summary(terminalreporter):
    """The figures tests record (apply: resources, seconds per step; least privilege: the action removed per unit and
    refused; the combination plan: combinations, roots, units, seconds): one line each, under its section, also under
    xdist (a passing test's own output is not shown)."""
    sections = {"apply_figures": "apply against moto", "least_privilege": "least privilege, one action removed per unit", "combination_plan": "combination plan"}
    for key_wanted, title in sections.items():
        rows = [
            value
            for outcome in ("passed", "failed")
            for report in terminalreporter.stats.get(outcome, [])
            for key, value in getattr(report, "user_properties", [])
            if key == key_wanted
        ]
        if rows:
            terminalreporter.section(title)
            for row in sorted(rows, key=lambda r: str(r.get("blueprint", ""))):
                if set(row) == {"blueprint", "line"}:  # a sentence of its own (least privilege: one per unit)
                    terminalreporter.line(f"{row['line']}  [{row['blueprint']}]")
                else:
                    terminalreporter.line("  ".join(f"{k}={v}" for k, v in row.items()))


TIERS = ("terraform", "checkov", "apply")  # the slower tiers (pyproject's markers); CI runs each once (.ci/run)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """A test belongs to one tier: marked with two, CI (which runs ``-m 'terraform or checkov'`` and ``-m apply``)
    would run it twice. Checked on every item collected, before ``-m`` deselects any."""
    twice = [f"{item.nodeid}: {', '.join(m for m in TIERS if item.get_closest_marker(m))}" for item in items if sum(1 for m in TIERS if item.get_closest_marker(m)) > 1]
    if twice:
        raise pytest.UsageError("tests marked with more than one tier (keep the one it belongs to):\n" + "\n".join(twice))
