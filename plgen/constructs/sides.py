"""The two side modules each team applies in its own account.

A provider team applies ``endpoint-service`` (its VPC, NLBs, endpoint
services); each consumer team applies ``consumer`` (its VPC, interface
endpoints, DNS). They share nothing but the endpoint service name, which is
exactly the contract PrivateLink draws between two accounts.
"""

from __future__ import annotations

from plgen.constructs.consumer_endpoints import FriendlyNames, InterfaceEndpoints, endpoint_outputs
from plgen.constructs.endpoint_service import EndpointServices
from plgen.constructs.network import DirectConnectGateway, Network
from plgen.terraform import Construct, output, tf, variable

PROVIDER_MODULE = "endpoint-service"
CONSUMER_MODULE = "consumer"


def _common_inputs(scope: Construct, what: str) -> None:
    variable(scope, "name", "string", f"Name of the {what}; prefixes resource names and Name tags.")
    variable(scope, "tags", "map(string)", "Tags added to every resource.", default={})


def _network_outputs(scope: Construct, network: Network) -> None:
    output(scope, "vpc_id", tf(network.vpc_id), "ID of the VPC (created or given).")
    output(scope, "subnet_ids", tf(network.subnet_ids), "Subnet ID per AZ ID.")
    output(scope, "route_table_ids", tf(network.route_table_ids), "Route tables of the subnets, for peering and on-premises routes.")


class ProviderSide(Construct):
    """Everything one provider team applies: network, Direct Connect gateway (hybrid), services."""

    def __init__(self, scope: Construct, *, on_premises: bool) -> None:
        super().__init__(scope, "provider-side")

        _common_inputs(self, "provider VPC")
        network = Network(self)
        if on_premises:
            gateway = DirectConnectGateway(self, network)
            output(
                self,
                "vpn_gateway_id",
                tf(gateway.gateway_id),
                "Virtual private gateway for the Direct Connect private virtual interface (null without on_premises).",
            )
        EndpointServices(self, network)
        _network_outputs(self, network)


class ConsumerSide(Construct):
    """Everything one consumer team applies: network, endpoints, DNS, optional on-premises access."""

    def __init__(self, scope: Construct, *, on_premises: bool, friendly_names: bool, peer_cidrs: bool, peer_zones: bool = False) -> None:
        super().__init__(scope, "consumer-side")
        _common_inputs(self, "consumer VPC")
        network = Network(self)
        extra_sources: list[str] = []
        if on_premises:
            gateway = DirectConnectGateway(self, network)
            extra_sources.append(gateway.cidrs)
            output(
                self,
                "vpn_gateway_id",
                tf(gateway.gateway_id),
                "Virtual private gateway for the Direct Connect private virtual interface (null without on_premises).",
            )
        if peer_cidrs:
            peers = variable(
                self, "peer_cidrs", "list(string)", "CIDRs of peered home VPCs whose workloads use these endpoints; admitted on the listener ports.", default=[]
            )
            extra_sources.append(peers)
        endpoints = InterfaceEndpoints(self, network, extra_sources)
        if friendly_names:
            FriendlyNames(self, network, endpoints, peer_zones=peer_zones)
        endpoint_outputs(self, endpoints)
        _network_outputs(self, network)
