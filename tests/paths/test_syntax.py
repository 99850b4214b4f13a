"""The proof's parser gives python-hcl2's trees, node for node, without source positions.

``plgen.paths.hcl.syntax._parser`` shares python-hcl2's grammar, lexer and LALR table and builds its trees with
callbacks made without ``propagate_positions`` (the evaluator never reads a position; recording them is about
45% of a parse). If a Lark or python-hcl2 upgrade changed what those callbacks build, these fail.
"""

from __future__ import annotations

import json
from pathlib import Path

import hcl2
import pytest

from plgen.paths.hcl import syntax
from plgen.terraform.template import single_interpolation

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "paths" / "corpus"

SHAPES = [
    "var.regions[\"home\"]",
    "{ for k, v in var.services : k => v if v.enabled }",
    "[for s in aws_subnet.this : s.id]",
    "aws_lb.this[*].arn",
    "var.x == null ? 0 : length(var.x)",
    '"prefix-${upper(var.name)}-%{ if var.on }on%{ else }off%{ endif }"',
    "<<-EOT\n  two\n  lines ${var.x}\nEOT\n",
    "-1 + 2 * 3 % 4 / 5",
    "!var.a && (var.b || var.c)",
    "merge(local.a, { b = [1, 2.5, true, null] })",
    "format(\"%d-%s\", 5, \"a\")  # a comment",
]


def _expressions() -> list[str]:
    """Every expression of the catalogue's compiled JSON (one interpolation each), and SHAPES."""
    found: set[str] = set(SHAPES)

    def walk(value):
        if isinstance(value, str):
            inner = single_interpolation(value)
            if inner is not None:
                found.add(inner)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    for path in sorted((REPO / "modules_out").glob("*/json/**/*.tf.json")):
        walk(json.loads(path.read_text()))
    return sorted(found)


EXPRESSIONS = _expressions()


def test_the_catalogue_gives_enough_expressions_to_compare():
    assert len(EXPRESSIONS) > 200


@pytest.mark.parametrize("chunk", range(8))
def test_each_expression_parses_to_python_hcl2s_tree_without_positions(chunk):
    for expression in EXPRESSIONS[chunk::8]:
        text = f"x = {expression}\n"
        ours = syntax._parser().parse(text + "\n")  # python-hcl2 appends one line break of its own
        assert ours == hcl2.parses_to_tree(text), expression
        assert all(not hasattr(node.meta, "line") for node in ours.iter_subtrees())


@pytest.mark.parametrize("path", sorted(CORPUS.rglob("*.tf")), ids=lambda p: str(p.relative_to(CORPUS)))
def test_each_corpus_file_parses_to_python_hcl2s_tree(path):
    text = path.read_text()
    assert syntax._parser().parse(text + "\n") == hcl2.parses_to_tree(text)


def test_what_python_hcl2_refuses_is_refused_and_located():
    with pytest.raises(syntax.CannotJudge, match="python-hcl2 cannot parse it"):
        syntax.parse.__wrapped__("var.x[")
