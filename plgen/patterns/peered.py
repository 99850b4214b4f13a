"""What the two inter-region patterns share: peered VPCs in other Regions, and the peerings.

Both patterns join a side's VPC in the service's Region (a provider's remote
NLB VPC, or a consumer's endpoint VPC) to a VPC in another Region (the home
fleet, or the consumer's home workloads) with Inter-Region VPC Peering. The
home VPC requests the peering, as the notes describe it for the consumer
("from the Amazon VPC in their region to the Amazon VPC in the remote
Region"); the side's VPC accepts it.

The example root gets, on top of the two sides:

    modules/peer-network   one call per Region holding peer VPCs plgen creates,
                           with that Region's provider configuration
    modules/peering        one call per (home Region, side Region) pair, given
                           ``aws.requester`` and ``aws.accepter``

Every peer is one entry of ``var.peers`` (terraform.tfvars.json), keyed
``<side>/<peer>``; the module calls ``for_each`` over it, so adding a peer
changes only data.
"""

from __future__ import annotations

import ipaddress
from typing import Any, ClassVar

from plgen.blueprint.model import Blueprint, Consumer, Peer, Provider, Site
from plgen.constructs import types
from plgen.constructs.peering import ACCEPTER, INGRESS, PEER_NETWORK_MODULE, PEERING_MODULE, REQUESTER, Peering, PeerNetwork
from plgen.patterns import data
from plgen.patterns.base import Pattern, Root
from plgen.patterns.naming import alias
from plgen.terraform import local, module_call, output, tf, variable


def peer_key(side: Provider | Consumer, peer: Peer) -> str:
    return f"{side.name}/{peer.name}"


def nlb_subnet_cidrs(side: Provider) -> list[str]:
    """Where the NLB's traffic to the home fleet comes from: its subnets (the VPC, for an existing one)."""
    if side.vpc.created:
        return list(side.vpc.subnets_for(side.azs).values())
    return [str(side.vpc.network)]


def fleet_ingress(side: Provider, peer: Peer) -> dict[str, dict[str, Any]]:
    """Ingress the home fleet admits: the NLB subnets, on the ports of the targets in this peer only."""
    network = peer.vpc.network
    ports = sorted(
        {
            (proto, target.port or listener.backend_port)
            for service in side.services
            for listener in service.nlb.listeners
            for target in service.registered_targets
            if target.site is Site.peered and network is not None and ipaddress.IPv4Address(target.ip) in network
            for proto in data.IP_PROTOCOLS[listener.protocol]
        }
    )
    return {f"{cidr}/{proto}/{port}": {"cidr": cidr, "port": port, "ip_protocol": proto} for cidr in nlb_subnet_cidrs(side) for proto, port in ports}


class PeeredPattern(Pattern):
    """A pattern whose ``peered_side`` (providers or consumers) peers with VPCs in other Regions."""

    peered_side: ClassVar[str]
    # The home VPC holds the service fleet: its security groups admit the remote NLB's subnets.
    fleet_ingress: ClassVar[bool] = False
    provider_aliases = {f"modules/{PEERING_MODULE}": (REQUESTER, ACCEPTER)}

    def sides(self, bp: Blueprint) -> list[Provider | Consumer]:
        return list(bp.providers if self.peered_side == "providers" else bp.consumers)

    def peers(self, bp: Blueprint) -> list[tuple[Provider | Consumer, Peer]]:
        return [(side, peer) for side in self.sides(bp) for peer in side.peers]

    def side_modules(self, bp: Blueprint) -> dict[str, Any]:
        modules = super().side_modules(bp)
        if any(peer.vpc.created for _, peer in self.peers(bp)):
            modules[f"modules/{PEER_NETWORK_MODULE}"] = lambda s: PeerNetwork(s, workloads_group=self.fleet_ingress)
        modules[f"modules/{PEERING_MODULE}"] = lambda s: Peering(s, ingress=self.fleet_ingress)
        return modules

    def peer_inputs(self, side: Provider | Consumer, peer: Peer) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "name": peer.name,
            "region": peer.region,
            "account_id": peer.account_id or side.account_id,
            "vpc": data.vpc(peer.vpc, peer.azs),
            "cidr": str(peer.vpc.network),
            "side": side.name,
            "side_region": side.region,
            "side_account_id": side.account_id,
            "side_cidr": str(side.vpc.network),
        }
        if self.fleet_ingress:
            entry["security_group_ids"] = list(peer.security_group_ids)
            entry["ingress"] = fleet_ingress(side, peer)
        return entry

    def inputs(self, bp: Blueprint) -> dict[str, Any]:
        inputs = super().inputs(bp)
        inputs["peers"] = {peer_key(side, peer): self.peer_inputs(side, peer) for side, peer in self.peers(bp)}
        return inputs

    def build_root(self, root: Root) -> None:
        super().build_root(root)
        self.root_peers(root)

    # -- root wiring --------------------------------------------------------------

    def root_peers(self, root: Root) -> None:
        bp = root.blueprint
        fields = dict(
            name="string",
            region="string",
            account_id="string",
            vpc=types.VPC,
            cidr="string",
            side="string",
            side_region="string",
            side_account_id="string",
            side_cidr="string",
        )
        if self.fleet_ingress:
            fields.update(security_group_ids="optional(list(string), [])", ingress=f"optional(map({INGRESS}), {{}})")
        peers = variable(
            root.scope,
            "peers",
            f"map({types.obj(**fields)})",
            "Peered VPCs in other Regions by `<side>/<peer>`: the VPC (created or existing), its CIDR, and the side it peers with. Filled from the blueprint.",
        )
        networks = []
        for region in dict.fromkeys(peer.region for _, peer in self.peers(bp) if peer.vpc.created):
            networks.append(
                module_call(
                    root.scope,
                    f"peer_network_{alias(region)}",
                    f"./modules/{PEER_NETWORK_MODULE}",
                    {"name": tf("each.value.name"), "vpc": tf("each.value.vpc"), "tags": tf("var.tags")},
                    for_each=tf(f'{{ for key, peer in {peers} : key => peer if peer.region == "{region}" && peer.vpc.id == null }}'),
                    providers=root.providers_for(region),
                )
            )
        groups_existing = ", security_group_ids = { for id in peer.security_group_ids : id => id }" if self.fleet_ingress else ""
        groups_created = ", security_group_ids = { workloads = net.security_group_id }" if self.fleet_ingress else ""
        parts = [
            f"{{ for key, peer in {peers} : key => {{ vpc_id = peer.vpc.id, route_table_ids = peer.vpc.route_table_ids{groups_existing} }} if peer.vpc.id != null }}",
            *(f"{{ for key, net in {m} : key => {{ vpc_id = net.vpc_id, route_table_ids = net.route_table_ids{groups_created} }} }}" for m in networks),
        ]
        peer_vpcs = local(root.scope, "peer_vpcs", tf(f"merge({', '.join(parts)})"))

        side_modules = root.provider_modules if self.peered_side == "providers" else root.consumer_modules
        peerings = []
        for home, remote in dict.fromkeys((peer.region, side.region) for side, peer in self.peers(bp)):
            side = f"{side_modules[remote]}[each.value.side]"
            inputs = {
                "name": tf('replace(each.key, "/", "-")'),
                REQUESTER: tf(f"{{ vpc_id = {peer_vpcs}[each.key].vpc_id, cidr = each.value.cidr, route_table_ids = {peer_vpcs}[each.key].route_table_ids }}"),
                ACCEPTER: tf(
                    f"{{ vpc_id = {side}.vpc_id, cidr = each.value.side_cidr, route_table_ids = {side}.route_table_ids,"
                    " region = each.value.side_region, account_id = each.value.side_account_id }"
                ),
                "tags": tf("var.tags"),
            }
            if self.fleet_ingress:
                inputs["requester_security_group_ids"] = tf(f"{peer_vpcs}[each.key].security_group_ids")
                inputs["requester_ingress"] = tf("each.value.ingress")
            peerings.append(
                module_call(
                    root.scope,
                    f"peering_{alias(home)}_to_{alias(remote)}",
                    f"./modules/{PEERING_MODULE}",
                    inputs,
                    for_each=tf(f'{{ for key, peer in {peers} : key => peer if peer.region == "{home}" && peer.side_region == "{remote}" }}'),
                    providers={f"aws.{REQUESTER}": provider_ref(root, home), f"aws.{ACCEPTER}": provider_ref(root, remote)},
                )
            )
        output(
            root.scope,
            "peerings",
            tf(
                "merge("
                + ", ".join(
                    f"{{ for key, peering in {m} : key => {{ id = peering.peering_connection_id, status = peering.accept_status }} }}" for m in peerings
                )
                + ")"
            ),
            "Per `<side>/<peer>`: the VPC peering connection ID and its status.",
        )
        output(
            root.scope,
            "peer_vpcs",
            tf(peer_vpcs),
            "Per `<side>/<peer>`: the peered VPC's ID and route tables"
            + (", and the security groups (put the fleet in them) that admit the remote NLB." if self.fleet_ingress else "."),
        )


def provider_ref(root: Root, region: str) -> str:
    """The provider configuration of ``region`` in the root: the default one, or its alias."""
    return "aws" if region == root.home else f"aws.{alias(region)}"
