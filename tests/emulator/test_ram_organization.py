"""RAM within the owner's organization in the strict emulator: no invitation, nothing to accept, the share at once.

An account in the share owner's organization (RAM sharing with AWS
Organizations enabled) gets the share without an invitation; an accept then has
nothing to accept: ``GetResourceShareInvitations`` lists none and
``AcceptResourceShareInvitation`` answers ``ResourceShareInvitationArnNotFoundException``
(https://docs.aws.amazon.com/ram/latest/APIReference/API_AcceptResourceShareInvitation.html;
the provider's accepter fails on it: "No pending RAM Resource Share invitation found",
hashicorp/terraform-provider-aws internal/service/ram/resource_share_accepter.go). This
is the refusal a module that sets an accepter for an in-organization consumer meets
(issue 23, review D9). The member account is created in the owner's organization
(moto gives it a random ID) and reached through ``sts:AssumeRole`` like the others; its
own module-scoped emulator keeps the organization out of the other RAM tests.
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.emulator.conftest import OWNER, REGION
from tests.emulator.test_lattice import configuration, error_code, gateway, resource_endpoint, share


@pytest.fixture(scope="module")
def member(owner, assume):
    """An account of the owner's organization."""
    organizations = owner.client("organizations")
    organizations.create_organization(FeatureSet="ALL")
    status = organizations.create_account(Email="member@example.com", AccountName="member")["CreateAccountStatus"]
    return assume(status["AccountId"])


def test_an_account_in_the_organization_gets_the_share_without_an_invitation_and_cannot_accept_one(owner, member):
    made, _ = gateway(owner, "10.50.0.0/16")
    config = configuration(owner, made["id"])
    arn = share(owner, config["arn"], [member.id], external=False)
    ram = member.client("ram")
    assert ram.get_resource_share_invitations(resourceShareArns=[arn])["resourceShareInvitations"] == []
    with pytest.raises(ClientError) as refused:
        ram.accept_resource_share_invitation(resourceShareInvitationArn=f"arn:aws:ram:{REGION}:{OWNER}:resource-share-invitation/00000000-0000-0000-0000-000000000000")
    assert error_code(refused) == "ResourceShareInvitationArnNotFoundException"
    [seen] = ram.get_resource_shares(resourceOwner="OTHER-ACCOUNTS", resourceShareArns=[arn])["resourceShares"]
    assert (seen["owningAccountId"], seen["status"]) == (OWNER, "ACTIVE")
    assert resource_endpoint(member, config["arn"])["State"] == "available"
