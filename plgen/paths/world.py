"""What the hops read, declared once: the facts of a PrivateLink path and the judgments made on them.

The hops of ``proof.py``, ``resources.py`` and ``direct_connect.py`` read the
world through an adapter (``World``): the evaluated Terraform of a root
(``plgen.paths.adapters.terraform``) or, later, live describe calls. What an
adapter hands back is in this vocabulary, so a rule admits, a network ACL
denies and a group is open to the internet by ONE definition, whichever way
the rule was written:

- a security group rule (``Rule``) is one peer (an IPv4/IPv6 CIDR or a
  referenced group) x protocol x port range x direction, with the resource that
  declared it. Terraform spells it three ways: ``aws_vpc_security_group_ingress_rule``
  / ``_egress_rule`` (one peer), the legacy ``aws_security_group_rule`` (lists of
  CIDRs, ``source_security_group_id``, ``self``) and inline ``ingress``/``egress``
  blocks of ``aws_security_group`` (lists, ``security_groups``, ``self``); AWS
  holds each as one rule per peer
  (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group_rule,
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroupRule.html), and so does this.
  Protocols are compared as AWS does: ``tcp`` = ``6``, ``udp`` = ``17``, ``-1`` = ``all`` (every
  protocol, every port); ports given as strings (``"443"``) are numbers, as Terraform converts them.
- a network ACL entry (``AclEntry``) is numbered; AWS processes a subnet's
  entries in ascending rule number and the first match decides; nothing matching
  is denied (https://docs.aws.amazon.com/fms/2018-01-01/APIReference/API_NetworkAclEntry.html).
  A custom ACL denies all traffic until entries allow it
  (https://docs.aws.amazon.com/cdk/api/v1/docs/@aws-cdk_aws-ec2.NetworkAcl.html); ACLs are stateless, so
  the replies need their own outbound entry on the ephemeral ports 1024-65535
  (https://awslabs.github.io/landing-zone-accelerator-on-aws/v1.12.1/typedocs/interfaces/___packages__aws_accelerator_config_lib_models_network_config.INetworkAclOutboundRuleConfig.html).
  A subnet with no ACL associated in the root is judged by the VPC's default ACL,
  which allows everything unless the root manages it (``aws_default_network_acl``, judged only for the
  subnets it names).
- the internet is ``0.0.0.0/0`` and ``::/0`` in any spelling: rules whose CIDRs
  together cover the whole address space of a family admit the internet as one
  ``0.0.0.0/0`` rule does.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Protocol

from plgen.aws.addresses import INTERNET, IP_FAMILIES
from plgen.aws.protocols import IP_PROTOCOLS as PROTOCOLS

PASS, WARN, FAIL = "PASS", "WARN", "FAIL"
ALL = "-1"
_PROTOCOL_NAMES = {"6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", "all": ALL, "-1": ALL}


@lru_cache(maxsize=65536)
def _network(text: str, strict: bool = True) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    """``ipaddress.ip_network``, once per text: a fleet's proof compares the same few CIDRs thousands of times."""
    return ipaddress.ip_network(text, strict=strict)


def protocol(value: Any) -> str:
    """A protocol as AWS compares it: ``tcp``/``6`` -> ``tcp``, ``-1``/``all`` -> ``-1`` (any case)."""
    text = str(value).strip().lower()
    return _PROTOCOL_NAMES.get(text, text)


def port(value: Any) -> int | None:
    """A port as Terraform converts it (``"443"`` -> 443); None when unknown (a reference, or absent)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


@dataclass(frozen=True)
class Rule:
    """One security group rule: one peer, protocol, port range and direction."""

    direction: str  # ingress | egress
    protocol: str  # tcp, udp, -1 (all), ...
    from_port: int | None
    to_port: int | None
    cidr: str | None = None  # IPv4 or IPv6
    group: Any = None  # the referenced group: a reference its adapter resolves, or an sg- ID
    origin: str = ""  # the resource (or AWS rule ID) that declared it

    def covers(self, wanted: str, number: int) -> bool:
        """Whether the rule's protocol and port range take ``wanted`` traffic on ``number``."""
        if self.protocol == ALL:
            return True
        if self.protocol != wanted:
            return False
        low, high = self.from_port, self.to_port
        if low is None or high is None:
            return False
        return low <= number <= high


@dataclass(frozen=True)
class AclEntry:
    """One network ACL entry (rule number, direction, allow/deny, protocol, ports, CIDR)."""

    number: int
    egress: bool
    action: str  # allow | deny
    protocol: str
    from_port: int | None
    to_port: int | None
    cidr: str | None
    origin: str = ""

    def matches(self, wanted: str, number: int, peer: str) -> bool:
        if self.protocol not in (ALL, wanted):
            return False
        if self.protocol != ALL and not (self.from_port is not None and self.to_port is not None and self.from_port <= number <= self.to_port):
            return False
        return _overlaps(self.cidr, peer)


@dataclass(frozen=True)
class NetworkAcl:
    name: str
    entries: tuple[AclEntry, ...]


def admits(rules: list[Rule], source: str, number: int, wanted: str) -> bool:
    """Whether a rule takes ``source`` (a CIDR or an sg- ID) on ``wanted``/``number``."""
    for rule in rules:
        if not rule.covers(wanted, number):
            continue
        if source.startswith("sg-") or rule.group is not None:
            if rule.group == source:
                return True
            continue
        if isinstance(rule.cidr, str):
            try:
                if _network(source, strict=False).subnet_of(_network(rule.cidr, strict=False)):
                    return True
            except (ValueError, TypeError):
                continue
    return False


def open_to_internet(rules: list[Rule]) -> list[str]:
    """The CIDRs by which the rules admit the whole internet of a family (``0.0.0.0/0``, or ranges whose union is it)."""
    out: list[str] = []
    for everything in INTERNET:
        cidrs = []
        for rule in rules:
            if not isinstance(rule.cidr, str):
                continue
            try:
                network = _network(rule.cidr, strict=False)
            except ValueError:
                continue
            if network.version == everything.version:
                cidrs.append((rule.cidr, network))
        if cidrs and list(ipaddress.collapse_addresses(n for _, n in cidrs)) == [everything]:
            whole = [c for c, n in cidrs if n.prefixlen == 0]
            out += whole or list(dict.fromkeys(c for c, _ in cidrs))
    return out


def acl_allows(acl: NetworkAcl, wanted: str, number: int, peer: str, *, egress: bool) -> AclEntry | None:
    """The entry that lets ``peer`` through on ``wanted``/``number`` (first match, ascending), or None (denied)."""
    for entry in sorted((e for e in acl.entries if e.egress is egress), key=lambda e: e.number):
        if entry.matches(wanted, number, peer):
            return entry if entry.action == "allow" else None
    return None


EPHEMERAL = (1024, 65535)  # the return traffic's ports, both ends checked (see the module docstring)


def acl_blocks(acl: NetworkAcl, wanted: str, number: int, peer: str) -> str | None:
    """Why the ACL drops ``peer``'s traffic to ``number`` or its return traffic (stateless: both ways), or None."""
    if acl_allows(acl, wanted, number, peer, egress=False) is None:
        return f"{acl.name} denies {peer} in on {wanted}/{number}"
    for reply in EPHEMERAL:
        if acl_allows(acl, wanted, reply, peer, egress=True) is None:
            return f"{acl.name} denies the replies to {peer} (out on {wanted}/{reply})"
    return None


def _overlaps(cidr: str | None, peer: str) -> bool:
    if not isinstance(cidr, str):
        return False
    try:
        a, b = _network(cidr, strict=False), _network(peer, strict=False)
    except ValueError:
        return False
    return a.version == b.version and (b.subnet_of(a) or a.subnet_of(b))  # type: ignore[arg-type]


def admits_group(rules: list[Rule], group: str, number: int, wanted: str) -> bool:
    """Whether a rule names the group ``group`` (its adapter's ID for it) as its peer on ``wanted``/``number``."""
    return any(rule.group == group and rule.covers(wanted, number) for rule in rules)


# -- the facts a path reads; ``name`` is how a reader knows it (a Terraform address, or an AWS ID), ``id`` how
# -- the world's other facts refer to it.


class Subnet:
    """A subnet: its ID, AZ ID and CIDR; an adapter may give the CIDR as a thunk, read only if a hop needs it."""

    def __init__(self, id: Any, az: str | None, cidr: Any) -> None:  # noqa: A002 - the AWS name
        self.id, self.az, self._cidr = id, az, cidr

    @property
    def cidr(self) -> str | None:
        if callable(self._cidr):
            self._cidr = self._cidr()
        return self._cidr


@dataclass(frozen=True)
class EndpointService:
    id: str
    name: str
    region: str | None
    acceptance_required: bool
    principals: tuple[Any, ...]  # allowed principal ARNs (or "*")
    supported_ip_address_types: Any  # a list, or an unknown value
    supported_regions: Any
    private_dns_name: Any

    @cached_property
    def principal_accounts(self) -> frozenset[str]:
        """The accounts the allowed principal ARNs name (``arn:<partition>:iam::<account>:...``), read once: a
        service with thousands of customers is asked once per customer."""
        return frozenset(p.split(":")[4] for p in self.principals if isinstance(p, str) and len(p.split(":")) > 4)


@dataclass(frozen=True)
class Endpoint:
    id: str
    name: str
    subnets: tuple[Subnet, ...]
    groups: tuple[str, ...]  # security group IDs (the world's)
    ip_address_type: Any
    service_region: Any
    private_dns_enabled: Any
    auto_accept: Any
    state: str | None = None  # live: available, pendingAcceptance, ...; offline: None (what will be created)
    kind: str = "Interface"
    dns_name: str | None = None
    service_name: Any = None  # the service it connects to, where the world knows it (offline: the root's value)


@dataclass(frozen=True)
class LoadBalancer:
    id: str
    name: str
    internal: bool
    subnets: tuple[Subnet, ...]
    groups: tuple[str, ...]
    enforce: str  # enforce_security_group_inbound_rules_on_private_link_traffic: on | off
    ip_address_type: Any


@dataclass(frozen=True)
class Listener:
    id: str
    name: str
    port: int | None
    protocol: Any
    forward: Any  # what the default forward action names (the world resolves it)


@dataclass(frozen=True)
class TargetGroup:
    id: str
    name: str
    port: int | None
    protocol: Any


@dataclass(frozen=True)
class ResourceGateway:
    """A VPC Lattice resource gateway: where a resource configuration's traffic leaves the provider's VPC."""

    id: str
    name: str
    subnets: tuple[Subnet, ...]
    groups: tuple[str, ...]
    status: str | None = None  # live: ACTIVE, ...; offline: None (what will be created)


@dataclass(frozen=True)
class ResourceConfiguration:
    """A VPC Lattice resource configuration: the resource (IP, DNS name or ARN), its ports, its gateway."""

    id: str
    name: str
    kind: Any  # SINGLE | GROUP | CHILD | ARN
    port_ranges: Any  # ["443", "8000-8100"], or an unknown value
    ip: str | None
    domain: str | None
    arn: str | None
    status: str | None = None


@dataclass(frozen=True)
class PeeredRoute:
    """A route from the NLB's side towards an address, over a peering connection (its ID, or the reference offline)."""

    name: str
    connection: Any


@dataclass(frozen=True)
class HomeRoutes:
    """The routes between a peered consumer's home VPC and its endpoint VPC."""

    there: tuple[str, ...]  # home -> endpoint VPC
    back: tuple[str, ...]  # endpoint VPC -> home
    missing_vpc: str | None = None  # a VPC the world cannot find (live)
    shared: bool | None = None  # both ways over one connection between the two VPCs (None: not known offline)
    connection: str | None = None
    state: str | None = None  # the connection's state (live), None offline


@dataclass(frozen=True)
class OwnVpc:
    """The addresses of the VPC an endpoint is in: its IPv4 CIDR and IPv6 block (values, or references to them
    offline), and whether the IPv6 block is Amazon-provided (assigned by AWS at creation, unknown before)."""

    name: str
    ipv4: Any
    ipv6: Any
    amazon_ipv6: bool


def holds(cidr: Any, block: Any) -> bool:
    """Whether a rule's CIDR holds a VPC block: the same value (a reference to the block offline, the block live),
    or a literal CIDR containing a literal block."""
    if block is None or cidr is None:
        return False
    if cidr == block:
        return True
    try:
        return isinstance(block, str) and isinstance(cidr, str) and _network(block).subnet_of(_network(cidr, strict=False))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


class World(Protocol):
    """The queries the hops make (``plgen.paths.hops``), whatever holds the resources: evaluated Terraform
    (``adapters.terraform.TerraformWorld``) or AWS describe calls (``adapters.live.LiveWorld``)."""

    def service(self, provider: str, name: str, provider_spec: dict, spec: dict) -> EndpointService | None: ...
    def endpoint(self, consumer: str, key: str, consumer_spec: dict, service: EndpointService | None) -> Endpoint | None: ...
    def missing(self, consumer: str, key: str, provider: str, name: str, spec: dict, endpoint: Endpoint | None) -> str: ...
    def wired(self, endpoint: Endpoint, service: EndpointService) -> str | None: ...
    def load_balancer(self, service: EndpointService) -> LoadBalancer | None: ...
    def rules(self, groups: tuple[str, ...] | list[str], direction: str = "ingress") -> list[Rule]: ...
    def acls(self, subnets: tuple[Subnet, ...]) -> list[NetworkAcl]: ...
    def own_vpc(self, endpoint: Endpoint) -> OwnVpc | None: ...
    def accepted_by(self, endpoint: Endpoint, service: EndpointService) -> list[str]: ...
    def connections_from(self, service: EndpointService, account: str) -> list[str] | None: ...
    def listeners(self, lb: LoadBalancer) -> list[Listener]: ...
    def target_group(self, listener: Listener) -> TargetGroup | None: ...
    def registered(self, group: TargetGroup, default_port: int) -> set[tuple[Any, Any]]: ...
    def groups_beside(self, lb: LoadBalancer, service: str) -> list[str]: ...
    def subnets_holding(self, lb: LoadBalancer, ip: Any) -> tuple[Subnet, ...]: ...
    def group_name(self, group: str) -> str: ...
    def routes_to_target(self, lb: LoadBalancer, ip: Any) -> tuple[list[PeeredRoute], int]: ...
    def peering_state(self, lb: LoadBalancer, connection: Any) -> tuple[str | None, bool]: ...
    def routes_back(self, lb: LoadBalancer, route: PeeredRoute, cidrs: list[str]) -> list[str]: ...
    def fleet_admits(self, lb: LoadBalancer, connection: Any, cidrs: list[str], port: int, protocols: list[str]) -> list[str]: ...
    def direct_connect(self, at: Any, on_premises: dict, cidr: str, azs: list[Any]) -> tuple[str, str]: ...
    # Direct Connect, for ``plgen.paths.direct_connect.judge_direct_connect`` (what ``direct_connect`` runs)
    def transit_routes(self, at: Any, cidr: str, tgw: str) -> tuple[list[Any], int]: ...
    def attachment_azs(self, at: Any, attachment: str) -> list[Any]: ...
    def propagation(self, at: Any, cidr: str) -> Any: ...
    def dx_association(self, at: Any, found: Any, dx: str) -> tuple[str, list[Any]] | None: ...
    def home_routes(self, consumer: str, home: dict) -> HomeRoutes: ...
    def friendly_name(self, endpoint: Endpoint, name: str) -> str | None: ...
    def private_dns(self, service: EndpointService) -> tuple[str | None, str]: ...
    def private_dns_switch(self, endpoint: Endpoint) -> str | None: ...
    # resource access (VPC Lattice), for ``plgen.paths.resource_hops``
    def resource_configuration(self, provider: str, resource: str, provider_spec: dict) -> ResourceConfiguration | None: ...
    def resource_endpoint(self, consumer: str, key: str, consumer_spec: dict, network: bool, config: ResourceConfiguration | None, provider: str, provider_spec: dict) -> Endpoint | None: ...
    def resource_missing(self, consumer: str, key: str, provider: str, resource: str, endpoint: Endpoint | None) -> str: ...
    def resource_wired(self, endpoint: Endpoint, config: ResourceConfiguration, network: bool) -> str | None: ...
    def resource_gateway(self, config: ResourceConfiguration) -> ResourceGateway | None: ...
    def share(self, consumer: str, consumer_spec: dict, provider_spec: dict, endpoint: Endpoint, config: ResourceConfiguration, network: bool) -> tuple[str, str]: ...
