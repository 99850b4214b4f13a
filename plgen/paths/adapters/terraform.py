"""The offline adapter: the world of an evaluated Terraform root (``plgen.paths.evaluate``), indexed once.

Every instance of the root (any module layout, ``count``/``for_each``) is
indexed by type, by module and, lazily, by what one of its arguments
references, so a hop asks "the listeners of this NLB" or "the rules of this
group" in time proportional to the answer, not to the root: the proof is
linear in consumers (a consumer's hops read only what its path touches). A
resource type's instances are expanded the first time a hop asks for the type
or for an address of it: a type no hop reads (route tables, flow logs, the
default security group) is never evaluated.

Security group rules and network ACL entries come back in the one vocabulary of
``plgen.paths.world`` (``Rule``, ``NetworkAcl``), whichever Terraform spelling
declared them.
"""

from __future__ import annotations

import ipaddress
import re
from collections import defaultdict
from typing import Any

from plgen.paths.evaluate import ModuleInstance, Ref, ResourceInstance, Root
from plgen.paths.direct_connect import Propagation, TransitRoute, judge_direct_connect
from plgen.paths.world import (
    AclEntry,
    Endpoint,
    EndpointService,
    OwnVpc,
    HomeRoutes,
    Listener,
    LoadBalancer,
    NetworkAcl,
    PeeredRoute,
    ResourceConfiguration,
    ResourceGateway,
    Rule,
    Subnet,
    TargetGroup,
    port,
    protocol,
)


_MODULE_STEP = re.compile(r'module\.[A-Za-z_][A-Za-z0-9_-]*(?:\[(?:[0-9]+|"(?:[^"\\]|\\.)*")\])?\.')


def resource_type(address: str) -> str | None:
    """The resource type an instance address names (``module.a["k"].aws_lb.this[0]`` -> ``aws_lb``), or None."""
    at = 0
    while (step := _MODULE_STEP.match(address, at)) is not None:
        at = step.end()
    local = address[at:]
    if local.startswith("data."):
        return None  # data sources are not instances of the world
    type_name = local.split(".", 1)[0]
    return type_name if "." in local else None


class _Instances:
    """The world's instances by address, each resource type expanded when an address of that type is first asked."""

    def __init__(self, world: TerraformWorld) -> None:
        self._world = world
        self._by_address: dict[str, ResourceInstance] = {}

    def add(self, instance: ResourceInstance) -> None:
        self._by_address[instance.address] = instance

    def get(self, address: str, default: Any = None) -> Any:
        found = self._by_address.get(address)
        if found is None:
            type_name = resource_type(address)
            if type_name is not None and type_name not in self._world._by_type:
                self._world.of_type(type_name)
                found = self._by_address.get(address)
        return default if found is None else found

    def __getitem__(self, address: str) -> ResourceInstance:
        found = self.get(address)
        if found is None:
            raise KeyError(address)
        return found


class TerraformWorld:
    """The evaluated root, indexed by address, type, module and reference, with the lookups the hops need."""

    def __init__(self, root: Root) -> None:
        self.top = root.evaluate()
        self.modules: list[ModuleInstance] = [self.top, *self.top.all_modules()]
        self.instances = _Instances(self)
        self._declared: dict[str, list[tuple[ModuleInstance, str]]] = defaultdict(list)  # type -> (module, name) declaring it
        for module in self.modules:
            for local, (kind_, _) in module.doc.nodes.items():
                if kind_ == "resource":
                    type_name, name = local.split(".", 1)
                    self._declared[type_name].append((module, name))
        self._by_type: dict[str, list[ResourceInstance]] = {}
        self._by_module: dict[tuple[str, int], list[ResourceInstance]] = defaultdict(list)
        self._args: dict[tuple[str, str], Any] = {}
        self._referring: dict[tuple[str, str], dict[str, list[ResourceInstance]]] = {}
        self._valued: dict[tuple[str, str], dict[Any, list[ResourceInstance]]] = {}
        self._keyed: dict[tuple[str, str | None, Any], list[ResourceInstance]] = {}
        self._keyed_types: set[str] = set()
        self._services: dict[str, EndpointService] = {}
        self._lbs: dict[str, LoadBalancer] = {}

    # -- arguments and references
    def arg(self, instance: ResourceInstance, name: str, default: Any = None) -> Any:
        key = (instance.address, name)
        if key not in self._args:
            self._args[key] = instance.argument(name, default)
        return self._args[key]

    def of_type(self, type_name: str) -> list[ResourceInstance]:
        """Every instance of ``type_name``, in module order; a type's instances are expanded (``count``/``for_each``
        evaluated) the first time a hop asks for it, so a type no hop reads costs nothing."""
        found = self._by_type.get(type_name)
        if found is None:
            found = self._by_type[type_name] = []
            for module, name in self._declared.get(type_name, ()):
                for instance in module.resource_instances(type_name, name):
                    found.append(instance)
                    self.instances.add(instance)
                    self._by_module[(type_name, id(module))].append(instance)
        return found

    def in_module(self, type_name: str, module: ModuleInstance) -> list[ResourceInstance]:
        self.of_type(type_name)
        return self._by_module.get((type_name, id(module)), [])

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

    def referring(self, type_name: str, argument: str, instance: ResourceInstance, attribute: str) -> list[ResourceInstance]:
        """Instances of ``type_name`` whose ``argument`` (or an item of it) references ``instance.attribute``."""
        key = (type_name, argument)
        if key not in self._referring:
            index: dict[str, list[ResourceInstance]] = defaultdict(list)
            for item in self.of_type(type_name):
                value = self.arg(item, argument)
                for ref in value if isinstance(value, list) else [value]:
                    if isinstance(ref, Ref) and item not in index[ref.path]:
                        index[ref.path].append(item)
            self._referring[key] = index
        return self._referring[key].get(f"{instance.address}.{attribute}", [])

    def valued(self, type_name: str, argument: str, value: Any) -> list[ResourceInstance]:
        """Instances of ``type_name`` whose ``argument`` is the (hashable) ``value``."""
        key = (type_name, argument)
        if key not in self._valued:
            index: dict[Any, list[ResourceInstance]] = defaultdict(list)
            for item in self.of_type(type_name):
                found = self.arg(item, argument)
                try:
                    index[found].append(item)
                except TypeError:
                    continue
            self._valued[key] = index
        try:
            return self._valued[key].get(value, [])
        except TypeError:
            return []

    def find(self, type_name: str, side: str, key: str) -> ResourceInstance | None:
        """The instance ``type_name[...][key]`` in the module instance of side ``side``."""
        if type_name not in self._keyed_types:  # indexed once per type, by module key and key: a lookup is O(1)
            self._keyed_types.add(type_name)
            for instance in self.of_type(type_name):
                address = instance.module.address
                module_key = address.rsplit('["', 1)[1][:-2] if address.endswith('"]') else None
                self._keyed.setdefault((type_name, module_key, instance.key), []).append(instance)
        found = self._keyed.get((type_name, side, key), [])
        return found[0] if found else None

    # -- subnets
    def subnet_azs(self, subnets: Any, module: ModuleInstance) -> list[str | None]:
        """AZ ID of each subnet: from the subnet the root creates, or the existing VPC's ``subnet_ids`` by AZ."""
        vpc = module.variables.get("vpc")
        by_az = vpc.get("subnet_ids") if isinstance(vpc, dict) else None
        existing = {v: k for k, v in by_az.items()} if isinstance(by_az, dict) else {}
        out = []
        for subnet in subnets if isinstance(subnets, list) else []:
            instance = self.target(subnet, "aws_subnet")
            out.append(self.arg(instance, "availability_zone_id") if instance else existing.get(subnet))
        return out

    def subnet_cidrs(self, subnets: Any) -> list[str | None]:
        out = []
        for subnet in subnets if isinstance(subnets, list) else []:
            instance = self.target(subnet, "aws_subnet")
            out.append(self.arg(instance, "cidr_block") if instance else None)
        return out

    # -- security groups
    def rules(self, groups: Any, direction: str = "ingress") -> list[Rule]:
        """The rules of the groups named by their IDs here (addresses); IDs of groups outside the root: none known."""
        out: list[Rule] = []
        for group in groups:
            instance = self.instances.get(group) if isinstance(group, str) else None
            if instance is not None and instance.type == "aws_security_group":
                out += self.rules_of(instance, direction)
        return out

    def rules_of(self, group: ResourceInstance, direction: str = "ingress") -> list[Rule]:
        """The ingress (or egress) rules of a group, in each spelling Terraform has, one ``Rule`` per peer.

        A peer group named by reference is given by its ID here, its address; an ``sg-`` ID stays as written.
        """
        out: list[Rule] = []
        for rule in self.referring(f"aws_vpc_security_group_{direction}_rule", "security_group_id", group, "id"):
            if not self.refers(self.arg(rule, "security_group_id"), group, "id"):
                continue
            ip = protocol(self.arg(rule, "ip_protocol"))
            lo, hi = port(self.arg(rule, "from_port")), port(self.arg(rule, "to_port"))
            peer = self.arg(rule, "referenced_security_group_id")
            for cidr in (self.arg(rule, "cidr_ipv4"), self.arg(rule, "cidr_ipv6")):
                if cidr is not None:
                    out.append(Rule(direction, ip, lo, hi, cidr=cidr, origin=rule.address))
            if peer is not None:
                out.append(Rule(direction, ip, lo, hi, group=self.group_id(peer), origin=rule.address))
        for rule in self.referring("aws_security_group_rule", "security_group_id", group, "id"):
            if self.arg(rule, "type") != direction or not self.refers(self.arg(rule, "security_group_id"), group, "id"):
                continue
            out += self._legacy(group, direction, rule.address, {k: self.arg(rule, k) for k in _LEGACY})
        for block in self.arg(group, direction, []) or []:
            out += self._legacy(group, direction, f"{group.address}.{direction}", {**block, "source_security_group_id": None, "groups": block.get("security_groups")})
        return out

    def ingress(self, group: ResourceInstance, direction: str = "ingress") -> list[Rule]:
        return self.rules_of(group, direction)

    def group_id(self, value: Any) -> Any:
        """A security group as rules and facts name it: the address of the group a reference points to, or the value."""
        group = self.target(value, "aws_security_group")
        return group.address if group is not None else value

    def group_name(self, group: str) -> str:
        return str(group)

    def _legacy(self, group: ResourceInstance, direction: str, origin: str, body: dict[str, Any]) -> list[Rule]:
        """Rules of a legacy ``aws_security_group_rule`` or an inline block: lists of CIDRs, groups, ``self``."""
        ip = protocol(body.get("protocol"))
        lo, hi = port(body.get("from_port")), port(body.get("to_port"))
        out = []
        for key in ("cidr_blocks", "ipv6_cidr_blocks"):
            value = body.get(key)
            for cidr in value if isinstance(value, list) else []:
                out.append(Rule(direction, ip, lo, hi, cidr=cidr, origin=origin))
        peers = list(body.get("groups") or []) if isinstance(body.get("groups"), list) else []
        if body.get("source_security_group_id") is not None:
            peers.append(body["source_security_group_id"])
        out += [Rule(direction, ip, lo, hi, group=self.group_id(peer), origin=origin) for peer in peers]
        if body.get("self") is True:
            out.append(Rule(direction, ip, lo, hi, group=group.address, origin=origin))
        return out

    # -- network ACLs
    def acls(self, subnets: Any) -> list[NetworkAcl]:
        """The network ACLs the root associates with these subnets (by ``subnet_ids`` or an association)."""
        out: dict[str, NetworkAcl] = {}
        if isinstance(subnets, tuple):  # Subnet facts
            subnets = [s.id for s in subnets]
        for subnet in subnets if isinstance(subnets, list) else []:
            for acl in self._acls_of(subnet):
                out.setdefault(acl.address, self._acl(acl))
        return list(out.values())

    def _acls_of(self, subnet: Any) -> list[ResourceInstance]:
        found = []
        instance = self.target(subnet, "aws_subnet")
        for type_name in ("aws_network_acl", "aws_default_network_acl"):
            if instance is not None:
                found += self.referring(type_name, "subnet_ids", instance, "id")
            elif isinstance(subnet, str):
                found += [a for a in self.of_type(type_name) if subnet in (self.arg(a, "subnet_ids") or [])]
        associations = self.referring("aws_network_acl_association", "subnet_id", instance, "id") if instance is not None else self.valued("aws_network_acl_association", "subnet_id", subnet)
        for association in associations:
            acl = self.target(self.arg(association, "network_acl_id"), "aws_network_acl")
            if acl is not None:
                found.append(acl)
        return found

    def _acl(self, acl: ResourceInstance) -> NetworkAcl:
        entries = []
        for direction in ("ingress", "egress"):
            for block in self.arg(acl, direction, []) or []:
                entries += _entries(block, direction == "egress", block.get("rule_no"), block.get("action"), acl.address)
        for rule in self.referring("aws_network_acl_rule", "network_acl_id", acl, "id"):
            body = {k: self.arg(rule, k) for k in ("protocol", "from_port", "to_port", "cidr_block", "ipv6_cidr_block")}
            entries += _entries(body, self.arg(rule, "egress") is True, self.arg(rule, "rule_number"), self.arg(rule, "rule_action"), rule.address)
        return NetworkAcl(acl.address, tuple(entries))


    # -- the facts of a declared path (``plgen.paths.world``), for the hops of ``plgen.paths.hops``
    def subnets(self, values: Any, module: ModuleInstance) -> tuple[Subnet, ...]:
        values = values if isinstance(values, list) else []
        return tuple(Subnet(v, az, lambda v=v: self.subnet_cidrs([v])[0]) for v, az in zip(values, self.subnet_azs(values, module)))

    def _groups(self, values: Any) -> tuple[str, ...]:
        return tuple(g.address for g in (self.target(v, "aws_security_group") for v in values or []) if g is not None)

    def service_fact(self, es: ResourceInstance) -> EndpointService:
        """The service's facts, built once per service (a service with thousands of consumers is asked by each)."""
        if es.address not in self._services:
            self._services[es.address] = self._service_fact(es)
        return self._services[es.address]

    def _service_fact(self, es: ResourceInstance) -> EndpointService:
        principals = list(self.arg(es, "allowed_principals") or [])
        principals += [self.arg(p, "principal_arn") for p in self.referring("aws_vpc_endpoint_service_allowed_principal", "vpc_endpoint_service_id", es, "id")]
        return EndpointService(
            es.address, es.address, None, self.arg(es, "acceptance_required"), tuple(principals),
            self.arg(es, "supported_ip_address_types"), self.arg(es, "supported_regions"), self.arg(es, "private_dns_name"),
        )

    def endpoint_fact(self, vpce: ResourceInstance, kind: Any = "Interface") -> Endpoint:
        return Endpoint(
            vpce.address, vpce.address, self.subnets(self.arg(vpce, "subnet_ids"), vpce.module), self._groups(self.arg(vpce, "security_group_ids")),
            self.arg(vpce, "ip_address_type"), self.arg(vpce, "service_region"), self.arg(vpce, "private_dns_enabled"), self.arg(vpce, "auto_accept"),
            kind=kind, dns_name="(vpce-...vpce.amazonaws.com)",  # known after apply; AWS always gives an interface endpoint one
            service_name=self.arg(vpce, "service_name"),
        )

    def lb_fact(self, lb: ResourceInstance) -> LoadBalancer:
        """The NLB as the hops see it, built once per NLB (each of its consumers' paths asks for it)."""
        if lb.address not in self._lbs:
            self._lbs[lb.address] = self._lb_fact(lb)
        return self._lbs[lb.address]

    def _lb_fact(self, lb: ResourceInstance) -> LoadBalancer:
        return LoadBalancer(
            lb.address, lb.address, self.arg(lb, "internal"), self.subnets(self.arg(lb, "subnets"), lb.module), self._groups(self.arg(lb, "security_groups")),
            self.arg(lb, "enforce_security_group_inbound_rules_on_private_link_traffic") or "on", self.arg(lb, "ip_address_type"),
        )

    def service(self, provider: str, name: str, provider_spec: dict, spec: dict) -> EndpointService | None:
        es = self.find("aws_vpc_endpoint_service", provider, name)
        return self.service_fact(es) if es is not None else None

    def endpoint(self, consumer: str, key: str, consumer_spec: dict, service: EndpointService | None) -> Endpoint | None:
        vpce = self.find("aws_vpc_endpoint", consumer, key)
        return self.endpoint_fact(vpce) if vpce is not None else None

    def own_vpc(self, endpoint: Endpoint) -> OwnVpc | None:
        """The VPC the root creates beside the endpoint (its module's one ``aws_vpc``); an existing VPC: not known."""
        vpce = self.instances.get(endpoint.id)
        vpcs = [v for v in self.of_type("aws_vpc") if vpce is not None and v.module is vpce.module]
        if len(vpcs) != 1:
            return None
        vpc = vpcs[0]
        ipv6 = self.arg(vpc, "ipv6_cidr_block")  # written (IPAM, BYOIP), else the block AWS assigns: known at apply
        return OwnVpc(vpc.address, self.arg(vpc, "cidr_block"), ipv6 if ipv6 is not None else Ref(f"{vpc.address}.ipv6_cidr_block"), self.arg(vpc, "assign_generated_ipv6_cidr_block") is True)

    def missing(self, consumer: str, key: str, provider: str, name: str, spec: dict, endpoint: Endpoint | None) -> str:
        return f"no interface endpoint {key} in consumer {consumer}" if endpoint is None else f"no endpoint service {name} in provider {provider}"

    def wired(self, endpoint: Endpoint, service: EndpointService) -> str | None:
        vpce, es = self.instances[endpoint.id], self.instances[service.id]
        if self.refers(self.arg(vpce, "service_name"), es, "service_name"):
            return None
        return f"{vpce.address} is not wired to {es.address} (service_name {self.arg(vpce, 'service_name')!r})"

    def load_balancer(self, service: EndpointService) -> LoadBalancer | None:
        lb = self.target((self.arg(self.instances[service.id], "network_load_balancer_arns") or [None])[0], "aws_lb")
        return self.lb_fact(lb) if lb is not None else None

    def connections_from(self, service: EndpointService, account: str) -> list[str] | None:
        """Another organisation's endpoints exist only once it applies its own blueprint: not known before apply."""
        return None

    def accepted_by(self, endpoint: Endpoint, service: EndpointService) -> list[str]:
        return [a.address for a in self.referring("aws_vpc_endpoint_connection_accepter", "vpc_endpoint_id", self.instances[endpoint.id], "id")]

    def listeners(self, lb: LoadBalancer) -> list[Listener]:
        out = []
        for item in self.referring("aws_lb_listener", "load_balancer_arn", self.instances[lb.id], "arn"):
            actions = self.arg(item, "default_action") or []
            forward = next((a.get("target_group_arn") for a in actions if a.get("type") == "forward"), None)
            out.append(Listener(item.address, item.address, port(self.arg(item, "port")), self.arg(item, "protocol"), forward))
        return out

    def target_group(self, listener: Listener) -> TargetGroup | None:
        tg = self.target(listener.forward, "aws_lb_target_group")
        return TargetGroup(tg.address, tg.address, port(self.arg(tg, "port")), self.arg(tg, "protocol")) if tg is not None else None

    def registered(self, group: TargetGroup, default_port: int) -> set[tuple[Any, Any]]:
        attached = self.referring("aws_lb_target_group_attachment", "target_group_arn", self.instances[group.id], "arn")
        return {(self.arg(a, "target_id"), port(self.arg(a, "port")) or default_port) for a in attached}

    def groups_beside(self, lb: LoadBalancer, service: str) -> list[str]:
        """Groups of the NLB's module other than its own, the service's own (keyed by its name) first."""
        groups = [g for g in self.in_module("aws_security_group", self.instances[lb.id].module) if g.address not in lb.groups]
        return [g.address for g in sorted(groups, key=lambda g: g.key != service)]

    def subnets_holding(self, lb: LoadBalancer, ip: Any) -> tuple[Subnet, ...]:
        """Subnets of the NLB's module whose CIDR holds ``ip`` (a target's subnet); none when not evaluable."""
        module = self.instances[lb.id].module
        refs = [Ref(f"{s.address}.id") for s in self.in_module("aws_subnet", module) if _contains(self.arg(s, "cidr_block"), ip)]
        return self.subnets(refs, module)

    def routes_to_target(self, lb: LoadBalancer, ip: Any) -> tuple[list[PeeredRoute], int]:
        """Routes of the root towards ``ip`` (an off-VPC target), with their peering connection."""
        routes = [r for r in self.of_type("aws_route") if _contains(self.arg(r, "destination_cidr_block"), ip)]
        return [PeeredRoute(r.address, self.arg(r, "vpc_peering_connection_id")) for r in routes], 0

    def peering_state(self, lb: LoadBalancer, connection: Any) -> tuple[str | None, bool]:
        return None, True  # what will be created: the connection's state is known live only

    def routes_back(self, lb: LoadBalancer, route: PeeredRoute, cidrs: list[str]) -> list[str]:
        return [r.address for r in self.valued("aws_route", "vpc_peering_connection_id", route.connection) if r.address != route.name]

    def fleet_admits(self, lb: LoadBalancer, connection: Any, cidrs: list[str], number: int, protocols: list[str]) -> list[str]:
        """Ingress rules of the root admitting each of the NLB's subnets on the port (the fleet's groups)."""
        admitted = {c: rule.address for c in cidrs for rule in self.valued("aws_vpc_security_group_ingress_rule", "cidr_ipv4", c) if port(self.arg(rule, "from_port")) == number}
        return list(admitted.values()) if len(admitted) >= len(set(cidrs)) else []

    def direct_connect(self, at: Any, on_premises: dict, cidr: str, azs: list[Any]) -> tuple[str, str]:
        return judge_direct_connect(self, at, on_premises, cidr, azs)

    # -- Direct Connect (``direct_connect.judge_direct_connect``): the resources of ``at``'s module
    def transit_routes(self, at: Any, cidr: str, tgw: str) -> tuple[list[TransitRoute], int]:
        module = self.instances[at.id].module
        routes = [r for r in self.in_module("aws_route", module) if self.arg(r, "destination_cidr_block") == cidr and self.arg(r, "transit_gateway_id") is not None]
        attachments = self.in_module("aws_ec2_transit_gateway_vpc_attachment", module)
        out = []
        for route in routes:
            target = self.arg(route, "transit_gateway_id")
            named = self.target(target, "aws_ec2_transit_gateway_vpc_attachment") if isinstance(target, Ref) else None
            via = [named] if named is not None else [a for a in attachments if self.arg(a, "transit_gateway_id") == self._value(target, "aws_ec2_transit_gateway_vpc_attachment", "transit_gateway_id")]
            via = [a for a in via if self.arg(a, "transit_gateway_id") == tgw]
            out.append(TransitRoute(route.address, via[0].address if via else None))
        return out, 0

    def _value(self, value: Any, type_name: str, attribute: str) -> Any:
        """A string argument, or the argument of the instance a reference points into (``x.transit_gateway_id``)."""
        if isinstance(value, Ref):
            instance = self.target(value, type_name)
            return self.arg(instance, attribute) if instance is not None else value
        return value

    def attachment_azs(self, at: Any, attachment: str) -> list[Any]:
        instance = self.instances[attachment]
        return self.subnet_azs(self.arg(instance, "subnet_ids"), instance.module)

    def propagation(self, at: Any, cidr: str) -> Propagation | None:
        """Route tables of the module propagating from a virtual private gateway: created here, or reused and attached."""
        module = self.instances[at.id].module
        propagations = self.in_module("aws_vpn_gateway_route_propagation", module)
        if not propagations:
            return None
        gateway = self.arg(propagations[0], "vpn_gateway_id")
        created = self.target(gateway, "aws_vpn_gateway") if isinstance(gateway, Ref) else None
        if created is not None:
            return Propagation(len(propagations), 0, created, created.address)
        if not isinstance(gateway, str):
            return Propagation(len(propagations), 0, gateway, "", problem=f"the route propagation names no virtual private gateway ({gateway!r})")
        attached = [a for a in self.in_module("aws_vpn_gateway_attachment", module) if self.arg(a, "vpn_gateway_id") == gateway]
        if self.in_module("aws_vpc", module) and not attached:
            return Propagation(len(propagations), 0, gateway, "", problem=f"{gateway} propagates routes but is not attached to the VPC plgen creates (no aws_vpn_gateway_attachment)")
        how = f"{gateway}, attached by {attached[0].address}" if attached else f"{gateway}, attached to the existing VPC"
        return Propagation(len(propagations), 0, gateway, how)

    def dx_association(self, at: Any, found: Propagation, dx: str) -> tuple[str, list[Any]] | None:
        module = self.instances[at.id].module
        for association in self.in_module("aws_dx_gateway_association", module):
            value = self.arg(association, "associated_gateway_id")
            same = self.refers(value, found.gateway, "id") if isinstance(found.gateway, ResourceInstance) else value == found.gateway
            if self.arg(association, "dx_gateway_id") == dx and same:
                return association.address, self.arg(association, "allowed_prefixes") or []
        return None

    def home_routes(self, consumer: str, home: dict) -> HomeRoutes:
        there = self.valued("aws_route", "destination_cidr_block", home["side_cidr"])
        back = self.valued("aws_route", "destination_cidr_block", home["cidr"])
        return HomeRoutes(tuple(r.address for r in there), tuple(r.address for r in back))

    def friendly_name(self, endpoint: Endpoint, name: str) -> str | None:
        zones = self.valued("aws_route53_zone", "name", name)
        records = [r for z in zones for r in self.referring("aws_route53_record", "zone_id", z, "zone_id")]
        aliased = [r for r in records for a in (self.arg(r, "alias") or []) if self._names_endpoint(a.get("name"), endpoint)]
        if not zones or not aliased or not (self.arg(zones[0], "vpc") or []):
            return None
        return f"private zone {zones[0].address} aliases the endpoint"

    def _names_endpoint(self, target: Any, endpoint: Endpoint) -> bool:
        """Whether an alias target is the endpoint's DNS name: its own ``dns_entry``, or (a Resource endpoint) its association's.

        A Resource endpoint's names are read by ``data.aws_vpc_endpoint_associations`` for its ID
        (``plgen.constructs.resource_access.resource_names``).
        """
        if not isinstance(target, Ref):
            return False
        if target.path.startswith(endpoint.id + "."):
            return True
        vpce = self.instances.get(endpoint.id)
        if vpce is None:
            return False
        module = vpce.module  # data sources are not among the proof's instances: read those of the endpoint's module
        for local, (kind, _) in module.doc.nodes.items():
            if kind != "data" or not local.startswith("data.aws_vpc_endpoint_associations."):
                continue
            found = module.resources("aws_vpc_endpoint_associations", local.split(".", 2)[2], "data")
            for d in found.values() if isinstance(found, dict) else found if isinstance(found, list) else [found]:
                if target.path.startswith(d.address + ".") and self.refers(d.argument("vpc_endpoint_id"), vpce, "id"):
                    return True
        return False

    def private_dns_switch(self, endpoint: Endpoint) -> str | None:
        """The ``aws_vpc_endpoint_private_dns`` that switches private DNS on for this endpoint after creation, if any."""
        vpce = self.instances.get(endpoint.id)
        if vpce is None:
            return None
        found = [d for d in self.referring("aws_vpc_endpoint_private_dns", "vpc_endpoint_id", vpce, "id") if self.arg(d, "private_dns_enabled") is True]
        return found[0].address if found else None

    def private_dns(self, service: EndpointService) -> tuple[str | None, str]:
        es = self.instances[service.id]
        verifications = [v for v in self.referring("aws_vpc_endpoint_service_private_dns_verification", "service_id", es, "id") if self.arg(v, "wait_for_verification") is True]
        records = [
            r
            for r in self.valued("aws_route53_record", "type", "TXT")
            if any(isinstance(v, Ref) and v.path.startswith(f"{es.address}.private_dns_name_configuration") for v in self.arg(r, "records") or [])
        ]
        if verifications and records:
            return f"verified by {verifications[0].address} from TXT record {records[0].address}", ""
        return None, "outside this root (no TXT record and verification here)"


    # -- resource access (VPC Lattice), for ``plgen.paths.resource_hops``
    def resource_configuration(self, provider: str, resource: str, provider_spec: dict) -> ResourceConfiguration | None:
        config = self.find("aws_vpclattice_resource_configuration", provider, resource)
        return self.resource_configuration_fact(config) if config is not None else None

    def resource_configuration_fact(self, config: ResourceInstance) -> ResourceConfiguration:
        definition = (self.arg(config, "resource_configuration_definition") or [{}])[0]
        ip = next((d.get("ip_address") for d in definition.get("ip_resource") or []), None)
        domain = next((d.get("domain_name") for d in definition.get("dns_resource") or []), None)
        arn = next((d.get("arn") for d in definition.get("arn_resource") or []), None)
        return ResourceConfiguration(config.address, config.address, self.arg(config, "type"), self.arg(config, "port_ranges"), ip, domain, arn)

    def resource_endpoint(self, consumer: str, key: str, consumer_spec: dict, network: bool, config: Any, provider: str, provider_spec: dict) -> Endpoint | None:
        vpce = self.find("aws_vpc_endpoint", consumer, key)
        return self.endpoint_fact(vpce, self.arg(vpce, "vpc_endpoint_type")) if vpce is not None else None

    def resource_missing(self, consumer: str, key: str, provider: str, resource: str, endpoint: Endpoint | None) -> str:
        return f"no endpoint in consumer {consumer}" if endpoint is None else f"no resource configuration {resource} in provider {provider}"

    def _service_network(self, endpoint: Endpoint) -> ResourceInstance | None:
        return self.target(self.arg(self.instances[endpoint.id], "service_network_arn"), "aws_vpclattice_service_network")

    def resource_wired(self, endpoint: Endpoint, config: ResourceConfiguration, network: bool) -> str | None:
        vpce, rc = self.instances[endpoint.id], self.instances[config.id]
        if network:
            sn = self._service_network(endpoint)
            associations = self.referring("aws_vpclattice_service_network_resource_association", "resource_configuration_identifier", rc, "id")
            if sn is None or not any(self.refers(self.arg(a, "service_network_identifier"), sn, "id") for a in associations):
                return f"{vpce.address} is not wired to a service network holding {rc.address}"
            return None
        if not self.refers(self.arg(vpce, "resource_configuration_arn"), rc, "arn"):
            return f"{vpce.address} is not wired to {rc.address} (resource_configuration_arn {self.arg(vpce, 'resource_configuration_arn')!r})"
        return None

    def resource_gateway(self, config: ResourceConfiguration) -> ResourceGateway | None:
        gateway = self.target(self.arg(self.instances[config.id], "resource_gateway_identifier"), "aws_vpclattice_resource_gateway")
        if gateway is None:
            return None
        subnets = self.arg(gateway, "subnet_ids")
        return ResourceGateway(gateway.address, gateway.address, self.subnets(subnets if isinstance(subnets, list) else [], gateway.module), self._groups(self.arg(gateway, "security_group_ids")))

    def share(self, consumer: str, consumer_spec: dict, provider_spec: dict, endpoint: Endpoint, config: ResourceConfiguration, network: bool) -> tuple[str, str]:
        """A RAM share of the configuration (the service network) naming the consumer's account, accepted if external."""
        account = str(consumer_spec.get("account_id"))
        vpce = self.instances[endpoint.id]
        shared = self._service_network(endpoint) if network else self.instances[config.id]
        shares = [self.target(self.arg(a, "resource_share_arn"), "aws_ram_resource_share") for a in self.referring("aws_ram_resource_association", "resource_arn", shared, "arn")] if shared else []
        shares = [s for s in shares if s]
        principals = [p for s in shares for p in self.referring("aws_ram_principal_association", "resource_share_arn", s, "arn") if self.arg(p, "principal") == account]
        if not principals:
            return "FAIL", f"no RAM share of {shared.address if shared else config.name} names account {account}"
        share = self.target(self.arg(principals[0], "resource_share_arn"), "aws_ram_resource_share")
        external = self.arg(share, "allow_external_principals") is True
        accepted = [a for a in self.referring("aws_ram_resource_share_accepter", "share_arn", share, "arn") if a.module is vpce.module]
        if external and not accepted:
            return "FAIL", f"{share.address} is shared outside the organization but nothing in {consumer} accepts the invitation"
        return "PASS", f"{principals[0].address}" + (f", accepted by {accepted[0].address}" if accepted else " (inside the organization)")


_LEGACY = ("protocol", "from_port", "to_port", "cidr_blocks", "ipv6_cidr_blocks", "source_security_group_id", "self")


def _entries(body: dict[str, Any], egress: bool, number: Any, action: Any, origin: str) -> list[AclEntry]:
    out = []
    for cidr in (body.get("cidr_block"), body.get("ipv6_cidr_block")):
        if isinstance(cidr, str) and cidr:
            out.append(AclEntry(port(number) or 0, egress, str(action).lower(), protocol(body.get("protocol")), port(body.get("from_port")), port(body.get("to_port")), cidr, origin))
    return out



def _contains(cidr: Any, ip: Any) -> bool:
    try:
        return isinstance(cidr, str) and ip in ipaddress.ip_network(cidr)
    except ValueError:
        return False
