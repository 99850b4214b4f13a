"""Every consumer -> resource path of resource access (VPC Lattice) on the evaluated root; the hops are ``resource_hops``.

The declaration is the root's data (``resource_consumers``, ``resource_providers``);
the implementation the evaluated root. One ``Path`` per resource endpoint x
port span, and per service-network endpoint x associated resource x span:

    source           the sources the blueprint names for the endpoint
    endpoint         the endpoint exists, of type Resource (ServiceNetwork), wired to this resource
                     configuration (service network, which has the resource associated), in an AZ the gateway has
    security group   the endpoint's group admits every source on the span (TCP), and not the internet
    share            the consumer's account is a principal of a RAM share holding the configuration (network),
                     and the invitation is accepted where the share is from outside the organization
    gateway          the configuration is of the provider's resource gateway and offers the span
    resource         the gateway's group lets the span out to the resource; an on-premises address passes
                     the Direct Connect hop (``direct_connect.py``: propagation from an attached, optionally
                     Direct Connect-associated, virtual private gateway, or routes to an attached transit gateway)
"""

from __future__ import annotations

from typing import Any

from plgen.paths import resource_hops
from plgen.paths.proof import Implementation, Path


def prove_resources(impl: Implementation, data: dict[str, Any]) -> list[Path]:
    """Every consumer -> resource path of the evaluated root, proven hop by hop (``resource_hops.RESOURCE_HOPS``)."""
    return resource_hops.prove_resources(impl, data, Path)
