"""Inter-Region VPC peering, and the network of a peered VPC in another Region.

The notes' two inter-region patterns join a VPC in the service's Region to a
VPC in another Region with Inter-Region VPC Peering: the provider's home fleet
behind a remote NLB, or a consumer's home workloads reaching an interface
endpoint. Peering is two-sided: the requester creates the connection in its
own Region, the accepter accepts it in the other, and each side routes the
other's CIDR through it. The ``peering`` module therefore works in two Regions
and declares two provider configurations, ``aws.requester`` and
``aws.accepter``, that its caller passes in.

Routes repeat with ``count`` over the route table lists: their length is
known at plan time even when the IDs are not (a route table created in the
same run), which ``for_each`` keys would need to be.
"""

from __future__ import annotations

from plgen.constructs.declare import declare
from plgen.constructs.network import Network
from plgen.constructs.sides import common_inputs, network_outputs
from plgen.interfaces.peering import ACCEPTER, PEER_NETWORK, PEERING, REQUESTER
from plgen.terraform import Construct, local, output, resource, tf


class Peering(Construct):
    """Peering connection (requester Region), accepter (accepter Region), routes both ways.

    With the peered-fleet feature the requester's security groups (``var.requester_security_group_ids``,
    by a label known at plan time) get one ingress rule per entry of
    ``var.requester_ingress``: the inter-region endpoint service admits the
    remote NLB's subnets to its home fleet on the target ports, and nothing else.
    """

    def __init__(self, scope: Construct, features: frozenset[str], name: str = "peering") -> None:
        super().__init__(scope, name)
        common_inputs(self, PEERING, features)
        requester = declare(self, PEERING, REQUESTER, features)
        accepter = declare(self, PEERING, ACCEPTER, features)
        resource(
            self,
            "aws_vpc_peering_connection",
            "this",
            {
                "vpc_id": tf(f"{requester}.vpc_id"),
                "peer_vpc_id": tf(f"{accepter}.vpc_id"),
                "peer_region": tf(f"{accepter}.region"),
                "peer_owner_id": tf(f"{accepter}.account_id"),
                "tags": tf('merge(var.tags, { Name = var.name, Side = "requester" })'),
            },
            provider=f"aws.{REQUESTER}",
        )
        resource(
            self,
            "aws_vpc_peering_connection_accepter",
            "this",
            {
                "vpc_peering_connection_id": tf("aws_vpc_peering_connection.this.id"),
                "auto_accept": True,
                "tags": tf('merge(var.tags, { Name = var.name, Side = "accepter" })'),
            },
            provider=f"aws.{ACCEPTER}",
        )
        # Routes reference the accepter, so they are created once the connection is active.
        for role, side, other in ((REQUESTER, requester, accepter), (ACCEPTER, accepter, requester)):
            resource(
                self,
                "aws_route",
                role,
                {
                    "route_table_id": tf(f"{side}.route_table_ids[count.index]"),
                    "destination_cidr_block": tf(f"{other}.cidr"),
                    "vpc_peering_connection_id": tf("aws_vpc_peering_connection_accepter.this.id"),
                },
                count=tf(f"length({side}.route_table_ids)"),
                provider=f"aws.{role}",
            )
        if PEERING.input("requester_ingress").present(features):
            self._ingress(features)
        output(self, "peering_connection_id", tf("aws_vpc_peering_connection.this.id"), "ID of the VPC peering connection.")
        output(self, "accept_status", tf("aws_vpc_peering_connection_accepter.this.accept_status"), "Status of the connection once accepted (`active`).")

    def _ingress(self, features: frozenset[str]) -> None:
        groups = declare(self, PEERING, "requester_security_group_ids", features)
        rules = declare(self, PEERING, "requester_ingress", features)
        product = local(
            self,
            "requester_ingress_rules",
            tf(f'merge([for label, _ in {groups} : {{ for key, rule in {rules} : "${{label}}/${{key}}" => merge(rule, {{ group = label }}) }}]...)'),
        )
        resource(
            self,
            "aws_vpc_security_group_ingress_rule",
            REQUESTER,
            {
                "security_group_id": tf(f"{groups}[each.value.group]"),
                "description": tf('"From ${var.name} (peered ${var.accepter.region}): named in the blueprint"'),
                "cidr_ipv4": tf("each.value.cidr"),
                "from_port": tf("each.value.port"),
                "to_port": tf("each.value.port"),
                "ip_protocol": tf("each.value.ip_protocol"),
                "tags": tf("var.tags"),
            },
            for_each=tf(product),
            provider=f"aws.{REQUESTER}",
        )


class PeerNetwork(Construct):
    """A peered VPC plgen creates in another Region: the ``Network``, and optionally a workloads group.

    With the peered-fleet feature (the inter-region endpoint service's home fleet)
    the VPC gets a security group with no rules of its own: the peering module
    adds ingress from the remote NLB's subnets, the fleet's instances are put
    in it. Without egress rules it still answers connections (groups are
    stateful) but opens nothing else.
    """

    def __init__(self, scope: Construct, features: frozenset[str], name: str = "peer-network") -> None:
        super().__init__(scope, name)
        common_inputs(self, PEER_NETWORK, features)
        network = Network(self, PEER_NETWORK, features)
        network_outputs(self, network)
        if "peered-fleet" in features:
            resource(
                self,
                "aws_security_group",
                "workloads",
                {
                    "name": tf('"${var.name}-workloads"'),
                    "description": "Workloads reached over VPC peering; ingress only from the peered sources named in the blueprint",
                    "vpc_id": tf(network.vpc_id),
                    "tags": tf('merge(var.tags, { Name = "${var.name}-workloads" })'),
                },
            )
            output(self, "security_group_id", tf("aws_security_group.workloads.id"), "Security group to put the workloads in; peering adds its ingress rules.")
