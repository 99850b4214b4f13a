"""RAM invitations across accounts in the strict emulator: the owner 111111111111 shares with 222222222222,
outside any organization, which must accept before it can use the share; 333333333333 is a stranger."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.emulator.conftest import CONSUMER, OWNER, THIRD
from tests.emulator.test_lattice import accept, configuration, error_code, gateway, resource_endpoint, share


def principal_status(owner, arn: str, principal: str) -> str:
    [association] = owner.client("ram").get_resource_share_associations(associationType="PRINCIPAL", resourceShareArns=[arn], principal=principal)[
        "resourceShareAssociations"
    ]
    return association["status"]


def test_an_account_outside_the_organization_gets_a_pending_invitation_and_the_share_only_once_it_accepts(owner, consumer):
    made, _ = gateway(owner, "10.40.0.0/16")
    config = configuration(owner, made["id"])
    arn = share(owner, config["arn"], [CONSUMER])
    ram = consumer.client("ram")
    [invitation] = ram.get_resource_share_invitations(resourceShareArns=[arn])["resourceShareInvitations"]
    assert (invitation["status"], invitation["senderAccountId"], invitation["receiverAccountId"]) == ("PENDING", OWNER, CONSUMER)
    assert invitation["resourceShareInvitationArn"].startswith(f"arn:aws:ram:us-east-1:{OWNER}:resource-share-invitation/")
    assert principal_status(owner, arn, CONSUMER) == "ASSOCIATING"
    # Pending: the share is not the consumer's to see or use.
    assert ram.get_resource_shares(resourceOwner="OTHER-ACCOUNTS", resourceShareArns=[arn])["resourceShares"] == []
    assert ram.list_resources(resourceOwner="OTHER-ACCOUNTS", resourceShareArns=[arn])["resources"] == []
    with pytest.raises(ClientError) as excinfo:
        resource_endpoint(consumer, config["arn"])
    assert error_code(excinfo) == "InvalidParameter"

    accepted = ram.accept_resource_share_invitation(resourceShareInvitationArn=invitation["resourceShareInvitationArn"])["resourceShareInvitation"]
    assert accepted["status"] == "ACCEPTED"
    [read] = ram.get_resource_share_invitations(resourceShareInvitationArns=[invitation["resourceShareInvitationArn"]])["resourceShareInvitations"]
    assert read["status"] == "ACCEPTED"
    assert principal_status(owner, arn, CONSUMER) == "ASSOCIATED"
    [seen] = ram.get_resource_shares(resourceOwner="OTHER-ACCOUNTS", resourceShareArns=[arn])["resourceShares"]
    assert (seen["owningAccountId"], seen["status"]) == (OWNER, "ACTIVE")
    [resource] = ram.list_resources(resourceOwner="OTHER-ACCOUNTS", resourceShareArns=[arn])["resources"]
    assert (resource["arn"], resource["type"]) == (config["arn"], "vpc-lattice:ResourceConfiguration")
    assert ram.get_resource_shares(resourceOwner="SELF", resourceShareArns=[arn])["resourceShares"] == []
    endpoint = resource_endpoint(consumer, config["arn"])
    assert endpoint["State"] == "available"
    consumer.client("ec2").delete_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])
    with pytest.raises(ClientError) as excinfo:
        ram.accept_resource_share_invitation(resourceShareInvitationArn=invitation["resourceShareInvitationArn"])
    assert error_code(excinfo) == "ResourceShareInvitationAlreadyAcceptedException"


def test_only_the_invitee_sees_and_accepts_its_invitation(owner, consumer, third):
    made, _ = gateway(owner, "10.41.0.0/16")
    config = configuration(owner, made["id"])
    arn = share(owner, config["arn"], [CONSUMER])
    [invitation] = consumer.client("ram").get_resource_share_invitations(resourceShareArns=[arn])["resourceShareInvitations"]
    for other in (third, owner):
        ram = other.client("ram")
        assert ram.get_resource_share_invitations(resourceShareArns=[arn])["resourceShareInvitations"] == []
        with pytest.raises(ClientError) as excinfo:
            ram.accept_resource_share_invitation(resourceShareInvitationArn=invitation["resourceShareInvitationArn"])
        assert error_code(excinfo) == "ResourceShareInvitationArnNotFoundException"
        with pytest.raises(ClientError) as excinfo:
            ram.get_resource_share_invitations(resourceShareInvitationArns=[invitation["resourceShareInvitationArn"]])
        assert error_code(excinfo) == "ResourceShareInvitationArnNotFoundException"
    assert principal_status(owner, arn, CONSUMER) == "ASSOCIATING"


def test_a_service_network_endpoint_needs_the_network_share_accepted(owner, consumer):
    network = owner.client("vpc-lattice").create_service_network(name="invited-network", authType="NONE")
    arn = share(owner, network["arn"], [CONSUMER])
    with pytest.raises(ClientError) as excinfo:
        resource_endpoint(consumer, network["arn"], "ServiceNetwork")
    assert error_code(excinfo) == "InvalidParameter"
    accept(consumer, arn)
    endpoint = resource_endpoint(consumer, network["arn"], "ServiceNetwork")
    assert endpoint["ServiceNetworkArn"] == network["arn"]
    consumer.client("ec2").delete_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])


def test_the_invitee_leaves_the_share_and_loses_it(owner, consumer, third):
    made, _ = gateway(owner, "10.42.0.0/16")
    config = configuration(owner, made["id"])
    arn = share(owner, config["arn"], [CONSUMER, THIRD])
    accept(consumer, arn)
    ram = consumer.client("ram")
    # Leaving names the invitee's own account only, as aws_ram_resource_share_accepter's delete does.
    with pytest.raises(ClientError) as excinfo:
        ram.disassociate_resource_share(resourceShareArn=arn, principals=[THIRD])
    assert error_code(excinfo) == "OperationNotPermittedException"
    with pytest.raises(ClientError) as excinfo:  # a share it never accepted is not the stranger's to leave
        third.client("ram").disassociate_resource_share(resourceShareArn=arn, principals=[THIRD])
    assert error_code(excinfo) == "UnknownResourceException"
    [left] = ram.disassociate_resource_share(resourceShareArn=arn, principals=[CONSUMER])["resourceShareAssociations"]
    assert (left["associatedEntity"], left["status"]) == (CONSUMER, "DISASSOCIATING")
    assert ram.get_resource_shares(resourceOwner="OTHER-ACCOUNTS", resourceShareArns=[arn])["resourceShares"] == []
    assert ram.get_resource_share_invitations(resourceShareArns=[arn])["resourceShareInvitations"] == []
    with pytest.raises(ClientError) as excinfo:
        resource_endpoint(consumer, config["arn"])
    assert error_code(excinfo) == "InvalidParameter"
    principals = owner.client("ram").get_resource_share_associations(associationType="PRINCIPAL", resourceShareArns=[arn])["resourceShareAssociations"]
    assert [a["associatedEntity"] for a in principals] == [THIRD]
    # Leaving again, or the owner removing a principal that left: unknown, which the provider's deletes take as gone.
    with pytest.raises(ClientError) as excinfo:
        ram.disassociate_resource_share(resourceShareArn=arn, principals=[CONSUMER])
    assert error_code(excinfo) == "UnknownResourceException"
    with pytest.raises(ClientError) as excinfo:
        owner.client("ram").disassociate_resource_share(resourceShareArn=arn, principals=[CONSUMER])
    assert error_code(excinfo) == "UnknownResourceException"


def test_the_owner_removing_the_principal_withdraws_the_invitation_and_a_new_association_invites_again(owner, consumer):
    made, _ = gateway(owner, "10.43.0.0/16")
    config = configuration(owner, made["id"])
    arn = share(owner, config["arn"], [CONSUMER])
    first = accept(consumer, arn)
    ram = owner.client("ram")
    ram.disassociate_resource_share(resourceShareArn=arn, principals=[CONSUMER])
    assert consumer.client("ram").get_resource_share_invitations(resourceShareArns=[arn])["resourceShareInvitations"] == []
    ram.associate_resource_share(resourceShareArn=arn, principals=[CONSUMER])
    [again] = consumer.client("ram").get_resource_share_invitations(resourceShareArns=[arn])["resourceShareInvitations"]
    assert again["status"] == "PENDING" and again["resourceShareInvitationArn"] != first["resourceShareInvitationArn"]
    assert principal_status(owner, arn, CONSUMER) == "ASSOCIATING"
