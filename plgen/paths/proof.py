"""Every consumer -> service path, hop by hop: the blueprint's declaration against the Terraform that implements it.

The declaration is the root's data (``terraform.tfvars.json``: who consumes
what, from which sources, which listeners and targets a service has, which
names consumers use). The implementation is the evaluated root
(``plgen.paths.evaluate``): resource instances linked by the references
between them. One ``Path`` per consumer endpoint x listener:

    source            the sources the blueprint names for the endpoint
    endpoint          the interface endpoint exists, wired to this service, in AZs the service offers; in another
                      Region, naming the service's Region (service_region) among its supported Regions
    security group    the endpoint's groups admit every source on the listener's port and protocol, and not the internet
    acceptance        the consumer's account is an allowed principal, and the connection is accepted
                      (acceptance off, an accepter for this endpoint, or auto-accept in the service's own account)
    listener          the service's NLB is internal and listens on the port and protocol; its security group
                      admits no internet source, and with PrivateLink enforcement on (AWS's default for an NLB
                      with groups) admits every source's CIDR on the port (it sees client IPs: a source named
                      by security group ID is dropped); an NLB without a group is a WARN (it can never get one)
    target group      the listener forwards to a target group on the target port and protocol
    targets           every declared target is registered, and reachable: in the VPC, a group admits the NLB's
                      group (or its subnets) on the target port and the NLB's group lets it out there; on
                      premises, the Direct Connect hop of ``direct_connect.py`` holds; over peering, routes both ways and
                      the fleet's groups admit the NLB's subnets; off the VPC, the NLB's group lets it out
    peering           (home workloads of a peered consumer) routes both ways between home and endpoint VPC
    on-premises       (an access VPC) every on-premises CIDR reaches the endpoint's VPC over Direct Connect: routes
                      propagated from an attached virtual private gateway (associated with the Direct Connect gateway
                      the blueprint names), or routed to a transit gateway the VPC is attached to in the endpoint's AZs
                      (``direct_connect.py``)
    dns               the name the consumer uses resolves in its VPC to this endpoint

Each hop is PASS, WARN (works, but weaker than it should be) or FAIL with
the reason; a path fails if any hop does.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any

from plgen.aws.addresses import INTERNET, IP_FAMILIES
from plgen.aws.protocols import IP_PROTOCOLS as PROTOCOLS
from plgen.paths.direct_connect import on_premises_cidr, prove_direct_connect
from plgen.paths.evaluate import ModuleInstance, Ref, ResourceInstance, Root

PASS, WARN, FAIL = "PASS", "WARN", "FAIL"


@dataclass(frozen=True)
class Hop:
    name: str
    status: str
    reason: str


@dataclass
class Path:
    consumer: str
    endpoint: str  # provider/service
    listener: str  # port/protocol
    hops: list[Hop] = field(default_factory=list)

    @property
    def status(self) -> str:
        statuses = {h.status for h in self.hops}
        return FAIL if FAIL in statuses else WARN if WARN in statuses else PASS

    def add(self, name: str, status: str, reason: str) -> bool:
        self.hops.append(Hop(name, status, reason))
        return status != FAIL

    def as_json(self) -> dict[str, Any]:
        return {
            "consumer": self.consumer,
            "endpoint": self.endpoint,
            "listener": self.listener,
            "status": self.status,
            "hops": [{"hop": h.name, "status": h.status, "reason": h.reason} for h in self.hops],
        }


class Implementation:
    """The evaluated root, indexed by address, with the lookups the hops need."""

    def __init__(self, root: Root) -> None:
        self.top = root.evaluate()
        self.modules: list[ModuleInstance] = [self.top, *self.top.all_modules()]
        self.instances: dict[str, ResourceInstance] = {}
        for module in self.modules:
            for instance in module.all_resources():
                self.instances[instance.address] = instance
        self._args: dict[tuple[str, str], Any] = {}

    def arg(self, instance: ResourceInstance, name: str, default: Any = None) -> Any:
        key = (instance.address, name)
        if key not in self._args:
            self._args[key] = instance.argument(name, default)
        return self._args[key]

    def of_type(self, type_name: str) -> list[ResourceInstance]:
        return [i for i in self.instances.values() if i.type == type_name]

    def target(self, ref: Any, type_name: str | None = None) -> ResourceInstance | None:
        """The instance a reference points into (``aws_lb.this["x"].arn`` -> that NLB)."""
        if not isinstance(ref, Ref):
            return None
        for candidate in (ref.path.rsplit(".", 1)[0], ref.base()):
            instance = self.instances.get(candidate)
            if instance is not None and (type_name is None or instance.type == type_name):
                return instance
        return None

    def refers(self, value: Any, instance: ResourceInstance, attribute: str) -> bool:
        return isinstance(value, Ref) and value.path == f"{instance.address}.{attribute}"

    def module_of(self, instance: ResourceInstance) -> ModuleInstance:
        return instance.module

    def find(self, type_name: str, side: str, key: str) -> ResourceInstance | None:
        """The instance ``type_name[...][key]`` in the module instance of side ``side``."""
        suffix = f'["{side}"]'
        for instance in self.of_type(type_name):
            if instance.key == key and instance.module.address.endswith(suffix):
                return instance
        return None

    def subnet_azs(self, subnets: Any, module: ModuleInstance) -> list[str | None]:
        """AZ ID of each subnet: from the subnet plgen creates, or the existing VPC's ``subnet_ids`` by AZ."""
        existing = {v: k for k, v in ((module.variables.get("vpc") or {}).get("subnet_ids") or {}).items()}
        out = []
        for subnet in subnets or []:
            instance = self.target(subnet, "aws_subnet")
            out.append(self.arg(instance, "availability_zone_id") if instance else existing.get(subnet))
        return out

    def subnet_cidrs(self, subnets: Any) -> list[str | None]:
        out = []
        for subnet in subnets or []:
            instance = self.target(subnet, "aws_subnet")
            out.append(self.arg(instance, "cidr_block") if instance else None)
        return out

    def ingress(self, group: ResourceInstance, direction: str = "ingress") -> list[dict[str, Any]]:
        """Ingress (or egress) rules of a security group: standalone rule resources pointing at it (and inline blocks)."""
        rules = []
        for rule in self.of_type(f"aws_vpc_security_group_{direction}_rule"):
            if self.refers(self.arg(rule, "security_group_id"), group, "id"):
                rules.append(
                    {
                        "cidr": self.arg(rule, "cidr_ipv4") or self.arg(rule, "cidr_ipv6"),
                        "group": self.arg(rule, "referenced_security_group_id"),
                        "from": self.arg(rule, "from_port"),
                        "to": self.arg(rule, "to_port"),
                        "protocol": str(self.arg(rule, "ip_protocol")),
                        "address": rule.address,
                    }
                )
        for block in self.arg(group, direction, []) or []:
            for cidr in block.get("cidr_blocks") or [None]:
                rules.append({"cidr": cidr, "group": None, "from": block.get("from_port"), "to": block.get("to_port"), "protocol": str(block.get("protocol"))})
        return rules


def admits(rules: list[dict[str, Any]], source: str, port: int, protocol: str) -> bool:
    for rule in rules:
        if rule["protocol"] not in (protocol, "-1", "all"):
            continue
        if rule["protocol"] not in ("-1", "all") and not (_num(rule["from"]) <= port <= _num(rule["to"])):
            continue
        if source.startswith("sg-") or isinstance(rule["group"], Ref):
            if rule["group"] == source:
                return True
            continue
        if isinstance(rule["cidr"], str):
            try:
                if ipaddress.ip_network(source).subnet_of(ipaddress.ip_network(rule["cidr"])):
                    return True
            except (ValueError, TypeError):
                continue
    return False


def admits_group(impl: Implementation, rules: list[dict[str, Any]], group: ResourceInstance, port: int, protocol: str) -> bool:
    """Whether a rule names ``group`` (by reference) as its peer on the port and protocol."""
    return any(
        impl.refers(rule["group"], group, "id")
        and rule["protocol"] in (protocol, "-1", "all")
        and (rule["protocol"] in ("-1", "all") or _num(rule["from"]) <= port <= _num(rule["to"]))
        for rule in rules
    )


def _num(value: Any) -> int:
    return int(value) if value is not None and not isinstance(value, Ref) else -1


def open_to_internet(rules: list[dict[str, Any]]) -> list[str]:
    out = []
    for rule in rules:
        if isinstance(rule["cidr"], str):
            network = ipaddress.ip_network(rule["cidr"], strict=False)
            if network.prefixlen == 0:
                out.append(rule["cidr"])
    return out


def prove_endpoints(impl: Implementation, data: dict[str, Any]) -> list[Path]:
    """Every consumer interface endpoint x listener path of the evaluated root, proven hop by hop."""
    providers = data.get("service_providers", {})
    peers = data.get("peers", {})
    paths = []
    for consumer_name, consumer in sorted(data.get("service_consumers", {}).items()):
        for key, endpoint in sorted(consumer.get("endpoints", {}).items()):
            provider_name, service_name = endpoint["provider"], endpoint["service"]
            service = providers.get(provider_name, {}).get("services", {}).get(service_name, {})
            for listener_key, listener in sorted(service.get("listeners", {}).items(), key=lambda kv: int(kv[1]["port"])):
                path = Path(consumer_name, key, f"{listener['port']}/{listener['protocol']}")
                _prove(impl, path, consumer_name, consumer, key, endpoint, provider_name, providers[provider_name], service_name, service, listener_key, listener, peers)
                paths.append(path)
    return paths


def declared_sources(consumer_name: str, consumer: dict, endpoint: dict, peers: dict) -> list[tuple[str, str]]:
    named = [*endpoint.get("allowed_cidrs", []), *endpoint.get("allowed_ipv6_cidrs", []), *endpoint.get("allowed_security_group_ids", [])]
    sources = [(s, "named") for s in named]
    sources += [(c, "on-premises") for c in ((consumer.get("on_premises") or {}).get("cidrs") or [])]
    sources += [(p["cidr"], f"peer {p['name']}") for p in peers.values() if p.get("side") == consumer_name and "side_region" in p and consumer_name in p["side"]]
    return sources


def _prove(impl, path, consumer_name, consumer, key, endpoint, provider_name, provider, service_name, service, listener_key, listener, peers) -> None:
    sources = declared_sources(consumer_name, consumer, endpoint, peers)
    if not path.add("source", PASS if sources else FAIL, ", ".join(f"{s} ({o})" for s, o in sources) or "the endpoint admits no source"):
        return
    vpce = impl.find("aws_vpc_endpoint", consumer_name, key)
    es = impl.find("aws_vpc_endpoint_service", provider_name, service_name)
    if vpce is None or es is None:
        path.add("endpoint", FAIL, f"no interface endpoint {key} in consumer {consumer_name}" if vpce is None else f"no endpoint service {service_name} in provider {provider_name}")
        return
    if not impl.refers(impl.arg(vpce, "service_name"), es, "service_name"):
        path.add("endpoint", FAIL, f"{vpce.address} is not wired to {es.address} (service_name {impl.arg(vpce, 'service_name')!r})")
        return
    lb = impl.target((impl.arg(es, "network_load_balancer_arns") or [None])[0], "aws_lb")
    endpoint_azs = impl.subnet_azs(impl.arg(vpce, "subnet_ids"), vpce.module)
    here, there = consumer.get("region"), provider.get("region")
    if here != there:
        if not path.add("endpoint", *_cross_region(impl, vpce, es, here, there)):
            return
        endpoint_azs = []  # another Region's AZs: the service's NLB AZs say nothing about them
    service_azs = impl.subnet_azs(impl.arg(lb, "subnets"), lb.module) if lb and endpoint_azs else []
    outside = [az for az in endpoint_azs if az is not None and service_azs and az not in service_azs]
    if outside:
        path.add("endpoint", FAIL, f"subnets in {', '.join(outside)}, which the service (NLB in {', '.join(map(str, service_azs))}) does not offer")
        return
    mismatch = _ip_type(impl, vpce, es, lb)
    if mismatch:
        path.add("endpoint", FAIL, mismatch)
        return
    fewer = len(set(endpoint_azs)) < len(set(service_azs))
    if fewer:
        path.add("endpoint", WARN, f"in {', '.join(map(str, endpoint_azs))} only; the service offers {', '.join(service_azs)}")
    elif here == there:
        path.add("endpoint", PASS, f"{vpce.address} in {', '.join(map(str, endpoint_azs))}")

    groups = [impl.target(g, "aws_security_group") for g in impl.arg(vpce, "security_group_ids") or []]
    rules = [r for g in groups if g for r in impl.ingress(g)]
    port = int(listener["port"])
    missing = [f"{s} on {proto}/{port}" for s, _ in sources for proto in PROTOCOLS[listener["protocol"]] if not admits(rules, s, port, proto)]
    world = open_to_internet(rules)
    if world:
        path.add("security group", FAIL, f"the endpoint's group admits the internet ({', '.join(world)})")
        return
    if not path.add("security group", FAIL if missing else PASS, ("does not admit " + ", ".join(missing)) if missing else f"{len(rules)} rule(s) admit every source on {port}"):
        return

    account, owner = str(consumer.get("account_id")), str(provider.get("account_id"))
    principals = impl.arg(es, "allowed_principals") or []
    principals += [impl.arg(p, "principal_arn") for p in impl.of_type("aws_vpc_endpoint_service_allowed_principal") if impl.refers(impl.arg(p, "vpc_endpoint_service_id"), es, "id")]
    allowed = account == owner or "*" in principals or any(isinstance(p, str) and p.split(":")[4:5] == [account] for p in principals)
    if not allowed:
        path.add("acceptance", FAIL, f"account {account} is not an allowed principal of {service_name}")
        return
    accepters = [a for a in impl.of_type("aws_vpc_endpoint_connection_accepter") if impl.refers(impl.arg(a, "vpc_endpoint_id"), vpce, "id")]
    if impl.arg(es, "acceptance_required") is False:
        path.add("acceptance", PASS, "acceptance is off: connections are accepted at once")
    elif accepters:
        path.add("acceptance", PASS, f"accepted by {accepters[0].address}")
    elif account == owner and impl.arg(vpce, "auto_accept") is True:
        path.add("acceptance", PASS, "same account: the endpoint auto-accepts")
    else:
        path.add("acceptance", FAIL, "nothing accepts the connection: the endpoint stays pendingAcceptance (add an accepter in the provider's module)")
        return

    if lb is None or impl.arg(lb, "internal") is not True:
        path.add("listener", FAIL, "the service has no internal NLB" if lb is None else f"{lb.address} is not internal")
        return
    listeners = [
        item
        for item in impl.of_type("aws_lb_listener")
        if impl.refers(impl.arg(item, "load_balancer_arn"), lb, "arn") and impl.arg(item, "port") == port and impl.arg(item, "protocol") == listener["protocol"]
    ]
    if not listeners:
        path.add("listener", FAIL, f"{lb.address} has no {listener['protocol']} listener on {port}")
        return
    problem, note = _nlb_group(impl, lb, sources, port, listener)
    if problem:
        path.add("listener", FAIL, problem)
        return
    path.add("listener", WARN if note.startswith("no security group") else PASS, f"{listeners[0].address}; {note}")
    actions = impl.arg(listeners[0], "default_action") or []
    tg = impl.target(next((a.get("target_group_arn") for a in actions if a.get("type") == "forward"), None), "aws_lb_target_group")
    target_port = int(listener["target_port"])
    if tg is None or impl.arg(tg, "port") != target_port or impl.arg(tg, "protocol") != listener["target_protocol"]:
        path.add("target group", FAIL, "the listener forwards to no target group" if tg is None else f"{tg.address} is {impl.arg(tg, 'protocol')}/{impl.arg(tg, 'port')}, not {listener['target_protocol']}/{target_port}")
        return
    path.add("target group", PASS, f"{tg.address} {listener['target_protocol']}/{target_port}")
    _targets(impl, path, provider, service_name, service, tg, lb, target_port, listener)
    _peering(impl, path, consumer_name, vpce, peers, sources)
    if consumer.get("on_premises"):
        _on_premises_sources(impl, path, consumer["on_premises"], vpce, impl.subnet_azs(impl.arg(vpce, "subnet_ids"), vpce.module))
    _dns(impl, path, consumer, endpoint, vpce, es, listener)


def _on_premises_sources(impl, path, on_premises, vpce, azs) -> None:
    """The ``on-premises`` hop of an access VPC: every on-premises CIDR reaches the endpoint's VPC over Direct Connect."""
    verdicts = [prove_direct_connect(impl, vpce.module, on_premises, cidr, azs) for cidr in on_premises.get("cidrs") or []]
    failed = [reason for status, reason in verdicts if status == FAIL]
    path.add("on-premises", FAIL if failed else PASS, "; ".join(failed or [reason for _, reason in verdicts]))


def nlb_groups(impl, lb) -> list[ResourceInstance]:
    return [g for g in (impl.target(ref, "aws_security_group") for ref in impl.arg(lb, "security_groups") or []) if g]


def _nlb_group(impl, lb, sources, port, listener) -> tuple[str | None, str]:
    """(a failure, or None; a note) for the NLB's own security group on this listener.

    With ``enforce_security_group_inbound_rules_on_private_link_traffic`` on
    (AWS's default once an NLB has a group), PrivateLink traffic is evaluated
    with the client's IP as source: every declared source must be admitted by
    CIDR, or the NLB drops it without a trace. Off, it is not evaluated.
    """
    groups = nlb_groups(impl, lb)
    rules = [r for g in groups for r in impl.ingress(g)]
    enforce = impl.arg(lb, "enforce_security_group_inbound_rules_on_private_link_traffic") or "on"
    return judge_nlb_group(groups[0].address if groups else None, rules, enforce, sources, port, listener["protocol"])


def judge_nlb_group(group: str | None, rules: list[dict[str, Any]], enforce: str, sources, port: int, protocol: str) -> tuple[str | None, str]:
    """The verdict on an NLB's groups (``group`` names the first, None if it has none) for one listener.

    The offline proof and the live one (tests/apply) read the groups each
    their own way and judge them here, once.
    """
    if group is None:
        return None, "no security group on the NLB: PrivateLink traffic is unfiltered there, and a group can never be added to it"
    world = open_to_internet(rules)
    if world:
        return f"the NLB's group admits the internet ({', '.join(world)})", ""
    if enforce != "on":
        return None, f"{group} (PrivateLink traffic is not evaluated: the endpoint's group filters it)"
    by_group = [s for s, _ in sources if s.startswith("sg-")]
    if by_group:
        return f"PrivateLink enforcement is on and the NLB sees client IPs: {', '.join(by_group)} in the consumer VPC cannot be admitted, its clients are dropped", ""
    missing = [f"{s} on {proto}/{port}" for s, _ in sources for proto in PROTOCOLS[protocol] if not admits(rules, s, port, proto)]
    if missing:
        return f"PrivateLink enforcement is on and the NLB's group does not admit {', '.join(missing)}: the NLB drops it silently", ""
    return None, f"{group} admits every source on {port} (PrivateLink enforcement on)"


def _lets_out(impl, groups, port, protocols, *, group=None, ip=None) -> bool:
    """Whether the NLB's groups let traffic out to ``group`` (by reference) or ``ip`` on the port; no group: all out."""
    if not groups:
        return True
    rules = [r for g in groups for r in impl.ingress(g, "egress")]
    if group is not None:
        return all(admits_group(impl, rules, group, port, p) for p in protocols)
    return all(admits(rules, f"{ip}/32", port, p) for p in protocols)


def _ip_type(impl, vpce, es, lb) -> str | None:
    """Why the endpoint's IP address type cannot reach the service, or ``None``.

    AWS: the endpoint's type must be among the service's supported types, and a
    service supports IPv6 only behind a dual-stack NLB (absent arguments are
    AWS's defaults: ipv4).
    """
    wanted = impl.arg(vpce, "ip_address_type") or "ipv4"
    supported = impl.arg(es, "supported_ip_address_types") or ["ipv4"]
    if not isinstance(wanted, str) or not isinstance(supported, list):
        return None
    missing = sorted(IP_FAMILIES.get(wanted, {wanted}) - set(supported))
    if missing:
        return f"{vpce.address} is {wanted}; the service supports {', '.join(map(str, supported))}, not {', '.join(missing)}"
    if "ipv6" in supported and lb is not None and (impl.arg(lb, "ip_address_type") or "ipv4") != "dualstack":
        return f"the service supports IPv6 but {lb.address} is not dual-stack"
    return None


def _cross_region(impl, vpce, es, here: str, there: str) -> tuple[str, str]:
    """The endpoint hop of a consumer in another Region than its service (native cross-Region PrivateLink).

    AWS connects an endpoint in Region B to a service in Region A only if the
    endpoint names A (``service_region``) and the service lists B among its
    supported Regions; the endpoint's AZs are B's, so they are not compared
    with the NLB's. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html
    """
    named = impl.arg(vpce, "service_region")
    supported = impl.arg(es, "supported_regions") or []
    if named != there:
        return FAIL, f"{vpce.address} is in {here} and names service_region {named!r}, not the service's Region {there}"
    if isinstance(supported, list) and here not in supported:
        return FAIL, f"the service's supported_regions {supported} do not list the endpoint's Region {here}"
    return PASS, f"{vpce.address} in {here}, cross-Region to {there} (supported_regions {', '.join(map(str, supported))})"


def _targets(impl, path, provider, service_name, service, tg, lb, target_port, listener) -> None:
    attached = {
        (impl.arg(a, "target_id"), impl.arg(a, "port") or target_port): a
        for a in impl.of_type("aws_lb_target_group_attachment")
        if impl.refers(impl.arg(a, "target_group_arn"), tg, "arn")
    }
    expected = service.get("targets", {})
    if not expected:
        path.add("targets", FAIL, "no target is registered")
        return
    nlb_cidrs = [c for c in impl.subnet_cidrs(impl.arg(lb, "subnets")) if c]
    problems, notes = [], []
    for target in expected.values():
        port = target.get("port") or target_port
        if (target["target_id"], port) not in attached:
            problems.append(f"{target['target_id']}:{port} is not registered")
            continue
        protocols = PROTOCOLS[listener["target_protocol"]]
        if target.get("availability_zone") != "all":
            groups = _groups_admitting(impl, lb, service_name, nlb_cidrs, port, protocols)
            if not groups:
                problems.append(f"no security group in the provider's VPC admits the NLB's group or subnets on {port} for {target['target_id']}")
            elif not any(_lets_out(impl, nlb_groups(impl, lb), port, protocols, group=g) for g in groups) and not _ip_let_out(impl, lb, target["target_id"], port, protocols):
                problems.append(f"the NLB's group lets nothing out to {target['target_id']} on {port} ({groups[0].address} admits it)")
            else:
                notes.append(f"{target['target_id']}:{port} in {groups[0].address}")
            continue
        ip = ipaddress.ip_address(target["target_id"])
        if not _lets_out(impl, nlb_groups(impl, lb), port, protocols, ip=ip):
            problems.append(f"the NLB's group lets nothing out to {ip} on {port}")
            continue
        on_prem = on_premises_cidr(provider.get("on_premises"), str(ip))
        if on_prem:
            status, reason = prove_direct_connect(impl, lb.module, provider["on_premises"], on_prem, impl.subnet_azs(impl.arg(lb, "subnets"), lb.module))
            (notes if status == PASS else problems).append(f"{ip}:{port} {reason}")
            continue
        reached = _peered_target(impl, lb, ip, port, nlb_cidrs, listener)
        (notes if reached.startswith("over") else problems).append(f"{ip}:{port} {reached}")
    if problems:
        path.add("targets", FAIL, "; ".join(problems))
        return
    empty = _azs_without_targets(impl, lb, expected)
    if empty:
        path.add("targets", WARN, f"no target in {', '.join(empty)}: that AZ's NLB node forwards to other AZs (cross-zone)")
    else:
        path.add("targets", PASS, "; ".join(notes))


def _azs_without_targets(impl, lb, expected) -> list[str]:
    """NLB AZs none of whose subnets holds an in-VPC IP target (instance targets' AZs are not known here)."""
    subnets = [impl.target(s, "aws_subnet") for s in impl.arg(lb, "subnets") or []]
    cidrs = {impl.arg(s, "availability_zone_id"): impl.arg(s, "cidr_block") for s in subnets if s}
    ips = [t["target_id"] for t in expected.values() if t.get("availability_zone") != "all"]
    try:
        addresses = [ipaddress.ip_address(ip) for ip in ips]
    except ValueError:
        return []  # instance targets
    if not cidrs or not addresses:
        return []
    return sorted(az for az, cidr in cidrs.items() if isinstance(cidr, str) and not any(a in ipaddress.ip_network(cidr) for a in addresses))


def _ip_let_out(impl, lb, target_id, port, protocols) -> bool:
    try:
        return _lets_out(impl, nlb_groups(impl, lb), port, protocols, ip=ipaddress.ip_address(target_id))
    except ValueError:  # an instance target: only a group reference lets traffic out to it
        return False


def _groups_admitting(impl, lb, service_name, cidrs, port, protocols) -> list[ResourceInstance]:
    """Groups of the provider's module admitting the NLB's group, or its subnets, on the port: the service's own first."""
    own = nlb_groups(impl, lb)
    out = []
    groups = [g for g in impl.of_type("aws_security_group") if g.module is lb.module and g not in own]
    for group in sorted(groups, key=lambda g: g.key != service_name):
        rules = impl.ingress(group)
        by_group = any(all(admits_group(impl, rules, nlb, port, p) for p in protocols) for nlb in own)
        by_cidr = bool(cidrs) and all(admits(rules, c, port, p) for c in cidrs for p in protocols)
        if by_group or by_cidr:
            out.append(group)
    return out


def _peered_target(impl, lb, ip, port, nlb_cidrs, listener) -> str:
    """Over peering: a route to the fleet from the NLB's route tables, one back, and a fleet group admitting the NLB subnets."""
    routes = [r for r in impl.of_type("aws_route") if _contains(impl.arg(r, "destination_cidr_block"), ip)]
    if not routes:
        return "is outside the VPC and no route leads to it"
    peering = impl.arg(routes[0], "vpc_peering_connection_id")
    back = [r for r in impl.of_type("aws_route") if impl.arg(r, "vpc_peering_connection_id") == peering and r.address != routes[0].address]
    if not back:
        return "has a route there but none back"
    rules = [r for rule in impl.of_type("aws_vpc_security_group_ingress_rule") for r in [impl.arg(rule, "cidr_ipv4")] if r in nlb_cidrs and impl.arg(rule, "from_port") == port]
    if len(set(rules)) < len(set(nlb_cidrs)):
        return f"is reached over peering but the fleet's groups do not admit the NLB's subnets on {port}"
    return f"over peering ({routes[0].address})"


def _contains(cidr: Any, ip) -> bool:
    try:
        return isinstance(cidr, str) and ip in ipaddress.ip_network(cidr)
    except ValueError:
        return False


def _peering(impl, path, consumer_name, vpce, peers, sources) -> None:
    """Home workloads of a peered consumer reach the endpoint VPC: routes both ways over an accepted peering."""
    homes = [p for p in peers.values() if p.get("side") == consumer_name]
    if not homes:
        return
    problems = []
    for home in homes:
        there = [r for r in impl.of_type("aws_route") if impl.arg(r, "destination_cidr_block") == home["side_cidr"]]
        back = [r for r in impl.of_type("aws_route") if impl.arg(r, "destination_cidr_block") == home["cidr"]]
        if not there or not back:
            problems.append(f"no route {'from ' + home['name'] + ' to the endpoint VPC' if not there else 'back to ' + home['name']}")
    path.add("peering", FAIL if problems else PASS, "; ".join(problems) or f"routes both ways with {', '.join(h['name'] for h in homes)}")


def _dns(impl, path, consumer, endpoint, vpce, es, listener) -> None:
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
    _dns_name(impl, path, consumer, endpoint, vpce, es)
    names = [n for n in (listener.get("tls_names") or []) if isinstance(n, str)]
    if not names or len(path.hops) == before or path.hops[-1].status == FAIL:
        return
    hop = path.hops.pop()
    used = _used_name(impl, endpoint, es)
    held = ", ".join(names)
    if used is None:
        path.add("dns", WARN, f"the targets terminate TLS for {held}, but this endpoint is reached only by its vpce-... names, which no certificate can list: give it a dns_name (or private DNS) the certificate holds")
    elif not any(_holds(n, used) for n in names):
        path.add("dns", WARN, f"{used}: the targets terminate TLS for {held}, which does not hold this name: clients fail hostname verification")
    else:
        path.add(hop.name, hop.status, f"{hop.reason}; the targets' certificate holds it")


def _used_name(impl, endpoint, es):
    """The name a consumer connects to: its friendly name, the service's private DNS name, or None (vpce-... names)."""
    if endpoint.get("dns_name"):
        return endpoint["dns_name"]
    if endpoint.get("private_dns"):
        name = impl.arg(es, "private_dns_name")
        return name if isinstance(name, str) else None
    return None


def _holds(certificate_name: str, name: str) -> bool:
    """Whether a certificate name holds ``name``: equal, or a wildcard for exactly one more label (RFC 6125)."""
    certificate_name, name = certificate_name.lower().rstrip("."), name.lower().rstrip(".")
    if certificate_name.startswith("*."):
        head, _, tail = name.partition(".")
        return bool(head) and tail == certificate_name[2:]
    return certificate_name == name


def _dns_name(impl, path, consumer, endpoint, vpce, es) -> None:
    name = endpoint.get("dns_name")
    if name:
        zones = [z for z in impl.of_type("aws_route53_zone") if impl.arg(z, "name") == name]
        records = [r for z in zones for r in impl.of_type("aws_route53_record") if impl.refers(impl.arg(r, "zone_id"), z, "zone_id")]
        aliased = [r for r in records for a in (impl.arg(r, "alias") or []) if isinstance(a.get("name"), Ref) and a["name"].path.startswith(vpce.address + ".")]
        associated = zones and any((impl.arg(zones[0], "vpc") or []) for _ in [0])
        if not zones or not aliased or not associated:
            path.add("dns", FAIL, f"{name} has no private zone in the consumer's VPC aliasing {vpce.address}")
            return
        path.add("dns", PASS, f"{name} (private zone {zones[0].address} aliases the endpoint)")
        return
    if endpoint.get("private_dns"):
        # Private DNS on at creation, or switched on later by aws_vpc_endpoint_private_dns (after the provider's acceptance:
        # a pendingAcceptance endpoint does not take it; https://github.com/hashicorp/terraform-provider-aws/pull/37628).
        switched = [
            d
            for d in impl.of_type("aws_vpc_endpoint_private_dns")
            if impl.refers(impl.arg(d, "vpc_endpoint_id"), vpce, "id") and impl.arg(d, "private_dns_enabled") is True
        ]
        if (impl.arg(vpce, "private_dns_enabled") is not True and not switched) or not impl.arg(es, "private_dns_name"):
            path.add("dns", FAIL, "private DNS asked for, but the endpoint or the service does not enable it")
            return
        name = impl.arg(es, "private_dns_name")
        verifications = [
            v
            for v in impl.of_type("aws_vpc_endpoint_service_private_dns_verification")
            if impl.refers(impl.arg(v, "service_id"), es, "id") and impl.arg(v, "wait_for_verification") is True
        ]
        records = [
            r
            for r in impl.of_type("aws_route53_record")
            if impl.arg(r, "type") == "TXT"
            and any(isinstance(v, Ref) and v.path.startswith(f"{es.address}.private_dns_name_configuration") for v in impl.arg(r, "records") or [])
        ]
        if verifications and records:
            # The name the consumer uses: AWS resolves it to the endpoint in the consumer's VPC once verified.
            later = f", switched on by {switched[0].address}" if switched else ""
            path.add("dns", PASS, f"{name} (private DNS{later}, verified by {verifications[0].address} from TXT record {records[0].address})")
            return
        path.add("dns", WARN, f"{name} resolves only once its domain is verified outside this root (no TXT record and verification here)")
        return
    path.add("dns", PASS, "the endpoint's regional DNS name (vpce-...vpce.amazonaws.com)")
