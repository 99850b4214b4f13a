"""One Terraform expression as python-hcl2's Lark tree, and the helpers that walk it.

Each distinct expression text is parsed once per process (``parse`` is memoized on the string): a rendered
catalogue repeats the same few hundred expressions across thousands of instances.
"""

from __future__ import annotations

import copy
from functools import cache, lru_cache
from typing import Any

from hcl2.parser import parser as hcl2_parser
from lark import Token, Tree
from lark.exceptions import LarkError
from lark.parse_tree_builder import ParseTreeBuilder
from lark.parsers.lalr_parser import _Parser as LalrParser

from plgen.graph.expressions import TREES
from plgen.paths.hcl.values import CannotJudge

MAX_EXPRESSION = 64 * 1024  # characters of one expression; longer ones are refused before parsing


@lru_cache(maxsize=65536)
def parse(expression: str) -> Tree:
    """The Lark tree of one expression (its text without ``${`` ``}``); what python-hcl2 cannot parse is refused."""
    seeded = TREES.get(expression)  # parsed already by the reader, from the text this was printed from
    if seeded is not None:
        return seeded
    if len(expression) > MAX_EXPRESSION:
        raise CannotJudge(f"an expression of {len(expression)} characters (more than {MAX_EXPRESSION})")
    try:
        tree = _parser().parse(f"x = {expression}\n")
    except (LarkError, RecursionError) as exc:
        raise CannotJudge(f"the expression {expression[:60]!r} (python-hcl2 cannot parse it: {str(exc).splitlines()[0][:80]})") from None
    attribute = next(c for c in tree.children[0].children if isinstance(c, Tree) and c.data == "attribute")
    return _kids(attribute)[-1]


@cache
def _parser() -> Any:
    """python-hcl2's parser (its grammar, lexer and LALR table: ``hcl2.parses_to_tree`` uses it), building its trees
    without source positions.

    python-hcl2 asks Lark to ``propagate_positions`` (each node's line and column, for its own uses); the evaluator
    never reads them, and recording them is about 45% of a parse. Lark makes the tree-building callbacks from the
    grammar's rules and that one option (``Lark._prepare_callbacks``), and a parser is its parse table plus those
    callbacks (``LALR_Parser.deserialize`` builds one that way), so this one shares python-hcl2's lexer and table
    and has callbacks made without positions. The trees are the same, node for node, as
    ``tests/paths/test_syntax.py`` checks on every expression of the catalogue and the corpus.
    """
    base = hcl2_parser()
    builder = ParseTreeBuilder(base.rules, base.options.tree_class or Tree, False, False, base.options.maybe_placeholders)
    callbacks = {**base._callbacks, **builder.create_callback(base.options.transformer)}
    frontend = copy.copy(base.parser)
    frontend.parser = copy.copy(base.parser.parser)
    frontend.parser.parser = LalrParser(base.parser.parser._parse_table, callbacks, False)
    return frontend


def _kids(node: Tree) -> tuple[Tree, ...]:
    """The child nodes of ``node`` (tokens and line breaks left out), kept on the node: trees are parsed once and
    never changed, and the evaluator asks for the same node's children many times (a for body, once per element)."""
    try:
        return node._plgen_kids  # type: ignore[attr-defined]
    except AttributeError:
        kids = node._plgen_kids = tuple(c for c in node.children if isinstance(c, Tree) and c.data != "new_line_or_comment")  # type: ignore[attr-defined]
        return kids


def _tokens(node: Tree) -> list[str]:
    return [str(c) for c in node.children if isinstance(c, Token)]


def is_expression(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("${") and value.endswith("}")


def _unwrap(node: Tree) -> Tree:
    while node.data == "expr_term" and len(_kids(node)) == 1:
        node = _kids(node)[0]
    return node


def _args(call: Tree) -> tuple[tuple[Tree, ...], bool]:
    """A function call's argument nodes, and whether the last is expanded with ``...`` (kept on the node, as ``_kids``)."""
    try:
        return call._plgen_args  # type: ignore[attr-defined]
    except AttributeError:
        pass
    arguments = next((k for k in _kids(call) if k.data == "arguments"), None)
    found = ((), False) if arguments is None else (_kids(arguments), "..." in _tokens(arguments))
    call._plgen_args = found  # type: ignore[attr-defined]
    return found
