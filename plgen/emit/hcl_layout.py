"""How ``name = value`` lines are laid out, as ``terraform fmt`` lays them out: the one rule both writers share.

A run of attributes whose values fit on one line shares one column for the
``=``; a value that spans lines is written after a single space and ends the
run. ``hcl_writer`` (block bodies) and ``hcl_expressions`` (object
constructors it opens up) both lay out their attributes with it, so neither
imports the other.
"""

from __future__ import annotations

INDENT = "  "


def assignments(pairs: list[tuple[str, str]], pad: str) -> list[str]:
    """Lines of ``name = text`` at indentation ``pad``, aligned as terraform fmt aligns them."""
    lines: list[str] = []
    run: list[tuple[str, str]] = []

    def flush() -> None:
        width = max((len(name) for name, _ in run), default=0)
        lines.extend(f"{pad}{name.ljust(width)} = {text}" for name, text in run)
        run.clear()

    for name, text in pairs:
        if "\n" in text:
            flush()
            lines.append(f"{pad}{name} = {text}")
        else:
            run.append((name, text))
    flush()
    return lines
