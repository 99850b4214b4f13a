"""What a compile produces: plain records that every later stage reads.

``plgen.build`` returns a ``Compiled`` per blueprint; ``plgen.emit`` writes its
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


@dataclass(frozen=True)
class Call:
    """A module call in the example root."""

    name: str  # module.<name>
    module: str  # directory, e.g. "modules/consumer"
    providers: dict[str, str]  # provider configuration in the module ("aws", "aws.requester") -> Region
    data: str | None  # the root variable its for_each reads (service_consumers, peers)
    instances: tuple[Instance, ...] = ()
    after: tuple[str, ...] = ()  # the calls whose outputs its inputs read: they are applied first


@dataclass
class Compiled:
    """A compiled blueprint: Terraform JSON per module directory, the root's data and module calls."""

    blueprint: Blueprint
    modules: dict[str, dict[str, Any]]  # module directory ("." for the root) -> Terraform JSON
    inputs: dict[str, Any]  # terraform.tfvars.json of the example root
    features: frozenset[str] = frozenset()
    calls: tuple[Call, ...] = ()
    purposes: dict[str, str] = field(default_factory=dict)  # module directory -> what it is for


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
