"""The resource-access (VPC Lattice) queries of the live world: ``resource_hops``'s facts from boto3 calls.

``plgen.paths.resource_hops`` declares the hops once; ``LiveResources`` (mixed
into ``adapters.live.LiveWorld``) answers their queries from what AWS (or the
emulator: ``tests/emulator/lattice.py`` imitates VPC Lattice and RAM) holds:

    endpoint         one endpoint in the consumer's VPC whose ResourceConfigurationArn is the provider's
                     configuration (ServiceNetwork: whose ServiceNetworkArn is the provider's network, which
                     has the configuration ACTIVE-associated); its state and type are judged by the hop
    share            the consumer's account is a principal ``ASSOCIATED`` to an active RAM share of the owner
                     holding the configuration (network); an account outside the organization is
                     ``ASSOCIATING`` until it accepts the share's invitation, and the consumer's own
                     GetResourceShareInvitations must show it ACCEPTED
    gateway          the configuration's and the gateway's status (ACTIVE), read by the hop
"""

from __future__ import annotations

from typing import Any

from plgen.paths.world import Endpoint, ResourceConfiguration, ResourceGateway

GONE = {"deleted", "deleting", "failed", "rejected", "expired"}


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



class LiveResources:
    """The lattice half of ``LiveWorld`` (it has ``live``, ``_raw``, ``_subnets``, ``_groups``)."""

    live: Any
    _raw: dict[str, dict[str, Any]]

    def _lattice(self, provider: str, spec: dict) -> dict[str, Any]:
        key = f"lattice:{provider}"
        if key not in self._raw:
            self._raw[key] = _provider(self.live, spec)
        return self._raw[key]

    def resource_configuration(self, provider: str, resource: str, provider_spec: dict) -> ResourceConfiguration | None:
        if not provider_spec:
            return None
        config = self._lattice(provider, provider_spec)["configs"].get(resource)
        if config is None:
            return None
        definition = config.get("resourceConfigurationDefinition", {})
        self._raw[config["id"]] = {"region": provider_spec["region"], "config": config, "provider": provider, "spec": provider_spec}
        return ResourceConfiguration(
            config["id"], f"configuration {config['id']}", config["type"], config.get("portRanges", []),
            definition.get("ipResource", {}).get("ipAddress"), definition.get("dnsResource", {}).get("domainName"), definition.get("arnResource", {}).get("arn"),
            config["status"],
        )

    def resource_endpoint(self, consumer: str, key: str, consumer_spec: dict, network: bool, config: Any, provider: str, provider_spec: dict) -> Endpoint | None:
        region = consumer_spec["region"]
        vpc_id = self.live.vpc(consumer, region, consumer_spec["vpc"])
        sn = self._lattice(provider, provider_spec)["network"] if provider_spec else None
        why = f"no VPC of consumer {consumer}" if vpc_id is None else "no live service network" if network and sn is None else None
        if why or config is None:
            self._raw[f"why:{consumer}/{key}"] = {"why": why or ""}
            return None
        field_name, arn = ("ServiceNetworkArn", sn["arn"]) if network else ("ResourceConfigurationArn", self._raw[config.id]["config"]["arn"])
        found = [
            e
            for e in self.live.ec2(region).describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["VpcEndpoints"]
            if e.get(field_name) == arn and e["State"].lower() not in GONE
        ]
        if len(found) != 1:
            self._raw[f"why:{consumer}/{key}"] = {"why": f"{len(found)} endpoints with {field_name} {arn} in {vpc_id}, not one"}
            return None
        vpce = found[0]
        self._raw[vpce["VpcEndpointId"]] = {"region": region, "vpc": vpc_id, "subnets": vpce["SubnetIds"], "endpoint": vpce, "network": sn}
        dns_name = None
        if not network and consumer_spec.get("resource_endpoints", {}).get(key, {}).get("dns_name"):
            # A Resource endpoint's name is its (one) association's DnsEntry, not the endpoint's own DnsEntries
            # (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpointAssociation.html): what a private zone aliases.
            associations = self.live.ec2(region).describe_vpc_endpoint_associations(VpcEndpointIds=[vpce["VpcEndpointId"]])["VpcEndpointAssociations"]
            dns_name = next((a["DnsEntry"]["DnsName"] for a in associations if a.get("DnsEntry", {}).get("DnsName")), None)
        return Endpoint(
            vpce["VpcEndpointId"], vpce["VpcEndpointId"], self._subnets(region, vpce["SubnetIds"]), self._groups(region, [g["GroupId"] for g in vpce["Groups"]]),
            vpce.get("IpAddressType"), None, vpce.get("PrivateDnsEnabled"), None, state=vpce["State"], kind=vpce["VpcEndpointType"], dns_name=dns_name,
        )

    def resource_missing(self, consumer: str, key: str, provider: str, resource: str, endpoint: Endpoint | None) -> str:
        why = self._raw.get(f"why:{consumer}/{key}", {}).get("why")
        return why or f"no live resource configuration {resource}"

    def resource_wired(self, endpoint: Endpoint, config: ResourceConfiguration, network: bool) -> str | None:
        sn = self._raw[endpoint.id].get("network")
        arn = self._raw[config.id]["config"]["arn"]
        if network and arn not in sn["configurations"]:
            return f"service network {sn['id']} has no active association with {config.id}"
        return None

    def resource_gateway(self, config: ResourceConfiguration) -> ResourceGateway | None:
        raw = self._raw[config.id]
        gateway = self._lattice(raw["provider"], raw["spec"])["gateway"]
        if gateway is None or raw["config"].get("resourceGatewayId") != gateway["id"]:
            return None
        region = raw["region"]
        self._raw[gateway["id"]] = {"region": region, "vpc": gateway["vpcId"], "subnets": gateway["subnetIds"]}
        return ResourceGateway(gateway["id"], gateway["id"], self._subnets(region, gateway["subnetIds"]), self._groups(region, gateway["securityGroupIds"]), gateway["status"])

    def share(self, consumer: str, consumer_spec: dict, provider_spec: dict, endpoint: Endpoint, config: ResourceConfiguration, network: bool) -> tuple[str, str]:
        arn = self._raw[endpoint.id]["network"]["arn"] if network else self._raw[config.id]["config"]["arn"]
        return _share(self.live, str(consumer_spec["account_id"]), provider_spec, arn)


def _share(live, account: str, provider: dict[str, Any], arn: str) -> tuple[str, str]:
    """(status, reason): a RAM share of ``arn`` owned by the provider names ``account``, accepted if it is external."""
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
            return "FAIL", f"{share['name']} invites {account} (outside the organization), which has not accepted"
        associated = [a for a in named if a["status"] == "ASSOCIATED"]
        if associated and associated[0]["external"]:
            return _accepted(live, share, account)
        if associated:
            return "PASS", f"{share['name']} names {account} (inside the organization)"
    return "FAIL", f"no active RAM share of {arn} names account {account}"


def _accepted(live, share: dict[str, Any], account: str) -> tuple[str, str]:
    """The consumer account's invitation to the share is ACCEPTED (read with the live view's RAM, which must see that account)."""
    region = share["resourceShareArn"].split(":")[3]
    answer = live.client("ram", region).get_resource_share_invitations(resourceShareArns=[share["resourceShareArn"]])
    statuses = [i["status"] for i in answer["resourceShareInvitations"] if i["receiverAccountId"] == account]
    if statuses != ["ACCEPTED"]:
        return "FAIL", f"{account}'s invitation to {share['name']} is {statuses or 'not visible'}, not ACCEPTED"
    return "PASS", f"{share['name']} names {account} (outside the organization), which accepted its invitation"
