"""How a value crosses from one side's deployment unit to another's: a hand-off file, or a remote state read (issue 24).

A unit publishes exactly what other units read of it: one output per module
call another unit reads, holding only the module outputs read (service names
and IDs, private DNS verification, endpoint IDs to accept, peering IDs). A
reader takes that output one of two ways:

- ``file`` (the default, and the only way across organisations): the
  producer's operator saves the output with
  ``terraform output -json <call> > <reader>/handoffs/<producer>.<call>.json``
  and hands the file over (reviewed, committed in the reader's repository);
  the reader's unit lists the files it expects in its ``handoffs`` variable
  (its tfvars, from ``units.json``) and reads each with ``jsondecode(file())``
  (https://developer.hashicorp.com/terraform/language/functions/file). A
  missing file fails the reader's plan by name; no state, and no credential,
  crosses. A new consumer is a new file and a new entry in the provider
  acceptance unit's tfvars, never new code.
- ``remote_state``: the reader reads the producer's state through
  ``terraform_remote_state``, whose user "must have access to the entire
  state snapshot, which often includes some sensitive information"
  (https://developer.hashicorp.com/terraform/language/state/remote-state-data,
  which recommends "explicitly publishing data for external consumption to a
  separate location instead"). Used between units of one side, and between
  two sides only when both say ``handoff: remote_state``.

A shared parameter store was considered and not chosen: SSM Parameter Store
shares parameters across accounts only since February 2024, only
advanced-tier parameters, through an AWS RAM resource share the consuming
account must accept (https://github.com/aws/aws-cdk/pull/30646,
https://github.com/aws/aws-cdk/issues/30603). That is a paid parameter and a
RAM share and acceptance per customer, plus a reader role in the producer's
trust, where a file needs nothing but the hand-over two companies already do.
"""

from __future__ import annotations

from plgen.blueprint.model import Blueprint

HANDOFFS = "handoffs"  # the reader unit's variable and folder
FILE = "file"
REMOTE_STATE = "remote_state"


def side_handoffs(bp: Blueprint) -> dict[str, str]:
    """The hand-off each side chose (its own ``handoff``, else the blueprint's), by side name."""
    return {side.name: str(side.handoff or bp.handoff) for side in [*bp.providers, *bp.consumers]}


def edge(bp: Blueprint, reader_team: str, producer_team: str, chosen: dict[str, str] | None = None) -> str:
    """How a reader unit takes a producer unit's values: its own side's state, else a file unless both sides share state.

    ``chosen`` is ``side_handoffs(bp)``, passed by a caller asking for many edges (read once, not per edge).
    """
    if reader_team == producer_team:
        return REMOTE_STATE
    chosen = side_handoffs(bp) if chosen is None else chosen
    both = {chosen.get(reader_team, str(bp.handoff)), chosen.get(producer_team, str(bp.handoff))}
    return REMOTE_STATE if both == {REMOTE_STATE} else FILE


def handoff_file(producer: str, call: str) -> str:
    """Where, in the reader's unit folder, the producer's output ``call`` is saved."""
    return f"{HANDOFFS}/{producer}.{call}.json"


def file_expression(call: str) -> str:
    """The list of the hand-off values of ``call`` the unit's ``handoffs`` variable names, each decoded."""
    return f'[for f in var.{HANDOFFS}["{call}"] : jsondecode(file("${{path.module}}/${{f}}"))]'
