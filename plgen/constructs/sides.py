"""The two side modules each team applies in its own account.

A provider team applies ``endpoint-service`` (its VPC, NLBs, endpoint
services); each consumer team applies ``consumer`` (its VPC, interface
endpoints, DNS). They share nothing but the endpoint service name, which is
exactly the contract PrivateLink draws between two accounts.

Each side is built for the features a blueprint uses (``features``); its
variables come from its interface (``plgen.interfaces``).
"""

from __future__ import annotations

from plgen.constructs.consumer_endpoints import FriendlyNames, InterfaceEndpoints, endpoint_outputs
from plgen.constructs.declare import declare
from plgen.constructs.endpoint_service import EndpointServices
from plgen.constructs.network import DirectConnectGateway, Network
from plgen.constructs.resolver import ResolverInboundEndpoint
from plgen.features.names import FeatureName
from plgen.interfaces.base import Interface
from plgen.interfaces.consumer import CONSUMER
from plgen.interfaces.endpoint_service import PROVIDER
from plgen.terraform import Construct, output, tf


def common_inputs(scope: Construct, interface: Interface, features: frozenset[str]) -> None:
    declare(scope, interface, "name", features)
    declare(scope, interface, "tags", features)


def network_outputs(scope: Construct, network: Network) -> None:
    output(scope, "vpc_id", tf(network.vpc_id), "ID of the VPC (created or given).")
    output(scope, "subnet_ids", tf(network.subnet_ids), "Subnet ID per AZ ID.")
    output(scope, "route_table_ids", tf(network.route_table_ids), "Route tables of the subnets, for peering and on-premises routes.")


def _gateway(scope: Construct, network: Network, interface: Interface, features: frozenset[str]) -> DirectConnectGateway:
    gateway = DirectConnectGateway(scope, network, interface, features)
    output(
        scope,
        "vpn_gateway_id",
        tf(gateway.gateway_id),
        "Virtual private gateway the Direct Connect private virtual interface reaches (created, or on_premises.vpn_gateway_id reused); null without on_premises or with on_premises.transit_gateway_id.",
    )
    return gateway


class ProviderSide(Construct):
    """Everything one provider team applies: network, Direct Connect gateway (hybrid), services."""

    def __init__(self, scope: Construct, features: frozenset[str]) -> None:
        super().__init__(scope, "provider-side")
        common_inputs(self, PROVIDER, features)
        network = Network(self, PROVIDER, features)
        if PROVIDER.input("on_premises").present(features):
            _gateway(self, network, PROVIDER, features)
        EndpointServices(self, network, features)
        network_outputs(self, network)


class ConsumerSide(Construct):
    """Everything one consumer team applies: network, endpoints, DNS, optional on-premises access and home peers."""

    def __init__(self, scope: Construct, features: frozenset[str]) -> None:
        super().__init__(scope, "consumer-side")
        common_inputs(self, CONSUMER, features)
        network = Network(self, CONSUMER, features)
        extra_sources: list[str] = []
        if CONSUMER.input("on_premises").present(features):
            extra_sources.append(_gateway(self, network, CONSUMER, features).cidrs)
            ResolverInboundEndpoint(self, network, "var.on_premises")
        if CONSUMER.input("peer_cidrs").present(features):
            extra_sources.append(declare(self, CONSUMER, "peer_cidrs", features))
        endpoints = InterfaceEndpoints(self, network, extra_sources, features)
        if FeatureName.FRIENDLY_NAMES in features:
            FriendlyNames(self, network, endpoints, features)
        endpoint_outputs(self, endpoints)
        network_outputs(self, network)
