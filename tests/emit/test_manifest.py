"""The manifest's text is ``json.dumps(indent=1, sort_keys=True)`` of its data, byte for byte (it is written out
directly for speed), and only plain relative paths are accepted in it."""

from __future__ import annotations

import json

import pytest

from plgen.emit.manifest import ABOUT, MANIFEST_VERSION, Manifest, safe_relative


def _reference(manifest: Manifest) -> str:
    data: dict = {"about": ABOUT, "version": MANIFEST_VERSION, "files": dict(sorted(manifest.files.items()))}
    if manifest.writing:
        data["writing"] = {k: sorted(v) for k, v in sorted(manifest.writing.items())}
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


MANIFESTS = [
    Manifest(),
    Manifest({"json/main.tf.json": "ab" * 32}),
    Manifest({"hcl/b.tf": "1", "hcl/a.tf": "2", 'json/odd "name"\\.tf': "3", "json/ünïcode\tname.tf": "4"}),
    Manifest({"json/a": "1"}, {"json/a": ["2", "1"], "json/b": [], "hcl/z": ["3"]}),
    Manifest({}, {"json/a": ["x"]}),
]


@pytest.mark.parametrize("manifest", MANIFESTS, ids=range(len(MANIFESTS)))
def test_the_text_is_json_dumps_of_the_data(manifest):
    assert manifest.text() == _reference(manifest)
    assert json.loads(manifest.text())["files"] == manifest.files


@pytest.mark.parametrize("relative", ["json/main.tf.json", "a", "hcl/modules/x/main.tf"])
def test_a_plain_relative_path_is_accepted(relative):
    assert safe_relative(relative) == relative


@pytest.mark.parametrize("relative", ["", "/etc/passwd", "a//b", "a/", "./a", "a/./b", "../a", "a/../b", "a/.."])
def test_anything_else_is_refused(relative):
    with pytest.raises(ValueError):
        safe_relative(relative)
