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

The offline proof (``proof.py``, ``resources.py``) and the live one
(``tests/apply``) read the resources each their own way; the wording is shared.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from plgen.paths.evaluate import ModuleInstance, Ref

from plgen.paths.world import FAIL, PASS


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


def _value(impl, value: Any, type_name: str, attribute: str) -> Any:
    """A string argument, or the argument of the instance a reference points into (``x.transit_gateway_id``)."""
    if isinstance(value, Ref):
        instance = impl.target(value, type_name)
        return impl.arg(instance, attribute) if instance is not None else value
    return value


def _in(impl, type_name: str, module: ModuleInstance) -> list:
    return impl.in_module(type_name, module)


def prove_direct_connect(impl, module: ModuleInstance, on_premises: dict[str, Any], cidr: str, azs: list[Any]) -> tuple[str, str]:
    """(status, reason) for ``cidr`` of ``on_premises`` reaching the VPC of ``module`` (entered from ``azs``)."""
    if on_premises.get("transit_gateway_id"):
        return _transit(impl, module, on_premises["transit_gateway_id"], cidr, azs)
    return _virtual_private(impl, module, on_premises, cidr)


def _transit(impl, module, tgw: str, cidr: str, azs: list[Any]) -> tuple[str, str]:
    routes = [r for r in _in(impl, "aws_route", module) if impl.arg(r, "destination_cidr_block") == cidr and impl.arg(r, "transit_gateway_id") is not None]
    if not routes:
        return FAIL, f"{cidr} is on premises behind transit gateway {tgw}, but no route in the VPC leads there"
    attachments = _in(impl, "aws_ec2_transit_gateway_vpc_attachment", module)
    for route in routes:
        target = impl.arg(route, "transit_gateway_id")
        named = impl.target(target, "aws_ec2_transit_gateway_vpc_attachment") if isinstance(target, Ref) else None
        via = [named] if named is not None else [a for a in attachments if impl.arg(a, "transit_gateway_id") == _value(impl, target, "aws_ec2_transit_gateway_vpc_attachment", "transit_gateway_id")]
        via = [a for a in via if impl.arg(a, "transit_gateway_id") == tgw]
        if not via:
            return FAIL, f"{route.address} routes {cidr} to a transit gateway the VPC has no attachment to"
    attachment = via[0]
    covered = impl.subnet_azs(impl.arg(attachment, "subnet_ids"), module)
    missing = [az for az in azs if az is not None and covered and az not in covered]
    if missing:
        return FAIL, f"{attachment.address} has no subnet in {', '.join(map(str, missing))}: traffic from there cannot reach transit gateway {tgw}"
    return PASS, f"{cidr} over transit gateway {tgw} ({attachment.address} in {', '.join(map(str, covered))}; {len(routes)} route(s))"


def _virtual_private(impl, module, on_premises: dict[str, Any], cidr: str) -> tuple[str, str]:
    propagations = _in(impl, "aws_vpn_gateway_route_propagation", module)
    if not propagations:
        return FAIL, f"{cidr} is on premises but no route propagates from a Direct Connect gateway"
    gateway = impl.arg(propagations[0], "vpn_gateway_id")
    created = impl.target(gateway, "aws_vpn_gateway") if isinstance(gateway, Ref) else None
    if created is not None:
        how = created.address
    elif isinstance(gateway, str):
        attached = [a for a in _in(impl, "aws_vpn_gateway_attachment", module) if impl.arg(a, "vpn_gateway_id") == gateway]
        creates_vpc = bool(_in(impl, "aws_vpc", module))
        if creates_vpc and not attached:
            return FAIL, f"{gateway} propagates routes but is not attached to the VPC plgen creates (no aws_vpn_gateway_attachment)"
        how = f"{gateway}, attached by {attached[0].address}" if attached else f"{gateway}, attached to the existing VPC"
    else:
        return FAIL, f"the route propagation names no virtual private gateway ({gateway!r})"
    dx = on_premises.get("direct_connect_gateway_id")
    if dx:
        associations = [
            a
            for a in _in(impl, "aws_dx_gateway_association", module)
            if impl.arg(a, "dx_gateway_id") == dx and _same(impl, impl.arg(a, "associated_gateway_id"), gateway, created)
        ]
        if not associations:
            return FAIL, f"the virtual private gateway ({how}) is not associated with Direct Connect gateway {dx}"
        prefixes = impl.arg(associations[0], "allowed_prefixes") or []
        how += f", associated with Direct Connect gateway {dx} by {associations[0].address} (allowed {', '.join(map(str, prefixes))})"
    return PASS, f"over Direct Connect ({len(propagations)} route table(s) learn {cidr} from {how})"


def _same(impl, value: Any, gateway: Any, created) -> bool:
    if created is not None:
        return impl.refers(value, created, "id")
    return value == gateway
