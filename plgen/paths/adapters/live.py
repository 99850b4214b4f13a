"""The live adapter: the path proof on live state, the same ``Path``/``Hop`` rows as ``plgen.paths.prove``, from boto3.

Read-only describe/list calls only. ``Live`` takes anything whose
``client(service, region)`` returns a boto3 client: the apply tests pass their
emulator (loopback), a user a boto3 session per account and Region. Nothing
that ``plgen validate`` or ``render`` imports imports this module, so boto3
(the ``live`` extra) is needed only here. Moved from ``tests/apply`` so the
apply tests and users call the same code; its rules are ``world.Rule`` and it
judges them with ``world``'s ``admits``/``open_to_internet`` and ``proof``'s
``judge_nlb_group``, as the offline proof does.

``plgen.paths.prove`` judges the compiled Terraform; this judges what the
emulator holds after ``apply``. The declaration is the same: the root's
``terraform.tfvars.json`` (``service_consumers``, ``service_providers``,
``peers``), read as ``plgen.paths.proof`` reads it (its ``declared_sources`` names a
path's sources). One ``Path`` per consumer endpoint x listener, with the same
hop names, in the same order, stopping at the first FAIL as the offline proof does:

    source          the sources the declaration names for the endpoint
    endpoint        an interface endpoint in the consumer's VPC whose ServiceName is the service's,
                    ``available``, in subnets of AZs the NLB has (WARN: fewer AZs than the NLB); in another
                    Region, with the service's Region as ``ServiceRegion`` and listed in its ``SupportedRegions``;
                    of an ``IpAddressType`` the service supports
    security group  the endpoint's groups' rules (DescribeSecurityGroupRules) admit every source on the
                    listener's port and protocol, and never 0.0.0.0/0 or ::/0
    acceptance      the consumer's account is the owner's or an allowed principal, and the connection
                    is accepted: the owner sees it ``available`` (DescribeVpcEndpointConnections)
    listener        the NLB is internal and has a listener on the port and protocol; its own groups
                    (DescribeLoadBalancers) admit no internet source and, with PrivateLink enforcement
                    on, every source CIDR on the port; no group is a WARN
    target group    the listener forwards to a target group on the target port and protocol
    targets         every declared target is registered (DescribeTargetHealth), and reachable: in the
                    VPC, a group there admits the NLB's group (or its subnets' CIDRs) on the target port
                    and the NLB's group lets traffic out to it (to off-VPC targets too); on premises, the
                    NLB subnets' route tables propagate from a gateway attached to the VPC (or route the
                    CIDR to it); over peering, routes both ways over an active connection and a group in
                    the fleet's VPC admits the NLB subnets
    peering         (peered consumers) routes both ways between the home VPC and the endpoint VPC over
                    an active connection
    dns             the friendly name's private zone, associated with the consumer's VPC, has an alias A
                    record to the endpoint's DNS name; private DNS: the endpoint enables it (WARN, as offline:
                    resolves once the provider verifies the domain); otherwise the endpoint's regional name

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
from functools import cache
from typing import Any

from botocore.exceptions import ClientError

from plgen.paths.proof import Path, declared_sources, judge_nlb_group
from plgen.paths.world import FAIL, IP_FAMILIES, PASS, PROTOCOLS, WARN, Rule, admits, open_to_internet, protocol
from plgen.paths.direct_connect import on_premises_cidr
from plgen.paths.adapters.live_direct_connect import live_direct_connect
from plgen.paths.adapters.live_resources import prove_live_resources

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


@dataclass
class Service:
    """A provider's service as the emulator holds it."""

    region: str
    lb: dict[str, Any]
    config: dict[str, Any]
    subnets: list[dict[str, Any]]  # the NLB's subnets

    @property
    def azs(self) -> list[str]:
        return sorted(s["AvailabilityZoneId"] for s in self.subnets)

    @property
    def cidrs(self) -> list[str]:
        return sorted(s["CidrBlock"] for s in self.subnets)


def prove_live(emulator, data: dict[str, Any]) -> list[Path]:
    """Every consumer endpoint x listener path of the declaration, proven on the emulator's state."""
    providers = data.get("service_providers", {})
    peers = data.get("peers", {})
    regions = {p["region"] for p in providers.values()} | {c["region"] for c in data.get("service_consumers", {}).values()}
    regions |= {p["region"] for p in peers.values()} | {p["side_region"] for p in peers.values() if p.get("side_region")}
    regions |= {s["region"] for kind in ("resource_providers", "resource_consumers") for s in data.get(kind, {}).values()}
    live = Live(emulator, regions=tuple(sorted(regions)))
    service_of = cache(lambda provider, service: _service(live, providers[provider], providers[provider]["services"][service]))
    paths = []
    for consumer_name, consumer in sorted(data.get("service_consumers", {}).items()):
        for key, endpoint in sorted(consumer.get("endpoints", {}).items()):
            provider_name, service_name = endpoint["provider"], endpoint["service"]
            provider = providers.get(provider_name, {})
            service = provider.get("services", {}).get(service_name, {})
            for _, listener in sorted(service.get("listeners", {}).items(), key=lambda kv: int(kv[1]["port"])):
                path = Path(consumer_name, key, f"{listener['port']}/{listener['protocol']}")
                found = service_of(provider_name, service_name) if service else None
                _prove(live, path, consumer_name, consumer, key, endpoint, provider, service_name, service, found, listener, peers)
                paths.append(path)
    return paths + prove_live_resources(live, data)


def _service(live: Live, provider: dict[str, Any], spec: dict[str, Any]) -> Service | None:
    region = provider["region"]
    try:
        lb = live.client("elbv2", region).describe_load_balancers(Names=[spec["load_balancer_name"]])["LoadBalancers"][0]
    except ClientError:
        return None
    configs = [
        c
        for c in live.ec2(region).describe_vpc_endpoint_service_configurations()["ServiceConfigurations"]
        if lb["LoadBalancerArn"] in c.get("NetworkLoadBalancerArns", []) and c["ServiceState"].lower() not in GONE
    ]
    if len(configs) != 1:
        return None
    subnets = live.subnets(region, [z["SubnetId"] for z in lb["AvailabilityZones"]])
    return Service(region, lb, configs[0], subnets)


def _prove(live, path, consumer_name, consumer, key, endpoint, provider, service_name, service, found, listener, peers) -> None:
    sources = declared_sources(consumer_name, consumer, endpoint, peers)
    if not path.add("source", PASS if sources else FAIL, ", ".join(f"{s} ({o})" for s, o in sources) or "the endpoint admits no source"):
        return

    region = consumer["region"]
    ec2 = live.ec2(region)
    vpc_id = live.vpc(consumer_name, region, consumer["vpc"])
    if found is None or vpc_id is None:
        path.add("endpoint", FAIL, f"no endpoint service for {endpoint['service']} (NLB {service.get('load_balancer_name')})" if found is None else f"no VPC of consumer {consumer_name}")
        return
    service_name_live = found.config["ServiceName"]
    endpoints = [
        e
        for e in ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["VpcEndpoints"]
        if e["ServiceName"] == service_name_live and e["State"].lower() not in GONE
    ]
    if len(endpoints) != 1:
        path.add("endpoint", FAIL, f"{len(endpoints)} endpoints to {service_name_live} in {vpc_id}, not one")
        return
    vpce = endpoints[0]
    if vpce["VpcEndpointType"] != "Interface" or vpce["State"] != "available":
        path.add("endpoint", FAIL, f"{vpce['VpcEndpointId']} is a {vpce['VpcEndpointType']} endpoint in state {vpce['State']}, not an available interface endpoint")
        return
    endpoint_azs = sorted(s["AvailabilityZoneId"] for s in live.subnets(region, vpce["SubnetIds"]))
    if region != found.region:
        # Native cross-Region PrivateLink: the endpoint names the service's Region, which lists the endpoint's;
        # its AZs are its own Region's, not comparable with the NLB's.
        supported = sorted(r["Region"] for r in found.config.get("SupportedRegions", []))
        if vpce.get("ServiceRegion") != found.region or region not in supported:
            path.add("endpoint", FAIL, f"{vpce['VpcEndpointId']} in {region} has ServiceRegion {vpce.get('ServiceRegion')}; the service in {found.region} supports {supported}")
            return
    wanted = vpce.get("IpAddressType") or "ipv4"
    offered = found.config.get("SupportedIpAddressTypes") or ["ipv4"]
    lacking = sorted(IP_FAMILIES.get(wanted, {wanted}) - set(offered))
    if lacking:
        path.add("endpoint", FAIL, f"{vpce['VpcEndpointId']} is {wanted}; the service supports {', '.join(offered)}")
        return
    outside = [az for az in endpoint_azs if az not in found.azs] if region == found.region else []
    if outside:
        path.add("endpoint", FAIL, f"subnets in {', '.join(outside)}, which the service (NLB in {', '.join(found.azs)}) does not offer")
        return
    if region != found.region:
        path.add("endpoint", PASS, f"{vpce['VpcEndpointId']} (available) in {region} to {service_name_live} in {found.region} (supported Regions {', '.join(supported)})")
    elif len(set(endpoint_azs)) < len(set(found.azs)):
        path.add("endpoint", WARN, f"in {', '.join(endpoint_azs)} only; the service offers {', '.join(found.azs)}")
    else:
        path.add("endpoint", PASS, f"{vpce['VpcEndpointId']} (available) to {service_name_live} in {', '.join(endpoint_azs)}")

    rules = live.ingress(region, [g["GroupId"] for g in vpce["Groups"]])
    port = int(listener["port"])
    world = open_to_internet(rules)
    if world:
        path.add("security group", FAIL, f"the endpoint's group admits the internet ({', '.join(world)})")
        return
    missing = [f"{s} on {proto}/{port}" for s, _ in sources for proto in PROTOCOLS[listener["protocol"]] if not admits(rules, s, port, proto)]
    if not path.add("security group", FAIL if missing else PASS, ("does not admit " + ", ".join(missing)) if missing else f"{len(rules)} rule(s) admit every source on {port}"):
        return

    if not _acceptance(live, path, consumer, provider, found, vpce):
        return

    elbv2 = live.client("elbv2", found.region)
    if found.lb["Scheme"] != "internal":
        path.add("listener", FAIL, f"{found.lb['LoadBalancerName']} is {found.lb['Scheme']}, not internal")
        return
    listeners = [
        item for item in elbv2.describe_listeners(LoadBalancerArn=found.lb["LoadBalancerArn"])["Listeners"] if item["Port"] == port and item["Protocol"] == listener["protocol"]
    ]
    if not listeners:
        path.add("listener", FAIL, f"{found.lb['LoadBalancerName']} has no {listener['protocol']} listener on {port}")
        return
    problem, note = _nlb_group(live, found, sources, port, listener)
    if problem:
        path.add("listener", FAIL, problem)
        return
    path.add("listener", WARN if note.startswith("no security group") else PASS, f"{found.lb['LoadBalancerName']} (internal) {listener['protocol']}/{port}; {note}")
    forward = [a["TargetGroupArn"] for a in listeners[0]["DefaultActions"] if a["Type"] == "forward" and a.get("TargetGroupArn")]
    group = elbv2.describe_target_groups(TargetGroupArns=forward[:1])["TargetGroups"][0] if forward else None
    target_port = int(listener["target_port"])
    if group is None or group["Port"] != target_port or group["Protocol"] != listener["target_protocol"]:
        path.add(
            "target group",
            FAIL,
            "the listener forwards to no target group" if group is None else f"{group['TargetGroupName']} is {group['Protocol']}/{group['Port']}, not {listener['target_protocol']}/{target_port}",
        )
        return
    path.add("target group", PASS, f"{group['TargetGroupName']} {listener['target_protocol']}/{target_port}")
    _targets(live, path, provider, service, found, group, target_port, listener)
    _peering(live, path, consumer_name, peers)
    if consumer.get("on_premises"):
        verdicts = [live_direct_connect(live, region, vpc_id, vpce["SubnetIds"], consumer["on_premises"], c) for c in consumer["on_premises"]["cidrs"]]
        failed = [reason for status, reason in verdicts if status == FAIL]
        path.add("on-premises", FAIL if failed else PASS, "; ".join(failed or [reason for _, reason in verdicts]))
    _dns(live, path, consumer, endpoint, vpce, found)


def _acceptance(live, path, consumer, provider, found: Service, vpce) -> bool:
    account, owner = str(consumer.get("account_id")), str(provider.get("account_id"))
    ec2 = live.ec2(found.region)
    principals = [p["Principal"] for p in ec2.describe_vpc_endpoint_service_permissions(ServiceId=found.config["ServiceId"])["AllowedPrincipals"]]
    allowed = account == owner or "*" in principals or any(p.split(":")[4:5] == [account] for p in principals)
    if not allowed:
        return path.add("acceptance", FAIL, f"account {account} is not an allowed principal ({', '.join(principals) or 'none'})")
    connections = ec2.describe_vpc_endpoint_connections(
        Filters=[{"Name": "service-id", "Values": [found.config["ServiceId"]]}, {"Name": "vpc-endpoint-id", "Values": [vpce["VpcEndpointId"]]}]
    )["VpcEndpointConnections"]
    states = [c["VpcEndpointState"] for c in connections]
    if states != ["available"]:
        return path.add("acceptance", FAIL, f"the owner sees the connection as {states or 'absent'}, not accepted")
    how = "acceptance required and accepted" if found.config["AcceptanceRequired"] else "acceptance off"
    return path.add("acceptance", PASS, f"{how}: the owner sees {vpce['VpcEndpointId']} available")


def _nlb_group(live, found: Service, sources, port, listener) -> tuple[str | None, str]:
    """The NLB's own groups as the emulator holds them (DescribeLoadBalancers, DescribeSecurityGroupRules)."""
    groups = found.lb.get("SecurityGroups") or []
    enforce = found.lb.get("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic", "on")
    return judge_nlb_group(groups[0] if groups else None, live.ingress(found.region, groups), enforce, sources, port, listener["protocol"])


def _lets_out(live, found: Service, destination: str, port: int, protocols) -> bool:
    """Whether the NLB's groups let traffic out to a group ID or an address on the port (no group: everything goes out)."""
    groups = found.lb.get("SecurityGroups") or []
    if not groups:
        return True
    rules = live.ingress(found.region, groups, egress=True)
    return all(admits(rules, destination, port, p) for p in protocols)


def _targets(live, path, provider, service, found: Service, group, target_port, listener) -> None:
    elbv2 = live.client("elbv2", found.region)
    health = elbv2.describe_target_health(TargetGroupArn=group["TargetGroupArn"])["TargetHealthDescriptions"]
    registered = {(d["Target"]["Id"], d["Target"]["Port"]) for d in health}
    expected = service.get("targets", {})
    if not expected:
        path.add("targets", FAIL, "no target is declared")
        return
    vpc_id = found.lb["VpcId"]
    protocols = PROTOCOLS[listener["target_protocol"]]
    problems, notes = [], []
    for target in expected.values():
        port = target.get("port") or target_port
        if (target["target_id"], port) not in registered:
            problems.append(f"{target['target_id']}:{port} is not registered")
            continue
        if target.get("availability_zone") != "all":
            own = found.lb.get("SecurityGroups") or []
            groups = [
                g
                for g in live.groups_in(found.region, vpc_id)
                if g not in own
                and (
                    _admits_all(live.ingress(found.region, [g]), found.cidrs, port, protocols)
                    or any(all(admits(live.ingress(found.region, [g]), nlb, port, p) for p in protocols) for nlb in own)
                )
            ]
            if not groups:
                problems.append(f"no security group in {vpc_id} admits the NLB's group or its subnets {', '.join(found.cidrs)} on {port} for {target['target_id']}")
            elif not any(_lets_out(live, found, g, port, protocols) for g in groups) and not _lets_out(live, found, f"{target['target_id']}/32", port, protocols):
                problems.append(f"the NLB's group lets nothing out to {target['target_id']} on {port} ({groups[0]} admits it)")
            else:
                notes.append(f"{target['target_id']}:{port} in {groups[0]}")
            continue
        ip = ipaddress.ip_address(target["target_id"])
        if not _lets_out(live, found, f"{ip}/32", port, protocols):
            problems.append(f"the NLB's group lets nothing out to {ip} on {port}")
            continue
        on_prem = on_premises_cidr(provider.get("on_premises"), str(ip))
        if on_prem:
            status, reason = live_direct_connect(live, found.region, found.lb["VpcId"], [s["SubnetId"] for s in found.subnets], provider["on_premises"], on_prem)
            (notes if status == PASS else problems).append(f"{ip}:{port} {reason}")
            continue
        reached = _peered_target(live, found, ip, port, protocols)
        (notes if reached.startswith("over") else problems).append(f"{ip}:{port} {reached}")
    if problems:
        path.add("targets", FAIL, "; ".join(problems))
        return
    empty = _azs_without_targets(found, expected)
    if empty:
        path.add("targets", WARN, f"no target in {', '.join(empty)}: that AZ's NLB node forwards to other AZs (cross-zone)")
    else:
        path.add("targets", PASS, "; ".join(notes))


def _admits_all(rules, cidrs, port, protocols) -> bool:
    return bool(cidrs) and all(admits(rules, c, port, p) for c in cidrs for p in protocols)


def _peered_target(live, found: Service, ip, port, protocols) -> str:
    """A route to the fleet from the NLB subnets' tables over an active peering, routes back, a fleet group admitting them."""
    tables = live.route_tables(found.region, [s["SubnetId"] for s in found.subnets])
    there = {r.get("VpcPeeringConnectionId") for t in tables for r in t["Routes"] if r.get("VpcPeeringConnectionId") and _holds(r.get("DestinationCidrBlock"), ip)}
    if not tables or not there:
        return "is outside the VPC and no route leads to it"
    pcx_id = sorted(there)[0]
    every = all(any(r.get("VpcPeeringConnectionId") == pcx_id and _holds(r.get("DestinationCidrBlock"), ip) for r in t["Routes"]) for t in tables)
    pcx = live.peering(pcx_id)
    if pcx is None or pcx["Status"]["Code"] != "active":
        return f"is routed over {pcx_id}, which is {pcx['Status']['Code'] if pcx else 'gone'}, not active"
    if not every:
        return f"is routed over {pcx_id} from some of the NLB subnets' route tables only"
    sides = (pcx["RequesterVpcInfo"], pcx["AccepterVpcInfo"])
    fleet = next((s for s in sides if s["VpcId"] != found.lb["VpcId"]), None)
    if fleet is None:
        return f"is routed over {pcx_id}, which does not leave the provider VPC"
    fleet_region = fleet.get("Region") or found.region
    back = [
        t["RouteTableId"]
        for t in live.vpc_route_tables(fleet_region, fleet["VpcId"])
        if all(any(r.get("VpcPeeringConnectionId") == pcx_id and _within(c, r.get("DestinationCidrBlock")) for r in t["Routes"]) for c in found.cidrs)
    ]
    if not back:
        return f"has a route there over {pcx_id} but none back from {fleet['VpcId']} to {', '.join(found.cidrs)}"
    groups = [g for g in live.groups_in(fleet_region, fleet["VpcId"]) if _admits_all(live.ingress(fleet_region, [g]), found.cidrs, port, protocols)]
    if not groups:
        return f"is reached over {pcx_id} but no group in {fleet['VpcId']} admits the NLB subnets on {port}"
    return f"over peering {pcx_id} (active; back in {back[0]}; admitted by {groups[0]})"


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


def _azs_without_targets(found: Service, expected) -> list[str]:
    """NLB AZs none of whose subnets holds an in-VPC IP target (instance targets: not known, none reported)."""
    try:
        addresses = [ipaddress.ip_address(t["target_id"]) for t in expected.values() if t.get("availability_zone") != "all"]
    except ValueError:
        return []
    if not addresses:
        return []
    return sorted(s["AvailabilityZoneId"] for s in found.subnets if not any(a in ipaddress.ip_network(s["CidrBlock"]) for a in addresses))


def _peering(live, path, consumer_name, peers) -> None:
    """Home VPCs peered with the consumer: an active connection and routes both ways over it."""
    homes = [p for p in peers.values() if p.get("side") == consumer_name]
    if not homes:
        return
    problems, notes = [], []
    for home in homes:
        home_vpc = live.vpc(home["name"], home["region"], home["vpc"])
        side_vpc = live.vpc(home["side"], home["side_region"], {"cidr": home["side_cidr"]})
        if home_vpc is None or side_vpc is None:
            problems.append(f"no VPC of {home['name'] if home_vpc is None else home['side']}")
            continue
        there = _routes_over(live.vpc_route_tables(home["region"], home_vpc), home["side_cidr"])
        back = _routes_over(live.vpc_route_tables(home["side_region"], side_vpc), home["cidr"])
        shared = sorted(there & back)
        pcx = live.peering(shared[0]) if shared else None
        if pcx is None or pcx["Status"]["Code"] != "active" or {pcx["RequesterVpcInfo"]["VpcId"], pcx["AccepterVpcInfo"]["VpcId"]} != {home_vpc, side_vpc}:
            problems.append(f"no route {'from ' + home['name'] + ' to the endpoint VPC' if not there else 'back to ' + home['name'] if not back else 'both ways over one active peering'}")
            continue
        notes.append(f"{home['name']} over {shared[0]} (active)")
    path.add("peering", FAIL if problems else PASS, "; ".join(problems) or "routes both ways with " + ", ".join(notes))


def _routes_over(tables, cidr: str) -> set[str]:
    """Peering connections every non-main route table of the VPC (main too, if it is the only one) routes ``cidr`` over."""
    used = [t for t in tables if t.get("Associations") and any(a.get("SubnetId") for a in t["Associations"])] or tables
    sets = [{r["VpcPeeringConnectionId"] for r in t["Routes"] if r.get("VpcPeeringConnectionId") and r.get("DestinationCidrBlock") == cidr} for t in used]
    return set.intersection(*sets) if sets else set()


def _dns(live, path, consumer, endpoint, vpce, found: Service) -> None:
    name = endpoint.get("dns_name")
    if name:
        route53 = live.client("route53", consumer["region"])
        zones = [z for z in route53.list_hosted_zones_by_name(DNSName=name)["HostedZones"] if z["Name"] == name + "."]
        target = vpce["DnsEntries"][0]["DnsName"] if vpce.get("DnsEntries") else None
        for zone in zones:
            detail = route53.get_hosted_zone(Id=zone["Id"])
            if not detail["HostedZone"]["Config"].get("PrivateZone") or vpce["VpcId"] not in {v["VPCId"] for v in detail.get("VPCs", [])}:
                continue
            records = route53.list_resource_record_sets(HostedZoneId=zone["Id"])["ResourceRecordSets"]
            if any(r["Name"] == name + "." and r["Type"] == "A" and r.get("AliasTarget", {}).get("DNSName", "").rstrip(".") == target for r in records):
                path.add("dns", PASS, f"{name} (private zone {zone['Id'].split('/')[-1]} in {vpce['VpcId']} aliases {target})")
                return
        path.add("dns", FAIL, f"{name} has no private zone associated with {vpce['VpcId']} whose A record aliases {target}")
        return
    if endpoint.get("private_dns"):
        if vpce.get("PrivateDnsEnabled") is not True or not found.config.get("PrivateDnsName"):
            path.add("dns", FAIL, "private DNS asked for, but the endpoint or the service does not enable it")
            return
        state = (found.config.get("PrivateDnsNameConfiguration") or {}).get("State")
        if state == "verified":
            path.add("dns", PASS, f"{found.config['PrivateDnsName']} (private DNS, verified)")
        else:
            path.add("dns", WARN, f"{found.config['PrivateDnsName']} resolves only once its domain is verified (now {state})")
        return
    entries = [e["DnsName"] for e in vpce.get("DnsEntries", [])]
    path.add("dns", PASS if entries else FAIL, f"the endpoint's regional DNS name {entries[0]}" if entries else "the endpoint has no DNS name")
