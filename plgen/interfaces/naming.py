"""Terraform-side names: provider aliases per Region.

AWS resource names (NLBs, target groups) are declared in
``plgen.blueprint.names``, where the ``aws-names`` rule checks them.
"""

from __future__ import annotations


def alias(region: str) -> str:
    """Provider alias for a Region: ``eu-west-1`` -> ``eu_west_1``."""
    return region.replace("-", "_")
