"""The strict emulator's VPC Lattice resource-access area against boto3, with accounts 111111111111 (owner),
222222222222 (consumer) and 333333333333 (a stranger), each reached through sts:AssumeRole."""

from __future__ import annotations

import itertools

import pytest
from botocore.exceptions import ClientError

from tests.emulator.conftest import CONSUMER, OWNER, THIRD, Account, subnet

_names = itertools.count()


def error_code(excinfo) -> str:
    return excinfo.value.response["Error"]["Code"]


def gateway(account: Account, cidr: str = "10.20.0.0/16") -> tuple[dict, str]:
    """A resource gateway in a new VPC of ``account`` (and its security group)."""
    vpc, sub = subnet(account, cidr)
    group = account.client("ec2").create_security_group(GroupName=f"rgw-{next(_names)}", Description="gateway", VpcId=vpc)["GroupId"]
    made = account.client("vpc-lattice").create_resource_gateway(
        name=f"gateway-{next(_names)}", vpcIdentifier=vpc, subnetIds=[sub], securityGroupIds=[group], ipAddressType="IPV4"
    )
    return made, group


def configuration(account: Account, gateway_id: str, shareable: bool = False, ports: tuple[str, ...] = ("5432",)) -> dict:
    return account.client("vpc-lattice").create_resource_configuration(
        name=f"postgres-{next(_names)}",
        type="SINGLE",
        resourceGatewayIdentifier=gateway_id,
        portRanges=list(ports),
        protocol="TCP",
        resourceConfigurationDefinition={"ipResource": {"ipAddress": "192.168.20.15"}},
        allowAssociationToShareableServiceNetwork=shareable,
    )


def share(account: Account, arn: str, principals: list[str], external: bool = True) -> str:
    ram = account.client("ram")
    made = ram.create_resource_share(name=f"share-{next(_names)}", allowExternalPrincipals=external)["resourceShare"]["resourceShareArn"]
    ram.associate_resource_share(resourceShareArn=made, resourceArns=[arn])
    if principals:
        ram.associate_resource_share(resourceShareArn=made, principals=principals)
    return made


def accept(account: Account, share_arn: str) -> dict:
    """``account`` accepts its pending invitation to ``share_arn`` (an account outside the owner's organization must)."""
    ram = account.client("ram")
    [invitation] = ram.get_resource_share_invitations(resourceShareArns=[share_arn])["resourceShareInvitations"]
    return ram.accept_resource_share_invitation(resourceShareInvitationArn=invitation["resourceShareInvitationArn"])["resourceShareInvitation"]


def resource_endpoint(account: Account, arn: str, kind: str = "Resource") -> dict:
    vpc, sub = subnet(account, "10.21.0.0/16")
    argument = {"Resource": "ResourceConfigurationArn", "ServiceNetwork": "ServiceNetworkArn"}[kind]
    return account.client("ec2").create_vpc_endpoint(VpcId=vpc, VpcEndpointType=kind, SubnetIds=[sub], **{argument: arn})["VpcEndpoint"]


def test_a_gateway_and_configuration_are_active_and_read_back_as_created(owner):
    made, group = gateway(owner)
    lattice = owner.client("vpc-lattice")
    read = lattice.get_resource_gateway(resourceGatewayIdentifier=made["arn"])
    assert (read["status"], read["securityGroupIds"], read["ipAddressType"]) == ("ACTIVE", [group], "IPV4")
    assert read["arn"] == f"arn:aws:vpc-lattice:us-east-1:{OWNER}:resourcegateway/{made['id']}"
    config = configuration(owner, made["id"], ports=("443", "8443-8444"))
    got = lattice.get_resource_configuration(resourceConfigurationIdentifier=config["id"])
    assert (got["status"], got["resourceGatewayId"], got["portRanges"]) == ("ACTIVE", made["id"], ["443", "8443-8444"])
    assert got["resourceConfigurationDefinition"] == {"ipResource": {"ipAddress": "192.168.20.15"}}
    lattice.update_resource_configuration(resourceConfigurationIdentifier=config["id"], portRanges=["443"])
    assert lattice.get_resource_configuration(resourceConfigurationIdentifier=config["arn"])["portRanges"] == ["443"]


def test_a_gateway_needs_subnets_and_groups_of_its_vpc(owner):
    vpc, sub = subnet(owner, "10.22.0.0/16")
    _, other = subnet(owner, "10.23.0.0/16")
    lattice = owner.client("vpc-lattice")
    with pytest.raises(ClientError) as excinfo:
        lattice.create_resource_gateway(name="wrong-subnet", vpcIdentifier=vpc, subnetIds=[sub, other])
    assert error_code(excinfo) == "ValidationException"
    with pytest.raises(ClientError) as excinfo:
        lattice.create_resource_gateway(name="no-vpc", vpcIdentifier="vpc-0123456789abcdef0", subnetIds=[sub])
    assert error_code(excinfo) == "ValidationException"


def test_bad_port_ranges_and_definitions_are_refused(owner):
    made, _ = gateway(owner, "10.24.0.0/16")
    for ports in (("0",), ("70000",), ("9000-8000",)):
        with pytest.raises(ClientError) as excinfo:
            configuration(owner, made["id"], ports=ports)
        assert error_code(excinfo) == "ValidationException", ports
    with pytest.raises(ClientError) as excinfo:  # a SINGLE configuration without a definition
        owner.client("vpc-lattice").create_resource_configuration(name="no-definition", type="SINGLE", resourceGatewayIdentifier=made["id"], portRanges=["443"])
    assert error_code(excinfo) == "ValidationException"


def test_what_is_in_use_cannot_be_deleted(owner):
    made, _ = gateway(owner, "10.25.0.0/16")
    config = configuration(owner, made["id"])
    lattice = owner.client("vpc-lattice")
    with pytest.raises(ClientError) as excinfo:
        lattice.delete_resource_gateway(resourceGatewayIdentifier=made["id"])
    assert error_code(excinfo) == "ConflictException"
    endpoint = resource_endpoint(owner, config["arn"])
    with pytest.raises(ClientError) as excinfo:
        lattice.delete_resource_configuration(resourceConfigurationIdentifier=config["id"])
    assert error_code(excinfo) == "ConflictException"
    owner.client("ec2").delete_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])
    lattice.delete_resource_configuration(resourceConfigurationIdentifier=config["id"])
    lattice.delete_resource_gateway(resourceGatewayIdentifier=made["id"])
    with pytest.raises(ClientError) as excinfo:
        lattice.get_resource_gateway(resourceGatewayIdentifier=made["id"])
    assert error_code(excinfo) == "ResourceNotFoundException"


def test_a_resource_endpoint_reaches_only_a_configuration_shared_with_its_account(owner, consumer, third):
    made, _ = gateway(owner, "10.26.0.0/16")
    config = configuration(owner, made["id"])
    with pytest.raises(ClientError) as excinfo:
        resource_endpoint(consumer, config["arn"])
    assert error_code(excinfo) == "InvalidParameter"
    accept(consumer, share(owner, config["arn"], [CONSUMER]))
    endpoint = resource_endpoint(consumer, config["arn"])
    assert (endpoint["VpcEndpointType"], endpoint["State"], endpoint["ResourceConfigurationArn"]) == ("Resource", "available", config["arn"])
    assert len(endpoint["NetworkInterfaceIds"]) == 1
    with pytest.raises(ClientError) as excinfo:
        resource_endpoint(third, config["arn"])
    assert error_code(excinfo) == "InvalidParameter"
    # The consumer's endpoint keeps the owner's configuration in use.
    with pytest.raises(ClientError) as excinfo:
        owner.client("vpc-lattice").delete_resource_configuration(resourceConfigurationIdentifier=config["id"])
    assert error_code(excinfo) == "ConflictException"
    ec2 = consumer.client("ec2")
    ec2.delete_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])
    enis = {e["NetworkInterfaceId"] for e in ec2.describe_network_interfaces()["NetworkInterfaces"]}
    assert not enis & set(endpoint["NetworkInterfaceIds"])


def test_a_resource_endpoint_is_named_by_its_one_association_the_same_on_every_read(owner):
    """The name a consumer's private zone aliases: the association's DnsEntry (the endpoint's own DnsEntries are for Interface endpoints)."""
    made, _ = gateway(owner, "10.27.0.0/16")
    config = configuration(owner, made["id"])
    endpoint = resource_endpoint(owner, config["arn"])
    ec2 = owner.client("ec2")
    first, again = (ec2.describe_vpc_endpoint_associations(VpcEndpointIds=[endpoint["VpcEndpointId"]])["VpcEndpointAssociations"] for _ in range(2))
    assert first == again and len(first) == 1
    (association,) = first
    assert (association["VpcEndpointId"], association["AssociatedResourceArn"]) == (endpoint["VpcEndpointId"], config["arn"])
    name = association["DnsEntry"]["DnsName"]
    assert name.startswith(endpoint["VpcEndpointId"] + "-snra-") and name.endswith(".vpc-lattice-rsc.us-east-1.on.aws") and config["id"] in name
    ec2.delete_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])
    with pytest.raises(ClientError) as excinfo:
        ec2.describe_vpc_endpoint_associations(VpcEndpointIds=["vpce-0123456789abcdef0"])
    assert error_code(excinfo) == "InvalidVpcEndpointId.NotFound"


def test_a_service_network_endpoint_needs_the_network_shared_and_the_network_its_associations_gone(owner, consumer):
    made, _ = gateway(owner, "10.27.0.0/16")
    lattice = owner.client("vpc-lattice")
    network = lattice.create_service_network(name=f"shared-{next(_names)}", authType="NONE")
    accept(consumer, share(owner, network["arn"], [CONSUMER]))
    closed = configuration(owner, made["id"], shareable=False)
    with pytest.raises(ClientError) as excinfo:
        lattice.create_service_network_resource_association(resourceConfigurationIdentifier=closed["id"], serviceNetworkIdentifier=network["id"])
    assert error_code(excinfo) == "ValidationException"
    config = configuration(owner, made["id"], shareable=True)
    association = lattice.create_service_network_resource_association(resourceConfigurationIdentifier=config["id"], serviceNetworkIdentifier=network["id"])
    listed = lattice.list_service_network_resource_associations(serviceNetworkIdentifier=network["id"])["items"]
    assert [(a["id"], a["resourceConfigurationArn"]) for a in listed] == [(association["id"], config["arn"])]
    endpoint = resource_endpoint(consumer, network["arn"], "ServiceNetwork")
    assert (endpoint["VpcEndpointType"], endpoint["ServiceNetworkArn"]) == ("ServiceNetwork", network["arn"])
    consumer.client("ec2").delete_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])
    with pytest.raises(ClientError) as excinfo:
        lattice.delete_service_network(serviceNetworkIdentifier=network["id"])
    assert error_code(excinfo) == "ConflictException"
    lattice.delete_service_network_resource_association(serviceNetworkResourceAssociationIdentifier=association["id"])
    lattice.delete_service_network(serviceNetworkIdentifier=network["id"])
    assert network["id"] not in {n["id"] for n in lattice.list_service_networks()["items"]}


def test_ram_associations_are_listed_external_and_removed(owner):
    made, _ = gateway(owner, "10.28.0.0/16")
    config = configuration(owner, made["id"])
    ram = owner.client("ram")
    arn = share(owner, config["arn"], [CONSUMER, THIRD])
    principals = ram.get_resource_share_associations(associationType="PRINCIPAL", resourceShareArns=[arn])["resourceShareAssociations"]
    # Accounts outside the organization stay ASSOCIATING until they accept their invitations (test_ram.py).
    assert sorted((a["associatedEntity"], a["status"], a["external"]) for a in principals) == [(CONSUMER, "ASSOCIATING", True), (THIRD, "ASSOCIATING", True)]
    [resource] = ram.get_resource_share_associations(associationType="RESOURCE", resourceShareArns=[arn])["resourceShareAssociations"]
    assert resource["associatedEntity"] == config["arn"]
    [permission] = ram.list_resource_share_permissions(resourceShareArn=arn)["permissions"]
    assert permission["permissionType"] == "AWS_MANAGED"
    [found] = ram.get_resource_shares(resourceOwner="SELF", resourceShareArns=[arn])["resourceShares"]
    assert found["resourceShareArn"] == arn
    ram.disassociate_resource_share(resourceShareArn=arn, principals=[THIRD])
    left = ram.get_resource_share_associations(associationType="PRINCIPAL", resourceShareArns=[arn])["resourceShareAssociations"]
    assert [a["associatedEntity"] for a in left] == [CONSUMER]
    with pytest.raises(ClientError) as excinfo:
        ram.disassociate_resource_share(resourceShareArn=arn, principals=[THIRD])
    assert error_code(excinfo) == "UnknownResourceException"


def test_a_share_without_external_principals_takes_no_account_outside_the_organization(owner):
    made, _ = gateway(owner, "10.29.0.0/16")
    config = configuration(owner, made["id"])
    with pytest.raises(ClientError) as excinfo:
        share(owner, config["arn"], [CONSUMER], external=False)
    assert error_code(excinfo) == "OperationNotPermittedException"


def test_only_the_owner_shares_a_resource(owner, consumer):
    made, _ = gateway(owner, "10.30.0.0/16")
    config = configuration(owner, made["id"])
    ram = consumer.client("ram")
    arn = ram.create_resource_share(name="not-mine", allowExternalPrincipals=True)["resourceShare"]["resourceShareArn"]
    with pytest.raises(ClientError) as excinfo:
        ram.associate_resource_share(resourceShareArn=arn, resourceArns=[config["arn"]])
    assert error_code(excinfo) == "UnknownResourceException"


def test_an_arn_resource_configuration_takes_neither_protocol_nor_port_ranges(owner):
    """CreateResourceConfiguration: ``protocol`` is (SINGLE, GROUP), ``portRanges`` (SINGLE, GROUP, CHILD); an ARN resource brings its own.

    https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateResourceConfiguration.html (the provider refuses
    the combination at plan: internal/service/vpclattice/resource_configuration.go, ``arn_resource`` ConflictsWith).
    """
    made, _ = gateway(owner, "10.26.0.0/16")
    lattice = owner.client("vpc-lattice")
    rds = {"arnResource": {"arn": f"arn:aws:rds:us-east-1:{OWNER}:cluster:orders"}}
    for extra in ({"protocol": "TCP"}, {"portRanges": ["5432"]}, {"protocol": "TCP", "portRanges": ["5432"]}):
        with pytest.raises(ClientError) as refused:
            lattice.create_resource_configuration(
                name=f"orders-{next(_names)}", type="ARN", resourceGatewayIdentifier=made["id"], resourceConfigurationDefinition=rds, **extra
            )
        assert error_code(refused) == "ValidationException", extra
    with pytest.raises(ClientError) as single:
        lattice.create_resource_configuration(
            name=f"orders-{next(_names)}", type="SINGLE", resourceGatewayIdentifier=made["id"], portRanges=["5432"], protocol="TCP", resourceConfigurationDefinition=rds
        )
    assert error_code(single) == "ValidationException"
    config = lattice.create_resource_configuration(name=f"orders-{next(_names)}", type="ARN", resourceGatewayIdentifier=made["id"], resourceConfigurationDefinition=rds)
    got = lattice.get_resource_configuration(resourceConfigurationIdentifier=config["id"])
    assert (got["type"], got["status"], got["resourceConfigurationDefinition"]) == ("ARN", "ACTIVE", rds)
