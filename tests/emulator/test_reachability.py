"""The strict emulator's Reachability Analyzer: paths and analyses answered by its own model of the network."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.emulator.conftest import REGION, Account, endpoint_service


def _network(account: Account, cidr: str) -> tuple[str, str, str]:
    """A VPC, one subnet and a security group with no rules (AWS's default egress rule removed): (vpc, subnet, group)."""
    ec2 = account.client("ec2")
    vpc = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
    sub = ec2.create_subnet(VpcId=vpc, CidrBlock=cidr.replace("/16", "/24"), AvailabilityZone=f"{REGION}a")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName=f"g-{cidr.split('.')[1]}", Description="test", VpcId=vpc)["GroupId"]
    ec2.revoke_security_group_egress(GroupId=group, IpPermissions=[{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    return vpc, sub, group


def _allow(account: Account, group: str, egress: bool, port: int, cidr: str | None = None, peer_group: str | None = None) -> None:
    permission = {"IpProtocol": "tcp", "FromPort": port, "ToPort": port}
    permission |= {"IpRanges": [{"CidrIp": cidr}]} if cidr else {"UserIdGroupPairs": [{"GroupId": peer_group}]}
    ec2 = account.client("ec2")
    (ec2.authorize_security_group_egress if egress else ec2.authorize_security_group_ingress)(GroupId=group, IpPermissions=[permission])


def _analyse(account: Account, source: str, destination: str, port: int) -> dict:
    ec2 = account.client("ec2")
    path = ec2.create_network_insights_path(Source=source, Destination=destination, Protocol="tcp", DestinationPort=port)["NetworkInsightsPath"]
    started = ec2.start_network_insights_analysis(NetworkInsightsPathId=path["NetworkInsightsPathId"])["NetworkInsightsAnalysis"]
    [analysis] = ec2.describe_network_insights_analyses(NetworkInsightsAnalysisIds=[started["NetworkInsightsAnalysisId"]])["NetworkInsightsAnalyses"]
    assert analysis["Status"] == "succeeded" and analysis["NetworkInsightsPathId"] == path["NetworkInsightsPathId"]
    return analysis


@pytest.fixture
def consumer_side(owner: Account, consumer: Account):
    """A client ENI and an accepted interface endpoint in the consumer's VPC, each group admitting the other on 443."""
    service = endpoint_service(owner, principals=("*",))
    vpc, sub, client_group = _network(consumer, "10.7.0.0/16")
    ec2 = consumer.client("ec2")
    endpoint_group = ec2.create_security_group(GroupName="endpoint", Description="test", VpcId=vpc)["GroupId"]
    vpce = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=service["ServiceName"], VpcEndpointType="Interface", SubnetIds=[sub], SecurityGroupIds=[endpoint_group])["VpcEndpoint"]
    owner.client("ec2").accept_vpc_endpoint_connections(ServiceId=service["ServiceId"], VpcEndpointIds=[vpce["VpcEndpointId"]])
    eni = ec2.create_network_interface(SubnetId=sub, Groups=[client_group])["NetworkInterface"]["NetworkInterfaceId"]
    _allow(consumer, client_group, True, 443, cidr="10.7.0.0/16")
    _allow(consumer, endpoint_group, False, 443, peer_group=client_group)
    return {"eni": eni, "vpce": vpce["VpcEndpointId"], "endpoint_group": endpoint_group, "service": service}


def test_a_client_reaches_an_accepted_endpoint_its_groups_admit(consumer: Account, consumer_side):
    analysis = _analyse(consumer, consumer_side["eni"], consumer_side["vpce"], 443)
    assert analysis["NetworkPathFound"] is True and analysis.get("Explanations", []) == [], analysis.get("Explanations")


def test_another_port_or_a_removed_ingress_rule_is_not_reachable(consumer: Account, consumer_side):
    other = _analyse(consumer, consumer_side["eni"], consumer_side["vpce"], 8443)
    assert other["NetworkPathFound"] is False and other["Explanations"][0]["ExplanationCode"] == "ENI_SG_RULES_MISMATCH"
    ec2 = consumer.client("ec2")
    rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [consumer_side["endpoint_group"]]}])["SecurityGroupRules"]
    ec2.revoke_security_group_ingress(GroupId=consumer_side["endpoint_group"], SecurityGroupRuleIds=[r["SecurityGroupRuleId"] for r in rules if not r["IsEgress"]])
    removed = _analyse(consumer, consumer_side["eni"], consumer_side["vpce"], 443)
    assert removed["NetworkPathFound"] is False
    assert removed["Explanations"][0] == {"ExplanationCode": "ENI_SG_RULES_MISMATCH", "Component": {"Id": consumer_side["vpce"]}, "State": "no ingress rule of the destination's security groups allows the traffic"}


def test_a_rejected_connection_carries_nothing(owner: Account, consumer: Account, consumer_side):
    owner.client("ec2").reject_vpc_endpoint_connections(ServiceId=consumer_side["service"]["ServiceId"], VpcEndpointIds=[consumer_side["vpce"]])
    analysis = _analyse(consumer, consumer_side["eni"], consumer_side["vpce"], 443)
    assert analysis["NetworkPathFound"] is False and analysis["Explanations"][0]["ExplanationCode"] == "BAD_STATE"


def test_a_peered_vpc_reaches_only_with_routes_both_ways_over_an_active_connection(consumer: Account, consumer_side):
    ec2 = consumer.client("ec2")
    vpce = ec2.describe_vpc_endpoints(VpcEndpointIds=[consumer_side["vpce"]])["VpcEndpoints"][0]
    home_vpc, home_subnet, home_group = _network(consumer, "10.8.0.0/16")
    _allow(consumer, home_group, True, 443, cidr="10.7.0.0/16")
    _allow(consumer, consumer_side["endpoint_group"], False, 443, cidr="10.8.0.0/16")
    eni = ec2.create_network_interface(SubnetId=home_subnet, Groups=[home_group])["NetworkInterface"]["NetworkInterfaceId"]
    assert _analyse(consumer, eni, consumer_side["vpce"], 443)["Explanations"][0]["ExplanationCode"] == "NO_ROUTE_TO_DESTINATION"

    pcx = ec2.create_vpc_peering_connection(VpcId=home_vpc, PeerVpcId=vpce["VpcId"])["VpcPeeringConnection"]["VpcPeeringConnectionId"]
    ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=pcx)
    main = {v: ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [v]}, {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]["RouteTableId"] for v in (home_vpc, vpce["VpcId"])}
    ec2.create_route(RouteTableId=main[home_vpc], DestinationCidrBlock="10.7.0.0/16", VpcPeeringConnectionId=pcx)
    one_way = _analyse(consumer, eni, consumer_side["vpce"], 443)
    assert one_way["NetworkPathFound"] is False and "no route back" in one_way["Explanations"][0]["State"]
    ec2.create_route(RouteTableId=main[vpce["VpcId"]], DestinationCidrBlock="10.8.0.0/16", VpcPeeringConnectionId=pcx)
    assert _analyse(consumer, eni, consumer_side["vpce"], 443)["NetworkPathFound"] is True


def test_paths_are_described_and_deleted_after_their_analyses(consumer: Account, consumer_side):
    ec2 = consumer.client("ec2")
    path = ec2.create_network_insights_path(Source=consumer_side["eni"], Destination=consumer_side["vpce"], Protocol="tcp", DestinationPort=443)["NetworkInsightsPath"]
    assert path["SourceArn"].endswith(f":network-interface/{consumer_side['eni']}") and path["DestinationPort"] == 443
    assert ec2.describe_network_insights_paths(NetworkInsightsPathIds=[path["NetworkInsightsPathId"]])["NetworkInsightsPaths"][0]["Protocol"] == "tcp"
    analysis = ec2.start_network_insights_analysis(NetworkInsightsPathId=path["NetworkInsightsPathId"])["NetworkInsightsAnalysis"]
    with pytest.raises(ClientError) as busy:
        ec2.delete_network_insights_path(NetworkInsightsPathId=path["NetworkInsightsPathId"])
    assert busy.value.response["Error"]["Code"] == "DependencyViolation"
    ec2.delete_network_insights_analysis(NetworkInsightsAnalysisId=analysis["NetworkInsightsAnalysisId"])
    ec2.delete_network_insights_path(NetworkInsightsPathId=path["NetworkInsightsPathId"])
    with pytest.raises(ClientError) as gone:
        ec2.describe_network_insights_paths(NetworkInsightsPathIds=[path["NetworkInsightsPathId"]])
    assert gone.value.response["Error"]["Code"] == "InvalidNetworkInsightsPathId.NotFound"
    with pytest.raises(ClientError) as unknown:
        ec2.create_network_insights_path(Source="eni-0123456789abcdef0", Destination=consumer_side["vpce"], Protocol="tcp", DestinationPort=443)
    assert unknown.value.response["Error"]["Code"] == "InvalidParameterValue"
