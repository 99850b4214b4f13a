"""Every consumer -> service path of a plgen declaration, hop by hop: ``Path`` and ``Hop``, and the offline entry point.

The declaration is the root's data (``terraform.tfvars.json``: who consumes
what, from which sources, which listeners and targets a service has, which
names consumers use); the world is the evaluated root
(``adapters.terraform.TerraformWorld``). One ``Path`` per consumer endpoint x
listener; its hops, what each reads and its reasons are declared once in
``hops.py`` (the live proof, ``adapters.live``, runs the same ones).

Each hop is PASS, WARN (works, but weaker than it should be) or FAIL with
the reason; a path fails if any hop does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plgen.paths import hops
from plgen.paths.adapters.terraform import TerraformWorld
from plgen.paths.hops import declared_sources, judge_nlb_group
from plgen.paths.world import FAIL, INTERNET, IP_FAMILIES, PASS, PROTOCOLS, WARN, admits, open_to_internet

Implementation = TerraformWorld  # the name the hops and tests knew the offline world by

__all__ = ["FAIL", "INTERNET", "IP_FAMILIES", "PASS", "PROTOCOLS", "WARN", "Hop", "Implementation", "Path", "admits", "declared_sources", "judge_nlb_group", "open_to_internet"]


@dataclass(frozen=True)
class Hop:
    name: str
    status: str
    reason: str


@dataclass
class Path:
    consumer: str
    endpoint: str  # provider/service
    listener: str  # port/protocol
    hops: list[Hop] = field(default_factory=list)

    @property
    def status(self) -> str:
        statuses = {h.status for h in self.hops}
        return FAIL if FAIL in statuses else WARN if WARN in statuses else PASS

    def add(self, name: str, status: str, reason: str) -> bool:
        self.hops.append(Hop(name, status, reason))
        return status != FAIL

    def as_json(self) -> dict[str, Any]:
        return {
            "consumer": self.consumer,
            "endpoint": self.endpoint,
            "listener": self.listener,
            "status": self.status,
            "hops": [{"hop": h.name, "status": h.status, "reason": h.reason} for h in self.hops],
        }


def prove_endpoints(impl: TerraformWorld, data: dict[str, Any]) -> list[Path]:
    """Every consumer interface endpoint x listener path of the evaluated root, proven hop by hop (``hops.HOPS``)."""
    return hops.prove_endpoints(impl, data, Path)
