"""Inter-Region VPC peering, and the network of a peered VPC in another Region.

The notes' two inter-region patterns join a VPC in the service's Region to a
VPC in another Region with Inter-Region VPC Peering: the provider's home fleet
behind a remote NLB, or a consumer's home workloads reaching an interface
endpoint. Peering is two-sided: the requester creates the connection in its
own Region and account, the accepter accepts it in the other, and each side
routes the other's CIDR through it. Each part is its own module with the one
``aws`` provider of its owner, so each is applied with one account's
credentials: ``peering`` (the connection), ``peering-accepter`` (the
acceptance and the accepter's routes), ``peering-routes`` (the requester's
routes, once the connection is active).

Routes repeat with ``count`` over the route table lists: their length is
known at plan time even when the IDs are not (a route table created in the
same run), which ``for_each`` keys would need to be.
"""

from __future__ import annotations

from plgen.constructs.declare import declare
from plgen.constructs.network import Network
from plgen.constructs.sides import common_inputs, network_outputs
from plgen.features.names import FeatureName
from plgen.interfaces.peering import ACCEPTER, PEER_NETWORK, PEERING, PEERING_ACCEPTER, PEERING_ID, PEERING_ROUTES, REQUESTER
from plgen.terraform import Construct, local, output, resource, tf


class Peering(Construct):
    """The requester part: the peering connection, requested in this module's Region and account.

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
        )
        if PEERING.input("requester_ingress").present(features):
            self._ingress(features)
        output(self, PEERING_ID, tf("aws_vpc_peering_connection.this.id"), "ID of the VPC peering connection (pending acceptance until the accepter part accepts it).")

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
        )


class PeeringAccepter(Construct):
    """The accepter part: accepts the connection in the accepting VPC's account and Region, routes back to the requester."""

    def __init__(self, scope: Construct, features: frozenset[str], name: str = "peering-accepter") -> None:
        super().__init__(scope, name)
        common_inputs(self, PEERING_ACCEPTER, features)
        connection = declare(self, PEERING_ACCEPTER, PEERING_ID, features)
        accepter = declare(self, PEERING_ACCEPTER, ACCEPTER, features)
        cidr = declare(self, PEERING_ACCEPTER, "requester_cidr", features)
        resource(
            self,
            "aws_vpc_peering_connection_accepter",
            "this",
            {"vpc_peering_connection_id": tf(connection), "auto_accept": True, "tags": tf('merge(var.tags, { Name = var.name, Side = "accepter" })')},
        )
        # The routes reference the accepter, so they are created once the connection is active.
        _routes(self, ACCEPTER, f"{accepter}.route_table_ids", cidr, "aws_vpc_peering_connection_accepter.this.id")
        output(self, PEERING_ID, tf("aws_vpc_peering_connection_accepter.this.id"), "ID of the accepted VPC peering connection (the requester's routes wait for it).")
        output(self, "accept_status", tf("aws_vpc_peering_connection_accepter.this.accept_status"), "Status of the connection once accepted (`active`).")


class PeeringRoutes(Construct):
    """The requester's routes to the accepting VPC, applied after the accepter part (a route to a pending connection is a blackhole)."""

    def __init__(self, scope: Construct, features: frozenset[str], name: str = "peering-routes") -> None:
        super().__init__(scope, name)
        connection = declare(self, PEERING_ROUTES, PEERING_ID, features)
        requester = declare(self, PEERING_ROUTES, REQUESTER, features)
        cidr = declare(self, PEERING_ROUTES, "accepter_cidr", features)
        _routes(self, REQUESTER, f"{requester}.route_table_ids", cidr, connection)
        output(self, "route_table_ids", tf("aws_route.requester[*].route_table_id"), "Route tables of the requesting VPC that route to the accepter.")


def _routes(scope: Construct, name: str, tables: str, cidr: str, connection: str) -> None:
    """One route per route table (``count``: the list's length is known at plan time, its IDs may not be)."""
    resource(
        scope,
        "aws_route",
        name,
        {"route_table_id": tf(f"{tables}[count.index]"), "destination_cidr_block": tf(cidr), "vpc_peering_connection_id": tf(connection)},
        count=tf(f"length({tables})"),
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
        if FeatureName.PEERED_FLEET in features:
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
