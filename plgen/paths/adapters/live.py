"""The live adapter: the path proof on live state, the same ``Path``/``Hop`` rows as ``plgen.paths.prove``, from boto3.

Read-only describe/list calls only. ``Live`` takes anything whose
``client(service, region)`` returns a boto3 client: the apply tests pass their
emulator (loopback), a user a boto3 session per account and Region. Nothing
that ``plgen validate`` or ``render`` imports imports this module, so boto3
(the ``live`` extra) is needed only here. Moved from ``tests/apply`` so the
apply tests and users call the same code; its rules are ``world.Rule`` and it
judges them with ``world``'s ``admits``/``open_to_internet`` and ``proof``'s
``judge_nlb_group``, as the offline proof does.

``plgen.paths.prove`` judges the compiled Terraform; this judges what AWS (or
the emulator) holds after ``apply``. The declaration is the same (the root's
``terraform.tfvars.json``) and so are the hops: ``LiveWorld`` answers the
queries of ``plgen.paths.hops`` (``world.World``) from describe calls
(DescribeVpcEndpoints, DescribeVpcEndpointServiceConfigurations and
...Permissions, DescribeVpcEndpointConnections, DescribeLoadBalancers,
DescribeListeners, DescribeTargetGroups, DescribeTargetHealth,
DescribeSecurityGroupRules, DescribeNetworkAcls, DescribeRouteTables,
DescribeVpcPeeringConnections, Route 53 zones and records), and the rows, hop
names, order, verdicts and reasons are the offline proof's (with AWS IDs for
addresses); Direct Connect is judged by ``direct_connect.judge_direct_connect``
on both (``live_direct_connect.py`` reads its facts here). Where live state
knows more than Terraform (a connection's state, which subnets' route tables
hold a route), the world says so and the hop judges it (``peering_state``,
``routes_to_target``'s tables without a route, ``home_routes``' connection).

Resource access (VPC Lattice: ``resource_consumers``, ``resource_providers``) has
its own rows and hops, those of ``plgen.paths.resources``, proven live in
``live_resources.py`` and returned after these.

Where moto lacks what a hop needs, the strict emulator imitates AWS
(``tests/emulator``: acceptance in ``privatelink.py``, route propagation in
``routing.py``, private zones in ``route53.py``); no hop is skipped.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import ClientError

from plgen.paths import hops
from plgen.paths.proof import Path
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
    Rule,
    Subnet,
    TargetGroup,
    admits,
    protocol,
)
from plgen.paths.adapters.live_direct_connect import LiveDirectConnect
from plgen.paths import resource_hops
from plgen.paths.adapters.live_resources import LiveResources

GONE = {"deleted", "deleting", "failed", "rejected", "expired"}


@dataclass
class Live:
    """boto3 against the emulator, with the lookups the hops share (cached per run)."""

    emulator: Any
    clients: dict[tuple[str, str], Any] = field(default_factory=dict)

    def client(self, service: str, region: str) -> Any:
        if (service, region) not in self.clients:
            self.clients[(service, region)] = self.emulator.client(service, region)
        return self.clients[(service, region)]

    def ec2(self, region: str) -> Any:
        return self.client("ec2", region)

    def vpc(self, name: str, region: str, spec: dict[str, Any]) -> str | None:
        """The VPC of a side: its existing ID, or the one named ``name`` with the declared CIDR."""
        if spec.get("id"):
            return spec["id"]
        found = self.ec2(region).describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [name]}])["Vpcs"]
        ids = [v["VpcId"] for v in found if v["CidrBlock"] == spec["cidr"]]
        return ids[0] if len(ids) == 1 else None

    def subnets(self, region: str, ids: list[str]) -> list[dict[str, Any]]:
        return self.ec2(region).describe_subnets(SubnetIds=ids)["Subnets"] if ids else []

    def route_tables(self, region: str, subnet_ids: list[str]) -> list[dict[str, Any]]:
        """The route table of each subnet: its explicit association, else the VPC's main table."""
        tables = self.ec2(region).describe_route_tables(Filters=[{"Name": "association.subnet-id", "Values": subnet_ids}])["RouteTables"]
        return tables

    def vpc_route_tables(self, region: str, vpc_id: str) -> list[dict[str, Any]]:
        return self.ec2(region).describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["RouteTables"]

    def ingress(self, region: str, group_ids: list[str], egress: bool = False) -> list[dict[str, Any]]:
        """Ingress (or egress) rules of the groups as ``plgen.paths.world.Rule``s, for its ``admits``."""
        if not group_ids:
            return []
        rules = self.ec2(region).describe_security_group_rules(Filters=[{"Name": "group-id", "Values": group_ids}])["SecurityGroupRules"]
        return [
            Rule(
                "egress" if egress else "ingress",
                protocol(r["IpProtocol"]),
                r.get("FromPort"),
                r.get("ToPort"),
                cidr=r.get("CidrIpv4") or r.get("CidrIpv6"),
                group=r.get("ReferencedGroupInfo", {}).get("GroupId"),
                origin=r["SecurityGroupRuleId"],
            )
            for r in rules
            if bool(r["IsEgress"]) is egress
        ]

    def groups_in(self, region: str, vpc_id: str) -> list[str]:
        groups = self.ec2(region).describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["SecurityGroups"]
        return [g["GroupId"] for g in groups]

    def peering(self, pcx_id: str) -> dict[str, Any] | None:
        for region in self.regions:
            try:
                found = self.ec2(region).describe_vpc_peering_connections(VpcPeeringConnectionIds=[pcx_id])["VpcPeeringConnections"]
            except ClientError:
                continue
            if found:
                return found[0]
        return None

    regions: tuple[str, ...] = ()


class LiveWorld(LiveResources, LiveDirectConnect):
    """The ``World`` of ``plgen.paths.hops`` from describe calls: the same hops as offline, on what AWS holds.

    IDs are AWS's (``vpce-``, ``sg-``, ARNs); a group's rules are read in the
    Region the fact that named it was found in. Only non-default network ACLs
    are handed to the ``network acl`` hop: a VPC's default ACL allows all unless
    someone changed it, and the offline proof sees it only where a root manages it.
    """

    def __init__(self, live: Live, data: dict[str, Any]) -> None:
        self.live = live
        self.data = data
        self._region: dict[str, str] = {}  # group or subnet ID -> Region
        self._raw: dict[str, dict[str, Any]] = {}  # service ID / NLB ARN / endpoint ID -> what AWS returned, with Region
        self._services: dict[tuple[str, str], EndpointService | None] = {}
        self._why: dict[tuple[str, str], str] = {}

    # -- facts
    def _subnets(self, region: str, ids: list[str]) -> tuple[Subnet, ...]:
        for subnet in ids:
            self._region[subnet] = region
        found = {s["SubnetId"]: s for s in self.live.subnets(region, ids)}
        return tuple(Subnet(i, found.get(i, {}).get("AvailabilityZoneId"), found.get(i, {}).get("CidrBlock")) for i in ids)

    def _groups(self, region: str, ids: list[str]) -> tuple[str, ...]:
        for group in ids:
            self._region[group] = region
        return tuple(ids)

    def service(self, provider: str, name: str, provider_spec: dict, spec: dict) -> EndpointService | None:
        if (provider, name) not in self._services:
            self._services[(provider, name)] = self._service(provider_spec, spec) if spec else None
        return self._services[(provider, name)]

    def _service(self, provider_spec: dict, spec: dict) -> EndpointService | None:
        region = provider_spec["region"]
        try:
            lb = self.live.client("elbv2", region).describe_load_balancers(Names=[spec["load_balancer_name"]])["LoadBalancers"][0]
        except ClientError:
            return None
        configs = [
            c
            for c in self.live.ec2(region).describe_vpc_endpoint_service_configurations()["ServiceConfigurations"]
            if lb["LoadBalancerArn"] in c.get("NetworkLoadBalancerArns", []) and c["ServiceState"].lower() not in GONE
        ]
        if len(configs) != 1:
            return None
        config = configs[0]
        principals = [p["Principal"] for p in self.live.ec2(region).describe_vpc_endpoint_service_permissions(ServiceId=config["ServiceId"])["AllowedPrincipals"]]
        self._raw[config["ServiceId"]] = {"region": region, "config": config, "lb": lb}
        return EndpointService(
            config["ServiceId"], config["ServiceName"], region, bool(config.get("AcceptanceRequired")), tuple(principals),
            config.get("SupportedIpAddressTypes") or ["ipv4"], sorted(r["Region"] for r in config.get("SupportedRegions", [])), config.get("PrivateDnsName"),
        )

    def endpoint(self, consumer: str, key: str, consumer_spec: dict, service: EndpointService | None) -> Endpoint | None:
        region = consumer_spec["region"]
        vpc_id = self.live.vpc(consumer, region, consumer_spec["vpc"])
        if service is None or vpc_id is None:
            self._why[(consumer, key)] = f"no VPC of consumer {consumer}" if service is not None else ""
            return None
        to_service = [e for e in self.live.ec2(region).describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["VpcEndpoints"] if e["ServiceName"] == service.name]
        found = [e for e in to_service if e["State"].lower() not in GONE]
        # A rejected connection (and no other endpoint) is the acceptance hop's FAIL, not a missing endpoint.
        found = found or [e for e in to_service if e["State"].lower() == "rejected"][-1:]
        if len(found) != 1:
            gone = ", ".join(f"{e['VpcEndpointId']} is {e['State']}" for e in to_service if e["State"].lower() in GONE)
            self._why[(consumer, key)] = f"{len(found)} endpoints to {service.name} in {vpc_id}, not one" + (f" ({gone})" if gone else "")
            return None
        vpce = found[0]
        self._raw[vpce["VpcEndpointId"]] = {"region": region, "vpc": vpc_id, "subnets": vpce["SubnetIds"], "endpoint": vpce}
        return Endpoint(
            vpce["VpcEndpointId"], vpce["VpcEndpointId"], self._subnets(region, vpce["SubnetIds"]), self._groups(region, [g["GroupId"] for g in vpce["Groups"]]),
            vpce.get("IpAddressType") or "ipv4", vpce.get("ServiceRegion"), vpce.get("PrivateDnsEnabled"), None,
            state=vpce["State"], kind=vpce["VpcEndpointType"], dns_name=(vpce.get("DnsEntries") or [{}])[0].get("DnsName"), service_name=vpce["ServiceName"],
        )

    def own_vpc(self, endpoint: Endpoint) -> OwnVpc | None:
        """The endpoint's VPC as AWS holds it: its IPv4 CIDR and its (Amazon-provided, now known) IPv6 block."""
        raw = self._raw.get(endpoint.id)
        if raw is None:
            return None
        [vpc] = self.live.ec2(raw["region"]).describe_vpcs(VpcIds=[raw["vpc"]])["Vpcs"]
        ipv6 = [a["Ipv6CidrBlock"] for a in vpc.get("Ipv6CidrBlockAssociationSet", []) if a.get("Ipv6CidrBlockState", {}).get("State", "associated") == "associated"]
        return OwnVpc(raw["vpc"], vpc.get("CidrBlock"), ipv6[0] if ipv6 else None, bool(ipv6))

    def missing(self, consumer: str, key: str, provider: str, name: str, spec: dict, endpoint: Endpoint | None) -> str:
        why = self._why.get((consumer, key))
        return why or f"no endpoint service for {name} (NLB {spec.get('load_balancer_name')})"

    def wired(self, endpoint: Endpoint, service: EndpointService) -> str | None:
        return None  # the endpoint was found by the service's name

    def load_balancer(self, service: EndpointService) -> LoadBalancer | None:
        raw = self._raw[service.id]
        lb, region = raw["lb"], raw["region"]
        subnets = [z["SubnetId"] for z in lb["AvailabilityZones"]]
        self._raw[lb["LoadBalancerArn"]] = {"region": region, "vpc": lb["VpcId"], "subnets": subnets, "lb": lb}
        return LoadBalancer(
            lb["LoadBalancerArn"], lb["LoadBalancerName"], lb["Scheme"] == "internal", self._subnets(region, subnets), self._groups(region, lb.get("SecurityGroups") or []),
            lb.get("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic", "on"), lb.get("IpAddressType"),
        )

    # -- queries
    def rules(self, groups: Any, direction: str = "ingress") -> list[Rule]:
        by_region: dict[str, list[str]] = {}
        for group in groups:
            by_region.setdefault(self._region.get(group, self.live.regions[0] if self.live.regions else ""), []).append(group)
        return [r for region, ids in sorted(by_region.items()) for r in self.live.ingress(region, ids, egress=direction == "egress")]

    def acls(self, subnets: tuple[Subnet, ...]) -> list[NetworkAcl]:
        out: dict[str, NetworkAcl] = {}
        for subnet in subnets:
            region = self._region.get(subnet.id)
            if region is None:
                continue
            found = self.live.ec2(region).describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [subnet.id]}])["NetworkAcls"]
            for acl in found:
                if acl.get("IsDefault"):
                    continue
                entries = tuple(
                    AclEntry(
                        e["RuleNumber"], bool(e["Egress"]), e["RuleAction"], protocol(e["Protocol"]),
                        (e.get("PortRange") or {}).get("From"), (e.get("PortRange") or {}).get("To"), e.get("CidrBlock") or e.get("Ipv6CidrBlock"), acl["NetworkAclId"],
                    )
                    for e in acl.get("Entries", [])
                )
                out.setdefault(acl["NetworkAclId"], NetworkAcl(acl["NetworkAclId"], entries))
        return list(out.values())

    def accepted_by(self, endpoint: Endpoint, service: EndpointService) -> list[str]:
        connections = self.live.ec2(service.region or "").describe_vpc_endpoint_connections(
            Filters=[{"Name": "service-id", "Values": [service.id]}, {"Name": "vpc-endpoint-id", "Values": [endpoint.id]}]
        )["VpcEndpointConnections"]
        states = [c["VpcEndpointState"] for c in connections]
        return [f"the owner ({service.id} sees {endpoint.id} available)"] if states == ["available"] else []

    def connections_from(self, service: EndpointService, account: str) -> list[str] | None:
        """The states of the service's connections from endpoints ``account`` owns (DescribeVpcEndpointConnections,
        https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpointConnections.html: ``VpcEndpointOwner``)."""
        connections = self.live.ec2(service.region or "").describe_vpc_endpoint_connections(Filters=[{"Name": "service-id", "Values": [service.id]}])["VpcEndpointConnections"]
        return sorted(str(c.get("VpcEndpointState")) for c in connections if str(c.get("VpcEndpointOwner")) == account)

    def listeners(self, lb: LoadBalancer) -> list[Listener]:
        region = self._raw[lb.id]["region"]
        out = []
        for item in self.live.client("elbv2", region).describe_listeners(LoadBalancerArn=lb.id)["Listeners"]:
            forward = [a["TargetGroupArn"] for a in item["DefaultActions"] if a["Type"] == "forward" and a.get("TargetGroupArn")]
            out.append(Listener(item["ListenerArn"], f"{lb.name} {item['Protocol']}/{item['Port']}", item["Port"], item["Protocol"], (forward[:1] or [None])[0]))
            self._raw[item["ListenerArn"]] = {"region": region}
        return out

    def target_group(self, listener: Listener) -> TargetGroup | None:
        if listener.forward is None:
            return None
        region = self._raw[listener.id]["region"]
        group = self.live.client("elbv2", region).describe_target_groups(TargetGroupArns=[listener.forward])["TargetGroups"][0]
        self._raw[group["TargetGroupArn"]] = {"region": region}
        return TargetGroup(group["TargetGroupArn"], group["TargetGroupName"], group["Port"], group["Protocol"])

    def registered(self, group: TargetGroup, default_port: int) -> set[tuple[Any, Any]]:
        health = self.live.client("elbv2", self._raw[group.id]["region"]).describe_target_health(TargetGroupArn=group.id)["TargetHealthDescriptions"]
        return {(d["Target"]["Id"], d["Target"].get("Port", default_port)) for d in health}

    def groups_beside(self, lb: LoadBalancer, service: str) -> list[str]:
        raw = self._raw[lb.id]
        return list(self._groups(raw["region"], [g for g in self.live.groups_in(raw["region"], raw["vpc"]) if g not in lb.groups]))

    def group_name(self, group: str) -> str:
        return group

    def subnets_holding(self, lb: LoadBalancer, ip: Any) -> tuple[Subnet, ...]:
        raw = self._raw[lb.id]
        found = self.live.ec2(raw["region"]).describe_subnets(Filters=[{"Name": "vpc-id", "Values": [raw["vpc"]]}])["Subnets"]
        return self._subnets(raw["region"], [s["SubnetId"] for s in found if _holds(s["CidrBlock"], ip)])

    def routes_to_target(self, lb: LoadBalancer, ip: Any) -> tuple[list[PeeredRoute], int]:
        """Routes towards ``ip`` over a peering in the NLB subnets' tables (over the first connection), and how many
        of those tables have none over it."""
        raw = self._raw[lb.id]
        found = []
        for table in self.live.route_tables(raw["region"], raw["subnets"]):
            over = sorted(r["VpcPeeringConnectionId"] for r in table["Routes"] if r.get("VpcPeeringConnectionId") and _holds(r.get("DestinationCidrBlock"), ip))
            found.append((table["RouteTableId"], over))
        connections = sorted({c for _, over in found for c in over})
        if not connections:
            return [], 0
        first = connections[0]
        routes = [PeeredRoute(f"{table} -> {first}", first) for table, over in found if first in over]
        return routes, len(found) - len(routes)

    def peering_state(self, lb: LoadBalancer, connection: Any) -> tuple[str | None, bool]:
        pcx = self.live.peering(connection)
        if pcx is None:
            return "gone", False
        fleet = next((side for side in (pcx["RequesterVpcInfo"], pcx["AccepterVpcInfo"]) if side["VpcId"] != self._raw[lb.id]["vpc"]), None)
        if fleet is not None:
            self._raw[connection] = {"region": fleet.get("Region") or self._raw[lb.id]["region"], "vpc": fleet["VpcId"]}
        return pcx["Status"]["Code"], fleet is not None

    def routes_back(self, lb: LoadBalancer, route: PeeredRoute, cidrs: list[str]) -> list[str]:
        fleet = self._raw[route.connection]
        return [
            t["RouteTableId"]
            for t in self.live.vpc_route_tables(fleet["region"], fleet["vpc"])
            if all(any(r.get("VpcPeeringConnectionId") == route.connection and _within(c, r.get("DestinationCidrBlock")) for r in t["Routes"]) for c in cidrs)
        ]

    def fleet_admits(self, lb: LoadBalancer, connection: Any, cidrs: list[str], port: int, protocols: list[str]) -> list[str]:
        fleet = self._raw[connection]
        return [g for g in self.live.groups_in(fleet["region"], fleet["vpc"]) if _admits_all(self.live.ingress(fleet["region"], [g]), cidrs, port, protocols)]

    def home_routes(self, consumer: str, home: dict) -> HomeRoutes:
        live = self.live
        home_vpc = live.vpc(home["name"], home["region"], home["vpc"])
        side_vpc = live.vpc(home["side"], home["side_region"], {"cidr": home["side_cidr"]})
        if home_vpc is None or side_vpc is None:
            return HomeRoutes((), (), missing_vpc=home["name"] if home_vpc is None else home["side"])
        there = _routes_over(live.vpc_route_tables(home["region"], home_vpc), home["side_cidr"])
        back = _routes_over(live.vpc_route_tables(home["side_region"], side_vpc), home["cidr"])
        shared = sorted(there & back)
        pcx = live.peering(shared[0]) if shared else None
        connects = pcx is not None and {pcx["RequesterVpcInfo"]["VpcId"], pcx["AccepterVpcInfo"]["VpcId"]} == {home_vpc, side_vpc}
        return HomeRoutes(tuple(sorted(there)), tuple(sorted(back)), shared=connects, connection=shared[0] if shared else None, state=pcx["Status"]["Code"] if pcx else None)

    def friendly_name(self, endpoint: Endpoint, name: str) -> str | None:
        raw = self._raw[endpoint.id]
        route53 = self.live.client("route53", raw["region"])
        zones = [z for z in route53.list_hosted_zones_by_name(DNSName=name)["HostedZones"] if z["Name"] == name + "."]
        for zone in zones:
            detail = route53.get_hosted_zone(Id=zone["Id"])
            if not detail["HostedZone"]["Config"].get("PrivateZone") or raw["vpc"] not in {v["VPCId"] for v in detail.get("VPCs", [])}:
                continue
            records = route53.list_resource_record_sets(HostedZoneId=zone["Id"])["ResourceRecordSets"]
            if any(r["Name"] == name + "." and r["Type"] == "A" and r.get("AliasTarget", {}).get("DNSName", "").rstrip(".") == endpoint.dns_name for r in records):
                return f"private zone {zone['Id'].split('/')[-1]} in {raw['vpc']} aliases {endpoint.dns_name}"
        return None

    def private_dns_switch(self, endpoint: Endpoint) -> str | None:
        """Live, the endpoint says itself whether private DNS is on (``PrivateDnsEnabled``), however it was switched on."""
        return None

    def private_dns(self, service: EndpointService) -> tuple[str | None, str]:
        state = (self._raw[service.id]["config"].get("PrivateDnsNameConfiguration") or {}).get("State")
        return ("verified", "") if state == "verified" else (None, f"(now {state})")


def prove_live(emulator, data: dict[str, Any]) -> list[Path]:
    """Every path of the declaration, proven on live state: the hops of ``plgen.paths.hops``, then resource access."""
    providers = data.get("service_providers", {})
    peers = data.get("peers", {})
    regions = {p["region"] for p in providers.values()} | {c["region"] for c in data.get("service_consumers", {}).values()}
    regions |= {p["region"] for p in peers.values()} | {p["side_region"] for p in peers.values() if p.get("side_region")}
    regions |= {s["region"] for kind in ("resource_providers", "resource_consumers") for s in data.get(kind, {}).values()}
    live = Live(emulator, regions=tuple(sorted(regions)))
    return hops.prove_endpoints(LiveWorld(live, data), data, Path) + prove_live_resources(live, data)


def prove_live_resources(live: Live, data: dict[str, Any]) -> list[Path]:
    """Every resource path of the declaration, proven on live state: the hops of ``plgen.paths.resource_hops``."""
    return resource_hops.prove_resources(LiveWorld(live, data), data, Path)


def _admits_all(rules, cidrs, port, protocols) -> bool:
    return bool(cidrs) and all(admits(rules, c, port, p) for c in cidrs for p in protocols)


def _holds(cidr: str | None, ip) -> bool:
    try:
        return cidr is not None and ip in ipaddress.ip_network(cidr)
    except ValueError:
        return False


def _within(inner: str, outer: str | None) -> bool:
    try:
        return outer is not None and ipaddress.ip_network(inner).subnet_of(ipaddress.ip_network(outer))
    except (ValueError, TypeError):
        return False


def _routes_over(tables, cidr: str) -> set[str]:
    """Peering connections every non-main route table of the VPC (main too, if it is the only one) routes ``cidr`` over."""
    used = [t for t in tables if t.get("Associations") and any(a.get("SubnetId") for a in t["Associations"])] or tables
    sets = [{r["VpcPeeringConnectionId"] for r in t["Routes"] if r.get("VpcPeeringConnectionId") and r.get("DestinationCidrBlock") == cidr} for t in used]
    return set.intersection(*sets) if sets else set()
