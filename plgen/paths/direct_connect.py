"""The Direct Connect hop: how on-premises CIDRs and a VPC reach each other, in each of plgen's three shapes.

The declaration is the side's ``on_premises`` data; the implementation the
resources of the side's module instance. One verdict per (module, CIDR):

    virtual private gateway   route tables propagate from a gateway that is attached to the VPC: created on it,
                              or reused and attached by ``aws_vpn_gateway_attachment`` (a created VPC; an existing
                              VPC has it attached already, which the blueprint declares); with
                              ``direct_connect_gateway_id``, an ``aws_dx_gateway_association`` of that Direct
                              Connect gateway with the same virtual private gateway, advertising the VPC CIDR
    transit gateway           a route for the CIDR to the transit gateway in the route tables, and an attachment of
                              the VPC to that transit gateway with a subnet in every AZ the traffic enters from
                              (AWS: an AZ without an attachment subnet cannot reach the transit gateway,
                              https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html); a route to a
                              transit gateway the VPC is not attached to fails

The judgment is declared once (``judge_direct_connect``); the world answers
``transit_routes``, ``attachment_azs``, ``propagation`` and ``dx_association``:
offline from the route, attachment and propagation resources of the module
(``adapters.terraform``), live from the subnets' route tables and describe calls
(``adapters.live_direct_connect``).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any

from plgen.paths.world import FAIL, PASS


@dataclass(frozen=True)
class TransitRoute:
    """A route of the VPC sending the on-premises CIDR to a transit gateway, and the VPC's attachment it goes through
    to the named transit gateway (None: the route leads to a transit gateway the VPC has no attachment to)."""

    name: str
    attachment: str | None


@dataclass(frozen=True)
class Propagation:
    """How the VPC's route tables learn an on-premises CIDR from a virtual private gateway."""

    learning: int  # route tables that learn it (propagation, or a route to the gateway)
    missing: int  # route tables of the subnets that do not (live; offline 0: routes are per VPC)
    gateway: Any  # the gateway (an ID, or the created resource's address)
    how: str  # the gateway as the reason names it ("vgw-..., attached by ...")
    problem: str | None = None  # why the gateway cannot carry the traffic (not attached to the VPC, none named)


def on_premises_cidr(on_premises: dict[str, Any] | None, address: str) -> str | None:
    """The declared on-premises CIDR holding ``address`` (an IP or a CIDR), or None."""
    try:
        wanted = ipaddress.ip_network(address, strict=False)
    except ValueError:
        return None
    for cidr in (on_premises or {}).get("cidrs") or []:
        network = ipaddress.ip_network(cidr)
        if wanted.version == network.version and wanted.subnet_of(network):
            return cidr
    return None


def judge_direct_connect(world, at: Any, on_premises: dict[str, Any], cidr: str, azs: list[Any]) -> tuple[str, str]:
    """(status, reason) for ``cidr`` of ``on_premises`` reaching the VPC of ``at`` (an endpoint, NLB or resource
    gateway of the world), entered from ``azs``: the one declaration of the Direct Connect hop."""
    if on_premises.get("transit_gateway_id"):
        return _transit(world, at, on_premises["transit_gateway_id"], cidr, azs)
    return _virtual_private(world, at, on_premises, cidr)


def _transit(world, at: Any, tgw: str, cidr: str, azs: list[Any]) -> tuple[str, str]:
    routes, unrouted = world.transit_routes(at, cidr, tgw)
    if not routes:
        return FAIL, f"{cidr} is on premises behind transit gateway {tgw}, but no route in the VPC leads there"
    for route in routes:
        if route.attachment is None:
            return FAIL, f"{route.name} routes {cidr} to a transit gateway the VPC has no attachment to"
    if unrouted:
        return FAIL, f"{unrouted} of {unrouted + len(routes)} route table(s) do not route {cidr} to transit gateway {tgw}"
    attachment = routes[-1].attachment
    covered = world.attachment_azs(at, attachment)
    missing = [az for az in azs if az is not None and covered and az not in covered]
    if missing:
        return FAIL, f"{attachment} has no subnet in {', '.join(map(str, missing))}: traffic from there cannot reach transit gateway {tgw}"
    return PASS, f"{cidr} over transit gateway {tgw} ({attachment} in {', '.join(map(str, covered))}; {len(routes)} route(s))"


def _virtual_private(world, at: Any, on_premises: dict[str, Any], cidr: str) -> tuple[str, str]:
    found = world.propagation(at, cidr)
    if found is None or not found.learning:
        return FAIL, f"{cidr} is on premises but no route propagates from a Direct Connect gateway"
    if found.problem:
        return FAIL, found.problem
    if found.missing:
        return FAIL, f"{cidr} is on premises but {found.missing} of {found.missing + found.learning} route table(s) neither propagate from nor route it to {found.gateway}"
    how = found.how
    dx = on_premises.get("direct_connect_gateway_id")
    if dx:
        association = world.dx_association(at, found, dx)
        if association is None:
            return FAIL, f"the virtual private gateway ({how}) is not associated with Direct Connect gateway {dx}"
        name, prefixes = association
        how += f", associated with Direct Connect gateway {dx} by {name} (allowed {', '.join(map(str, prefixes))})"
    return PASS, f"over Direct Connect ({found.learning} route table(s) learn {cidr} from {how})"
