"""The live resource-access proof fails where the emulator's state breaks a path (no Terraform: state built with boto3).

``test_apply.py`` shows the proof passing on applied modules; this shows each
hop it relies on can fail: a missing ingress rule, a missing endpoint, a share
that does not name the consumer's account or that it has not accepted, a configuration that no longer
offers the port.
"""

from __future__ import annotations

import pytest

from plgen.paths.proof import FAIL, PASS
from plgen.paths.adapters.live import Live, prove_live_resources
from tests.apply.test_units_apply import PIPELINE, Account, Organisation
from tests.emulator import start_emulator, stop_emulator

REGION = "us-east-1"
ACCOUNT = "123456789012"  # moto's account for the default credentials
HOPS = ["source", "endpoint", "security group", "share", "gateway", "resource"]


@pytest.fixture
def world():
    """A provider VPC with a resource gateway and one configuration (an IP in the VPC), a consumer VPC with a resource endpoint."""
    server = start_emulator()
    try:
        ec2, lattice = server.client("ec2", REGION), server.client("vpc-lattice", REGION)

        def vpc(name: str, cidr: str) -> tuple[str, str]:
            vpc_id = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=[{"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": name}]}])["Vpc"]["VpcId"]
            sub = ec2.create_subnet(VpcId=vpc_id, CidrBlock=cidr.replace("/16", "/24"), AvailabilityZone=f"{REGION}a")["Subnet"]["SubnetId"]
            ec2.associate_route_table(RouteTableId=ec2.create_route_table(VpcId=vpc_id)["RouteTable"]["RouteTableId"], SubnetId=sub)
            return vpc_id, sub

        pvpc, psub = vpc("db", "10.70.0.0/16")
        gw_group = ec2.create_security_group(GroupName="gw", Description="gateway", VpcId=pvpc)["GroupId"]
        ec2.authorize_security_group_egress(
            GroupId=gw_group, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "10.70.0.0/24"}]}]
        )
        gateway = lattice.create_resource_gateway(name="db-gateway", vpcIdentifier=pvpc, subnetIds=[psub], securityGroupIds=[gw_group], ipAddressType="IPV4")
        config = lattice.create_resource_configuration(
            name="db-postgres",
            type="SINGLE",
            resourceGatewayIdentifier=gateway["id"],
            portRanges=["5432"],
            protocol="TCP",
            resourceConfigurationDefinition={"ipResource": {"ipAddress": "10.70.0.10"}},
        )
        cvpc, csub = vpc("app", "10.71.0.0/16")
        group = ec2.create_security_group(GroupName="endpoint", Description="endpoint", VpcId=cvpc)["GroupId"]
        rule = ec2.authorize_security_group_ingress(
            GroupId=group, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "10.71.0.0/16"}]}]
        )["SecurityGroupRules"][0]["SecurityGroupRuleId"]
        endpoint = ec2.create_vpc_endpoint(
            VpcId=cvpc, VpcEndpointType="Resource", ResourceConfigurationArn=config["arn"], SubnetIds=[csub], SecurityGroupIds=[group]
        )
        data = {
            "resource_providers": {
                "db": {
                    "account_id": ACCOUNT,
                    "region": REGION,
                    "vpc": {"cidr": "10.70.0.0/16"},
                    "on_premises": None,
                    "resource_gateway": {"name": "db-gateway"},
                    "resources": {"postgres": {"name": "db-postgres", "port_ranges": ["5432"], "in_service_network": False}},
                    "service_network": None,
                }
            },
            "resource_consumers": {
                "app": {
                    "account_id": ACCOUNT,
                    "region": REGION,
                    "vpc": {"cidr": "10.71.0.0/16"},
                    "resource_endpoints": {
                        "db/postgres": {
                            "provider": "db",
                            "resource": "postgres",
                            "ports": [{"from_port": 5432, "to_port": 5432}],
                            "allowed_cidrs": ["10.71.0.0/16"],
                        }
                    },
                    "service_network_endpoint": None,
                }
            },
        }
        yield server, data, {"rule": rule, "group": group, "endpoint": endpoint["VpcEndpoint"]["VpcEndpointId"], "config": config}
    finally:
        stop_emulator(server)


def prove(server, data):
    [path] = prove_live_resources(Live(server, regions=(REGION,)), data)
    return path


def test_the_path_passes_every_hop_on_intact_state(world):
    server, data, _ = world
    path = prove(server, data)
    assert (path.consumer, path.endpoint, path.listener) == ("app", "db/postgres", "5432/TCP")
    assert [(h.name, h.status) for h in path.hops] == [(name, PASS) for name in HOPS], path.as_json()


def test_a_missing_ingress_rule_fails_the_security_group_hop(world):
    server, data, made = world
    server.client("ec2", REGION).revoke_security_group_ingress(GroupId=made["group"], SecurityGroupRuleIds=[made["rule"]])
    path = prove(server, data)
    assert [h.name for h in path.hops] == HOPS[:3] and path.hops[-1].status == FAIL
    assert "does not admit 10.71.0.0/16 on tcp/5432" in path.hops[-1].reason


def test_a_deleted_endpoint_fails_the_endpoint_hop(world):
    server, data, made = world
    server.client("ec2", REGION).delete_vpc_endpoints(VpcEndpointIds=[made["endpoint"]])
    path = prove(server, data)
    assert [(h.name, h.status) for h in path.hops] == [("source", PASS), ("endpoint", FAIL)]


def test_another_account_needs_a_share_naming_it(world):
    server, data, made = world
    data["resource_consumers"]["app"]["account_id"] = "222222222222"
    path = prove(server, data)
    assert path.hops[-1].name == "share" and path.hops[-1].status == FAIL and "names account 222222222222" in path.hops[-1].reason
    ram = server.client("ram", REGION)
    share = ram.create_resource_share(name="db", allowExternalPrincipals=True)["resourceShare"]["resourceShareArn"]
    ram.associate_resource_share(resourceShareArn=share, resourceArns=[made["config"]["arn"]], principals=["222222222222"])
    path = prove(server, data)  # shared outside the organization: ASSOCIATING until the account accepts
    assert path.hops[-1].name == "share" and path.hops[-1].status == FAIL and "has not accepted" in path.hops[-1].reason
    consumer = Account(server, "222222222222")
    ram = consumer.client("ram", REGION)
    [invitation] = ram.get_resource_share_invitations(resourceShareArns=[share])["resourceShareInvitations"]
    ram.accept_resource_share_invitation(resourceShareInvitationArn=invitation["resourceShareInvitationArn"])
    both = Live(Organisation([Account(server, PIPELINE), consumer]), regions=(REGION,))
    [path] = prove_live_resources(both, data)
    assert [(h.name, h.status) for h in path.hops] == [(name, PASS) for name in HOPS], path.as_json()
    assert "which accepted its invitation" in path.hops[3].reason


def test_a_port_the_configuration_no_longer_offers_fails_the_gateway_hop(world):
    server, data, made = world
    server.client("vpc-lattice", REGION).update_resource_configuration(resourceConfigurationIdentifier=made["config"]["id"], portRanges=["6432"])
    path = prove(server, data)
    assert path.hops[-1].name == "gateway" and path.hops[-1].status == FAIL and "offers ['6432']" in path.hops[-1].reason
