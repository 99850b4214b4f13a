"""One Terraform expression as python-hcl2's Lark tree, and the helpers that walk it."""

from __future__ import annotations

from functools import cache
from typing import Any

import hcl2
from lark import Token, Tree


@cache
def parse(expression: str) -> Tree:
    tree = hcl2.parses_to_tree(f"x = {expression}\n")
    attribute = next(c for c in tree.children[0].children if isinstance(c, Tree) and c.data == "attribute")
    return _kids(attribute)[-1]


def _kids(node: Tree) -> list[Tree]:
    return [c for c in node.children if isinstance(c, Tree) and c.data != "new_line_or_comment"]


def _tokens(node: Tree) -> list[str]:
    return [str(c) for c in node.children if isinstance(c, Token)]


def is_expression(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("${") and value.endswith("}")


def _unwrap(node: Tree) -> Tree:
    while node.data == "expr_term" and len(_kids(node)) == 1:
        node = _kids(node)[0]
    return node


def _args(call: Tree) -> tuple[list[Tree], bool]:
    """A function call's argument nodes, and whether the last is expanded with ``...``."""
    arguments = next((k for k in _kids(call) if k.data == "arguments"), None)
    if arguments is None:
        return [], False
    return _kids(arguments), "..." in _tokens(arguments)
