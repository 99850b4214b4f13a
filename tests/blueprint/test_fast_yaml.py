"""The libyaml fast path reads a blueprint exactly as the ruamel loader does, or declines.

Positions and data must be identical, or a problem would point at a different
line depending on the size of the file; anything the fast path cannot read
exactly is left to ruamel (``parse`` returns ``None``). Limits (nesting, node
count, alias and merge expansion, integer length) and keys that are not text
are reported by both paths with the same message at the same place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plgen.blueprint import fast_yaml, loader
from plgen.blueprint.fast_yaml import Limits
from plgen.errors import BlueprintError

REPO = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted([*REPO.glob("blueprints/*.yaml"), *REPO.glob("tests/**/*.yaml")])


def fast(text: str, limits: Limits = loader.LIMITS):
    return fast_yaml.parse(text, limits)


def outcome(text: str, monkeypatch, *, ruamel: bool, limits: Limits = loader.LIMITS):
    """(data, positions, raw) the loader gives, or the problems it raises; ``ruamel`` switches the fast path off."""
    with monkeypatch.context() as patch:
        if ruamel:
            patch.setattr(fast_yaml, "parse", lambda *args: None)
        try:
            source = loader.parse_source(text, "doc.yaml", limits)
        except BlueprintError as exc:
            return [str(p) for p in exc.problems]
    return source.data, source.positions, source.raw


def assert_same(text: str, monkeypatch, limits: Limits = loader.LIMITS):
    expected = outcome(text, monkeypatch, ruamel=True, limits=limits)
    assert outcome(text, monkeypatch, ruamel=False, limits=limits) == expected
    return expected


@pytest.mark.parametrize("path", DOCUMENTS, ids=[str(p.relative_to(REPO)) for p in DOCUMENTS])
def test_every_yaml_in_the_repository_reads_the_same(path, monkeypatch):
    text = path.read_bytes().decode("utf-8", errors="replace")
    assert_same(text, monkeypatch)


SAME = {
    "yaml 1.2 booleans only": "a: yes\nb: no\nc: on\nd: true\ne: False\nf: TRUE\n",
    "nulls": "a: ~\nb:\nc: null\nd: Null\n",
    "decimal integers": "a: 12\nb: -3\nc: 0\nd: 111111111111\n",
    "quoted scalars stay text": "a: \"true\"\nb: '12'\nc: \"\"\nd: 'null'\n",
    "addresses and names": "ip: 10.0.0.10\ncidr: 10.0.0.0/16\naz: use1-az1\narn: arn:aws:iam::222222222222:root\n",
    "block scalars": "a: |\n  line one\n  line two\nb: >\n  folded\n  text\nc: plain\n  continued\n",
    "anchors and aliases": "x: &a [1, 2]\ny: *a\nm: &m {k: v}\nn: *m\n",
    "flow and block sequences": "a: [x, y]\nb:\n  - p: 1\n    q: 2\n  - p: 3\n",
    "unicode": "name: café\ndescription: ünïcödé ✓\n",
    "comments": "# head\na: 1  # trailing\n# between\nb:\n  - x  # item\n",
    "quoted merge-looking key is text": "b:\n  '<<': {a: 1}\n",
}
MERGES = {
    "merge key": "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n",
    "own keys win, before or after <<": "base: &b {x: 1, y: 2}\nd:\n  x: 0\n  <<: *b\n  z: 3\ne:\n  <<: *b\n  y: 9\n",
    "first of a merge list wins": "a: &a {x: 1, y: 2}\nb: &b {y: 3, z: 4}\nd:\n  <<: [*a, *b]\n",
    "merge of an inline mapping": "d:\n  <<: {q: 1, r: [1, 2]}\n  s: 2\n",
    "merge of a merged mapping": "a: &a {x: 1}\nb: &b\n  <<: *a\n  y: 2\nc:\n  <<: *b\n  z: 3\n",
    "merged collections": "a: &a\n  azs: [use1-az1, use1-az2]\n  vpc: {cidr: 10.0.0.0/16}\nc:\n  - <<: *a\n    name: one\n  - <<: *a\n    name: two\n",
    "listener defaults": "listeners:\n  - &tcp\n    port: 443\n    protocol: TCP\n  - <<: *tcp\n    port: 8443\n",
}


@pytest.mark.parametrize("text", [*SAME.values(), *MERGES.values()], ids=[*SAME, *MERGES])
def test_plain_blueprint_yaml_reads_the_same(text, monkeypatch):
    assert fast(text) is not None
    assert fast(text)[:3] == outcome(text, monkeypatch, ruamel=True)


def test_a_merged_field_is_placed_where_the_anchor_wrote_it(monkeypatch):
    text = MERGES["listener defaults"]
    data, positions, _ = assert_same(text, monkeypatch)
    assert data == {"listeners": [{"port": 443, "protocol": "TCP"}, {"port": 8443, "protocol": "TCP"}]}
    assert positions[("listeners", 1, "port")] == (6, 5)  # its own key, on the merging item
    assert positions[("listeners", 1, "protocol")] == (4, 5)  # merged: where the anchor wrote it, not the << line (5)
    data, positions, _ = assert_same(MERGES["merged collections"], monkeypatch)
    assert positions[("c", 1, "azs", 1)] == (2, 19) and positions[("c", 1, "vpc", "cidr")] == (3, 9)


DECLINED = {
    "duplicate key": "a: 1\na: 2\n",
    "keys equal as values": "1: a\ntrue: b\n",
    "syntax error": "a: [1, 2\n",
    "tab indentation": "a:\n\t- b\n",
    "explicit tag": "a: !!str 5\n",
    "complex key": "? [a]\n: 1\n",
    "float": "a: 1.5\n",
    "yaml 1.1 directive": "%YAML 1.1\n---\na: yes\n",
    "octal-looking integer": "a: 017\n",
    "hexadecimal integer": "a: 0x1F\n",
    "underscored integer": "a: 1_000\n",
    "timestamp": "a: 2024-01-02\n",
    "empty document": "",
    "two merge keys": "b: &b {a: 1}\nc:\n  <<: *b\n  <<: *b\n",
    "merge of a scalar": "a: &a 5\nb:\n  <<: *a\n",
    "undefined alias": "b:\n  <<: *x\n",
    "a line separator (a line break to libyaml only)": "a: 'x\u2028y'\nb: 1\n",
    "a next-line character": "a: 'x\x85y'\nb: [1,\n  2]\n",
}


@pytest.mark.parametrize("text", DECLINED.values(), ids=DECLINED.keys())
def test_anything_else_is_left_to_ruamel(text, monkeypatch):
    assert fast(text) is None
    assert_same(text, monkeypatch)


SMALL = Limits(depth=8, nodes=60, alias_expansions=5, int_digits=30, ruamel_nodes=40)
REFUSED = {
    "deeper than the limit": ("a: " + "[" * 10 + "]" * 10 + "\n", "the document nests deeper than 8 levels"),
    "deep block mappings": ("".join("  " * i + f"k{i}:\n" for i in range(12)) + "  " * 12 + "v\n", "the document nests deeper than 8 levels"),
    "too many nodes": ("a:\n" + "".join(f"  - {i}\n" for i in range(70)), "more than 60 YAML nodes"),
    "alias bomb": ("a: &a [x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n", "aliases expand to more than 5 copies"),
    "an integer too long to convert": ("a: " + "9" * 31 + "\n", "a number of 31 digits"),
    "a long negative integer": ("a: [-" + "9" * 31 + "]\n", "a number of 31 digits"),
    "an integer key too long": ("9" * 31 + ": a\n", "a number of 31 digits"),
    "null key": ("tags:\n  ~: x\n", 'doc.yaml:2:3: tags.~: key ~ is null, not text (quote it: "~")'),
    "boolean key": ("tags:\n  true: a\n  'True': b\n", 'doc.yaml:2:3: tags.true: key true is a boolean, not text (quote it: "true")'),
    "number key": ("subnets:\n  1: a\n", 'doc.yaml:2:3: subnets.1: key 1 is a number, not text (quote it: "1")'),
    "empty key": ("a:\n  : x\n", "key (empty) is null, not text"),
    "merged non-text key": ("d: &d {~: 1}\ne:\n  <<: *d\n", "doc.yaml:1:8: d.~: key ~ is null"),
    # libyaml ends a line at U+2028 (YAML 1.1), plgen only at \n: the limit is still placed on the file's line 3
    "too deep after a line separator": ("a: '\u2028x\u2028'\nb: 1\nc: " + "[" * 70 + "]" * 70 + "\n", "doc.yaml:3:"),
}


@pytest.mark.parametrize(("text", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_limits_and_keys_that_are_not_text_are_the_same_problem_on_both_paths(text, message, monkeypatch):
    problems = assert_same(text, monkeypatch, SMALL)
    assert isinstance(problems, list), "accepted"
    assert any(message in p for p in problems), problems


def test_a_large_document_ruamel_would_read_slowly_is_refused_by_the_fast_path():
    text = "a:\n" + "".join(f"  - {i}\n" for i in range(50)) + "b: 1.5\n"
    with pytest.raises(fast_yaml.TooLarge, match="uses the scalar '1.5', which plgen reads only in documents of at most 40 nodes") as caught:
        fast(text, SMALL)
    assert (caught.value.line, caught.value.column) == (52, 4)
    with pytest.raises(fast_yaml.TooLarge, match="YAML syntax error") as caught:
        fast(text.replace("b: 1.5", "b: [1, 2"), SMALL)
    assert caught.value.line == 53


def test_a_merge_bomb_is_bounded(monkeypatch):
    keys = ", ".join(f"k{i}: {i}" for i in range(10))
    text = f"a: &a {{{keys}}}\n" + "".join(f"m{i}: {{<<: [*a, *a, *a, *a, *a]}}\n" for i in range(3))
    with pytest.raises(fast_yaml.TooLarge, match="merge keys expand to more than 60 keys"):
        fast(text, Limits(nodes=60, ruamel_nodes=40))


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
    assert ":27:" in str(fast_error.value.problems[0])
