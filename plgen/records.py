"""What a compile produces: plain records that every later stage reads.

``plgen.assemble`` returns a ``Compiled`` per blueprint; ``plgen.emit`` writes its
modules as files, ``plgen.graph`` reads its modules as a resource graph,
``plgen.docs`` writes the catalogue from it, and none of them re-parses
emitted text to learn what the compiler knew (which module calls exist,
where each is applied, for whom).

Records are data only: no cdktf objects, nothing that needs Node.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plgen.blueprint.model import Blueprint


@dataclass(frozen=True)
class Instance:
    """One instance of a root module call: the side (and peer) it is applied for, where, by whom."""

    key: str  # the call's for_each key
    team: str  # the side that owns it
    account: str
    region: str
    peer: str | None = None
    # Other sides whose module outputs this instance reads (a consumer: its services' providers; an acceptance:
    # the consumers it accepts). Its own side is always read; deployment units are cut along these edges.
    reads: tuple[str, ...] = ()
    # Account of each provider configuration of the module other than its default ``aws`` (peering's
    # ``aws.accepter`` lives in the side's account, ``aws.requester`` in the peer's).
    accounts: tuple[tuple[str, str], ...] = ()
    role: str | None = None  # the side's own deploy role override (name or ARN pattern)
    # Applied in a unit of its own, after every other unit of its side (the opt-in verify unit: re-applied alone).
    own_unit: bool = False
    # Hand-off files from other organisations it reads: (customer, module call) -> handoffs/<customer>.<call>.json.
    handoffs_in: tuple[tuple[str, str], ...] = ()
    # What it hands to other organisations: (organisation, module output), published as the unit's output of its call.
    handoffs_out: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Call:
    """A module call in the example root."""

    name: str  # module.<name>
    module: str  # directory, e.g. "modules/consumer"
    providers: dict[str, str]  # provider configuration in the module ("aws", "aws.requester") -> Region
    data: str | None  # the root variable its for_each reads (service_consumers, peers)
    instances: tuple[Instance, ...] = ()
    after: tuple[str, ...] = ()  # the calls whose outputs its inputs read: they are applied first


@dataclass(frozen=True)
class Wiring:
    """The example root's expressions as values (``plgen.terraform.expr``), which the deployment units are cut from.

    ``locals``: each root local's value; ``inputs``: per module call, its ``for_each`` and each input. A value
    knows the module calls, locals and variables it reads, so a unit takes the locals and variables its calls
    read and renames the calls of other units, without reading the text.
    """

    locals: dict[str, Any]
    inputs: dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Unit:
    """A deployment unit: one root applied in one account and Region for one side, with its own state."""

    name: str  # folder under units/
    side: str  # provider, consumer, peer, ... (from the data its calls read)
    team: str  # the side's name in the blueprint
    account: str
    region: str
    calls: tuple[str, ...]  # module calls of the example root it holds (only this side's instances)
    depends_on: tuple[tuple[str, tuple[str, ...]], ...] = ()  # unit -> the values (`call.output`) it reads from it
    accounts: tuple[str, ...] = ()  # every account its provider configurations assume a role in (its own first)
    required_actions: tuple[str, ...] = ()  # IAM actions its resources need, every account together (plgen.assemble.iam)
    handoffs: tuple[tuple[str, str], ...] = ()  # (producer unit, module call) it reads from a hand-off file, not a state
    # (customer, module call): files other organisations hand it (handoffs/<customer>.<call>.json, plgen.assemble.handoff)
    handoffs_in: tuple[tuple[str, str], ...] = ()
    # (organisation, module call): outputs it hands to other organisations, saved as handoffs/<team>.<call>.json
    handoffs_out: tuple[tuple[str, str], ...] = ()


@dataclass
class Compiled:
    """A compiled blueprint: Terraform JSON per module directory, the root's data and module calls."""

    blueprint: Blueprint
    modules: dict[str, dict[str, Any]]  # module directory ("." for the root) -> Terraform JSON
    inputs: dict[str, Any]  # terraform.tfvars.json of the example root
    features: frozenset[str] = frozenset()
    calls: tuple[Call, ...] = ()
    purposes: dict[str, str] = field(default_factory=dict)  # module directory -> what it is for
    units: tuple[Unit, ...] = ()  # the deployment units, in apply order
    unit_modules: dict[str, dict[str, Any]] = field(default_factory=dict)  # unit -> Terraform JSON of its root
    unit_inputs: dict[str, dict[str, Any]] = field(default_factory=dict)  # unit -> its terraform.tfvars.json
    unit_iam: dict[str, dict[str, Any]] = field(default_factory=dict)  # unit -> its deploy roles' policies (plgen.assemble.iam)
    state_policies: dict[str, dict[str, Any]] = field(default_factory=dict)  # file under units/iam/ -> the S3 state bucket's (and KMS key's) policy
    wiring: Wiring | None = None  # the root's locals and call inputs as values (what the units are cut from)


@dataclass
class Output:
    """One compiled blueprint, where it came from, and (when rendered) its files relative to its folder."""

    source: Path
    compiled: Compiled
    files: dict[str, str] = field(default_factory=dict)
    label: str = ""  # how generated files name the blueprint: its path relative to the project (see compiler.source_label)

    @property
    def name(self) -> str:
        return self.compiled.blueprint.name
