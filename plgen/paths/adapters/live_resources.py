"""The resource-access path proof on live state: ``plgen.paths.resources``'s rows and hops, from boto3 calls.

``plgen.paths.resources.prove_resources`` judges the compiled Terraform of a
resource-access root; this judges what the emulator holds after ``apply``
(``tests/emulator/lattice.py`` imitates VPC Lattice and RAM). The declaration
is the same data (``resource_consumers``, ``resource_providers``). One ``Path``
per resource endpoint x port span, and per service-network endpoint x
associated resource x span, named as offline, hops in the same order, stopping
at the first FAIL:

    source           the sources the declaration names for the endpoint
    endpoint         one ``available`` endpoint in the consumer's VPC of type Resource whose
                     ResourceConfigurationArn is the provider's configuration (ServiceNetwork: whose
                     ServiceNetworkArn is the provider's network, which has the configuration associated),
                     in subnets of AZs the resource gateway has (WARN: some AZs outside the gateway's)
    security group   the endpoint's group's rules (DescribeSecurityGroupRules) admit every source on the
                     span over TCP, and never 0.0.0.0/0 or ::/0
    share            the consumer's account is the owner's, or a principal ``ASSOCIATED`` to an active RAM
                     share of the owner holding the configuration (network); an account outside the
                     organization is ``ASSOCIATING`` until it accepts the share's invitation, and the
                     consumer's own GetResourceShareInvitations must show it ACCEPTED
    gateway          the configuration is ACTIVE, of the provider's ACTIVE resource gateway, and its port
                     ranges cover the span
    resource         the gateway's security group lets the span out to the resource (a CIDR holding its IP;
                     a DNS or ARN resource: some CIDR on the span); an on-premises IP also needs the
                     gateway subnets' route tables to propagate from a gateway attached to the VPC
"""

from __future__ import annotations

import ipaddress
from typing import Any

from plgen.paths.direct_connect import on_premises_cidr
from plgen.paths.proof import Path
from plgen.paths.world import FAIL, PASS, WARN, admits, open_to_internet
from plgen.paths.adapters.live_direct_connect import live_direct_connect

GONE = {"deleted", "deleting", "failed", "rejected", "expired"}


def prove_live_resources(live, data: dict[str, Any]) -> list[Path]:
    """Every resource path of the declaration, proven on the emulator's state (``live``: ``plgen.paths.adapters.live.Live``)."""
    providers = data.get("resource_providers", {})
    paths: list[Path] = []
    found = {name: _provider(live, spec) for name, spec in providers.items()}
    for consumer_name, consumer in sorted(data.get("resource_consumers", {}).items()):
        for key, endpoint in sorted((consumer.get("resource_endpoints") or {}).items()):
            provider_name, resource = endpoint["provider"], endpoint["resource"]
            for span in endpoint["ports"]:
                path = Path(consumer_name, key, _span(span))
                _prove(live, path, consumer_name, consumer, endpoint, providers.get(provider_name, {}), found.get(provider_name), resource, span, network=False)
                paths.append(path)
        network = consumer.get("service_network_endpoint")
        if network:
            provider_name = network["provider"]
            provider = providers.get(provider_name, {})
            for resource, item in sorted((provider.get("resources") or {}).items()):
                if not item.get("in_service_network"):
                    continue
                for span in _spans(item["port_ranges"]):
                    if not any(s["from_port"] <= span["from_port"] and span["to_port"] <= s["to_port"] for s in network["ports"]):
                        continue
                    path = Path(consumer_name, f"{provider_name}/{resource} (service network)", _span(span))
                    _prove(live, path, consumer_name, consumer, network, provider, found.get(provider_name), resource, span, network=True)
                    paths.append(path)
    return paths


def _provider(live, spec: dict[str, Any]) -> dict[str, Any]:
    """The provider's gateway, configurations (by resource key) and service network as the emulator holds them."""
    region = spec["region"]
    lattice = live.client("vpc-lattice", region)
    gateways = [g for g in lattice.list_resource_gateways()["items"] if g["name"] == spec["resource_gateway"]["name"]]
    gateway = lattice.get_resource_gateway(resourceGatewayIdentifier=gateways[0]["id"]) if len(gateways) == 1 else None
    names = {item["name"]: key for key, item in spec["resources"].items()}
    configs = {
        names[c["name"]]: lattice.get_resource_configuration(resourceConfigurationIdentifier=c["id"])
        for c in lattice.list_resource_configurations()["items"]
        if c["name"] in names
    }
    network = None
    if spec.get("service_network"):
        networks = [n for n in lattice.list_service_networks()["items"] if n["name"] == spec["service_network"]["name"]]
        if len(networks) == 1:
            associated = lattice.list_service_network_resource_associations(serviceNetworkIdentifier=networks[0]["id"])["items"]
            network = {**networks[0], "configurations": {a["resourceConfigurationArn"] for a in associated if a["status"] == "ACTIVE"}}
    return {"gateway": gateway, "configs": configs, "network": network}


def _span(span: dict[str, int]) -> str:
    lo, hi = span["from_port"], span["to_port"]
    return f"{lo}/TCP" if lo == hi else f"{lo}-{hi}/TCP"


def _spans(ranges: list[str]) -> list[dict[str, int]]:
    out = []
    for text in ranges or []:
        low, _, high = text.partition("-")
        out.append({"from_port": int(low), "to_port": int(high or low)})
    return out


def _prove(live, path, consumer_name, consumer, endpoint, provider, found, resource, span, *, network: bool) -> None:
    sources = [*endpoint.get("allowed_cidrs", []), *endpoint.get("allowed_security_group_ids", [])]
    if not path.add("source", PASS if sources else FAIL, ", ".join(f"{s} (named)" for s in sources) or "the endpoint admits no source"):
        return
    region = consumer["region"]
    vpc_id = live.vpc(consumer_name, region, consumer["vpc"])
    config = (found or {}).get("configs", {}).get(resource)
    sn = (found or {}).get("network")
    if vpc_id is None or config is None or (network and sn is None):
        path.add(
            "endpoint",
            FAIL,
            f"no VPC of consumer {consumer_name}"
            if vpc_id is None
            else f"no live resource configuration {resource}"
            if config is None
            else "no live service network",
        )
        return
    kind, field_name, arn = ("ServiceNetwork", "ServiceNetworkArn", sn["arn"]) if network else ("Resource", "ResourceConfigurationArn", config["arn"])
    endpoints = [
        e
        for e in live.ec2(region).describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["VpcEndpoints"]
        if e.get(field_name) == arn and e["State"].lower() not in GONE
    ]
    if len(endpoints) != 1:
        path.add("endpoint", FAIL, f"{len(endpoints)} endpoints with {field_name} {arn} in {vpc_id}, not one")
        return
    vpce = endpoints[0]
    if vpce["VpcEndpointType"] != kind or vpce["State"] != "available":
        path.add(
            "endpoint", FAIL, f"{vpce['VpcEndpointId']} is a {vpce['VpcEndpointType']} endpoint in state {vpce['State']}, not an available {kind} endpoint"
        )
        return
    if network and config["arn"] not in sn["configurations"]:
        path.add("endpoint", FAIL, f"service network {sn['id']} has no active association with {config['id']}")
        return
    gateway = found["gateway"]
    endpoint_azs = sorted(s["AvailabilityZoneId"] for s in live.subnets(region, vpce["SubnetIds"]))
    gateway_azs = sorted(s["AvailabilityZoneId"] for s in live.subnets(provider["region"], gateway["subnetIds"])) if gateway else []
    if gateway_azs and not set(endpoint_azs) & set(gateway_azs):
        path.add("endpoint", FAIL, f"in {', '.join(endpoint_azs)}, none of which the resource gateway ({', '.join(gateway_azs)}) has")
        return
    outside = [az for az in endpoint_azs if gateway_azs and az not in gateway_azs]
    if outside:
        path.add("endpoint", WARN, f"{vpce['VpcEndpointId']}: {', '.join(outside)} not in the gateway's AZs; traffic from there crosses AZs")
    else:
        path.add("endpoint", PASS, f"{vpce['VpcEndpointId']} ({kind}) in {', '.join(endpoint_azs)}")

    rules = live.ingress(region, [g["GroupId"] for g in vpce["Groups"]])
    lo, hi = span["from_port"], span["to_port"]
    world = open_to_internet(rules)
    if world:
        path.add("security group", FAIL, f"the endpoint's group admits the internet ({', '.join(world)})")
        return
    missing = [f"{s} on tcp/{p}" for s in sources for p in sorted({lo, hi}) if not admits(rules, s, p, "tcp")]
    if not path.add(
        "security group",
        FAIL if missing else PASS,
        ("does not admit " + ", ".join(missing)) if missing else f"{len(rules)} rule(s) admit every source on {_span(span)}",
    ):
        return

    if not _share(live, path, consumer, provider, arn):
        return
    if gateway is None or gateway["status"] != "ACTIVE" or config.get("resourceGatewayId") != gateway["id"] or config["status"] != "ACTIVE":
        path.add("gateway", FAIL, f"configuration {config['id']} ({config['status']}) is not of the provider's active resource gateway")
        return
    if config["type"] == "SINGLE" and not any(s["from_port"] <= lo and hi <= s["to_port"] for s in _spans(config.get("portRanges", []))):
        path.add("gateway", FAIL, f"configuration {config['id']} offers {config.get('portRanges')}, not {_span(span)}")
        return
    path.add("gateway", PASS, f"{gateway['id']}, {config['id']} ({config['type']})")
    _resource(live, path, provider, gateway, config, lo, hi)


def _share(live, path, consumer, provider, arn: str) -> bool:
    account, owner = str(consumer["account_id"]), str(provider["account_id"])
    if account == owner:
        return path.add("share", PASS, "same account: no share needed")
    ram = live.client("ram", provider["region"])
    shares = [s for s in ram.get_resource_shares(resourceOwner="SELF")["resourceShares"] if s["status"] == "ACTIVE"]
    holding = [
        s
        for s in shares
        if any(
            a["associatedEntity"] == arn
            for a in ram.get_resource_share_associations(associationType="RESOURCE", resourceShareArns=[s["resourceShareArn"]])["resourceShareAssociations"]
        )
    ]
    for share in holding:
        named = ram.get_resource_share_associations(associationType="PRINCIPAL", resourceShareArns=[share["resourceShareArn"]], principal=account)[
            "resourceShareAssociations"
        ]
        if any(a["status"] == "ASSOCIATING" and a["external"] for a in named):
            return path.add("share", FAIL, f"{share['name']} invites {account} (outside the organization), which has not accepted")
        associated = [a for a in named if a["status"] == "ASSOCIATED"]
        if associated and associated[0]["external"]:
            return _accepted(live, path, share, account)
        if associated:
            return path.add("share", PASS, f"{share['name']} names {account} (inside the organization)")
    return path.add("share", FAIL, f"no active RAM share of {arn} names account {account}")


def _accepted(live, path, share: dict[str, Any], account: str) -> bool:
    """The consumer account's invitation to the share is ACCEPTED (read with the live view's RAM, which must see that account)."""
    region = share["resourceShareArn"].split(":")[3]
    answer = live.client("ram", region).get_resource_share_invitations(resourceShareArns=[share["resourceShareArn"]])
    statuses = [i["status"] for i in answer["resourceShareInvitations"] if i["receiverAccountId"] == account]
    if statuses != ["ACCEPTED"]:
        return path.add("share", FAIL, f"{account}'s invitation to {share['name']} is {statuses or 'not visible'}, not ACCEPTED")
    return path.add("share", PASS, f"{share['name']} names {account} (outside the organization), which accepted its invitation")


def _resource(live, path, provider, gateway, config, lo, hi) -> None:
    region = provider["region"]
    rules = live.ec2(region).describe_security_group_rules(Filters=[{"Name": "group-id", "Values": gateway["securityGroupIds"]}])["SecurityGroupRules"]
    cidrs = [
        r["CidrIpv4"] for r in rules if r["IsEgress"] and r.get("CidrIpv4") and r["IpProtocol"] in ("tcp", "-1") and r["FromPort"] <= lo and hi <= r["ToPort"]
    ]
    definition = config.get("resourceConfigurationDefinition", {})
    ip = definition.get("ipResource", {}).get("ipAddress")
    name = definition.get("dnsResource", {}).get("domainName") or definition.get("arnResource", {}).get("arn")
    if ip:
        inside = [c for c in cidrs if ipaddress.ip_address(ip) in ipaddress.ip_network(c)]
        if not inside:
            path.add("resource", FAIL, f"the gateway's group does not let tcp/{_text(lo, hi)} out to {ip}")
            return
        on_prem = on_premises_cidr(provider.get("on_premises"), ip)
        if on_prem:
            status, reason = live_direct_connect(live, region, gateway["vpcId"], gateway["subnetIds"], provider["on_premises"], on_prem)
            path.add("resource", status, f"{ip} {reason}")
            return
        path.add("resource", PASS, f"{ip} in the provider VPC, out through {inside[0]}")
        return
    if not cidrs:
        path.add("resource", FAIL, f"the gateway's group lets nothing out on tcp/{_text(lo, hi)}")
        return
    path.add("resource", PASS, f"{name}, out through {', '.join(sorted(cidrs))}")


def _text(lo: int, hi: int) -> str:
    return str(lo) if lo == hi else f"{lo}-{hi}"
