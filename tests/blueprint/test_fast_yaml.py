"""The libyaml fast path reads a blueprint exactly as the ruamel loader does, or declines.

Positions and data must be identical, or a problem would point at a different
line depending on the size of the file; anything the fast path cannot read
exactly is left to ruamel (``parse`` returns ``None``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plgen.blueprint import fast_yaml, loader
from plgen.errors import BlueprintError

REPO = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted([*REPO.glob("blueprints/*.yaml"), *REPO.glob("tests/**/*.yaml")])


def fast(text: str):
    return fast_yaml.parse(text, loader.MAX_DEPTH, loader.MAX_NODES, loader.MAX_ALIAS_EXPANSIONS)


def ruamel(text: str, monkeypatch) -> tuple:
    """What the loader gives with the fast path switched off."""
    with monkeypatch.context() as patch:
        patch.setattr(fast_yaml, "parse", lambda *args: None)
        source = loader.parse_source(text, "doc.yaml")
    return source.data, source.positions


@pytest.mark.parametrize("path", DOCUMENTS, ids=[str(p.relative_to(REPO)) for p in DOCUMENTS])
def test_every_yaml_in_the_repository_reads_the_same(path, monkeypatch):
    text = path.read_text()
    result = fast(text)
    try:
        expected = ruamel(text, monkeypatch)
    except BlueprintError:
        assert result is None or not isinstance(result[0], dict), "fast path accepted a document ruamel rejects"
        return
    assert result == expected


SAME = {
    "yaml 1.2 booleans only": "a: yes\nb: no\nc: on\nd: true\ne: False\nf: TRUE\n",
    "nulls": "a: ~\nb:\nc: null\nd: Null\n",
    "decimal integers": "a: 12\nb: -3\nc: 0\nd: 111111111111\n",
    "quoted scalars stay text": "a: \"true\"\nb: '12'\nc: \"\"\nd: 'null'\n",
    "addresses and names": "ip: 10.0.0.10\ncidr: 10.0.0.0/16\naz: use1-az1\narn: arn:aws:iam::222222222222:root\n",
    "block scalars": "a: |\n  line one\n  line two\nb: >\n  folded\n  text\nc: plain\n  continued\n",
    "anchors and aliases": "x: &a [1, 2]\ny: *a\nm: &m {k: v}\nn: *m\n",
    "flow and block sequences": "a: [x, y]\nb:\n  - p: 1\n    q: 2\n  - p: 3\n",
    "scalar keys become text": "1: a\nfalse: b\n~: c\n",
    "unicode": "name: café\ndescription: ünïcödé ✓\n",
    "comments": "# head\na: 1  # trailing\n# between\nb:\n  - x  # item\n",
}


@pytest.mark.parametrize("text", SAME.values(), ids=SAME.keys())
def test_plain_blueprint_yaml_reads_the_same(text, monkeypatch):
    assert fast(text) == ruamel(text, monkeypatch)


DECLINED = {
    "duplicate key": "a: 1\na: 2\n",
    "keys equal as values": "1: a\ntrue: b\n",
    "syntax error": "a: [1, 2\n",
    "tab indentation": "a:\n\t- b\n",
    "explicit tag": "a: !!str 5\n",
    "complex key": "? [a]\n: 1\n",
    "merge key": "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n",
    "float": "a: 1.5\n",
    "yaml 1.1 directive": "%YAML 1.1\n---\na: yes\n",
    "octal-looking integer": "a: 017\n",
    "hexadecimal integer": "a: 0x1F\n",
    "underscored integer": "a: 1_000\n",
    "timestamp": "a: 2024-01-02\n",
    "empty document": "",
    "alias bomb": "a: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    + "".join(f"c{i}: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n" for i in range(200)),
    "deeper than the limit": "a: " + "[" * (loader.MAX_DEPTH + 2) + "]" * (loader.MAX_DEPTH + 2) + "\n",
}


@pytest.mark.parametrize("text", DECLINED.values(), ids=DECLINED.keys())
def test_anything_else_is_left_to_ruamel(text):
    assert fast(text) is None


def test_a_located_problem_points_at_the_same_line_either_way(tmp_path, monkeypatch):
    text = (REPO / "blueprints" / "saas.yaml").read_text().replace("port: 443", "port: 70000", 1)
    path = tmp_path / "saas.yaml"
    path.write_text(text)
    from plgen.compiler import load_all

    with pytest.raises(BlueprintError) as fast_error:
        load_all([path])
    monkeypatch.setattr(fast_yaml, "parse", lambda *args: None)
    with pytest.raises(BlueprintError) as ruamel_error:
        load_all([path])
    assert [str(p) for p in fast_error.value.problems] == [str(p) for p in ruamel_error.value.problems]
    assert ":24:" in str(fast_error.value.problems[0])
