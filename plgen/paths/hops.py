"""The hops of a consumer -> service path through an interface endpoint, each declared ONCE, over any ``World``.

A hop is a function ``(world, path, case) -> bool`` (False: the path stops at
this hop's FAIL), listed in ``HOPS`` in the order a path takes them. What it
reads comes from the world's queries (``world.World``): the offline adapter
(``adapters.terraform``) answers from the evaluated Terraform, the live one
(``adapters.live``) from describe calls; the verdict and its reason are
written here only.

    source          the sources the declaration names for the endpoint
    endpoint        the interface endpoint exists, wired to this service (live: available), in AZs the service
                    offers; in another Region, naming the service's Region among its supported Regions; of an IP
                    address type the service supports (IPv6 only behind a dual-stack NLB)
    security group  the endpoint's groups admit every source on the listener's port and protocol, not the internet
    network acl     (where ACLs are on the endpoint's subnets) the sources in and the replies out
    acceptance      the consumer's account is an allowed principal, and the connection is accepted
    listener        the service's NLB is internal and listens on the port and protocol; its groups admit no internet
                    source and, with PrivateLink enforcement on, every source CIDR (``proof.judge_nlb_group``)
    target group    the listener forwards to a target group on the target port and protocol
    targets         every declared target is registered and reachable (in the VPC: a group admits the NLB's group
                    or subnets and the NLB's group lets it out; on premises: Direct Connect; over peering: routes)
    peering         (home workloads of a peered consumer) routes both ways between home and endpoint VPC
    on-premises     (an access VPC) every on-premises CIDR reaches the endpoint's VPC over Direct Connect
    dns             the name the consumer uses resolves in its VPC to this endpoint
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from plgen.paths.direct_connect import on_premises_cidr
from plgen.paths.world import (
    FAIL,
    IP_FAMILIES,
    PASS,
    PROTOCOLS,
    WARN,
    Endpoint,
    EndpointService,
    LoadBalancer,
    TargetGroup,
    World,
    acl_blocks,
    admits,
    holds,
    admits_group,
    open_to_internet,
)


@dataclass
class Case:
    """One declared path: the declaration's side of it, and what the hops found so far."""

    consumer_name: str
    consumer: dict[str, Any]
    key: str
    endpoint_spec: dict[str, Any]
    provider_name: str
    provider: dict[str, Any]
    service_name: str
    service_spec: dict[str, Any]
    listener: dict[str, Any]
    peers: dict[str, Any]
    sources: list[tuple[str, str]] = field(default_factory=list)
    endpoint: Endpoint | None = None
    service: EndpointService | None = None
    lb: LoadBalancer | None = None
    target_group: TargetGroup | None = None
    discovered: bool = False  # found from the resources (``discover.py``): no declaration names sources, targets, accounts

    @property
    def port(self) -> int | None:
        """The listener's port; None on a discovered path whose listener is not known before apply (or absent)."""
        value = self.listener.get("port")
        return int(value) if value is not None else None

    @property
    def protocols(self) -> list[str]:
        return PROTOCOLS.get(str(self.listener.get("protocol") or "TCP").upper(), ["tcp"])


# Live endpoint states the acceptance hop judges (the endpoint exists; its connection is not, or no longer, accepted).
CONNECTION_STATES = ("pendingAcceptance", "rejected")
# Phrases of the two live FAILs whose fix is more than a re-apply (``adapters.live_accounts.fixes`` names it).
REJECTED = "rejected by the service owner"
UNVERIFIED = "not verified"
# AWS documents accepting a connection *request* (pendingAcceptance), nothing that takes a rejected connection back:
# https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptVpcEndpointConnections.html
# https://docs.aws.amazon.com/vpc/latest/privatelink/accept-reject-endpoint-requests.html
NEW_REQUEST = "only a new connection request (a new endpoint) can be accepted"


def declared_sources(consumer_name: str, consumer: dict, endpoint: dict, peers: dict) -> list[tuple[str, str]]:
    named = [*endpoint.get("allowed_cidrs", []), *endpoint.get("allowed_ipv6_cidrs", []), *endpoint.get("allowed_security_group_ids", [])]
    sources = [(s, "named") for s in named]
    sources += [(c, "on-premises") for c in ((consumer.get("on_premises") or {}).get("cidrs") or [])]
    sources += [(p["cidr"], f"peer {p['name']}") for p in peers.values() if p.get("side") == consumer_name and "side_region" in p and consumer_name in p["side"]]
    return sources


def sources_from_groups(world: World, endpoint: Endpoint | None, ports: list[int] | None, protocols: list[str]) -> list[tuple[str, str]]:
    """What the endpoint's groups admit on ``ports`` (all of them when None), with the rule that admits each.

    The sources of a discovered path: no declaration names them, so they are
    what the groups let in (CIDRs written or evaluated, then peer groups).
    """
    rules = world.rules(endpoint.groups) if endpoint is not None else []
    peers = [r for r in rules if ports is None or any(r.covers(p, n) for p in protocols for n in ports)]
    found = [(str(r.cidr), r.origin) for r in peers if isinstance(r.cidr, str)] + [(str(r.group), r.origin) for r in peers if r.group is not None]
    return list(dict.fromkeys(found))


def source(world: World, path, case: Case) -> bool:
    if case.discovered:
        vpce = world.endpoint(case.consumer_name, case.key, case.consumer, None)
        case.sources = sources_from_groups(world, vpce, None if case.port is None else [case.port], case.protocols)
        named = ", ".join(f"{s} ({o})" for s, o in case.sources)
        on = f" on {case.port}" if case.port is not None else ""
        return path.add("source", PASS if named else FAIL, f"no declaration: sources read from the endpoint's groups: {named}" if named else f"the endpoint's groups admit no source{on} (no declaration names one)")
    case.sources = declared_sources(case.consumer_name, case.consumer, case.endpoint_spec, case.peers)
    named = [f"{s} ({o})" for s, o in case.sources] + (["the VPC's own addresses (admit_own_vpc)"] if case.endpoint_spec.get("admit_own_vpc") else [])
    return path.add("source", PASS if named else FAIL, ", ".join(named) or "the endpoint admits no source")


def endpoint(world: World, path, case: Case) -> bool:
    case.service = es = world.service(case.provider_name, case.service_name, case.provider, case.service_spec)
    case.endpoint = vpce = world.endpoint(case.consumer_name, case.key, case.consumer, es)
    if case.discovered and es is None and vpce is not None:
        return path.add("endpoint", WARN, f"{vpce.name} names {case.service_name}, a service outside this root: judged up to the endpoint")
    if vpce is None or es is None:
        return path.add("endpoint", FAIL, world.missing(case.consumer_name, case.key, case.provider_name, case.service_name, case.service_spec, vpce))
    unwired = world.wired(vpce, es)
    if unwired:
        return path.add("endpoint", FAIL, unwired)
    # Live, a connection still waiting for (or refused by) the service owner is the acceptance hop's to judge.
    if vpce.state not in (None, "available", *CONNECTION_STATES) or vpce.kind != "Interface":
        return path.add("endpoint", FAIL, f"{vpce.name} is a {vpce.kind} endpoint in state {vpce.state}, not an available interface endpoint")
    case.lb = lb = world.load_balancer(es)
    endpoint_azs = [s.az for s in vpce.subnets]
    here, there = case.consumer.get("region"), case.provider.get("region")
    if here != there:
        if not path.add("endpoint", *_cross_region(vpce, es, here, there)):
            return False
        endpoint_azs = []  # another Region's AZs: the service's NLB AZs say nothing about them
    service_azs = [s.az for s in lb.subnets] if lb and endpoint_azs else []
    known = bool(service_azs) and None not in service_azs  # an existing subnet's AZ is not known offline: not judged
    outside = [az for az in endpoint_azs if az is not None and known and az not in service_azs]
    if outside:
        return path.add("endpoint", FAIL, f"subnets in {', '.join(outside)}, which the service (NLB in {', '.join(map(str, service_azs))}) does not offer")
    mismatch = _ip_type(vpce, es, lb)
    if mismatch:
        return path.add("endpoint", FAIL, mismatch)
    if len(set(endpoint_azs)) < len(set(service_azs)):
        path.add("endpoint", WARN, f"in {', '.join(map(str, endpoint_azs))} only; the service offers {', '.join(map(str, service_azs))}")
    elif here == there:
        path.add("endpoint", PASS, f"{vpce.name} in {', '.join(map(str, endpoint_azs))}")
    return True


def _cross_region(vpce: Endpoint, es: EndpointService, here: str, there: str) -> tuple[str, str]:
    """Native cross-Region PrivateLink: the endpoint names the service's Region, which lists the endpoint's.

    AWS connects an endpoint in Region B to a service in Region A only if the
    endpoint names A (``service_region``) and the service lists B among its
    supported Regions; the endpoint's AZs are B's, so they are not compared
    with the NLB's. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html
    """
    supported = es.supported_regions or []
    if vpce.service_region != there:
        return FAIL, f"{vpce.name} is in {here} and names service_region {vpce.service_region!r}, not the service's Region {there}"
    if isinstance(supported, list) and here not in supported:
        return FAIL, f"the service's supported_regions {supported} do not list the endpoint's Region {here}"
    return PASS, f"{vpce.name} in {here}, cross-Region to {there} (supported_regions {', '.join(map(str, supported))})"


def _ip_type(vpce: Endpoint, es: EndpointService, lb: LoadBalancer | None) -> str | None:
    """Why the endpoint's IP address type cannot reach the service, or ``None``.

    AWS: the endpoint's type must be among the service's supported types, and a
    service supports IPv6 only behind a dual-stack NLB (absent arguments are
    AWS's defaults: ipv4).
    """
    wanted = vpce.ip_address_type or "ipv4"
    supported = es.supported_ip_address_types or ["ipv4"]
    if not isinstance(wanted, str) or not isinstance(supported, list):
        return None
    missing = sorted(IP_FAMILIES.get(wanted, {wanted}) - set(supported))
    if missing:
        return f"{vpce.name} is {wanted}; the service supports {', '.join(map(str, supported))}, not {', '.join(missing)}"
    if "ipv6" in supported and lb is not None and (lb.ip_address_type or "ipv4") != "dualstack":
        return f"the service supports IPv6 but {lb.name} is not dual-stack"
    return None


def security_group(world: World, path, case: Case) -> bool:
    assert case.endpoint is not None
    rules = world.rules(case.endpoint.groups)
    port = case.port
    missing = [f"{s} on {proto}/{port}" for s, _ in case.sources for proto in case.protocols if port is not None and not admits(rules, s, port, proto)]
    missing += [problem for problem in [own_vpc_addresses(world, case, rules)] if problem]
    internet = open_to_internet(rules)
    if internet:
        return path.add("security group", FAIL, f"the endpoint's group admits the internet ({', '.join(internet)})")
    if port is None:  # a service outside the root, or a port known only after apply: no port to judge the sources on
        return path.add("security group", FAIL if missing else PASS, ("does not admit " + ", ".join(missing)) if missing else f"{len(rules)} rule(s), none open to the internet")
    return path.add("security group", FAIL if missing else PASS, ("does not admit " + ", ".join(missing)) if missing else f"{len(rules)} rule(s) admit every source on {port}")


def own_vpc_addresses(world: World, case: Case, rules: list) -> str | None:
    """Why the endpoint's group admits no address of its own VPC where it must, or ``None`` (issue 23, review D1).

    It must where the blueprint asks (``admit_own_vpc``) and where the endpoint
    is IPv6-only: its clients then hold IPv6 addresses, and a VPC plgen creates
    gets an Amazon-provided block, assigned at creation ("You cannot specify the
    range of IP addresses", https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpc.html):
    no CIDR written in the blueprint can be known to hold it (the documentation
    prefix ``2001:db8::/32`` never does), only a rule on the VPC's
    ``ipv6_cidr_block`` does (offline a reference to it, live the block itself).
    An existing VPC's blocks are not known offline: not judged.
    """
    assert case.endpoint is not None
    ipv6_only = case.endpoint.ip_address_type == "ipv6"
    if not (ipv6_only or case.endpoint_spec.get("admit_own_vpc")):
        return None
    own = world.own_vpc(case.endpoint)
    if own is None:
        return None
    if any(holds(rule.cidr, own.ipv6) for rule in rules):
        return None
    if ipv6_only:
        return f"any address its VPC can hold ({own.name}'s IPv6 block is Amazon-provided, known at apply: set admit_own_vpc)"
    if own.amazon_ipv6:
        return f"the VPC's own IPv6 block (admit_own_vpc, but no rule on {own.name}.ipv6_cidr_block)"
    return None


def network_acl(world: World, path, case: Case) -> bool:
    assert case.endpoint is not None
    if case.port is None:
        return True  # no port to judge the ACLs on (a discovered path to a service outside the root, or a port known after apply)
    return network_acls(world, path, case.endpoint.subnets, case.sources, case.port, case.protocols)


def network_acls(world: World, path, subnets, sources: list[tuple[str, str]], port: int, protocols: list[str]) -> bool:
    """The ``network acl`` hop, where ACLs filter the endpoint's subnets: every source in on the port, replies out.

    Stateless, first match by rule number, nothing matching denied (``world.acl_blocks``). Only CIDR
    sources are judged (a group's members' addresses are not known). No ACL: no hop (offline, the
    VPC's default ACL, which allows all unless the root manages it).
    """
    acls = world.acls(subnets)
    if not acls:
        return True
    blocked = [why for acl in acls for s, _ in sources if "/" in s for p in protocols for why in [acl_blocks(acl, p, port, s)] if why]
    return path.add("network acl", FAIL if blocked else PASS, "; ".join(dict.fromkeys(blocked)) or f"{', '.join(a.name for a in acls)} let every source in on {port} and the replies out")


def acceptance(world: World, path, case: Case) -> bool:
    assert case.endpoint is not None
    if case.service is None:
        return False  # a discovered service outside the root: the endpoint hop said the path is judged up to there
    es, vpce = case.service, case.endpoint
    account, owner = str(case.consumer.get("account_id")), str(case.provider.get("account_id"))
    principals = es.principals
    allowed = case.discovered or account == owner or "*" in principals or account in es.principal_accounts
    if not allowed:
        return path.add("acceptance", FAIL, f"account {account} is not an allowed principal of {case.service_name}")
    if vpce.state == "rejected":
        return path.add("acceptance", FAIL, f"{vpce.name} is {REJECTED}: {NEW_REQUEST}")
    unknown = "; no declaration names the accounts: the allowed principals are not judged" if case.discovered else ""
    accepters = world.accepted_by(vpce, es)
    if es.acceptance_required is False:
        return path.add("acceptance", PASS, f"acceptance is off: connections are accepted at once{unknown}")
    if accepters:
        return path.add("acceptance", PASS, f"accepted by {accepters[0]}{unknown}")
    if case.discovered and vpce.auto_accept is True:
        return path.add("acceptance", PASS, f"the endpoint auto-accepts (AWS does so only in the service's own account){unknown}")
    if account == owner and vpce.auto_accept is True:
        return path.add("acceptance", PASS, "same account: the endpoint auto-accepts")
    return path.add("acceptance", FAIL, "nothing accepts the connection: the endpoint stays pendingAcceptance (add an accepter in the provider's module)")


def judge_nlb_group(group: str | None, rules, enforce: str, sources, port: int, protocol: str) -> tuple[str | None, str]:
    """(a failure, or None; a note) for an NLB's groups (``group`` names the first, None if it has none) on a listener.

    With ``enforce_security_group_inbound_rules_on_private_link_traffic`` on
    (AWS's default once an NLB has a group), PrivateLink traffic is evaluated
    with the client's IP as source: every declared source must be admitted by
    CIDR, or the NLB drops it without a trace. Off, it is not evaluated.
    """
    if group is None:
        return None, "no security group on the NLB: PrivateLink traffic is unfiltered there, and a group can never be added to it"
    internet = open_to_internet(rules)
    if internet:
        return f"the NLB's group admits the internet ({', '.join(internet)})", ""
    if enforce != "on":
        return None, f"{group} (PrivateLink traffic is not evaluated: the endpoint's group filters it)"
    by_group = [s for s, _ in sources if "/" not in s]  # an sg- ID, or (discovered) a group of the root by address
    if by_group:
        return f"PrivateLink enforcement is on and the NLB sees client IPs: {', '.join(by_group)} in the consumer VPC cannot be admitted, its clients are dropped", ""
    missing = [f"{s} on {proto}/{port}" for s, _ in sources for proto in PROTOCOLS[protocol] if not admits(rules, s, port, proto)]
    if missing:
        return f"PrivateLink enforcement is on and the NLB's group does not admit {', '.join(missing)}: the NLB drops it silently", ""
    return None, f"{group} admits every source on {port} (PrivateLink enforcement on)"


def listener(world: World, path, case: Case) -> bool:
    lb, port, protocol = case.lb, case.port, case.listener.get("protocol")
    if lb is not None and lb.internal is not None and not isinstance(lb.internal, bool):
        return path.add("listener", FAIL, f"cannot judge: {lb.name}.internal is {_text(lb.internal)}, not known before apply")
    if lb is None or lb.internal is not True:
        return path.add("listener", FAIL, "the service has no internal NLB" if lb is None else f"{lb.name} is not internal")
    if "port" not in case.listener:  # a discovered path to a service whose NLB has no listener
        return path.add("listener", FAIL, f"{lb.name} has no listener")
    if port is None:
        return path.add("listener", FAIL, f"cannot judge: {case.listener['name']}.port is {case.listener['port_text']}, not known before apply")
    found = [item for item in world.listeners(lb) if item.port == port and item.protocol == protocol]
    if not found:
        return path.add("listener", FAIL, f"{lb.name} has no {protocol} listener on {port}")
    rules = world.rules(lb.groups)
    problem, note = judge_nlb_group(world.group_name(lb.groups[0]) if lb.groups else None, rules, lb.enforce, case.sources, port, protocol if protocol in PROTOCOLS else "TCP")
    if problem:
        return path.add("listener", FAIL, problem)
    path.add("listener", WARN if note.startswith("no security group") else PASS, f"{found[0].name}; {note}")
    case.target_group = world.target_group(found[0])
    return True


def target_group(world: World, path, case: Case) -> bool:
    if case.discovered:  # no declaration names the target port: the group's own is what the listener reaches
        tg = case.target_group
        if tg is None:
            return path.add("target group", FAIL, "the listener forwards to no target group")
        return path.add("target group", PASS, f"{tg.name} {tg.protocol}/{tg.port} (no declaration names the target port)")
    tg, wanted = case.target_group, int(case.listener["target_port"])
    if tg is None or tg.port != wanted or tg.protocol != case.listener["target_protocol"]:
        return path.add("target group", FAIL, "the listener forwards to no target group" if tg is None else f"{tg.name} is {tg.protocol}/{tg.port}, not {case.listener['target_protocol']}/{wanted}")
    return path.add("target group", PASS, f"{tg.name} {case.listener['target_protocol']}/{wanted}")


class _Recorded:
    """Stands in for a path while a hop that no consumer changes is judged: keeps what the hop adds."""

    def __init__(self) -> None:
        self.hops: list[tuple[str, str, str]] = []

    def add(self, name: str, status: str, reason: str) -> bool:
        self.hops.append((name, status, reason))
        return status != FAIL


def _once(world: World, key: tuple, hop, path, case: Case) -> bool:
    """``hop`` judged once per ``key`` on this world and its verdict given to every path that asks: a provider's
    targets are the same for each of its thousand consumers, and judging them again made the proof's cost grow
    with consumers times targets."""
    try:
        hash(key)
    except TypeError:  # an unhashable fact (a value known only after apply): judge it here, every time
        return hop(world, path, case)
    memo = world.__dict__.setdefault("_plgen_hop_verdicts", {})
    if key not in memo:
        recorded = _Recorded()
        memo[key] = (hop(world, recorded, case), recorded.hops)
    result, hops = memo[key]
    for hop_verdict in hops:
        path.add(*hop_verdict)
    return result


def targets(world: World, path, case: Case) -> bool:
    """The targets behind the listener's group, judged once per provider, service, NLB, group and target port."""
    listener = case.listener
    lb, tg = case.lb, case.target_group
    key = ("targets", case.discovered, case.provider_name, case.service_name, lb and lb.id, tg and tg.id, listener.get("target_port"), listener.get("target_protocol"))
    return _once(world, key, _targets, path, case)


def _targets(world: World, path, case: Case) -> bool:
    assert case.lb is not None and case.target_group is not None
    if case.discovered:
        return _registered_targets(world, path, case.lb, case.target_group)
    lb, target_port = case.lb, int(case.listener["target_port"])
    registered = world.registered(case.target_group, target_port)
    expected = case.service_spec.get("targets", {})
    if not expected:
        return path.add("targets", FAIL, "no target is registered")
    nlb_cidrs = [s.cidr for s in lb.subnets if s.cidr]
    protocols = PROTOCOLS[case.listener["target_protocol"]]
    egress = world.rules(lb.groups, "egress")
    problems, notes = [], []
    for target in expected.values():
        port = target.get("port") or target_port
        if (target["target_id"], port) not in registered:
            problems.append(f"{target['target_id']}:{port} is not registered")
            continue
        if target.get("availability_zone") != "all":
            groups = _groups_admitting(world, lb, case.service_name, nlb_cidrs, port, protocols)
            blocked = _target_acls(world, lb, target["target_id"], nlb_cidrs, port, protocols)
            if blocked:
                problems.append(f"{target['target_id']}:{port} {blocked}")
            elif not groups:
                problems.append(f"no security group in the provider's VPC admits the NLB's group or subnets on {port} for {target['target_id']}")
            elif not any(_lets_out(lb, egress, port, protocols, group=g) for g in groups) and not _ip_let_out(lb, egress, target["target_id"], port, protocols):
                problems.append(f"the NLB's group lets nothing out to {target['target_id']} on {port} ({world.group_name(groups[0])} admits it)")
            else:
                notes.append(f"{target['target_id']}:{port} in {world.group_name(groups[0])}")
            continue
        ip = ipaddress.ip_address(target["target_id"])
        if not _lets_out(lb, egress, port, protocols, ip=ip):
            problems.append(f"the NLB's group lets nothing out to {ip} on {port}")
            continue
        on_prem = on_premises_cidr(case.provider.get("on_premises"), str(ip))
        if on_prem:
            status, reason = world.direct_connect(lb, case.provider["on_premises"], on_prem, [s.az for s in lb.subnets])
            (notes if status == PASS else problems).append(f"{ip}:{port} {reason}")
            continue
        reached = peered_target(world, lb, ip, port, protocols, nlb_cidrs)
        (notes if reached.startswith("over") else problems).append(f"{ip}:{port} {reached}")
    if problems:
        return path.add("targets", FAIL, "; ".join(problems))
    empty = _azs_without_targets(lb, expected)
    if empty:
        return path.add("targets", WARN, f"no target in {', '.join(empty)}: that AZ's NLB node forwards to other AZs (cross-zone)")
    return path.add("targets", PASS, "; ".join(notes))


def _registered_targets(world: World, path, lb: LoadBalancer, tg: TargetGroup) -> bool:
    """A discovered path's targets: those registered to the group (no declaration names them). The NLB's groups
    must let each IP target out on its port, as for a declared target (``_lets_out``); the targets' own groups and
    subnets, which a root need not hold, are not judged, and the reason says so."""
    registered = sorted(world.registered(tg, tg.port or 0), key=lambda item: (_text(item[0]), str(item[1])))
    if not registered:
        return path.add("targets", FAIL, "no target is registered")
    egress = world.rules(lb.groups, "egress")
    protocols = PROTOCOLS.get(str(tg.protocol or "TCP").upper(), ["tcp"])
    blocked = [f"{ip}:{number}" for ip, number in ((_ip(t), p) for t, p in registered) if ip is not None and isinstance(number, int) and not _lets_out(lb, egress, number, protocols, ip=ip)]
    if blocked:
        return path.add("targets", FAIL, f"the NLB's group lets nothing out to {', '.join(blocked)}")
    found = [_text(t) for t, _ in registered]
    shown = ", ".join(found[:3]) + (", ..." if len(found) > 3 else "")
    return path.add("targets", PASS, f"{len(found)} target(s) registered ({shown}); no declaration names them: the targets' own groups are not judged")


def _ip(value: Any) -> Any:
    try:
        return ipaddress.ip_address(value) if isinstance(value, str) else None
    except ValueError:
        return None  # an instance ID


def _target_acls(world: World, lb: LoadBalancer, target: str, nlb_cidrs: list[str], port: int, protocols: list[str]) -> str | None:
    """Why a network ACL on the target's subnet drops the NLB's traffic to it (from the NLB's subnets) or the replies.

    Only where the world knows the target's subnet (an IP target inside a subnet it holds) and an ACL is on it.
    """
    try:
        ip = ipaddress.ip_address(target)
    except ValueError:
        return None  # an instance target: its subnet is not known here
    acls = world.acls(world.subnets_holding(lb, ip))
    for acl in acls:
        for cidr in nlb_cidrs:
            for p in protocols:
                why = acl_blocks(acl, p, port, cidr)
                if why:
                    return why
    return None


def _groups_admitting(world: World, lb: LoadBalancer, service: str, cidrs: list[str], port: int, protocols: list[str]) -> list[str]:
    """Groups beside the NLB's in the provider's VPC admitting the NLB's group, or its subnets, on the port."""
    out = []
    for group in world.groups_beside(lb, service):
        rules = world.rules([group])
        by_group = any(all(admits_group(rules, nlb, port, p) for p in protocols) for nlb in lb.groups)
        by_cidr = bool(cidrs) and all(admits(rules, c, port, p) for c in cidrs for p in protocols)
        if by_group or by_cidr:
            out.append(group)
    return out


def _lets_out(lb: LoadBalancer, egress, port: int, protocols: list[str], *, group: str | None = None, ip: Any = None) -> bool:
    """Whether the NLB's groups let traffic out to ``group`` or ``ip`` on the port; no group: all out."""
    if not lb.groups:
        return True
    if group is not None:
        return all(admits_group(egress, group, port, p) for p in protocols)
    return all(admits(egress, f"{ip}/32", port, p) for p in protocols)


def _ip_let_out(lb: LoadBalancer, egress, target_id: str, port: int, protocols: list[str]) -> bool:
    try:
        return _lets_out(lb, egress, port, protocols, ip=ipaddress.ip_address(target_id))
    except ValueError:  # an instance target: only a group reference lets traffic out to it
        return False


def _azs_without_targets(lb: LoadBalancer, expected: dict[str, Any]) -> list[str]:
    """NLB AZs none of whose subnets holds an in-VPC IP target (instance targets' AZs are not known here)."""
    cidrs = {s.az: s.cidr for s in lb.subnets if s.cidr is not None}
    ips = [t["target_id"] for t in expected.values() if t.get("availability_zone") != "all"]
    try:
        addresses = [ipaddress.ip_address(ip) for ip in ips]
    except ValueError:
        return []  # instance targets
    if not cidrs or not addresses:
        return []
    return sorted(str(az) for az, cidr in cidrs.items() if isinstance(cidr, str) and not any(a in ipaddress.ip_network(cidr) for a in addresses))


def peered_target(world: World, lb: LoadBalancer, ip: Any, port: int, protocols: list[str], nlb_cidrs: list[str]) -> str:
    """An off-VPC target over peering: a route to it from the NLB's subnets over an active connection (from every
    subnet's table), one back, and a group of the fleet admitting the NLB's subnets on the port ("over ..." if so)."""
    routes, without = world.routes_to_target(lb, ip)
    if not routes:
        return "is outside the VPC and no route leads to it"
    connection = routes[0].connection
    state, leaves = world.peering_state(lb, connection)
    if state not in (None, "active"):
        return f"is routed over {connection}, which is {state}, not active"
    if without:
        return f"is routed over {connection} from some of the NLB subnets' route tables only"
    if not leaves:
        return f"is routed over {connection}, which does not leave the provider VPC"
    if not world.routes_back(lb, routes[0], nlb_cidrs):
        return "has a route there but none back"
    if not world.fleet_admits(lb, connection, nlb_cidrs, port, protocols):
        return f"is reached over peering but the fleet's groups do not admit the NLB's subnets on {port}"
    return f"over peering ({routes[0].name})"


def peering(world: World, path, case: Case) -> bool:
    """Home workloads of a peered consumer reach the endpoint VPC: routes both ways over one active peering."""
    homes = [p for p in case.peers.values() if p.get("side") == case.consumer_name]
    if not homes:
        return True
    problems, notes = [], []
    for home in homes:
        found = world.home_routes(case.consumer_name, home)
        name = home["name"]
        if found.missing_vpc:
            problems.append(f"no VPC of {found.missing_vpc}")
        elif not found.there or not found.back:
            problems.append(f"no route {'from ' + name + ' to the endpoint VPC' if not found.there else 'back to ' + name}")
        elif found.shared is False or found.state not in (None, "active"):
            problems.append("no route both ways over one active peering")
        else:
            notes.append(name + (f" over {found.connection} ({found.state})" if found.connection else ""))
    return path.add("peering", FAIL if problems else PASS, "; ".join(problems) or "routes both ways with " + ", ".join(notes))


def on_premises(world: World, path, case: Case) -> bool:
    """An access VPC: every on-premises CIDR reaches the endpoint's VPC over Direct Connect (``direct_connect.py``)."""
    spec = case.consumer.get("on_premises")
    if not spec:
        return True
    assert case.endpoint is not None
    azs = [s.az for s in case.endpoint.subnets]
    verdicts = [world.direct_connect(case.endpoint, spec, cidr, azs) for cidr in spec.get("cidrs") or []]
    failed = [reason for status, reason in verdicts if status == FAIL]
    return path.add("on-premises", FAIL if failed else PASS, "; ".join(failed or [reason for _, reason in verdicts]))


def dns(world: World, path, case: Case) -> bool:
    """The name the consumer uses, then whether a TLS-terminating target's certificate can hold it.

    Behind a TCP listener whose targets terminate TLS (``tls_names``: the names their certificate
    holds), a client checks the name it connected to against the certificate (RFC 6125, a wildcard
    covers one label). The endpoint-specific names are generated per endpoint
    (``vpce-<id>-<rand>...vpce.amazonaws.com``,
    https://docs.aws.amazon.com/AmazonVPC/latest/UserGuide/endpoint-service.html, "DNS hostnames"),
    so no certificate can list them in advance: a consumer reaching such a target by them, or by a
    name not among ``tls_names``, fails hostname verification (WARN).
    """
    before = len(path.hops)
    ok = _dns_name(world, path, case)
    names = [n for n in (case.listener.get("tls_names") or []) if isinstance(n, str)]
    if not names or len(path.hops) == before or path.hops[-1].status == FAIL:
        return ok
    hop = path.hops.pop()
    used = _used_name(case)
    held = ", ".join(names)
    if used is None:
        return path.add("dns", WARN, f"the targets terminate TLS for {held}, but this endpoint is reached only by its vpce-... names, which no certificate can list: give it a dns_name (or private DNS) the certificate holds")
    if not any(_holds(n, used) for n in names):
        return path.add("dns", WARN, f"{used}: the targets terminate TLS for {held}, which does not hold this name: clients fail hostname verification")
    return path.add(hop.name, hop.status, f"{hop.reason}; the targets' certificate holds it")


def _used_name(case: Case) -> str | None:
    """The name a consumer connects to: its friendly name, the service's private DNS name, or None (vpce-... names)."""
    assert case.service is not None
    if case.endpoint_spec.get("dns_name"):
        return case.endpoint_spec["dns_name"]
    if case.endpoint_spec.get("private_dns"):
        name = case.service.private_dns_name
        return name if isinstance(name, str) else None
    return None


def _holds(certificate_name: str, name: str) -> bool:
    """Whether a certificate name holds ``name``: equal, or a wildcard for exactly one more label (RFC 6125)."""
    certificate_name, name = certificate_name.lower().rstrip("."), name.lower().rstrip(".")
    if certificate_name.startswith("*."):
        head, _, tail = name.partition(".")
        return bool(head) and tail == certificate_name[2:]
    return certificate_name == name


def _dns_name(world: World, path, case: Case) -> bool:
    assert case.endpoint is not None and case.service is not None
    vpce, es, spec = case.endpoint, case.service, case.endpoint_spec
    name = spec.get("dns_name")
    if name:
        how = world.friendly_name(vpce, name)
        if how is None:
            return path.add("dns", FAIL, f"{name} has no private zone in the consumer's VPC aliasing {vpce.name}")
        return path.add("dns", PASS, f"{name} ({how})")
    if spec.get("private_dns"):
        pending = _private_dns_while_pending(vpce, es)
        if pending:
            return path.add("dns", FAIL, pending)
        # Private DNS on at creation, or switched on later by aws_vpc_endpoint_private_dns (after the provider's
        # acceptance: a pendingAcceptance endpoint does not take it; https://github.com/hashicorp/terraform-provider-aws/pull/37628).
        switched = world.private_dns_switch(vpce) if vpce.private_dns_enabled is not True else None
        if (vpce.private_dns_enabled is not True and not switched) or not es.private_dns_name:
            return path.add("dns", FAIL, "private DNS asked for, but the endpoint or the service does not enable it")
        verified, pending = world.private_dns(es)
        if verified:
            # The name the consumer uses: AWS resolves it to the endpoint in the consumer's VPC once verified.
            later = f"switched on by {switched}, " if switched else ""
            return path.add("dns", PASS, f"{es.private_dns_name} (private DNS, {later}{verified})")
        if vpce.state is not None:
            # Live: nothing verifies the name by itself after apply; consumers cannot use it until it is.
            return path.add("dns", FAIL, f"{es.private_dns_name} is {UNVERIFIED} {pending}: consumers can use the private name only when it is verified")
        return path.add("dns", WARN, f"{es.private_dns_name} resolves only once its domain is verified {pending}")
    if not vpce.dns_name:
        return path.add("dns", FAIL, "the endpoint has no DNS name")
    return path.add("dns", PASS, f"the endpoint's regional DNS name {vpce.dns_name}")


def _private_dns_while_pending(vpce: Endpoint, es: EndpointService) -> str | None:
    """Why private DNS set at the endpoint's creation cannot take, or None.

    An endpoint to a service that requires acceptance is created
    ``pendingAcceptance``, and private DNS cannot be enabled on it until the
    owner accepts ("VPCEndpoint can't enable private dns before it is accepted",
    https://github.com/crossplane-contrib/provider-aws/issues/1363); the AWS
    provider's answer is to create the endpoint without it and switch it on
    after the accepter with ``aws_vpc_endpoint_private_dns``
    (https://github.com/hashicorp/terraform-provider-aws/pull/37628, which
    closes https://github.com/hashicorp/terraform-provider-aws/issues/7148).
    Only what will be created is judged (offline: no state); an endpoint that
    accepts itself (``auto_accept``, same account) is not pending.
    """
    if vpce.state is not None or vpce.private_dns_enabled is not True or es.acceptance_required is False or vpce.auto_accept is True:
        return None
    return (
        f"{vpce.name} sets private_dns_enabled at creation, but {es.name} requires acceptance: a pendingAcceptance endpoint "
        "cannot take private DNS (create it off and switch it on with aws_vpc_endpoint_private_dns after the accepter)"
    )


def _text(value: Any) -> str:
    """A value as a reader writes it: a reference by its expression (``random_integer.port.result``)."""
    return str(getattr(value, "path", value))


HOPS: tuple[Callable[..., bool], ...] = (source, endpoint, security_group, network_acl, acceptance, listener, target_group, targets, peering, on_premises, dns)


def external_endpoint(world: World, path, case: Case) -> bool:
    """The endpoint to another organisation's service (``external_services``): its service name, AZs and IP type, as the vendor describes them.

    The service's side is not in the root: the endpoint is judged against the
    declaration (the AZs the service is offered in, its IP address types:
    https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html).
    """
    spec = case.service_spec
    # The service as declared: a live world finds the consumer's endpoint by this service name.
    declared = EndpointService(
        spec["service_name"], spec["service_name"], spec.get("region"), bool(spec.get("acceptance_required", True)), (),
        spec.get("supported_ip_address_types") or ["ipv4"], [], spec.get("private_dns_name"),
    )
    case.endpoint = vpce = world.endpoint(case.consumer_name, case.key, case.consumer, declared)
    if vpce is None:
        return path.add("endpoint", FAIL, world.missing(case.consumer_name, case.key, case.provider_name, case.service_name, case.service_spec, None))
    if vpce.state not in (None, "available") or vpce.kind != "Interface":
        return path.add("endpoint", FAIL, f"{vpce.name} is a {vpce.kind} endpoint in state {vpce.state}, not an available interface endpoint")
    named = case.service_spec["service_name"]
    if isinstance(vpce.service_name, str) and vpce.service_name != named:
        return path.add("endpoint", FAIL, f"{vpce.name} names {vpce.service_name}, not {case.provider_name}'s {named}")
    offered = case.service_spec.get("azs") or []
    endpoint_azs = [s.az for s in vpce.subnets]
    outside = [az for az in endpoint_azs if az is not None and offered and az not in offered]
    if outside:
        return path.add("endpoint", FAIL, f"subnets in {', '.join(outside)}, which {case.provider_name}'s service (offered in {', '.join(offered)}) does not offer")
    wanted = vpce.ip_address_type or "ipv4"
    supported = case.service_spec.get("supported_ip_address_types") or ["ipv4"]
    missing = sorted(IP_FAMILIES.get(wanted, {wanted}) - set(supported)) if isinstance(wanted, str) else []
    if missing:
        return path.add("endpoint", FAIL, f"{vpce.name} is {wanted}; {case.provider_name}'s service supports {', '.join(supported)}, not {', '.join(missing)}")
    return path.add("endpoint", PASS, f"{vpce.name} in {', '.join(map(str, endpoint_azs))}, to {case.provider_name}'s {named}")


def external_side(world: World, path, case: Case) -> bool:
    """The service's own side (acceptance, listener, targets) belongs to another organisation: not judged, and said so."""
    acceptance = "the vendor accepts each connection" if case.service_spec.get("acceptance_required", True) else "the vendor accepts without review"
    return path.add(
        "provider side",
        WARN,
        f"cannot judge: {case.provider_name}'s side of {case.service_spec['service_name']} (its listener on {case.port}, targets; {acceptance}) "
        "is not in this blueprint",
    )


def external_dns(world: World, path, case: Case) -> bool:
    """The name the consumer reaches the service by: the vendor's private DNS name (enabled on the endpoint) or the endpoint's own names."""
    assert case.endpoint is not None
    vpce = case.endpoint
    if case.endpoint_spec.get("dns_name"):
        return path.add("dns", PASS, f"{case.endpoint_spec['dns_name']} (a friendly name in the consumer's private zone)")
    if case.endpoint_spec.get("private_dns"):
        name = case.service_spec.get("private_dns_name")
        if vpce.private_dns_enabled is not True or not name:
            return path.add("dns", FAIL, "private DNS asked for, but the endpoint does not enable it or the service has no private DNS name")
        return path.add("dns", PASS, f"{name} (private DNS, verified by {case.provider_name})")
    return path.add("dns", PASS, f"the endpoint's regional DNS name {vpce.dns_name}")


EXTERNAL_HOPS: tuple[Callable[..., bool], ...] = (source, external_endpoint, security_group, network_acl, external_side, external_dns)


def consumer_side(world: World, path, case: Case) -> bool:
    """A customer of another organisation (``external_consumers``): its endpoint, groups and names are its own blueprint's to prove."""
    case.service = es = world.service(case.provider_name, case.service_name, case.provider, case.service_spec)
    if es is None:
        return path.add("consumer side", FAIL, f"{case.provider_name} has no endpoint service {case.service_name}")
    case.lb = world.load_balancer(es)
    return path.add(
        "consumer side",
        WARN,
        f"cannot judge: {case.consumer_name}'s endpoint, its security group and the names it uses are in its own blueprint "
        f"(it hands its endpoint over in {case.consumer.get('handoff')})",
    )


def customer_acceptance(world: World, path, case: Case) -> bool:
    """The customer's principal is allowed, and its endpoint's connection is accepted (live: none pending, none missing)."""
    assert case.service is not None
    es, principal = case.service, str(case.consumer.get("principal"))
    account = principal.split(":")[4] if principal.startswith("arn:") else principal
    if principal not in es.principals and f"arn:{principal.split(':')[1] if principal.startswith('arn:') else 'aws'}:iam::{account}:root" not in es.principals:
        return path.add("acceptance", FAIL, f"{principal} is not an allowed principal of {case.service_name}")
    if es.acceptance_required is False:
        return path.add("acceptance", PASS, f"{principal} is allowed; acceptance is off")
    states = world.connections_from(es, account)
    if states is None:
        return path.add("acceptance", PASS, f"{principal} is allowed; the acceptance unit accepts the endpoint handed over in {case.consumer.get('handoff')}")
    if not states:
        return path.add("acceptance", FAIL, f"no endpoint of account {account} connects to {case.service_name}: {case.consumer_name} has not applied its blueprint")
    waiting = [s for s in states if s != "available"]
    if waiting:
        return path.add("acceptance", FAIL, f"{len(waiting)} endpoint(s) of account {account} {', '.join(sorted(set(waiting)))}: hand over {case.consumer.get('handoff')} and re-apply the acceptance unit")
    return path.add("acceptance", PASS, f"{principal} is allowed; its endpoint is accepted ({case.service_name} sees it available)")


PROVIDER_SIDE_HOPS: tuple[Callable[..., bool], ...] = (consumer_side, customer_acceptance, listener, target_group, targets)


def prove_customers(world: World, data: dict[str, Any], path_type) -> list:
    """Every customer of another organisation (``external_consumers``) x service x listener, proven on the provider's side.

    The customer's endpoint is not in the declaration: its side is "cannot judge"
    (WARN, its own blueprint proves it); the principal, acceptance, listener,
    target group and targets are judged as for a consumer of the blueprint.
    """
    providers = data.get("service_providers", {})
    paths = []
    for name, customer in sorted((data.get("external_consumers") or {}).items()):
        for key, ref in sorted(customer.get("services", {}).items()):
            provider = providers.get(ref["provider"], {})
            service = provider.get("services", {}).get(ref["service"], {})
            for _, item in sorted(service.get("listeners", {}).items(), key=lambda kv: int(kv[1]["port"])):
                path = path_type(name, key, f"{item['port']}/{item['protocol']}")
                consumer = {**customer, "region": provider.get("region")}
                case = Case(name, consumer, key, {}, ref["provider"], provider, ref["service"], service, item, {})
                for hop in PROVIDER_SIDE_HOPS:
                    if not hop(world, path, case):
                        break
                paths.append(path)
    return paths


def prove_endpoints(world: World, data: dict[str, Any], path_type) -> list:
    """Every consumer interface endpoint x listener path of the declaration, proven hop by hop on ``world``.

    An endpoint to another organisation's service (``external_services`` in the
    declaration) is proven on its side only (``EXTERNAL_HOPS``), one path per port
    the service's owner gives; its owner's side is "cannot judge" (WARN).
    """
    providers = data.get("service_providers", {})
    external = data.get("external_services") or {}
    peers = data.get("peers", {})
    paths = []
    for consumer_name, consumer in sorted(data.get("service_consumers", {}).items()):
        for key, spec in sorted(consumer.get("endpoints", {}).items()):
            provider_name, service_name = spec["provider"], spec["service"]
            if provider_name not in providers and service_name in external.get(provider_name, {}):
                service = external[provider_name][service_name]
                for item in sorted(service.get("ports") or [], key=lambda p: (int(p["port"]), p["protocol"])):
                    path = path_type(consumer_name, key, f"{item['port']}/{item['protocol']}")
                    case = Case(consumer_name, consumer, key, spec, provider_name, {}, service_name, service, item, peers)
                    for hop in EXTERNAL_HOPS:
                        if not hop(world, path, case):
                            break
                    paths.append(path)
                continue
            provider = providers.get(provider_name, {})
            service = provider.get("services", {}).get(service_name, {})
            for _, item in sorted(service.get("listeners", {}).items(), key=lambda kv: int(kv[1]["port"])):
                path = path_type(consumer_name, key, f"{item['port']}/{item['protocol']}")
                case = Case(consumer_name, consumer, key, spec, provider_name, provider, service_name, service, item, peers)
                run(world, path, case)
                paths.append(path)
    return paths + prove_customers(world, data, path_type)


def run(world: World, path, case: Case) -> None:
    """The hops of ``HOPS`` in order, until one stops the path (a FAIL, or a discovered path judged up to its endpoint)."""
    for hop in HOPS:
        if not hop(world, path, case):
            break
