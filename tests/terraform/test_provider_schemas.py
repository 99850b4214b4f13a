"""Generated modules work with the AWS provider 5.100 and 6.x, and only emit what both accept.

This machine has only the 5.100 binary, so 6.x is checked against the snapshot
``scripts/refresh_provider6_schema.py`` derives from the prebuilt bindings.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plgen.errors import CompileError
from plgen.terraform import new_app, new_module, resource, schema

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted((ROOT / "modules_out").glob("*/json/**/main.tf.json"))


def test_every_generated_module_accepts_provider_5_and_6():
    versions = sorted((ROOT / "modules_out").glob("*/json/**/versions.tf.json"))
    assert len(versions) > 20
    for path in versions:
        aws = json.loads(path.read_text())["terraform"]["required_providers"]["aws"]
        assert aws["version"] == ">= 5.100.0, < 7.0.0", path


def test_the_6x_snapshot_is_a_6x_provider_with_every_emitted_type():
    snapshot = json.loads(schema.SNAPSHOT_6.read_text())
    assert snapshot["provider_version"].startswith("6.")
    assert set(snapshot["resources"]) == schema.RESOURCES
    assert set(snapshot["data_sources"]) == schema.DATA_SOURCES


def _arguments(block: dict, spec: dict, where: str):
    """(where, name) for every argument in an emitted block, nested blocks walked."""
    for name, value in block.items():
        if name in schema.META_ARGUMENTS:
            if name == "dynamic":
                for block_name, content in value.items():
                    yield where, block_name
                    yield from _arguments(content.get("content", {}), spec["block_types"].get(block_name, {}).get("block", {"attributes": {}, "block_types": {}}), f"{where}.{block_name}")
            continue
        yield where, name
        inner = spec["block_types"].get(name)
        if inner is not None:
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    yield from _arguments(item, inner["block"], f"{where}.{name}")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT / "modules_out")))
def test_every_emitted_argument_is_known_to_the_6x_snapshot(path):
    snapshot = json.loads(schema.SNAPSHOT_6.read_text())
    document = json.loads(path.read_text())
    unknown = []
    for kind, table in (("resource", "resources"), ("data", "data_sources")):
        for type_name, instances in document.get(kind, {}).items():
            if not type_name.startswith("aws_"):  # terraform_remote_state (deployment units) is Terraform's own
                continue
            spec = snapshot[table][type_name]
            for name, block in instances.items():
                for where, argument in _arguments(block, spec, f"{type_name}.{name}"):
                    node = spec
                    for part in where.split(".")[2:]:
                        node = node["block_types"][part]["block"]
                    if argument not in node["attributes"] and argument not in node["block_types"]:
                        unknown.append(f"{where}.{argument}")
    assert unknown == []


def test_an_argument_only_6x_has_is_refused_naming_5_100():
    """6.0 added ``region`` to every resource; 5.100 does not know it, so plgen never emits it."""
    with pytest.raises(CompileError, match=r"aws_lb: 'region' is not an argument of this type in provider 5.100.0"):
        resource(new_module(new_app(), "m"), "aws_lb", "this", {"name": "x", "region": "us-east-1"})


def test_an_argument_6x_dropped_is_refused_naming_the_6x_version(monkeypatch):
    trimmed = json.loads(schema.SNAPSHOT_6.read_text())
    del trimmed["resources"]["aws_lb"]["attributes"]["internal"]
    monkeypatch.setattr(schema, "_snapshot_6", lambda: trimmed)
    version = trimmed["provider_version"]
    with pytest.raises(CompileError, match=rf"aws_lb: 'internal' is not an argument of this type in provider {version}; emit only what 5.100 and 6.x share"):
        resource(new_module(new_app(), "m"), "aws_lb", "this", {"name": "x", "internal": True})


def test_a_block_6x_turned_into_an_attribute_is_refused(monkeypatch):
    trimmed = json.loads(schema.SNAPSHOT_6.read_text())
    trimmed["resources"]["aws_lb"]["block_types"].pop("access_logs")
    trimmed["resources"]["aws_lb"]["attributes"]["access_logs"] = {"optional": True, "type": "object"}
    monkeypatch.setattr(schema, "_snapshot_6", lambda: trimmed)
    with pytest.raises(CompileError, match=r"aws_lb: block 'access_logs' is not a block of this type in provider 6"):
        resource(new_module(new_app(), "m"), "aws_lb", "this", {"name": "x", "access_logs": {"bucket": "b", "enabled": True}})


def test_a_type_change_between_5_and_6_is_refused(monkeypatch):
    trimmed = json.loads(schema.SNAPSHOT_6.read_text())
    trimmed["resources"]["aws_lb"]["attributes"]["idle_timeout"]["type"] = "string"
    monkeypatch.setattr(schema, "_snapshot_6", lambda: trimmed)
    with pytest.raises(CompileError, match=r"'idle_timeout' is number in provider 5.100.0 but string in 6"):
        resource(new_module(new_app(), "m"), "aws_lb", "this", {"name": "x", "idle_timeout": 60})


def test_an_argument_6x_requires_must_be_emitted(monkeypatch):
    trimmed = json.loads(schema.SNAPSHOT_6.read_text())
    trimmed["resources"]["aws_lb"]["attributes"]["name"] = {"required": True, "type": "string"}
    monkeypatch.setattr(schema, "_snapshot_6", lambda: trimmed)
    with pytest.raises(CompileError, match=r"argument 'name' is required by provider 6\.\d+\.\d+ and missing"):
        resource(new_module(new_app(), "m"), "aws_lb", "this", {"internal": True})
