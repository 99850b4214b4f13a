"""Reachability Analyzer (network insights paths and analyses), answered from the emulator's own state.

moto 5.2.5 has no network insights calls. This mixin adds the ones the AWS
provider's ``aws_ec2_network_insights_path`` and ``aws_ec2_network_insights_analysis``
make, and answers an analysis with a reachability model of its own over moto's
models, written for the emulator (it imports nothing of plgen, so a verify unit
that passes here is not plgen's proof agreeing with itself):

* Create/Describe/DeleteNetworkInsightsPath(s): ``Source`` and ``Destination`` are
  resource IDs (network interface ``eni-``, instance ``i-``, VPC endpoint ``vpce-``),
  or a ``DestinationIp``; ``Protocol`` tcp or udp, ``DestinationPort``. An unknown
  source or destination is ``InvalidParameterValue`` at create (the emulator's wording).
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkInsightsPath.html
* StartNetworkInsightsAnalysis analyses at once (``succeeded``; AWS runs it
  asynchronously and the provider waits for ``succeeded``), Describe/DeleteNetworkInsightsAnalyses.
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_StartNetworkInsightsAnalysis.html
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInsightsAnalysis.html
* The model, as "How Reachability Analyzer works" describes it (source and destination in
  one Region, in one VPC or in VPCs connected by a peering connection; a configuration model,
  no packets): the source's security groups must let the packet out (egress rule: CIDR
  holding the destination address, or a group the destination is in, protocol and port);
  the source subnet's route table (its association, else the VPC's main table) must route
  the destination address: ``local`` in the same VPC, over an ``active`` peering connection
  joining the two VPCs otherwise, and the destination's table must route the source address
  back over it; the destination's groups must let it in (ingress, as above, with the source
  address or a group of the source); an interface endpoint destination must be ``available``
  (a connection pending, rejected or deleted carries nothing). A blocked path has one
  ``Explanation`` with the code Reachability Analyzer documents for the component
  (``ENI_SG_RULES_MISMATCH``, ``NO_ROUTE_TO_DESTINATION``, ``BAD_STATE``,
  ``UNSUPPORTED_PATH`` for VPCs not connected).
  https://docs.aws.amazon.com/vpc/latest/reachability/how-reachability-analyzer-works.html
  https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html

Not modelled: network ACLs, transit gateways, load balancers as intermediate
components, IPv6, prefix lists, the path components of a found path
(``ForwardPathComponents`` is empty), ``FilterAtSource``/``FilterAtDestination``,
and the organisation check for another account's resources (any account of the
emulator counts).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any

from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.ec2.exceptions import EC2ClientError
from moto.ec2.models import ec2_backends
from moto.moto_api._internal import mock_random

PROTOCOLS = {"tcp": "6", "udp": "17"}


@dataclass
class Endpoint:
    """A source or destination as the model sees it: where it is, its address, its groups, whether it carries traffic."""

    id: str
    vpc: str
    subnet: str
    address: str
    groups: list[str]
    state: str = "available"


@dataclass
class Verdict:
    found: bool
    explanations: list[dict[str, Any]] = field(default_factory=list)


def _backends(region: str):
    for _account, regions in list(ec2_backends.items()):
        if region in regions:
            yield regions[region]


def _store(backend, name: str) -> dict[str, dict[str, Any]]:
    return backend.__dict__.setdefault(f"plgen_network_insights_{name}", {})


def resolve(region: str, resource_id: str) -> Endpoint | None:
    """The network interface, instance (its primary interface) or interface endpoint called ``resource_id``, any account."""
    for backend in _backends(region):
        eni = backend.enis.get(resource_id) if resource_id.startswith("eni-") else None
        if resource_id.startswith("i-"):
            instance = next((i for r in backend.reservations.values() for i in r.instances if i.id == resource_id), None)
            eni = instance.nics[0] if instance is not None and instance.nics else None
        if eni is not None:
            return Endpoint(resource_id, eni.subnet.vpc_id, eni.subnet.id, eni.private_ip_address, [g.id for g in eni.group_set])
        vpce = backend.vpc_end_points.get(resource_id) if resource_id.startswith("vpce-") else None
        if vpce is not None and vpce.vpc_endpoint_type == "Interface" and vpce.subnet_ids:
            # The endpoint's address in its first subnet: its network interface's, when moto gave it one inside the
            # subnet (moto 5.2.5 draws an endpoint's interface address outside it), else the subnet's first host.
            cidr = ipaddress.ip_network(backend.get_subnet(vpce.subnet_ids[0]).cidr_block)
            inside = [backend.enis[i].private_ip_address for i in vpce.network_interface_ids if i in backend.enis and ipaddress.ip_address(backend.enis[i].private_ip_address) in cidr]
            address = inside[0] if inside else str(next(cidr.hosts()))
            return Endpoint(resource_id, vpce.vpc_id, vpce.subnet_ids[0], address, list(vpce.security_group_ids), state=vpce.state)
    return None


def _group(region: str, group_id: str):
    for backend in _backends(region):
        found = backend.get_security_group_from_id(group_id)
        if found is not None:
            return found
    return None


def _protocol_matches(rule_protocol: str | None, protocol: str) -> bool:
    return rule_protocol in ("-1", "all", None) or str(rule_protocol).lower() in (protocol, PROTOCOLS[protocol])


def _port_matches(rule, port: int | None) -> bool:
    if rule.ip_protocol in ("-1", "all", None) or port is None:
        return True
    return rule.from_port is not None and rule.from_port <= port <= rule.to_port


def lets(region: str, groups: list[str], egress: bool, peer: Endpoint | None, address: str, protocol: str, port: int | None) -> bool:
    """Whether any rule of ``groups`` (egress or ingress) lets a packet to/from ``address`` (or a member of ``peer``'s groups) through."""
    for group_id in groups:
        group = _group(region, group_id)
        if group is None:
            continue
        for rule in group.egress_rules if egress else group.ingress_rules:
            if not (_protocol_matches(rule.ip_protocol, protocol) and _port_matches(rule, port)):
                continue
            cidr = (rule.ip_range or {}).get("CidrIp")
            if cidr and ipaddress.ip_address(address) in ipaddress.ip_network(cidr, strict=False):
                return True
            referenced = (rule.source_group or {}).get("GroupId")
            if referenced and peer is not None and referenced in peer.groups:
                return True
    return False


def route_table(region: str, vpc_id: str, subnet_id: str):
    """A subnet's route table: the one associated with it, else its VPC's main table."""
    tables = [t for backend in _backends(region) for t in backend.route_tables.values() if t.vpc_id == vpc_id]
    for table in tables:
        if subnet_id in table._associations.values():
            return table
    return next((t for t in tables if t.main_association_id is not None), None)


def routes(region: str, frm: Endpoint, to: Endpoint | None, address: str) -> str | None:
    """How ``frm``'s subnet reaches ``address`` (``local`` or a peering connection ID), or None; the longest prefix wins."""
    table = route_table(region, frm.vpc, frm.subnet)
    if table is None:
        return None
    ip = ipaddress.ip_address(address)
    best = None
    for route in table.routes:
        if route.destination_cidr_block and ip in ipaddress.ip_network(route.destination_cidr_block):
            if best is None or ipaddress.ip_network(route.destination_cidr_block).prefixlen > ipaddress.ip_network(best.destination_cidr_block).prefixlen:
                best = route
    if best is None:
        return None
    if best.local:
        return "local" if to is None or to.vpc == frm.vpc else None
    pcx = best.vpc_pcx
    if pcx is None or pcx._status.code != "active":
        return None
    if to is not None and {pcx.vpc.id, pcx.peer_vpc.id} != {frm.vpc, to.vpc}:
        return None
    return pcx.id


def analyse(region: str, path: dict[str, Any]) -> Verdict:
    """The model's answer for one path (see the module docstring)."""
    source = resolve(region, path["Source"])
    destination = resolve(region, path["Destination"]) if path.get("Destination") else None
    address = path.get("DestinationIp") or (destination.address if destination else None)
    protocol, port = path["Protocol"], path.get("DestinationPort")
    if source is None or address is None:
        return Verdict(False, [_explain("UNSUPPORTED_PATH", path.get("Source"))])
    if destination is not None and destination.state != "available":
        return Verdict(False, [_explain("BAD_STATE", destination.id, f"{destination.id} is {destination.state}")])
    if not lets(region, source.groups, True, destination, address, protocol, port):
        return Verdict(False, [_explain("ENI_SG_RULES_MISMATCH", source.id, "no egress rule of the source's security groups allows the traffic")])
    over = routes(region, source, destination, address)
    if over is None:
        return Verdict(False, [_explain("NO_ROUTE_TO_DESTINATION", source.subnet, f"no route from {source.subnet} to {address}")])
    if destination is not None:
        back = routes(region, destination, source, source.address)
        if back != over:
            return Verdict(False, [_explain("NO_ROUTE_TO_DESTINATION", destination.subnet, f"no route back from {destination.subnet} to {source.address}")])
        if not lets(region, destination.groups, False, source, source.address, protocol, port):
            return Verdict(False, [_explain("ENI_SG_RULES_MISMATCH", destination.id, "no ingress rule of the destination's security groups allows the traffic")])
    return Verdict(True)


def _explain(code: str, component: str | None, why: str = "") -> dict[str, Any]:
    return {"ExplanationCode": code, "Component": {"Id": component or ""}, **({"State": why} if why else {})}


class ReachabilityResponse:
    """EC2 actions of Reachability Analyzer; ``self`` is moto's EC2 response for one request."""

    def create_network_insights_path(self) -> ActionResult:
        """CreateNetworkInsightsPath: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkInsightsPath.html"""
        source, destination = self._get_param("Source"), self._get_param("Destination")
        protocol = (self._get_param("Protocol") or "").lower()
        if protocol not in PROTOCOLS:
            raise EC2ClientError("InvalidParameterValue", f"Protocol must be tcp or udp; got {protocol!r}")
        for role, resource in (("Source", source), ("Destination", destination)):
            if resource and resolve(self.region, resource) is None:
                raise EC2ClientError("InvalidParameterValue", f"{role} {resource} is not a network interface, instance or interface endpoint of this Region")
        if not destination and not self._get_param("DestinationIp"):
            raise EC2ClientError("MissingParameter", "Specify a Destination or a DestinationIp")
        path_id = f"nip-{mock_random.get_random_hex(17)}"
        port = self._get_int_param("DestinationPort")
        path = {
            "NetworkInsightsPathId": path_id,
            "NetworkInsightsPathArn": f"arn:aws:ec2:{self.region}:{self.current_account}:network-insights-path/{path_id}",
            "CreatedDate": utcnow(),
            "Source": source,
            "Destination": destination,
            "SourceArn": self._arn(source),
            "DestinationArn": self._arn(destination),
            "SourceIp": self._get_param("SourceIp"),
            "DestinationIp": self._get_param("DestinationIp"),
            "Protocol": protocol,
            "DestinationPort": port,
            "Tags": self._tags("network-insights-path"),
        }
        _store(self.ec2_backend, "paths")[path_id] = {k: v for k, v in path.items() if v is not None}
        return ActionResult({"NetworkInsightsPath": _store(self.ec2_backend, "paths")[path_id], "ClientToken": self._get_param("ClientToken")})

    def describe_network_insights_paths(self) -> ActionResult:
        """DescribeNetworkInsightsPaths by ID (unknown: ``InvalidNetworkInsightsPathId.NotFound``)."""
        known = _store(self.ec2_backend, "paths")
        wanted = self._get_param("NetworkInsightsPathIds", [])
        missing = [i for i in wanted if i not in known]
        if missing:
            raise EC2ClientError("InvalidNetworkInsightsPathId.NotFound", f"The network insights path '{missing[0]}' does not exist")
        return ActionResult({"NetworkInsightsPaths": [p for i, p in known.items() if not wanted or i in wanted]})

    def delete_network_insights_path(self) -> ActionResult:
        """DeleteNetworkInsightsPath: a path with analyses left is ``DependencyViolation`` (the provider deletes them first)."""
        path_id = self._get_param("NetworkInsightsPathId")
        if path_id not in _store(self.ec2_backend, "paths"):
            raise EC2ClientError("InvalidNetworkInsightsPathId.NotFound", f"The network insights path '{path_id}' does not exist")
        if any(a["NetworkInsightsPathId"] == path_id for a in _store(self.ec2_backend, "analyses").values()):
            raise EC2ClientError("DependencyViolation", f"The network insights path '{path_id}' has analyses")
        del _store(self.ec2_backend, "paths")[path_id]
        return ActionResult({"NetworkInsightsPathId": path_id})

    def start_network_insights_analysis(self) -> ActionResult:
        """StartNetworkInsightsAnalysis: analysed at once by ``analyse`` (status ``succeeded``)."""
        path_id = self._get_param("NetworkInsightsPathId")
        path = _store(self.ec2_backend, "paths").get(path_id)
        if path is None:
            raise EC2ClientError("InvalidNetworkInsightsPathId.NotFound", f"The network insights path '{path_id}' does not exist")
        verdict = analyse(self.region, path)
        analysis_id = f"nia-{mock_random.get_random_hex(17)}"
        analysis = {
            "NetworkInsightsAnalysisId": analysis_id,
            "NetworkInsightsAnalysisArn": f"arn:aws:ec2:{self.region}:{self.current_account}:network-insights-analysis/{analysis_id}",
            "NetworkInsightsPathId": path_id,
            "StartDate": utcnow(),
            "Status": "succeeded",
            "NetworkPathFound": verdict.found,
            "Explanations": verdict.explanations,
            "ForwardPathComponents": [],
            "ReturnPathComponents": [],
            "AlternatePathHints": [],
            "FilterInArns": self._get_param("FilterInArns", []),
            "Tags": self._tags("network-insights-analysis"),
        }
        _store(self.ec2_backend, "analyses")[analysis_id] = analysis
        return ActionResult({"NetworkInsightsAnalysis": analysis})

    def describe_network_insights_analyses(self) -> ActionResult:
        """DescribeNetworkInsightsAnalyses by ID or by path."""
        known = _store(self.ec2_backend, "analyses")
        wanted = self._get_param("NetworkInsightsAnalysisIds", [])
        missing = [i for i in wanted if i not in known]
        if missing:
            raise EC2ClientError("InvalidNetworkInsightsAnalysisId.NotFound", f"The network insights analysis '{missing[0]}' does not exist")
        path_id = self._get_param("NetworkInsightsPathId")
        found = [a for i, a in known.items() if (not wanted or i in wanted) and (not path_id or a["NetworkInsightsPathId"] == path_id)]
        return ActionResult({"NetworkInsightsAnalyses": found})

    def delete_network_insights_analysis(self) -> ActionResult:
        analysis_id = self._get_param("NetworkInsightsAnalysisId")
        if _store(self.ec2_backend, "analyses").pop(analysis_id, None) is None:
            raise EC2ClientError("InvalidNetworkInsightsAnalysisId.NotFound", f"The network insights analysis '{analysis_id}' does not exist")
        return ActionResult({"NetworkInsightsAnalysisId": analysis_id})

    def _arn(self, resource: str | None) -> str | None:
        if not resource:
            return None
        kind = {"eni-": "network-interface", "i-": "instance", "vpce-": "vpc-endpoint"}[next(p for p in ("eni-", "i-", "vpce-") if resource.startswith(p))]
        return f"arn:aws:ec2:{self.region}:{self.current_account}:{kind}/{resource}"

    def _tags(self, resource_type: str) -> list[dict[str, str]]:
        specs = self._get_param("TagSpecifications", [])
        return [{"Key": t["Key"], "Value": t["Value"]} for s in specs if s.get("ResourceType") == resource_type for t in s.get("Tags", [])]
