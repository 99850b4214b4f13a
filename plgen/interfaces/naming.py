"""AWS names with hard length limits, derived deterministically.

NLB and target group names are at most 32 characters of letters, digits and
hyphens. Long names are cut and suffixed with a short hash of the full name,
so two long names that share a prefix still differ, and the same blueprint
always yields the same names.
"""

from __future__ import annotations

import hashlib
import re


def aws_name(*parts: str | int, limit: int = 32) -> str:
    full = re.sub(r"[^a-zA-Z0-9-]+", "-", "-".join(str(p) for p in parts)).strip("-")
    if len(full) <= limit:
        return full
    digest = hashlib.sha256(full.encode()).hexdigest()[:6]
    return f"{full[: limit - 7].rstrip('-')}-{digest}"


def alias(region: str) -> str:
    """Provider alias for a Region: ``eu-west-1`` -> ``eu_west_1``."""
    return region.replace("-", "_")
