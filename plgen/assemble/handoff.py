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

Across two blueprints (a provider-only blueprint and its customers'
consumer-only ones, rendered by different organisations) neither side knows
the other's unit names, so the file is named by what both sides say in their
own blueprints: ``handoffs/<customer>.consumer_<region>.json``, where
``<customer>`` is the customer's consumer side name (its own blueprint's
``consumers[].name``, which the provider writes as ``external_consumers[].name``)
and ``<region>`` the service's Region with ``_`` (``consumer_us_east_1``: the
customer's consumer module call in that Region). The customer's unit holding
that call publishes it as an output of the same name, and ``units.json``
gives its operator the command (``handoffs_out``): ``terraform output -json
consumer_us_east_1 > customer-acme.consumer_us_east_1.json``, dropped into the
provider's acceptance unit's ``handoffs/`` folder (its ``handoffs_in``). The
file holds ``{<customer>: {endpoints: {<provider>/<service>: {id, ...}}}}``: the
customer's ``external_services`` entry names the vendor as the provider's
``name`` and the service by its ``name``, both of which the vendor gives with
its service name. The acceptance unit reads each file that is there
(``fileexists``): a customer who has not handed over yet is accepted on a
later run, and a file without the endpoint fails the plan naming the key.
In the other direction the customer needs only the service name, which it
writes in its blueprint (or takes from the provider unit's
``endpoint_services`` output).

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
from plgen.interfaces.naming import alias

HANDOFFS = "handoffs"  # the reader unit's variable and folder
FILE = "file"
REMOTE_STATE = "remote_state"
EXTERNAL_ENDPOINTS = "external_endpoints"  # the customers' handed-over endpoints, per customer (a local and a variable)
EXTERNAL_ENDPOINTS_TYPE = "map(map(object({ id = string })))"
EXTERNAL_ENDPOINTS_HELP = (
    "Endpoints handed over by customers in other organisations, per customer, per `<provider>/<service>`: the `endpoints` of "
    "their consumer units' output. The acceptance unit also reads them from its hand-off files; empty until a customer hands over."
)
CONSUMER_CALL = "consumer"  # a consumer side's module call per Region: consumer_<region alias>
EXTERNAL_CONSUMERS = "external_consumers"  # the provider root's variable: customers of other organisations
EXTERNAL_CONSUMERS_TYPE = "map(object({ handoff = string, principal = string, services = map(object({ provider = string, service = string })) }))"
EXTERNAL_CONSUMERS_HELP = (
    "Customers in other organisations, by their consumer side's name: the hand-off file each gives (its endpoints, "
    "`terraform output -json` of its consumer unit), the principal the services allow, and the services (`<provider>/<service>`) "
    "whose endpoint in it is accepted. Filled from the blueprint's external_consumers in terraform.tfvars.json."
)


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


def consumer_call(region: str) -> str:
    """The consumer module call of a Region, which names a customer's hand-off file across organisations."""
    return f"{CONSUMER_CALL}_{alias(region)}"


def external_files_expression() -> str:
    """In the acceptance unit: ``var.external_endpoints`` and every customer's hand-off file that is there, by customer."""
    path = '"${path.module}/${c.handoff}"'
    return (
        f"merge(var.{EXTERNAL_ENDPOINTS}, {{ for name, c in var.{EXTERNAL_CONSUMERS} : name => "
        f"{{ for key, e in jsondecode(file({path}))[name].endpoints : key => {{ id = e.id }} }} if fileexists({path}) }})"
    )
