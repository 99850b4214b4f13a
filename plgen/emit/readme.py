"""README.md for one emitted module: its interface as tables, terraform-aws-modules style.

A team that receives ``modules/consumer`` should learn what to pass in and
what comes out without reading ``main.tf.json``. The tables are generated from
the same synthesized module as the Terraform files (never written by hand), so
``plgen render --check`` catches a README that no longer matches its module.
The same functions feed the catalogue pages in ``plgen.docs``.

Columns follow terraform-docs as used by terraform-aws-modules: inputs are
Name | Description | Type | Default | Required, outputs Name | Description.
Long ``object({...})`` types are broken over lines inside ``<pre>`` so that a
reader sees one attribute per line, as terraform-docs does.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any


def cell(text: str) -> str:
    """Markdown table cells cannot hold a raw pipe or a newline."""
    return text.replace("|", "\\|").replace("\n", "<br>")


# Characters that start Markdown or HTML inline anywhere: code spans, emphasis, links, autolinks and raw HTML,
# table pipes, strikethrough, entities. CommonMark lets any ASCII punctuation be backslash-escaped, so a
# backslash before each makes it a literal character (https://spec.commonmark.org/0.31.2/#backslash-escapes).
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# What starts a block at the beginning of a line: headings, lists, quotes, setext underlines, ordered lists.
_LEADING = re.compile(r"^(\d*)([#+=.)-])")


def code(text: str) -> str:
    """``text`` as a Markdown code span that shows it exactly, whatever backticks it holds.

    CommonMark: a code span is fenced by a backtick run no run inside it
    matches, padded with a space where the text starts or ends with one
    (https://spec.commonmark.org/0.31.2/#code-spans). A newline would end a
    table cell, so it must not be in ``text``.
    """
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def literal(text: str) -> str:
    """User text (a blueprint's description) as Markdown that shows exactly that text and nothing more.

    Whitespace runs, newlines included, become one space, so the text stays one
    paragraph or one table cell: it cannot close a code block, open HTML, start
    a heading or a list, or add a table row.
    """
    one_line = " ".join(text.split())
    escaped = _INLINE.sub(r"\\\1", one_line)
    return _LEADING.sub(r"\1\\\2", escaped)


@lru_cache(maxsize=4096)
def pretty_type(type_expr: str) -> str:
    """Break an HCL type expression after ``{`` and ``,`` inside objects, indenting by depth.

    ``map(object({a = string, b = optional(list(string), [])}))`` becomes one
    attribute per line. Commas inside ``optional(...)`` or ``[]`` stay inline.
    """
    if "{" not in type_expr:
        return type_expr
    lines, current, depth, stack = [], "", 0, []
    i = 0
    while i < len(type_expr):
        ch = type_expr[i]
        if ch == "{" and type_expr[i + 1 : i + 2] != "}":
            stack.append("{")
            depth += 1
            lines.append(current + "{")
            current = "  " * depth
        elif ch == "}" and stack and stack[-1] == "{" and not current.endswith("{"):
            stack.pop()
            depth -= 1
            lines.append(current.rstrip())
            current = "  " * depth + "}"
        elif ch in "([":
            stack.append(ch)
            current += ch
        elif ch in ")]":
            if stack:
                stack.pop()
            current += ch
        elif ch == "," and stack and stack[-1] == "{":
            lines.append(current)
            current = "  " * depth
            i += 1  # skip the space after the comma
        else:
            current += ch
        i += 1
    lines.append(current)
    return "\n".join(lines)


def _code(text: str) -> str:
    """Inline code for one line, ``<pre>`` for several (terraform-docs' convention)."""
    if "\n" in text:
        return "<pre>" + cell(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")) + "</pre>"
    return f"`{cell(text)}`"


def default_text(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def inputs_table(module: dict[str, Any]) -> str:
    """Inputs of a synthesized module (its ``variable`` blocks) as a Markdown table."""
    rows = ["| Name | Description | Type | Default | Required |", "|------|-------------|------|---------|:--------:|"]
    for name, spec in sorted(module.get("variable", {}).items()):
        has_default = "default" in spec
        rows.append(
            f'| <a name="input_{name}"></a> [{name}](#input_{name}) | {cell(spec.get("description", ""))} | '
            f"{_code(pretty_type(spec.get('type', 'any')))} | {_code(default_text(spec['default'])) if has_default else 'n/a'} | "
            f"{'no' if has_default else 'yes'} |"
        )
    if len(rows) == 2:
        return "No inputs."
    return "\n".join(rows)


def outputs_table(module: dict[str, Any]) -> str:
    """Outputs of a synthesized module (its ``output`` blocks) as a Markdown table."""
    rows = ["| Name | Description |", "|------|-------------|"]
    for name, spec in sorted(module.get("output", {}).items()):
        rows.append(f'| <a name="output_{name}"></a> [{name}](#output_{name}) | {cell(spec.get("description", ""))} |')
    if len(rows) == 2:
        return "No outputs."
    return "\n".join(rows)


def resources_list(module: dict[str, Any]) -> list[str]:
    """Resource addresses (``type.name``) declared by the module, sorted."""
    return [f"{rtype}.{name}" for rtype, blocks in sorted(module.get("resource", {}).items()) for name in sorted(blocks)]


def module_calls(module: dict[str, Any]) -> list[tuple[str, str]]:
    """(module call name, source) declared by the module, sorted."""
    return [(name, call.get("source", "")) for name, call in sorted(module.get("module", {}).items())]


def requirements(module: dict[str, Any]) -> list[tuple[str, str]]:
    """(name, version constraint): Terraform itself, then each required provider."""
    block = module.get("terraform", {})
    out = []
    if "required_version" in block:
        out.append(("terraform", block["required_version"]))
    for name, spec in sorted(block.get("required_providers", {}).items()):
        out.append((name, spec.get("version", "any") if isinstance(spec, dict) else str(spec)))
    return out


def render(blueprint: str, module_dir: str, module: dict[str, Any], purpose: str | None, source: str) -> str:
    """The README.md of one module directory; ``purpose`` comes from the module's interface, ``source`` names the blueprint file."""
    title = "example root" if module_dir == "." else module_dir.rsplit("/", 1)[-1]
    parts = [
        f"# {blueprint}: {title}",
        "",
        purpose or f"Module `{module_dir}` of blueprint `{blueprint}`.",
        "",
        f"Generated by `plgen render` from {code(' '.join(source.split()))}; do not edit. "
        "The blueprint catalogue page is `docs/catalogue/" + blueprint + ".md`.",
        "",
        "<!-- BEGIN_TF_DOCS -->",
        "## Requirements",
        "",
        "| Name | Version |",
        "|------|---------|",
        *[f"| {name} | `{cell(version)}` |" for name, version in requirements(module)],
        "",
    ]
    calls = module_calls(module)
    if calls:
        parts += ["## Modules", "", "| Name | Source |", "|------|--------|", *[f"| {name} | `{source}` |" for name, source in calls], ""]
    resources = resources_list(module)
    if resources:
        parts += ["## Resources", "", "| Name | Type |", "|------|------|", *[f"| `{address}` | resource |" for address in resources], ""]
    parts += ["## Inputs", "", inputs_table(module), "", "## Outputs", "", outputs_table(module), "<!-- END_TF_DOCS -->", ""]
    return "\n".join(parts)
