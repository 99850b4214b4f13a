"""Overlapping networks: two organisations with the same address space call each other's services.

AWS: networks whose private ranges overlap cannot be joined by VPC peering or
routed through a transit gateway; "Frequently this occurs when companies are
acquired and have used the same private (RFC1918) address ranges", and
"AWS PrivateLink is a good solution when the VPCs have overlapped IP
addresses" (https://aws.amazon.com/blogs/networking-and-content-delivery/connecting-networks-with-overlapping-ip-ranges/,
https://docs.aws.amazon.com/whitepapers/latest/aws-vpc-connectivity-options/aws-privatelink.html).
An interface endpoint takes addresses from its own VPC and the endpoint
service answers through its NLB, whose nodes are the source the targets see,
so neither side ever routes to the other's range. Only the consumer VPC
initiates connections to the service provider's VPC
(https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/aws-privatelink.html),
so each direction of a two-way integration is its own endpoint service: each
party is a provider of what it offers and a consumer of what it calls.

What it builds is the saas pattern's chain (internal NLB, endpoint service
with acceptance and named principals, interface endpoints whose security
groups admit only the named sources), run in both directions, with TLS,
private DNS and friendly names for the names the parties' certificates hold.
It needs no rule of its own: its shape is kept by the features it leaves out.
Every feature that routes a side to another network (peering of a fleet or of
a home VPC, a Direct Connect or transit gateway path on either side) is
refused by the feature gate at its field, and the common rules already refuse
an endpoint of an account its service does not allow
(``consumers-granted-access``) and sources that reach the internet. It stays
in one Region and IPv4, where the overlap is: Amazon-provided IPv6 blocks do
not collide (dual-stack services are the saas pattern's), and a partner in
another Region is the inter-region patterns'.
"""

from plgen.features.names import FeatureName
from plgen.patterns.base import Pattern

PATTERN = Pattern(
    slug="overlapping-networks",
    title="Overlapping networks",
    summary=(
        "Two organisations whose VPCs use the same address space (after an acquisition, or between partners) "
        "call each other's services: each exposes what it offers as an endpoint service and reaches the other's "
        "through interface endpoints in its own VPC, with no peering, route or NAT between the overlapping ranges."
    ),
    order=8,
    features=frozenset({FeatureName.ACCESS_LOGS, FeatureName.TLS, FeatureName.PRIVATE_DNS, FeatureName.FRIENDLY_NAMES}),
)
