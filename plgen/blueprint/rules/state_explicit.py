"""Deployment units of several accounts keep their state where every runner can reach it, or say they do not.

A unit is applied by whoever runs its account (issue 24): a local state file
in the unit's folder works only when every account's unit runs from one
checkout on one machine, so a blueprint whose sides span accounts names its
S3 backend (``state:`` with a bucket) or says ``state: local`` on purpose.
Terraform's own default is a local state file
(https://developer.hashicorp.com/terraform/language/backend): nothing warns a
team that its colleague in the other account cannot see it.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


def accounts(bp: Blueprint) -> list[str]:
    """Every account a side or peer of the blueprint lives in, in order of appearance."""
    seen: dict[str, None] = {}
    for side in [*bp.providers, *bp.consumers]:
        seen.setdefault(side.account_id, None)
        for peer in side.peers:
            seen.setdefault(peer.account_id or side.account_id, None)
    return list(seen)


def _some(found: list[str], shown: int = 4) -> str:
    """The first accounts, and how many more: one line for a fleet of thousands."""
    more = len(found) - shown
    return ", ".join(found[:shown]) + (f" and {more} more" if more > 0 else "")


@rule("state-explicit", "A blueprint spanning several accounts says where its deployment units keep their state")
def state_explicit(bp: Blueprint) -> Iterable[Finding]:
    found = accounts(bp)
    if bp.state is None and len(found) > 1:
        yield Finding(
            ("name",),
            f"the sides are in {len(found)} accounts ({_some(found)}) but the blueprint has no `state:`; each account's units would keep a local state file no other runner can read",
            "add `state: {bucket: <bucket>, region: <region>}` (one S3 key per unit), or `state: local` if every unit is applied from one checkout on one machine",
        )
