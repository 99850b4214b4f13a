"""The service quotas plgen's rules check before anything is planned.

Elastic Load Balancing, Network Load Balancers
(https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-limits.html):
"Listeners per Network Load Balancer: 50" (not adjustable); "Targets per
Network Load Balancer: 3,000"; "Targets per Availability Zone per Network Load
Balancer: 500"; "if a target is registered with N target groups, it counts as
N targets"; "if cross-zone load balancing is enabled, the maximum targets per
load balancer is 500, regardless of the number of Availability Zones".

Amazon VPC (https://docs.aws.amazon.com/general/latest/gr/vpc-service.html):
"Active VPC peering connections per VPC": 50 by default, "can be increased up
to a maximum of 125".

AWS PrivateLink (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html):
"Interface and Gateway Load Balancer endpoints per VPC: 50" (adjustable, Service
Quotas code L-29B6F2EB); "Resource VPC endpoints per VPC: 200" (adjustable,
L-CA6CC422). The page lists no quota on the endpoints that connect to one
endpoint service, nor on its allowed principals: a provider's expected count of
consumers (its ``external_consumers``) is checked against no AWS quota, because
AWS sets none.
"""

from __future__ import annotations

LISTENERS_PER_NLB = 50
TARGETS_PER_NLB = 3000
TARGETS_PER_NLB_CROSS_ZONE = 500
PEERING_CONNECTIONS_PER_VPC = 125
INTERFACE_ENDPOINTS_PER_VPC = 50  # the default; a consumer may declare its account's raised value (interface_endpoint_quota)
RESOURCE_ENDPOINTS_PER_VPC = 200
# Not an AWS quota but the design notes' limit for an on-premises access VPC, kept below INTERFACE_ENDPOINTS_PER_VPC
# (the ``access-vpc-endpoint-limit`` rule): each endpoint's interfaces take addresses in every access subnet and
# on-premises DNS forwards every service's name to them.
ENDPOINTS_PER_ACCESS_VPC = 20
