"""What a blueprint's data says must exist after ``apply``, checked through boto3.

Every expectation is derived from the root's inputs (``terraform.tfvars.json``),
never from the module code or its outputs, so a module that references the
wrong attribute, drops a resource or wires the wrong VPC fails here. Each
check adds a readable problem to a list instead of stopping at the first, so
one failed run shows everything that is wrong.

Where moto answers differently from AWS the check says so next to the line
that allows for it (search for "moto:").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import ClientError


@dataclass
class Network:
    """A side's VPC as found in moto: ID, subnet per AZ ID, route tables of those subnets."""

    region: str
    vpc_id: str
    subnets: dict[str, str]
    route_tables: dict[str, dict[str, Any]]


@dataclass
class Checks:
    moto: Any
    problems: list[str] = field(default_factory=list)
    service_names: dict[tuple[str, str], str] = field(default_factory=dict)
    networks: dict[tuple[str, str], Network] = field(default_factory=dict)
    resource_arns: dict[str, str] = field(default_factory=dict)  # resource configuration / service network name -> ARN

    def expect(self, ok: bool, message: str) -> bool:
        if not ok:
            self.problems.append(message)
        return ok

    def ec2(self, region: str):
        return self.moto.client("ec2", region)

    def elbv2(self, region: str):
        return self.moto.client("elbv2", region)

    # -- networks ---------------------------------------------------------------------

    def network(self, what: str, name: str, region: str, spec: dict[str, Any]) -> Network | None:
        """The VPC named ``name`` with the CIDR in the data, and one subnet per AZ ID with its CIDR."""
        ec2 = self.ec2(region)
        if spec.get("id"):
            vpc_id = spec["id"]
        else:
            found = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [name]}, {"Name": "cidr-block-association.cidr-block", "Values": [spec["cidr"]]}])
            vpcs = [v for v in found["Vpcs"] if v["CidrBlock"] == spec["cidr"]]
            if not self.expect(len(vpcs) == 1, f"{what}: expected one VPC named {name} with {spec['cidr']} in {region}, found {len(vpcs)}"):
                return None
            vpc_id = vpcs[0]["VpcId"]
        subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
        by_az = {s["AvailabilityZoneId"]: s for s in subnets}
        if spec.get("id"):
            wanted = {az: by_az.get(az, {}).get("SubnetId") for az in spec["subnet_ids"]}
            self.expect(wanted == spec["subnet_ids"], f"{what}: subnets by AZ ID {wanted} != {spec['subnet_ids']}")
        else:
            # IPv6-only subnets have no IPv4 CIDR; dual-stack and IPv6-only ones have an associated IPv6 /64.
            kind = spec.get("ip_address_type", "ipv4")
            actual = {s["AvailabilityZoneId"]: s.get("CidrBlock") for s in subnets}
            wanted = {az: (None if kind == "ipv6" else cidr) for az, cidr in spec["subnet_cidrs"].items()}
            self.expect(actual == wanted, f"{what}: subnets by AZ ID {actual} != {wanted}")
            six = {s["AvailabilityZoneId"] for s in subnets if any(a["Ipv6CidrBlock"].endswith("/64") for a in s.get("Ipv6CidrBlockAssociationSet", []))}
            self.expect(six == (set(wanted) if kind != "ipv4" else set()), f"{what}: subnets with an IPv6 /64 {sorted(six)} (ip_address_type {kind})")
        subnet_ids = {az: s["SubnetId"] for az, s in by_az.items()}
        tables = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["RouteTables"]
        associated = {t["RouteTableId"]: t for t in tables if any(a.get("SubnetId") in subnet_ids.values() for a in t.get("Associations", []))}
        self.expect(
            len(associated) >= 1 and all(any(a.get("SubnetId") == s for t in associated.values() for a in t["Associations"]) for s in subnet_ids.values()),
            f"{what}: every subnet has an explicit route table association",
        )
        net = Network(region, vpc_id, subnet_ids, associated)
        self.networks[(name, region)] = net
        if not spec.get("id"):
            self.flow_logs(what, net, spec.get("flow_logs"))
        return net

    def flow_logs(self, what: str, net: Network, spec: dict[str, Any] | None) -> None:
        """A created VPC has exactly the flow log its data names (destination, type, traffic, role), delivering; none unless named."""
        found = self.ec2(net.region).describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [net.vpc_id]}])["FlowLogs"]
        if not spec:
            self.expect(not found, f"{what}: flow logs nobody asked for on {net.vpc_id}: {[f['FlowLogId'] for f in found]}")
            return
        if not self.expect(len(found) == 1, f"{what}: expected one flow log on {net.vpc_id}, found {len(found)}"):
            return
        actual = {k: found[0].get(k) for k in ("LogDestination", "LogDestinationType", "TrafficType", "DeliverLogsPermissionArn", "DeliverLogsStatus")}
        wanted = {
            "LogDestination": spec["destination_arn"],
            "LogDestinationType": spec["destination_type"],
            "TrafficType": spec["traffic_type"],
            "DeliverLogsPermissionArn": spec.get("iam_role_arn"),
            "DeliverLogsStatus": "SUCCESS",  # the strict emulator finds a log group named by ARN (tests/emulator/flow_logs.py)
        }
        self.expect(actual == wanted, f"{what}: flow log {actual} != {wanted}")

    def on_premises(self, what: str, net: Network, spec: dict[str, Any] | None) -> None:
        """Direct Connect, in the shape the data names.

        A virtual private gateway attached to the VPC (created with the declared ASN, or the named existing one),
        propagating into its route tables, and with ``direct_connect_gateway_id`` an ``associated`` association of
        that Direct Connect gateway with it, advertising the data's ``allowed_prefixes``; or, with
        ``transit_gateway_id``, no virtual private gateway, an available attachment of the VPC to that transit
        gateway in every subnet, and a route for each on-premises CIDR to it in every route table.
        """
        if not spec:
            return
        ec2 = self.ec2(net.region)
        gateways = ec2.describe_vpn_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [net.vpc_id]}])["VpnGateways"]
        gateways = [g for g in gateways if g["State"] != "deleted" and any(a["VpcId"] == net.vpc_id and a["State"] == "attached" for a in g["VpcAttachments"])]
        tgw = spec.get("transit_gateway_id")
        if tgw:
            self.expect(not gateways, f"{what}: a virtual private gateway {[g['VpnGatewayId'] for g in gateways]} beside the transit gateway")
            attachments = ec2.describe_transit_gateway_vpc_attachments(Filters=[{"Name": "vpc-id", "Values": [net.vpc_id]}])["TransitGatewayVpcAttachments"]
            attachments = [a for a in attachments if a["State"] == "available"]
            if not self.expect(len(attachments) == 1 and attachments[0]["TransitGatewayId"] == tgw, f"{what}: expected one available attachment to {tgw}, found {attachments}"):
                return
            self.expect(sorted(attachments[0]["SubnetIds"]) == sorted(net.subnets.values()), f"{what}: attachment in {sorted(attachments[0]['SubnetIds'])}, not one subnet per AZ {sorted(net.subnets.values())}")
            self.transit_gateway_routing(what, ec2, tgw, attachments[0]["TransitGatewayAttachmentId"], spec)
            for table_id, table in net.route_tables.items():
                routed = {r.get("DestinationCidrBlock") for r in table["Routes"] if r.get("TransitGatewayId") == tgw}
                self.expect(set(spec["cidrs"]) <= routed, f"{what}: route table {table_id} routes {sorted(routed)} to {tgw}, not {spec['cidrs']}")
            return
        if not self.expect(len(gateways) == 1, f"{what}: expected one virtual private gateway attached to {net.vpc_id}, found {len(gateways)}"):
            return
        gateway = gateways[0]
        if spec.get("vpn_gateway_id"):
            self.expect(gateway["VpnGatewayId"] == spec["vpn_gateway_id"], f"{what}: attached gateway {gateway['VpnGatewayId']} is not the named {spec['vpn_gateway_id']}")
        else:
            self.expect(gateway.get("AmazonSideAsn") == spec["amazon_side_asn"], f"{what}: gateway ASN {gateway.get('AmazonSideAsn')} != {spec['amazon_side_asn']}")
        # The strict emulator implements EnableVgwRoutePropagation (tests/emulator/routing.py).
        for table_id, table in net.route_tables.items():
            propagating = {p["GatewayId"] for p in table.get("PropagatingVgws", [])}
            self.expect(gateway["VpnGatewayId"] in propagating, f"{what}: route table {table_id} propagates {sorted(propagating)}, not {gateway['VpnGatewayId']}")
        dx = spec.get("direct_connect_gateway_id")
        if dx:  # tests/emulator/direct_connect.py
            found = self.moto.client("directconnect", net.region).describe_direct_connect_gateway_associations(directConnectGatewayId=dx, associatedGatewayId=gateway["VpnGatewayId"])
            associations = [a for a in found["directConnectGatewayAssociations"] if a["associationState"] == "associated"]
            if self.expect(len(associations) == 1, f"{what}: expected {gateway['VpnGatewayId']} associated with Direct Connect gateway {dx}, found {associations}"):
                prefixes = sorted(p["cidr"] for p in associations[0]["allowedPrefixesToDirectConnectGateway"])
                self.expect(prefixes == sorted(spec["allowed_prefixes"]), f"{what}: association advertises {prefixes}, not {spec['allowed_prefixes']}")

    def transit_gateway_routing(self, what: str, ec2, tgw: str, attachment: str, spec: dict[str, Any]) -> None:
        """The attachment is associated with the named route table (else the gateway's default association one) and
        propagates into exactly the named ones (else the default propagation table): D10, the half of the route the
        transit gateway holds (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html)."""
        options = ec2.describe_transit_gateways(TransitGatewayIds=[tgw])["TransitGateways"][0]["Options"]
        tables = [t["TransitGatewayRouteTableId"] for t in ec2.describe_transit_gateway_route_tables(Filters=[{"Name": "transit-gateway-id", "Values": [tgw]}])["TransitGatewayRouteTables"]]
        associated = [t for t in tables if attachment in {a["TransitGatewayAttachmentId"] for a in ec2.get_transit_gateway_route_table_associations(TransitGatewayRouteTableId=t)["Associations"]}]
        propagating = {t for t in tables if attachment in {p["TransitGatewayAttachmentId"] for p in ec2.get_transit_gateway_route_table_propagations(TransitGatewayRouteTableId=t)["TransitGatewayRouteTablePropagations"]}}
        association = spec.get("transit_gateway_route_table_id") or options["AssociationDefaultRouteTableId"]
        propagations = set(spec.get("transit_gateway_propagation_route_table_ids") or [options["PropagationDefaultRouteTableId"]])
        self.expect(associated == [association], f"{what}: attachment {attachment} associated with {associated}, not [{association}]")
        self.expect(propagating == propagations, f"{what}: attachment {attachment} propagates into {sorted(propagating)}, not {sorted(propagations)}")

    def resolver_endpoint(self, what: str, net: Network, spec: dict[str, Any] | None) -> None:
        """With ``resolver_endpoint``: one inbound Resolver endpoint, an address in every subnet, a group open only to on premises on 53."""
        resolver = self.moto.client("route53resolver", net.region)
        endpoints = [e for e in resolver.list_resolver_endpoints()["ResolverEndpoints"] if e["HostVPCId"] == net.vpc_id]
        if not (spec or {}).get("resolver_endpoint"):
            self.expect(not endpoints, f"{what}: a Resolver endpoint nobody asked for in {net.vpc_id}")
            return
        if not self.expect(len(endpoints) == 1 and endpoints[0]["Direction"] == "INBOUND", f"{what}: expected one inbound Resolver endpoint, found {endpoints}"):
            return
        addresses = resolver.list_resolver_endpoint_ip_addresses(ResolverEndpointId=endpoints[0]["Id"])["IpAddresses"]
        self.expect(sorted(a["SubnetId"] for a in addresses) == sorted(net.subnets.values()), f"{what}: Resolver addresses in {sorted(a['SubnetId'] for a in addresses)}")
        groups = self.ec2(net.region).describe_security_groups(GroupIds=endpoints[0]["SecurityGroupIds"])["SecurityGroups"]
        admitted = sorted((r["IpProtocol"], r["FromPort"], r["ToPort"], ip["CidrIp"]) for g in groups for r in g["IpPermissions"] for ip in r.get("IpRanges", []))
        wanted = sorted((proto, 53, 53, cidr) for cidr in spec["cidrs"] for proto in ("tcp", "udp"))
        self.expect(admitted == wanted, f"{what}: Resolver endpoint group admits {admitted}, not only {wanted}")

    # -- provider side ----------------------------------------------------------------

    def provider(self, name: str, spec: dict[str, Any]) -> None:
        net = self.network(f"provider {name}", name, spec["region"], spec["vpc"])
        if net is None:
            return
        self.on_premises(f"provider {name}", net, spec.get("on_premises"))
        for service, data in spec["services"].items():
            self.service(f"provider {name} service {service}", net, (name, service), data)

    def service(self, what: str, net: Network, key: tuple[str, str], spec: dict[str, Any]) -> None:
        """NLB in the provider's subnets, listeners -> target groups -> targets, endpoint service with its principals."""
        elbv2 = self.elbv2(net.region)
        try:
            lb = elbv2.describe_load_balancers(Names=[spec["load_balancer_name"]])["LoadBalancers"][0]
        except ClientError as error:
            self.problems.append(f"{what}: no load balancer {spec['load_balancer_name']}: {error}")
            return
        self.expect(lb["Type"] == "network", f"{what}: load balancer type {lb['Type']}")
        self.expect(lb["Scheme"] == ("internal" if spec["internal"] else "internet-facing"), f"{what}: scheme {lb['Scheme']}")
        self.expect(lb["VpcId"] == net.vpc_id, f"{what}: load balancer in {lb['VpcId']}, not the provider VPC {net.vpc_id}")
        self.expect(len(lb.get("SecurityGroups") or []) == 1, f"{what}: load balancer security groups {lb.get('SecurityGroups')}, not its own one")
        self.expect(
            lb.get("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic") == spec["enforce_privatelink_inbound"],
            f"{what}: PrivateLink enforcement {lb.get('EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic')} != {spec['enforce_privatelink_inbound']}",
        )
        lb_subnets = {z["SubnetId"] for z in lb["AvailabilityZones"]}
        self.expect(
            lb_subnets == set(net.subnets.values()), f"{what}: load balancer subnets {sorted(lb_subnets)} != provider subnets {sorted(net.subnets.values())}"
        )
        attributes = {a["Key"]: a["Value"] for a in elbv2.describe_load_balancer_attributes(LoadBalancerArn=lb["LoadBalancerArn"])["Attributes"]}
        self.expect(
            attributes.get("load_balancing.cross_zone.enabled") == str(spec["cross_zone"]).lower(),
            f"{what}: cross-zone {attributes.get('load_balancing.cross_zone.enabled')} != {spec['cross_zone']}",
        )
        logs = spec.get("access_logs")
        logged = (attributes.get("access_logs.s3.enabled", "false"), attributes.get("access_logs.s3.bucket") or None, attributes.get("access_logs.s3.prefix") or None)
        wanted_logs = ("true", logs["bucket"], logs.get("prefix")) if logs else ("false", None, None)
        self.expect(logged == wanted_logs, f"{what}: access logs (enabled, bucket, prefix) {logged} != {wanted_logs}")
        actual_listeners = {item["Port"]: item for item in elbv2.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"]}
        self.expect(
            sorted(actual_listeners) == sorted(int(k) for k in spec["listeners"]),
            f"{what}: listener ports {sorted(actual_listeners)} != {sorted(spec['listeners'])}",
        )
        for port, listener in spec["listeners"].items():
            self.listener(f"{what} listener {port}", net, spec, listener, actual_listeners.get(int(port)))
        self.endpoint_service(what, key, lb, spec)

    def listener(self, what: str, net: Network, service: dict[str, Any], spec: dict[str, Any], actual: dict[str, Any] | None) -> None:
        if actual is None:
            return
        elbv2 = self.elbv2(net.region)
        self.expect(actual["Protocol"] == spec["protocol"], f"{what}: protocol {actual['Protocol']} != {spec['protocol']}")
        if spec.get("certificate_arn"):
            certs = [c["CertificateArn"] for c in actual.get("Certificates", [])]
            self.expect(certs == [spec["certificate_arn"]], f"{what}: certificates {certs} != [{spec['certificate_arn']}]")
            self.expect(actual.get("SslPolicy") == spec["ssl_policy"], f"{what}: SSL policy {actual.get('SslPolicy')} != {spec['ssl_policy']}")
        actions = actual["DefaultActions"]
        if not self.expect(len(actions) == 1 and actions[0]["Type"] == "forward", f"{what}: default actions {actions}"):
            return
        group = elbv2.describe_target_groups(TargetGroupArns=[actions[0]["TargetGroupArn"]])["TargetGroups"][0]
        self.expect(group["TargetGroupName"] == spec["target_group_name"], f"{what}: forwards to {group['TargetGroupName']}, not {spec['target_group_name']}")
        self.expect(group["Port"] == spec["target_port"], f"{what}: target port {group['Port']} != {spec['target_port']}")
        self.expect(group["Protocol"] == spec["target_protocol"], f"{what}: target protocol {group['Protocol']} != {spec['target_protocol']}")
        self.expect(group["TargetType"] == service["target_type"], f"{what}: target type {group['TargetType']} != {service['target_type']}")
        self.expect(group["VpcId"] == net.vpc_id, f"{what}: target group in {group['VpcId']}, not {net.vpc_id}")
        attributes = {a["Key"]: a["Value"] for a in elbv2.describe_target_group_attributes(TargetGroupArn=group["TargetGroupArn"])["Attributes"]}
        # moto: lists only the target group attributes that were ever set; AWS lists them all, with
        # proxy_protocol_v2.enabled "false" unless enabled. The provider sets it only when it is true.
        self.expect(
            attributes.get("proxy_protocol_v2.enabled", "false") == str(service["proxy_protocol_v2"]).lower(),
            f"{what}: proxy protocol v2 {attributes.get('proxy_protocol_v2.enabled')} != {service['proxy_protocol_v2']}",
        )
        self.expect(
            attributes.get("deregistration_delay.timeout_seconds") == str(service["deregistration_delay"]),
            f"{what}: deregistration delay {attributes.get('deregistration_delay.timeout_seconds')} != {service['deregistration_delay']}",
        )
        registered = {
            (d["Target"]["Id"], d["Target"]["Port"]) for d in elbv2.describe_target_health(TargetGroupArn=group["TargetGroupArn"])["TargetHealthDescriptions"]
        }
        wanted = {(t["target_id"], t["port"] or spec["target_port"]) for t in service["targets"].values()}
        self.expect(registered == wanted, f"{what}: registered targets {sorted(registered)} != {sorted(wanted)}")

    def endpoint_service(self, what: str, key: tuple[str, str], lb: dict[str, Any], spec: dict[str, Any]) -> None:
        ec2 = self.ec2(lb["LoadBalancerArn"].split(":")[3])
        configs = [
            c
            for c in ec2.describe_vpc_endpoint_service_configurations()["ServiceConfigurations"]
            if lb["LoadBalancerArn"] in c.get("NetworkLoadBalancerArns", []) and c["ServiceState"].lower() not in {"deleted", "deleting", "failed"}
        ]
        if not self.expect(len(configs) == 1, f"{what}: expected one endpoint service fronting {lb['LoadBalancerName']}, found {len(configs)}"):
            return
        config = configs[0]
        self.service_names[key] = config["ServiceName"]
        self.expect(
            config["NetworkLoadBalancerArns"] == [lb["LoadBalancerArn"]], f"{what}: endpoint service load balancers {config['NetworkLoadBalancerArns']}"
        )
        self.expect(config["AcceptanceRequired"] is spec["acceptance_required"], f"{what}: acceptance required {config['AcceptanceRequired']}")
        self.expect(
            config.get("PrivateDnsName") == spec["private_dns_name"], f"{what}: private DNS name {config.get('PrivateDnsName')} != {spec['private_dns_name']}"
        )
        if spec.get("private_dns_verification"):
            # Verified through Route 53 by the module: the TXT record is in the public zone and the state is "verified".
            dns = config.get("PrivateDnsNameConfiguration") or {}
            self.expect(dns.get("State") == "verified", f"{what}: private DNS name {spec['private_dns_name']} is {dns.get('State')}, not verified")
        # AWS lists SupportedRegionDetail items ({"Region", "ServiceState"}), as the emulator does; plain moto listed strings.
        supported = sorted(r["Region"] if isinstance(r, dict) else r for r in config.get("SupportedRegions", []))
        self.expect(
            supported == sorted(spec["supported_regions"]),
            f"{what}: supported Regions {config.get('SupportedRegions')} != {spec['supported_regions']}",
        )
        principals = {p["Principal"] for p in ec2.describe_vpc_endpoint_service_permissions(ServiceId=config["ServiceId"])["AllowedPrincipals"]}
        self.expect(principals == set(spec["allowed_principals"]), f"{what}: allowed principals {sorted(principals)} != {spec['allowed_principals']}")
        self.notifications(what, ec2, config["ServiceId"], spec.get("notifications"))

    def notifications(self, what: str, ec2, service_id: str, spec: dict[str, Any] | None) -> None:
        """With ``notifications``: one connection notification of the service, for exactly the events asked, to an SNS topic
        that exists, encrypted with a customer managed key, whose policy lets ``vpce.amazonaws.com`` publish (D11;
        https://docs.aws.amazon.com/vpc/latest/privatelink/create-notification-endpoint-service.html); without: none."""
        found = [n for n in ec2.describe_vpc_endpoint_connection_notifications()["ConnectionNotificationSet"] if n.get("ServiceId") == service_id]
        if not spec:
            self.expect(not found, f"{what}: connection notifications {found} nobody asked for")
            return
        if not self.expect(len(found) == 1, f"{what}: expected one connection notification, found {found}"):
            return
        (notification,) = found
        self.expect(sorted(notification["ConnectionEvents"]) == sorted(spec["events"]), f"{what}: notification events {notification['ConnectionEvents']} != {spec['events']}")
        self.expect(notification.get("ConnectionNotificationState") == "Enabled", f"{what}: notification {notification.get('ConnectionNotificationState')}")
        topic = notification["ConnectionNotificationArn"]
        if spec.get("sns_topic_arn"):
            self.expect(topic == spec["sns_topic_arn"], f"{what}: notifications go to {topic}, not the named {spec['sns_topic_arn']}")
            return
        sns = self.moto.client("sns", topic.split(":")[3])
        attributes = sns.get_topic_attributes(TopicArn=topic)["Attributes"]
        key = attributes.get("KmsMasterKeyId", "")
        self.expect(key.startswith("arn:") and ":key/" in key, f"{what}: topic {topic} is encrypted with {key!r}, not a customer managed key")
        policy = json.loads(attributes.get("Policy", "{}"))
        publishers = [st for st in policy.get("Statement", []) if st.get("Principal", {}).get("Service") == "vpce.amazonaws.com" and "SNS:Publish" in str(st.get("Action"))]
        self.expect(bool(publishers), f"{what}: topic {topic}'s policy does not let vpce.amazonaws.com publish")

    # -- consumer side ----------------------------------------------------------------

    def consumer(self, name: str, spec: dict[str, Any]) -> None:
        net = self.network(f"consumer {name}", name, spec["region"], spec["vpc"])
        if net is None:
            return
        self.on_premises(f"consumer {name}", net, spec.get("on_premises"))
        self.resolver_endpoint(f"consumer {name}", net, spec.get("on_premises"))
        extra = list(spec.get("peer_cidrs") or []) + list((spec.get("on_premises") or {}).get("cidrs", []))
        for key, endpoint in spec["endpoints"].items():
            own = self.own_vpc_blocks(net, spec["vpc"].get("ip_address_type", "ipv4")) if endpoint.get("admit_own_vpc") else []
            self.endpoint(f"consumer {name} endpoint {key}", net, endpoint, extra + own)

    def own_vpc_blocks(self, net: Network, ip_address_type: str) -> list[str]:
        """The VPC's own blocks ``admit_own_vpc`` admits, as its subnets hand them out: IPv4 CIDR, Amazon-provided IPv6 block."""
        [vpc] = self.ec2(net.region).describe_vpcs(VpcIds=[net.vpc_id])["Vpcs"]
        ipv4 = [vpc["CidrBlock"]] if ip_address_type != "ipv6" else []
        ipv6 = [a["Ipv6CidrBlock"] for a in vpc.get("Ipv6CidrBlockAssociationSet", [])] if ip_address_type != "ipv4" else []
        return ipv4 + ipv6

    def endpoint(self, what: str, net: Network, spec: dict[str, Any], extra_cidrs: list[str]) -> None:
        """An interface endpoint to the provider's service in the named subnets, its security group, its friendly name."""
        service_name = self.service_names.get((spec["provider"], spec["service"]))
        if not self.expect(service_name is not None, f"{what}: the provider's endpoint service was not found, so the endpoint cannot be checked"):
            return
        ec2 = self.ec2(net.region)
        found = ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [net.vpc_id]}, {"Name": "service-name", "Values": [service_name]}])
        endpoints = [e for e in found["VpcEndpoints"] if e["State"].lower() not in {"deleted", "deleting", "failed", "rejected"}]
        if not self.expect(len(endpoints) == 1, f"{what}: expected one endpoint to {service_name} in {net.vpc_id}, found {len(endpoints)}"):
            return
        endpoint = endpoints[0]
        self.expect(endpoint["VpcEndpointType"] == "Interface", f"{what}: endpoint type {endpoint['VpcEndpointType']}")
        # The strict emulator leaves an endpoint pendingAcceptance until it is accepted, as AWS does.
        self.expect(endpoint["State"] == "available", f"{what}: endpoint state {endpoint['State']} (not accepted?)")
        self.expect(
            sorted(endpoint["SubnetIds"]) == sorted(net.subnets.values()),
            f"{what}: endpoint subnets {sorted(endpoint['SubnetIds'])} != the consumer's subnets by AZ ID {net.subnets}",
        )
        self.expect(
            endpoint["PrivateDnsEnabled"] is spec["private_dns"], f"{what}: private DNS enabled {endpoint['PrivateDnsEnabled']} != {spec['private_dns']}"
        )
        groups = [g["GroupId"] for g in endpoint["Groups"]]
        if self.expect(len(groups) == 1, f"{what}: endpoint security groups {groups}"):
            self.endpoint_ingress(what, net, groups[0], spec, extra_cidrs)
        if spec.get("dns_name"):
            self.friendly_name(what, net, spec["dns_name"], endpoint)

    def endpoint_ingress(self, what: str, net: Network, group_id: str, spec: dict[str, Any], extra_cidrs: list[str]) -> None:
        """The endpoint's group admits exactly the named sources on the service's ports, nothing else."""
        rules = self.ec2(net.region).describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [group_id]}])["SecurityGroupRules"]
        actual = {
            (r["IpProtocol"], r["FromPort"], r["ToPort"], r.get("CidrIpv4") or r.get("CidrIpv6") or r.get("ReferencedGroupInfo", {}).get("GroupId"))
            for r in rules
            if not r["IsEgress"]
        }
        sources = list(dict.fromkeys(spec["allowed_cidrs"] + spec.get("allowed_ipv6_cidrs", []) + extra_cidrs)) + spec["allowed_security_group_ids"]
        wanted = {(p["ip_protocol"], p["port"], p["port"], source) for p in spec["ports"] for source in sources}
        self.expect(actual == wanted, f"{what}: endpoint ingress {sorted(actual)} != {sorted(wanted)}")

    def friendly_name(self, what: str, net: Network, dns_name: str, endpoint: dict[str, Any]) -> None:
        """A hosted zone for the friendly name whose apex aliases the endpoint's regional DNS name."""
        route53 = self.moto.client("route53", net.region)
        named = [z for z in route53.list_hosted_zones_by_name(DNSName=dns_name)["HostedZones"] if z["Name"] == dns_name + "."]
        # Several consumers may each have a zone of that name (one per VPC: shared-services' friendly names, in one
        # account or seen together through the organisation's view); this consumer's is the one its VPC resolves.
        details = {z["Id"]: route53.get_hosted_zone(Id=z["Id"]) for z in named}
        zones = [z for z in named if net.vpc_id in {v["VPCId"] for v in details[z["Id"]].get("VPCs", [])}] or named
        if not self.expect(len(zones) == 1, f"{what}: expected one hosted zone {dns_name} for {net.vpc_id}, found {len(zones)}"):
            return
        zone = details[zones[0]["Id"]]
        # The strict emulator makes a zone created with a VPC private, as AWS does (tests/emulator/route53.py).
        vpcs = {v["VPCId"] for v in zone.get("VPCs", [])}
        self.expect(zone["HostedZone"]["Config"].get("PrivateZone") is True, f"{what}: zone {dns_name} is not private")
        self.expect(net.vpc_id in vpcs, f"{what}: zone {dns_name} not associated with the consumer VPC {net.vpc_id} ({sorted(vpcs)})")
        records = route53.list_resource_record_sets(HostedZoneId=zones[0]["Id"])["ResourceRecordSets"]
        aliases = [r for r in records if r["Name"] == dns_name + "." and r["Type"] == "A"]
        target = endpoint["DnsEntries"][0]["DnsName"] if endpoint.get("DnsEntries") else None
        self.expect(
            len(aliases) == 1 and aliases[0].get("AliasTarget", {}).get("DNSName", "").rstrip(".") == target,
            f"{what}: {dns_name} A alias {[r.get('AliasTarget') for r in aliases]} does not point at the endpoint's regional name {target}",
        )

    # -- peering ----------------------------------------------------------------------

    def peer(self, key: str, spec: dict[str, Any]) -> None:
        """The peer VPC, an active peering connection with the side's VPC, routes both ways, ingress from the named sources."""
        what = f"peer {key}"
        peer = self.network(what, spec["name"], spec["region"], spec["vpc"])
        side = self.networks.get((spec["side"], spec["side_region"]))
        if not self.expect(side is not None, f"{what}: the VPC of {spec['side']} in {spec['side_region']} was not found"):
            return
        if peer is None or side is None:
            return
        pair = {peer.vpc_id, side.vpc_id}
        connections = [
            c
            for region in dict.fromkeys([peer.region, side.region])
            for c in self.ec2(region).describe_vpc_peering_connections()["VpcPeeringConnections"]
            if {c["RequesterVpcInfo"]["VpcId"], c["AccepterVpcInfo"]["VpcId"]} == pair and c["Status"]["Code"] not in {"deleted", "rejected", "failed"}
        ]
        ids = {c["VpcPeeringConnectionId"] for c in connections}
        if not self.expect(len(ids) == 1, f"{what}: expected one peering connection between {sorted(pair)}, found {sorted(ids)}"):
            return
        pcx = ids.pop()
        codes = {c["Status"]["Code"] for c in connections}
        self.expect(codes == {"active"}, f"{what}: peering connection {pcx} is {sorted(codes)}, not active")
        for net, destination in ((peer, spec["side_cidr"]), (side, spec["cidr"])):
            for table_id, table in net.route_tables.items():
                routes = {(r.get("DestinationCidrBlock"), r.get("VpcPeeringConnectionId")) for r in table["Routes"]}
                self.expect((destination, pcx) in routes, f"{what}: route table {table_id} in {net.region} has no route to {destination} via {pcx}")
        if spec.get("ingress") and not spec["vpc"].get("id"):
            rules = self.ec2(peer.region).describe_security_group_rules(Filters=[{"Name": "group-id", "Values": self._groups(peer)}])["SecurityGroupRules"]
            actual = {(r["IpProtocol"], r["FromPort"], r.get("CidrIpv4")) for r in rules if not r["IsEgress"]}
            wanted = {(rule["ip_protocol"], rule["port"], rule["cidr"]) for rule in spec["ingress"].values()}
            self.expect(actual == wanted, f"{what}: workload ingress in the peer VPC {sorted(actual)} != {sorted(wanted)}")

    # -- resource access (VPC Lattice) -------------------------------------------------

    def lattice(self, region: str):
        return self.moto.client("vpc-lattice", region)

    def egress(self, region: str, group_id: str) -> set[tuple[str, int, int, str]]:
        rules = self.ec2(region).describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [group_id]}])["SecurityGroupRules"]
        return {(r["IpProtocol"], r["FromPort"], r["ToPort"], r.get("CidrIpv4")) for r in rules if r["IsEgress"]}

    def resource_provider(self, name: str, spec: dict[str, Any]) -> None:
        """VPC, Direct Connect, the resource gateway, a configuration per resource, the service network, the RAM shares."""
        what = f"resource provider {name}"
        net = self.network(what, name, spec["region"], spec["vpc"])
        if net is None:
            return
        self.on_premises(what, net, spec.get("on_premises"))
        lattice, gw_spec = self.lattice(net.region), spec["resource_gateway"]
        gateways = [g for g in lattice.list_resource_gateways()["items"] if g["name"] == gw_spec["name"]]
        if not self.expect(len(gateways) == 1, f"{what}: expected one resource gateway {gw_spec['name']}, found {len(gateways)}"):
            return
        gateway = lattice.get_resource_gateway(resourceGatewayIdentifier=gateways[0]["id"])
        self.expect(gateway["status"] == "ACTIVE" and gateway["vpcId"] == net.vpc_id, f"{what}: gateway {gateway['status']} in {gateway['vpcId']}, not ACTIVE in {net.vpc_id}")
        self.expect(gateway["ipAddressType"] == gw_spec["ip_address_type"], f"{what}: gateway IP address type {gateway['ipAddressType']} != {gw_spec['ip_address_type']}")
        wanted_subnets = sorted(net.subnets[az] for az in gw_spec["azs"] if az in net.subnets)
        self.expect(sorted(gateway["subnetIds"]) == wanted_subnets, f"{what}: gateway subnets {sorted(gateway['subnetIds'])} != {wanted_subnets} ({gw_spec['azs']})")
        if self.expect(len(gateway["securityGroupIds"]) == 1, f"{what}: gateway security groups {gateway['securityGroupIds']}"):
            actual = {rule for rule in self.egress(net.region, gateway["securityGroupIds"][0])}
            wanted = {("tcp", e["from_port"], e["to_port"], e["cidr"]) for e in gw_spec["egress"].values()}
            self.expect(actual == wanted, f"{what}: gateway egress {sorted(actual)} != only the resources' {sorted(wanted)}")
        configs = {c["name"]: c for c in lattice.list_resource_configurations(resourceGatewayIdentifier=gateway["id"])["items"]}
        for key, item in spec["resources"].items():
            self.resource_configuration(f"{what} resource {key}", lattice, configs.get(item["name"]), item)
        self.resource_shares(what, net.region, spec, {key: configs[item["name"]] for key, item in spec["resources"].items() if item["name"] in configs})

    def resource_configuration(self, what: str, lattice, found: dict[str, Any] | None, item: dict[str, Any]) -> None:
        if not self.expect(found is not None, f"{what}: no resource configuration {item['name']} on the gateway"):
            return
        config = lattice.get_resource_configuration(resourceConfigurationIdentifier=found["id"])
        self.resource_arns[item["name"]] = config["arn"]
        self.expect(config["status"] == "ACTIVE" and config["type"] == "SINGLE" and config["protocol"] == "TCP", f"{what}: {config['status']} {config['type']} {config['protocol']}")
        if item.get("arn") is None:
            self.expect(sorted(config["portRanges"]) == sorted(item["port_ranges"]), f"{what}: port ranges {config['portRanges']} != {item['port_ranges']}")
        definition = config.get("resourceConfigurationDefinition", {})
        if item.get("ip_address"):
            self.expect(definition.get("ipResource", {}).get("ipAddress") == item["ip_address"], f"{what}: definition {definition} is not the IP {item['ip_address']}")
        elif item.get("domain_name"):
            self.expect(definition.get("dnsResource", {}).get("domainName") == item["domain_name"], f"{what}: definition {definition} is not the name {item['domain_name']}")
        else:
            self.expect(definition.get("arnResource", {}).get("arn") == item["arn"], f"{what}: definition {definition} is not the ARN {item['arn']}")
        self.expect(
            config["allowAssociationToShareableServiceNetwork"] is item["in_service_network"],
            f"{what}: allowAssociationToShareableServiceNetwork {config['allowAssociationToShareableServiceNetwork']} != {item['in_service_network']}",
        )

    def resource_shares(self, what: str, region: str, spec: dict[str, Any], configs: dict[str, dict[str, Any]]) -> None:
        """One RAM share per shared resource (and one for the service network), holding it, with exactly the named principals."""
        ram, lattice = self.moto.client("ram", region), self.lattice(region)
        shares = {s["name"]: s for s in ram.get_resource_shares(resourceOwner="SELF")["resourceShares"] if s["status"] == "ACTIVE"}
        wanted: list[tuple[str, str, list[str]]] = [(item["name"], configs[key]["arn"], item["share_with"]) for key, item in spec["resources"].items() if key in configs and item["share_with"]]
        network = spec.get("service_network")
        if network:
            networks = [n for n in lattice.list_service_networks()["items"] if n["name"] == network["name"]]
            if self.expect(len(networks) == 1, f"{what}: expected one service network {network['name']}, found {len(networks)}"):
                self.resource_arns[network["name"]] = networks[0]["arn"]
                associated = {a["resourceConfigurationId"] for a in lattice.list_service_network_resource_associations(serviceNetworkIdentifier=networks[0]["id"])["items"]}
                members = {configs[key]["id"] for key, item in spec["resources"].items() if key in configs and item["in_service_network"]}
                self.expect(associated == members, f"{what}: service network resources {sorted(associated)} != {sorted(members)}")
                if network["share_with"]:
                    wanted.append((network["name"], networks[0]["arn"], network["share_with"]))
        for share_name, arn, principals in wanted:
            share = shares.get(share_name)
            if not self.expect(share is not None, f"{what}: no RAM share {share_name}"):
                continue
            self.expect(share["allowExternalPrincipals"] is spec["allow_external_principals"], f"{what}: share {share_name} allowExternalPrincipals {share['allowExternalPrincipals']}")
            held = ram.get_resource_share_associations(associationType="RESOURCE", resourceShareArns=[share["resourceShareArn"]])["resourceShareAssociations"]
            self.expect([a["associatedEntity"] for a in held] == [arn], f"{what}: share {share_name} holds {[a['associatedEntity'] for a in held]}, not only {arn}")
            named = ram.get_resource_share_associations(associationType="PRINCIPAL", resourceShareArns=[share["resourceShareArn"]])["resourceShareAssociations"]
            # An account outside the organization is ASSOCIATING until it accepts its invitation (the single-account run's never do).
            actual = sorted(a["associatedEntity"] for a in named if a["status"] in ("ASSOCIATING", "ASSOCIATED"))
            self.expect(actual == sorted(principals), f"{what}: share {share_name} principals {actual} != {sorted(principals)}")

    def resource_consumer(self, name: str, spec: dict[str, Any], providers: dict[str, Any]) -> None:
        """Its VPC, a Resource endpoint per resource endpoint and a ServiceNetwork endpoint, each admitting only the named sources."""
        what = f"resource consumer {name}"
        net = self.network(what, name, spec["region"], spec["vpc"])
        if net is None:
            return
        for key, endpoint in spec["resource_endpoints"].items():
            item = providers[endpoint["provider"]]["resources"][endpoint["resource"]]
            self.lattice_endpoint(f"{what} endpoint {key}", net, "Resource", "ResourceConfigurationArn", self.resource_arns.get(item["name"]), endpoint)
        network = spec.get("service_network_endpoint")
        if network:
            sn = providers[network["provider"]]["service_network"]["name"]
            self.lattice_endpoint(f"{what} service-network endpoint", net, "ServiceNetwork", "ServiceNetworkArn", self.resource_arns.get(sn), network)

    def lattice_endpoint(self, what: str, net: Network, kind: str, field_name: str, arn: str | None, spec: dict[str, Any]) -> None:
        if not self.expect(arn is not None, f"{what}: the provider's {field_name} was not found, so the endpoint cannot be checked"):
            return
        found = self.ec2(net.region).describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [net.vpc_id]}])["VpcEndpoints"]
        endpoints = [e for e in found if e.get(field_name) == arn and e["State"].lower() not in {"deleted", "deleting", "failed", "rejected"}]
        if not self.expect(len(endpoints) == 1, f"{what}: expected one {kind} endpoint to {arn} in {net.vpc_id}, found {len(endpoints)}"):
            return
        endpoint = endpoints[0]
        self.expect(endpoint["VpcEndpointType"] == kind and endpoint["State"] == "available", f"{what}: {endpoint['VpcEndpointType']} endpoint {endpoint['State']}")
        self.expect(sorted(endpoint["SubnetIds"]) == sorted(net.subnets.values()), f"{what}: endpoint subnets {sorted(endpoint['SubnetIds'])} != {net.subnets}")
        if kind == "Resource":
            self.expect(endpoint["PrivateDnsEnabled"] is spec["private_dns"], f"{what}: private DNS {endpoint['PrivateDnsEnabled']} != {spec['private_dns']}")
        groups = [g["GroupId"] for g in endpoint["Groups"]]
        if not self.expect(len(groups) == 1, f"{what}: endpoint security groups {groups}"):
            return
        rules = self.ec2(net.region).describe_security_group_rules(Filters=[{"Name": "group-id", "Values": groups}])["SecurityGroupRules"]
        actual = {(r["IpProtocol"], r["FromPort"], r["ToPort"], r.get("CidrIpv4") or r.get("ReferencedGroupInfo", {}).get("GroupId")) for r in rules if not r["IsEgress"]}
        sources = [*spec["allowed_cidrs"], *spec["allowed_security_group_ids"]]
        wanted = {("tcp", p["from_port"], p["to_port"], s) for s in sources for p in spec["ports"]}
        self.expect(actual == wanted, f"{what}: endpoint ingress {sorted(actual)} != only the named sources {sorted(wanted)}")

    def _groups(self, net: Network) -> list[str]:
        groups = self.ec2(net.region).describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [net.vpc_id]}])["SecurityGroups"]
        return [g["GroupId"] for g in groups if g["GroupName"] != "default"]


def check_applied(moto, inputs: dict[str, Any]) -> list[str]:
    """Every problem found comparing moto's state with the blueprint's data (empty when all is there)."""
    checks = Checks(moto)
    for name, spec in inputs.get("service_providers", {}).items():
        checks.provider(name, spec)
    for name, spec in inputs.get("resource_providers", {}).items():
        checks.resource_provider(name, spec)
    for name, spec in inputs.get("resource_consumers", {}).items():
        checks.resource_consumer(name, spec, inputs["resource_providers"])
    for vendor, services in inputs.get("external_services", {}).items():  # another organisation's: known by name only
        for name, spec in services.items():
            checks.service_names[(vendor, name)] = spec["service_name"]
    for name, spec in inputs.get("service_consumers", {}).items():
        checks.consumer(name, spec)
    for key, spec in inputs.get("peers", {}).items():
        checks.peer(key, spec)
    return checks.problems
