#!/usr/bin/env python3
"""Refresh plgen's trimmed snapshot of the AWS provider schema.

The compiler checks every attribute it emits against the provider's own schema
(and learns which names are nested blocks, for HCL), without loading the
provider at compile time. This script regenerates the snapshot from
``terraform providers schema -json`` for the resource types plgen emits, and those it reads in others' roots.

    TF_CLI_CONFIG_FILE=$PWD/terraform.rc python scripts/refresh_provider_schema.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from plgen.verify.terraform import cli_config  # noqa: E402
from plgen.terraform.schema import DATA_SOURCES, PROVIDER_VERSION, READ_RESOURCES, RESOURCES, SNAPSHOT  # noqa: E402

SOURCE = "registry.terraform.io/hashicorp/aws"


def trim(block: dict) -> dict:
    """Keep what the compiler needs: names, types, and whether a value is ours to set."""
    attributes = {
        name: {key: spec[key] for key in ("type", "required", "optional", "computed") if key in spec}
        for name, spec in sorted(block.get("attributes", {}).items())
        if not spec.get("deprecated")
    }
    blocks = {
        name: {
            "nesting_mode": spec["nesting_mode"],
            **{key: spec[key] for key in ("min_items", "max_items") if key in spec},
            "block": trim(spec["block"]),
        }
        for name, spec in sorted(block.get("block_types", {}).items())
    }
    return {"attributes": attributes, "block_types": blocks}


def main() -> int:
    env = dict(os.environ)
    config = cli_config()  # the mirror where it exists, a TF_CLI_CONFIG_FILE that exists, else the registry
    env.pop("TF_CLI_CONFIG_FILE", None)
    if config:
        env["TF_CLI_CONFIG_FILE"] = config
    with tempfile.TemporaryDirectory() as work:
        Path(work, "main.tf").write_text(
            f'terraform {{\n  required_providers {{\n    aws = {{\n      source  = "hashicorp/aws"\n      version = "{PROVIDER_VERSION}"\n    }}\n  }}\n}}\n'
        )
        subprocess.run(["terraform", "init", "-input=false", "-backend=false"], cwd=work, env=env, check=True, capture_output=True)
        raw = subprocess.run(["terraform", "providers", "schema", "-json"], cwd=work, env=env, check=True, capture_output=True).stdout
    schema = json.loads(raw)["provider_schemas"][SOURCE]
    snapshot = {
        "provider_version": PROVIDER_VERSION,
        "resources": {name: trim(schema["resource_schemas"][name]["block"]) for name in sorted(RESOURCES | READ_RESOURCES)},
        "data_sources": {name: trim(schema["data_source_schemas"][name]["block"]) for name in sorted(DATA_SOURCES)},
    }
    SNAPSHOT.write_text(json.dumps(snapshot, indent=1, sort_keys=True) + "\n")
    print(f"wrote {SNAPSHOT.relative_to(ROOT)}: {len(RESOURCES | READ_RESOURCES)} resources, {len(DATA_SOURCES)} data sources")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
