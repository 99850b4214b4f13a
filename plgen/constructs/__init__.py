"""Reusable architectural pieces (cdktf constructs) the patterns compose.

network        VPC, subnets by AZ ID, route tables; Direct Connect gateway
endpoint_service  NLB, listeners, target groups, targets, endpoint service
consumer_endpoints  interface endpoints, their security groups, friendly DNS
peering        inter-region VPC peering with routes on both sides
sides          the provider and consumer side modules built from the above
"""
