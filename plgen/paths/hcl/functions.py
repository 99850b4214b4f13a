"""Terraform's built-in functions, as the evaluator calls them."""

from __future__ import annotations

import json

from plgen.paths.hcl.values import EvaluationError, Ref


FUNCTIONS = {
    "merge": lambda *maps: {k: v for m in maps if m for k, v in m.items()},
    "concat": lambda *lists: [x for item in lists for x in item],
    "distinct": lambda items: list(dict.fromkeys(items)),
    "values": lambda m: [m[k] for k in sorted(m)] if isinstance(m, dict) else list(m),
    "keys": lambda m: sorted(m),
    "length": lambda v: len(v),
    "one": lambda v: (None if not v else v[0]) if len(v) <= 1 else _fail("one() of more than one element"),
    "coalesce": lambda *v: next((x for x in v if x is not None and x != ""), None),
    "tostring": lambda v: v if isinstance(v, (str, Ref)) else json.dumps(v) if isinstance(v, bool) else str(v),
    "tonumber": lambda v: v if isinstance(v, (int, float)) else float(v) if "." in v else int(v),
    "replace": lambda s, a, b: s.replace(a, b),
    "endswith": lambda s, suffix: s.endswith(suffix),
    "startswith": lambda s, prefix: s.startswith(prefix),
    "contains": lambda items, v: v in items,
    "lookup": lambda m, k, *default: m.get(k, *default) if default else m[k],
    "flatten": lambda items: [x for i in items for x in (i if isinstance(i, list) else [i])],
    "toset": lambda items: list(dict.fromkeys(items)),
    "tolist": lambda items: list(items),
    "tomap": lambda m: dict(m),
    "lower": lambda s: s.lower(),
    "upper": lambda s: s.upper(),
    "format": lambda f, *a: f.replace("%s", "{}").format(*a),
    "join": lambda sep, items: sep.join(items),
    "split": lambda sep, s: s.split(sep),
}


def _fail(message: str):
    raise EvaluationError(message)
