"""The consumer's opt-in proof by AWS itself: Reachability Analyzer from a probe to each interface endpoint.

``verify: reachability`` on a consumer adds this module, applied in the
consumer's account after the providers' acceptance. It places a probe network
interface (with its own security group, open outbound only to each endpoint's
group on the listener ports) in one of the consumer's subnets, and per endpoint
and port an ``aws_ec2_network_insights_path`` from the probe to the endpoint and
an ``aws_ec2_network_insights_analysis`` of it whose postcondition asserts
``path_found``; the provider waits for the analysis (``wait_for_completion``,
default true):
https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_network_insights_analysis
https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_network_insights_path

Reachability Analyzer analyses a path between resources in one Region and
connected VPCs, across accounts only within one organization
(https://docs.aws.amazon.com/vpc/latest/reachability/how-reachability-analyzer-works.html):
the probe and the endpoint are the consumer's own, so the analysis covers this
side (subnet, route tables, the endpoint's security group, the endpoint's
connection) up to the endpoint. The service's side behind the endpoint (its
NLB's listeners, target groups and targets, in the provider's account, often
another organization) is listed by the module as proven by plgen only.
"""

from __future__ import annotations

from plgen.interfaces.base import Attr, Input, Interface, ListOf, MapOf, Obj
from plgen.interfaces.endpoint_service import PORT
from plgen.interfaces.network import TAGS, name_input

MODULE = "modules/consumer-verify"

# What Reachability Analyzer does not see from the consumer's account: answered by plgen's own proof only.
PROVEN_BY_PLGEN_ONLY = (
    "endpoint service -> NLB listener (the provider's account)",
    "NLB listener -> target group -> targets (health, ports, the NLB's security group)",
    "private DNS name -> endpoint (resolution is not a network path)",
)

VPC_ID = Input("vpc_id", "string", "ID of the consumer's VPC (its consumer unit's `vpc_id` output): the probe's security group lives there.", wiring="local.consumer_vpc_ids[each.key]")

SUBNET_ID = Input(
    "subnet_id",
    "string",
    "Subnet of the probe network interface: the consumer's first subnet by AZ ID (its consumer unit's `subnet_ids` output).",
    wiring="values(local.consumer_subnet_ids[each.key])[0]",
)

ENDPOINTS = Input(
    "endpoints",
    MapOf(Obj(Attr("endpoint_id", "string"), Attr("security_group_id", "string"), Attr("ports", ListOf(PORT)), Attr("state", "string"))),
    "Interface endpoints of this consumer by `<provider>/<service>`: ID and security group (the consumer unit's `endpoints` output), "
    "the listener ports, and the connection's state (`available` once the provider has accepted it, from its `accepted` output).",
    wiring=(
        "{ for key, endpoint in each.value.endpoints : key => { endpoint_id = local.consumer_endpoints[each.key][key].id, "
        "security_group_id = local.consumer_endpoints[each.key][key].security_group_id, ports = endpoint.ports, "
        'state = endpoint.accept ? try(local.accepted_connections[endpoint.provider]["${each.key}/${key}"], "pendingAcceptance") : "available" } }'
    ),
)

CONSUMER_VERIFY = Interface(
    MODULE,
    "The consumer team's opt-in proof (`verify: reachability`), in its own account after the provider's acceptance: a probe "
    "network interface in a consumer subnet and, per endpoint and listener port, a Reachability Analyzer path and analysis "
    "that must find the path (its postcondition fails the apply otherwise).",
    (name_input("consumer VPC"), TAGS, VPC_ID, SUBNET_ID, ENDPOINTS),
)
