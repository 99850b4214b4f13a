"""The offline adapter: the world of an evaluated Terraform root (``plgen.paths.evaluate``), indexed once.

Every instance of the root (any module layout, ``count``/``for_each``) is
indexed by type, by module and, lazily, by what one of its arguments
references, so a hop asks "the listeners of this NLB" or "the rules of this
group" in time proportional to the answer, not to the root: the proof is
linear in consumers (a consumer's hops read only what its path touches).

Security group rules and network ACL entries come back in the one vocabulary of
``plgen.paths.world`` (``Rule``, ``NetworkAcl``), whichever Terraform spelling
declared them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from plgen.paths.evaluate import ModuleInstance, Ref, ResourceInstance, Root
from plgen.paths.world import AclEntry, NetworkAcl, Rule, port, protocol


class TerraformWorld:
    """The evaluated root, indexed by address, type, module and reference, with the lookups the hops need."""

    def __init__(self, root: Root) -> None:
        self.top = root.evaluate()
        self.modules: list[ModuleInstance] = [self.top, *self.top.all_modules()]
        self.instances: dict[str, ResourceInstance] = {}
        self._by_type: dict[str, list[ResourceInstance]] = defaultdict(list)
        self._by_module: dict[tuple[str, int], list[ResourceInstance]] = defaultdict(list)
        for module in self.modules:
            for instance in module.all_resources():
                self.instances[instance.address] = instance
        for instance in self.instances.values():
            self._by_type[instance.type].append(instance)
            self._by_module[(instance.type, id(instance.module))].append(instance)
        self._args: dict[tuple[str, str], Any] = {}
        self._referring: dict[tuple[str, str], dict[str, list[ResourceInstance]]] = {}
        self._valued: dict[tuple[str, str], dict[Any, list[ResourceInstance]]] = {}
        self._keyed: dict[tuple[str, Any], list[ResourceInstance]] = {}

    # -- arguments and references
    def arg(self, instance: ResourceInstance, name: str, default: Any = None) -> Any:
        key = (instance.address, name)
        if key not in self._args:
            self._args[key] = instance.argument(name, default)
        return self._args[key]

    def of_type(self, type_name: str) -> list[ResourceInstance]:
        return self._by_type.get(type_name, [])

    def in_module(self, type_name: str, module: ModuleInstance) -> list[ResourceInstance]:
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

    def module_of(self, instance: ResourceInstance) -> ModuleInstance:
        return instance.module

    def find(self, type_name: str, side: str, key: str) -> ResourceInstance | None:
        """The instance ``type_name[...][key]`` in the module instance of side ``side``."""
        if (type_name, key) not in self._keyed:
            for instance in self.of_type(type_name):
                self._keyed.setdefault((type_name, instance.key), []).append(instance)
        suffix = f'["{side}"]'
        for instance in self._keyed.get((type_name, key), []):
            if instance.module.address.endswith(suffix):
                return instance
        return None

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
    def rules(self, group: ResourceInstance, direction: str = "ingress") -> list[Rule]:
        """The ingress (or egress) rules of a group, in each spelling Terraform has, one ``Rule`` per peer."""
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
                out.append(Rule(direction, ip, lo, hi, group=peer, origin=rule.address))
        for rule in self.referring("aws_security_group_rule", "security_group_id", group, "id"):
            if self.arg(rule, "type") != direction or not self.refers(self.arg(rule, "security_group_id"), group, "id"):
                continue
            out += self._legacy(group, direction, rule.address, {k: self.arg(rule, k) for k in _LEGACY})
        for block in self.arg(group, direction, []) or []:
            out += self._legacy(group, direction, f"{group.address}.{direction}", {**block, "source_security_group_id": None, "groups": block.get("security_groups")})
        return out

    def ingress(self, group: ResourceInstance, direction: str = "ingress") -> list[Rule]:
        return self.rules(group, direction)

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
        if body.get("self") is True:
            peers.append(Ref(f"{group.address}.id"))
        out += [Rule(direction, ip, lo, hi, group=peer, origin=origin) for peer in peers]
        return out

    # -- network ACLs
    def acls(self, subnets: Any) -> list[NetworkAcl]:
        """The network ACLs the root associates with these subnets (by ``subnet_ids`` or an association)."""
        out: dict[str, NetworkAcl] = {}
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


_LEGACY = ("protocol", "from_port", "to_port", "cidr_blocks", "ipv6_cidr_blocks", "source_security_group_id", "self")


def _entries(body: dict[str, Any], egress: bool, number: Any, action: Any, origin: str) -> list[AclEntry]:
    out = []
    for cidr in (body.get("cidr_block"), body.get("ipv6_cidr_block")):
        if isinstance(cidr, str) and cidr:
            out.append(AclEntry(port(number) or 0, egress, str(action).lower(), protocol(body.get("protocol")), port(body.get("from_port")), port(body.get("to_port")), cidr, origin))
    return out

