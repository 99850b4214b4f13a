"""Everything a rendered root can create, as moto reports it: for "nothing is left after destroy".

The inventory is taken before ``apply`` (moto's own defaults: the default VPC,
its subnets, security group and route table) and after ``destroy``; the two
must be equal. Objects AWS keeps visible for a while after deletion (endpoints
in state ``deleted``, peering connections ``deleted``, gateways ``deleted``)
count as gone, as they do in AWS.
"""

from __future__ import annotations

from typing import Any

GONE = {"deleted", "deleting", "rejected", "failed", "expired"}


def _ids(items: list[dict[str, Any]], key: str, state: str | None = None) -> set[str]:
    return {item[key] for item in items if state is None or _state(item, state) not in GONE}


def _state(item: dict[str, Any], path: str) -> str:
    value: Any = item
    for part in path.split("."):
        value = value.get(part, {}) if isinstance(value, dict) else {}
    return str(value).lower() if value else ""


def regional(moto, region: str) -> dict[str, set[str]]:
    ec2 = moto.client("ec2", region)
    elbv2 = moto.client("elbv2", region)
    lattice = moto.client("vpc-lattice", region)
    return {
        "vpcs": _ids(ec2.describe_vpcs()["Vpcs"], "VpcId"),
        "subnets": _ids(ec2.describe_subnets()["Subnets"], "SubnetId"),
        "route_tables": _ids(ec2.describe_route_tables()["RouteTables"], "RouteTableId"),
        "security_groups": _ids(ec2.describe_security_groups()["SecurityGroups"], "GroupId"),
        "security_group_rules": _ids(ec2.describe_security_group_rules()["SecurityGroupRules"], "SecurityGroupRuleId"),
        "network_interfaces": _ids(ec2.describe_network_interfaces()["NetworkInterfaces"], "NetworkInterfaceId"),
        "vpc_endpoints": _ids(ec2.describe_vpc_endpoints()["VpcEndpoints"], "VpcEndpointId", "State"),
        "endpoint_services": _ids(ec2.describe_vpc_endpoint_service_configurations()["ServiceConfigurations"], "ServiceId", "ServiceState"),
        "peering_connections": _ids(ec2.describe_vpc_peering_connections()["VpcPeeringConnections"], "VpcPeeringConnectionId", "Status.Code"),
        "vpn_gateways": _ids(ec2.describe_vpn_gateways()["VpnGateways"], "VpnGatewayId", "State"),
        "flow_logs": _ids(ec2.describe_flow_logs()["FlowLogs"], "FlowLogId"),
        "load_balancers": _ids(elbv2.describe_load_balancers()["LoadBalancers"], "LoadBalancerArn"),
        "target_groups": _ids(elbv2.describe_target_groups()["TargetGroups"], "TargetGroupArn"),
        "resource_gateways": _ids(lattice.list_resource_gateways()["items"], "arn"),
        "resource_configurations": _ids(lattice.list_resource_configurations()["items"], "arn"),
        "service_networks": _ids(lattice.list_service_networks()["items"], "arn"),
        "service_network_resource_associations": _ids(lattice.list_service_network_resource_associations()["items"], "arn"),
        "resource_shares": _ids(moto.client("ram", region).get_resource_shares(resourceOwner="SELF")["resourceShares"], "resourceShareArn", "status"),
    }


def inventory(moto, regions: list[str]) -> dict[str, dict[str, set[str]]]:
    """Per Region (and ``global`` for Route 53): the IDs of every kind of object the modules create."""
    out = {region: regional(moto, region) for region in regions}
    out["global"] = {"hosted_zones": {zone["Id"] for zone in moto.client("route53", regions[0]).list_hosted_zones()["HostedZones"]}}
    return out


def leftovers(before: dict[str, dict[str, set[str]]], after: dict[str, dict[str, set[str]]]) -> dict[str, list[str]]:
    """``region/kind`` -> IDs present after destroy that were not there before apply."""
    return {
        f"{region}/{kind}": sorted(ids - before[region][kind]) for region, kinds in after.items() for kind, ids in kinds.items() if ids - before[region][kind]
    }
