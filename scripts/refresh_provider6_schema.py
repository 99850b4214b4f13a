#!/usr/bin/env python3
"""Refresh plgen's snapshot of the AWS provider 6.x schema, from the prebuilt bindings.

Generated modules accept ``>= 5.100.0, < 7.0.0``, but this machine (and CI) has
only the 5.100 provider binary, so ``terraform providers schema`` cannot speak
for 6.x. The prebuilt CDK Terrain AWS bindings (npm ``@cdktn/provider-aws``,
the maintained fork of ``@cdktf/provider-aws``, whose last release 21.22.1 is
marked deprecated and stops at provider 6.25.0) are generated from the
provider's schema, and their jsii assembly (``package/.jsii``) documents every
configurable argument with its Terraform name::

    LbConfig.clientKeepAlive  docs.summary: "Docs at Terraform Registry:
      {@link https://registry.terraform.io/providers/hashicorp/aws/6.66.0/docs/resources/lb#client_keep_alive ...}"

Which provider version a package carries is in its ``package.json``
(``cdktf.provider.version``): ``@cdktn/provider-aws@25.7.0`` is provider 6.66.0,
``@cdktf/provider-aws@21.22.1`` is 6.25.0. The snapshot keeps, for each type
plgen emits (``schema.RESOURCES`` / ``DATA_SOURCES``), the arguments a
configuration may set: name, whether required, a coarse type (``string``,
``number``, ``bool``, ``["list", T]``, ``["map", T]``; jsii does not tell a set
from a list) and the nested blocks (a block is a struct-typed property the
bindings document as "<name> block."). Computed-only attributes are not
arguments and are not kept; the 5.100 snapshot still refuses them.

    python scripts/refresh_provider6_schema.py                 # npm pack the pinned PACKAGE
    python scripts/refresh_provider6_schema.py path/to/pkg.tgz # or a tarball already downloaded
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from plgen.terraform.schema import DATA_SOURCES, RESOURCES, SNAPSHOT_6  # noqa: E402

PACKAGE = "@cdktn/provider-aws@25.7.0"
ANCHOR = re.compile(r"docs/(resources|data-sources)/[a-z0-9_]+#([a-z0-9_]+) ")
REPRESENTS = re.compile(r"^Represents a \{@link \S+/docs/(resources|data-sources)/[a-z0-9_]+ (aws_[a-z0-9_]+)\}")


def _read_package(tarball: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    with tarfile.open(tarball) as tar:
        manifest = json.load(tar.extractfile("package/package.json"))
        assembly = json.load(tar.extractfile("package/.jsii"))
    return manifest, assembly


def _strip(t: dict[str, Any]) -> dict[str, Any]:
    """A property's type without cdktf's ``IResolvable`` alternative."""
    if "union" in t:
        rest = [u for u in t["union"]["types"] if not u.get("fqn", "").endswith(".IResolvable")]
        return rest[0] if len(rest) == 1 else t
    return t


def _coarse(t: dict[str, Any]) -> Any:
    t = _strip(t)
    if "primitive" in t:
        return {"string": "string", "number": "number", "boolean": "bool"}.get(t["primitive"], "dynamic")
    if "collection" in t:
        kind = "map" if t["collection"]["kind"] == "map" else "list"
        return [kind, _coarse(t["collection"]["elementtype"])]
    if "union" in t:  # e.g. boolean | IResolvable | string: not one primitive
        return "dynamic"
    return "object"


def _block(types: dict[str, Any], fqn: str) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    blocks: dict[str, Any] = {}
    for prop in types[fqn].get("properties", []):
        docs = prop.get("docs", {})
        found = ANCHOR.search(docs.get("summary", "") + " " + docs.get("remarks", ""))
        if found is None:  # `id` is documented without an anchor: it is in both schemas' attributes
            if prop["name"] != "id":
                raise SystemExit(f"{fqn}.{prop['name']}: no Terraform name in its docs")
            name = "id"
        else:
            name = found.group(2)
        t = _strip(prop["type"])
        element = t["collection"]["elementtype"] if "collection" in t and t["collection"]["kind"] == "array" else t
        struct = element.get("fqn")
        if struct in types and docs.get("summary", "").endswith(" block."):
            spec: dict[str, Any] = {"nesting_mode": "list" if element is not t else "single"}
            spec["block"] = _block(types, struct)
            blocks[name] = spec
            continue
        attributes[name] = {"type": _coarse(prop["type"]), **({"optional": True} if prop.get("optional") else {"required": True})}
    return {"attributes": dict(sorted(attributes.items())), "block_types": dict(sorted(blocks.items()))}


def snapshot(manifest: dict[str, Any], assembly: dict[str, Any]) -> dict[str, Any]:
    types = assembly["types"]
    classes: dict[tuple[str, str], str] = {}
    for fqn, t in types.items():
        found = REPRESENTS.match(t.get("docs", {}).get("summary", "")) if t["kind"] == "class" else None
        if found:
            classes[(found.group(1), found.group(2))] = fqn
    out: dict[str, Any] = {"provider_version": manifest["cdktf"]["provider"]["version"], "source": f"{manifest['name']}@{manifest['version']}"}
    for key, kind, names in (("resources", "resources", RESOURCES), ("data_sources", "data-sources", DATA_SOURCES)):
        out[key] = {}
        for name in sorted(names):
            cls = types[classes[(kind, name)]]
            config = next(p for p in cls["initializer"]["parameters"] if p["name"] == "config")["type"]["fqn"]
            out[key][name] = _block(types, config)
    return out


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as work:
        if argv:
            tarball = Path(argv[0])
        else:
            packed = subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=work, check=True, capture_output=True, text=True).stdout.split()[-1]
            tarball = Path(work, packed)
        manifest, assembly = _read_package(tarball)
    data = snapshot(manifest, assembly)
    SNAPSHOT_6.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    print(f"wrote {SNAPSHOT_6.relative_to(ROOT)}: provider {data['provider_version']} from {data['source']}, {len(data['resources'])} resources, {len(data['data_sources'])} data sources")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
