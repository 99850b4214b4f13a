"""Root wiring of the peered features: the ``peers`` variable, peer networks, peerings.

Both inter-region patterns join a side's VPC in the service's Region (a
provider's remote NLB VPC, or a consumer's endpoint VPC) to a VPC in another
Region (the home fleet, or the consumer's home workloads). The home VPC
requests the peering, as the notes describe it for the consumer ("from the
Amazon VPC in their region to the Amazon VPC in the remote Region"); the
side's VPC accepts it. Every peer is one entry of ``var.peers`` keyed
``<side>/<peer>``, so adding a peer changes only data:

    modules/peer-network   one call per Region holding peer VPCs plgen creates
    modules/peering        one call per (home Region, side Region) pair: the
                           request, in the home Region (the peer's account)
    modules/peering-accepter  per pair: the acceptance and its routes, in the
                           side's Region (the side's account)
    modules/peering-routes per pair: the requester's routes, in the home Region,
                           after the acceptance
"""

from __future__ import annotations

from plgen.assemble.modules import cross_account_zones
from plgen.assemble.root import Root
from plgen.features.names import FeatureName
from plgen.interfaces.base import MapOf, type_expr
from plgen.interfaces.consumer import CONSUMER
from plgen.interfaces.endpoint_service import PROVIDER
from plgen.interfaces.naming import alias
from plgen.interfaces.peering import (
    ACCEPTER_CALL,
    PEER,
    PEER_NETWORK,
    PEERING,
    PEERING_ACCEPTER,
    PEERING_ID,
    PEERING_ROUTES,
    PEERS_DESCRIPTION,
    REQUESTER_CALL,
    SIDE_CALL,
    peers,
)
from plgen.interfaces.zone_association import ZONE_ASSOCIATION
from plgen.records import Instance
from plgen.terraform import output, tf, variable
from plgen.terraform.expr import Expr, Ref

# The module outputs a placeholder of an interface's wiring reads (``<side>.vpc_id``): per (module, input), per placeholder.
PLACEHOLDER_OUTPUTS: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {
    (PEERING.module, "accepter"): {SIDE_CALL: ("vpc_id",)},
    (PEERING_ACCEPTER.module, "accepter"): {SIDE_CALL: ("route_table_ids",)},
    (PEERING_ACCEPTER.module, PEERING_ID): {REQUESTER_CALL: (PEERING_ID,)},
    (PEERING_ROUTES.module, PEERING_ID): {ACCEPTER_CALL: (PEERING_ID,)},
}


def build_peering(root: Root) -> None:
    fleet = FeatureName.PEERED_FLEET in root.features
    entries = peers(root.bp, root.features)
    variable(root.scope, "peers", type_expr(MapOf(PEER), "root", root.features), PEERS_DESCRIPTION)
    peers_var = Ref("var", "peers")

    networks = []
    for region in dict.fromkeys(c.peer.region for c in entries if c.peer.vpc.created):
        networks.append(
            root.call(
                f"peer_network_{alias(region)}",
                PEER_NETWORK,
                Expr.format('{{ for key, peer in {} : key => peer if peer.region == "{}" && peer.vpc.id == null }}', peers_var, region),
                root.providers_for(region),
                {"aws": region},
                "peers",
                tuple(_instance(c, region) for c in entries if c.peer.region == region and c.peer.vpc.created),
            )
        )
    groups_existing = ", security_group_ids = { for id in peer.security_group_ids : id => id }" if fleet else ""
    groups_created = ", security_group_ids = { workloads = net.security_group_id }" if fleet else ""
    network_outputs = ("vpc_id", "route_table_ids", *(("security_group_id",) if fleet else ()))
    parts = [
        Expr.format(
            "{{ for key, peer in {} : key => {{ vpc_id = peer.vpc.id, route_table_ids = peer.vpc.route_table_ids{} }} if peer.vpc.id != null }}",
            peers_var,
            groups_existing,
        ),
        *(
            Expr.format("{{ for key, net in {} : key => {{ vpc_id = net.vpc_id, route_table_ids = net.route_table_ids{} }} }}", m.reading(*network_outputs), groups_created)
            for m in networks
        ),
    ]
    peer_vpcs = root.local("peer_vpcs", Expr(("merge(", *_joined(parts, ", "), ")")))

    side_calls = root.side_calls[PROVIDER.module if fleet else CONSUMER.module]
    requests, accepters = [], []
    for home, remote in dict.fromkeys((c.peer.region, c.side.region) for c in entries):
        pair = [c for c in entries if c.peer.region == home and c.side.region == remote]
        selected = Expr.format('{{ for key, peer in {} : key => peer if peer.region == "{}" && peer.side_region == "{}" }}', peers_var, home, remote)
        suffix = f"{alias(home)}_to_{alias(remote)}"
        side = Expr((side_calls[remote], "[each.value.side]"))
        # Each part in its owner's account and Region: the request and the requester's routes by the peer
        # (the requesting VPC), the acceptance by the side (the accepting VPC).
        request = root.call(
            f"peering_{suffix}", PEERING, selected, root.providers_for(home), {"aws": home}, "peers",
            tuple(_requester(c) for c in pair), _wired(PEERING, root.features, side),
        )
        accept = root.call(
            f"peering_accepter_{suffix}", PEERING_ACCEPTER, selected, root.providers_for(remote), {"aws": remote}, "peers",
            tuple(_accepter(c) for c in pair), _wired(PEERING_ACCEPTER, root.features, side, request),
        )
        root.call(
            f"peering_routes_{suffix}", PEERING_ROUTES, selected, root.providers_for(home), {"aws": home}, "peers",
            tuple(_requester(c) for c in pair), _wired(PEERING_ROUTES, root.features, side, request, accept),
        )
        requests.append(request)
        accepters.append(accept)
    if cross_account_zones(root.bp, root.features):
        _zone_associations(root, entries, peers_var, side_calls)
    output(
        root.scope,
        "peerings",
        tf(
            "merge("
            + ", ".join(f"{{ for key, peering in {m} : key => {{ id = peering.{PEERING_ID}, status = {a}[key].accept_status }} }}" for m, a in zip(requests, accepters))
            + ")"
        ),  # an output of the root: no unit reads it, so its text is enough
        "Per `<side>/<peer>`: the VPC peering connection ID and its status.",
    )
    output(
        root.scope,
        "peer_vpcs",
        tf(str(peer_vpcs)),
        "Per `<side>/<peer>`: the peered VPC's ID and route tables"
        + (", and the security groups (put the fleet in them) that admit the remote NLB." if fleet else "."),
    )


def _zone_associations(root: Root, entries, peers_var: Ref, side_calls: dict[str, Ref]) -> None:
    """The second step of a cross-account zone association: one call per home Region, per home VPC of another account."""
    authorizations = [
        Expr.format(
            'merge([for name, side in {} : {{ for key, a in side.zone_authorizations : "${{name}}/${{key}}" => merge(a, {{ side = name }}) }}]...)',
            call.reading("zone_authorizations"),
        )
        for call in side_calls.values()
    ]
    root.local("zone_authorizations", Expr(("merge(", *_joined(authorizations, ", "), ")")))
    foreign = [c for c in entries if c.peer.account_id not in (None, c.side.account_id) and any(e.dns_name for e in c.side.endpoints)]
    for region in dict.fromkeys(c.peer.region for c in foreign):
        root.call(
            f"zone_association_{alias(region)}",
            ZONE_ASSOCIATION,
            Expr.format('{{ for key, peer in {} : key => peer if peer.region == "{}" && peer.account_id != peer.side_account_id }}', peers_var, region),
            root.providers_for(region),
            {"aws": region},
            "peers",
            tuple(_instance(c, region) for c in foreign if c.peer.region == region),
        )


def _instance(c, region: str) -> Instance:
    return Instance(c.key, c.side.name, c.peer.account_id or c.side.account_id, region, c.peer.name, role=c.peer.deploy_role or c.side.deploy_role)


def _joined(items, separator: str) -> list:
    out: list = []
    for n, item in enumerate(items):
        out += [separator, item] if n else [item]
    return out


def _wired(interface, features: frozenset[str], side: Expr, requester: Ref | None = None, accepter: Ref | None = None) -> dict[str, Expr | str]:
    """The interface's wiring with the side's call and the peering's other parts filled in (as references).

    A wiring names the calls by placeholders (``<side>``); each becomes the call's reference, declared to read
    the outputs ``PLACEHOLDER_OUTPUTS`` lists for that input.
    """
    places = {SIDE_CALL: side, REQUESTER_CALL: requester, ACCEPTER_CALL: accepter}
    out: dict[str, Expr | str] = {}
    for name, expression in interface.call_inputs(features).items():
        reads = PLACEHOLDER_OUTPUTS.get((interface.module, name), {})
        parts: list = [expression]
        for place, call in places.items():
            if call is None or place not in expression:
                continue
            value = _reading(call, reads.get(place, ()))
            parts = [q for p in parts for q in (_joined(p.split(place), value) if isinstance(p, str) else [p])]
        out[name] = Expr(parts) if len(parts) > 1 else expression
    return out


def _reading(call: Expr | Ref, outputs: tuple[str, ...]) -> Expr | Ref:
    """``call`` (a module call's reference, or an expression starting with one) declared to read ``outputs``."""
    if isinstance(call, Ref):
        return call.reading(*outputs)
    return Expr(p.reading(*outputs) if isinstance(p, Ref) and p.kind == "module" else p for p in call.parts)


def _requester(c) -> Instance:
    """The request and the requester's routes are applied by the peer's owner (its account, in its Region)."""
    return Instance(c.key, c.side.name, c.peer.account_id or c.side.account_id, c.peer.region, c.peer.name, role=c.peer.deploy_role or c.side.deploy_role)


def _accepter(c) -> Instance:
    """The acceptance is applied by the side's owner, with the side's own calls (no peer: the side's unit)."""
    return Instance(c.key, c.side.name, c.side.account_id, c.side.region, role=c.side.deploy_role)
