"""The proof as a person reads it (one block per path, one line per hop) and as a machine does (JSON)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from plgen.paths.proof import FAIL, WARN, Path


def summary(name: str, paths: list[Path]) -> str:
    failed = sum(p.status == FAIL for p in paths)
    warned = sum(p.status == WARN for p in paths)
    hops = sum(len(p.hops) for p in paths)
    return f"{name}: {len(paths)} path(s), {hops} hops: {len(paths) - failed - warned} pass, {warned} warn, {failed} fail"


def text(name: str, paths: list[Path], fixes: dict[tuple[str, str, str], str] | None = None, colour: Callable[[str], str] | None = None) -> str:
    """One block per path, one line per hop; ``fixes`` (live drift: the unit to re-apply) under a failing path;
    ``colour`` styles each status (the CLI passes one when standard output is a terminal)."""
    paint = colour or (lambda status: status)
    lines = [summary(name, paths)]
    width = max((len(h.name) for p in paths for h in p.hops), default=8)
    for path in paths:
        lines.append(f"  {path.consumer} -> {path.endpoint} {path.listener}: {paint(path.status)}")
        lines += [f"    {hop.name:<{width}}  {paint(hop.status)}  {hop.reason}" for hop in path.hops]
        fix = (fixes or {}).get((path.consumer, path.endpoint, path.listener))
        if fix:
            lines.append(f"    {'fix':<{width}}  {fix}")
    return "\n".join(lines) + "\n"


def as_json(name: str, paths: list[Path], fixes: dict[tuple[str, str, str], str] | None = None) -> dict[str, Any]:
    out = {"root": name, "status": _status(paths), "paths": [p.as_json() for p in paths]}
    if fixes:
        for row in out["paths"]:
            fix = fixes.get((row["consumer"], row["endpoint"], row["listener"]))
            if fix:
                row["fix"] = fix
    return out


def pull_request(name: str, paths: list[Path], fixes: dict[tuple[str, str, str], str] | None = None) -> str:
    """A Markdown summary for a pull-request comment: the verdict line, the hop table, the fixes."""
    head = f"**{_status(paths)}**: {summary(name, paths)}"
    tail = [f"- `{c}` -> `{e}` {l}: {fix}" for (c, e, l), fix in sorted((fixes or {}).items())]
    return "\n".join([head, "", markdown(paths)] + ([ "", "Fixes:"] + tail if tail else [])) + "\n"


def _status(paths: Iterable[Path]) -> str:
    statuses = {p.status for p in paths}
    return FAIL if FAIL in statuses else WARN if WARN in statuses else "PASS"


def markdown(paths: list[Path]) -> str:
    """The catalogue's table: one row per path, one column per hop (status), then the non-passing reasons."""
    hops = list(dict.fromkeys(h.name for p in paths for h in p.hops))
    rows = ["| Consumer | Endpoint | Listener | " + " | ".join(hops) + " |", "|---|---|---|" + "---|" * len(hops)]
    notes = []
    for path in paths:
        by_name = {h.name: h for h in path.hops}
        rows.append(f"| `{path.consumer}` | `{path.endpoint}` | {path.listener} | " + " | ".join(by_name[h].status if h in by_name else "" for h in hops) + " |")
        notes += [f"- `{path.consumer}` -> `{path.endpoint}` {path.listener}, {h.name}: {h.status}, {h.reason}" for h in path.hops if h.status != "PASS"]
    return "\n".join(rows + ([""] + notes if notes else []))
