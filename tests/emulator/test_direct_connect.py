"""The strict emulator's Direct Connect area: gateways and their associations with virtual private gateways, against boto3."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.emulator.conftest import Account


def _code_and_message(excinfo) -> tuple[str, str]:
    return excinfo.value.response["Error"]["Code"], excinfo.value.response["Error"]["Message"]


def test_a_dx_gateway_is_associated_with_an_attached_vgw_advertising_the_vpc_cidr_until_deleted(owner: Account):
    ec2, dx = owner.client("ec2"), owner.client("directconnect")
    vpc = ec2.create_vpc(CidrBlock="10.31.0.0/16")["Vpc"]["VpcId"]
    vgw = ec2.create_vpn_gateway(Type="ipsec.1", AmazonSideAsn=65010)["VpnGateway"]["VpnGatewayId"]
    gateway = dx.create_direct_connect_gateway(directConnectGatewayName="corp", amazonSideAsn=64999)["directConnectGateway"]
    assert gateway["directConnectGatewayState"] == "available" and gateway["ownerAccount"] == owner.id
    dx_id = gateway["directConnectGatewayId"]

    with pytest.raises(ClientError) as excinfo:  # AWS associates only a gateway attached to a VPC
        dx.create_direct_connect_gateway_association(directConnectGatewayId=dx_id, gatewayId=vgw)
    assert _code_and_message(excinfo) == ("DirectConnectClientException", f"Virtual private gateway {vgw} is not attached to a VPC")
    ec2.attach_vpn_gateway(VpcId=vpc, VpnGatewayId=vgw)
    with pytest.raises(ClientError) as excinfo:  # narrower than the VPC CIDR
        dx.create_direct_connect_gateway_association(directConnectGatewayId=dx_id, gatewayId=vgw, addAllowedPrefixesToDirectConnectGateway=[{"cidr": "10.31.0.0/24"}])
    assert "must be the VPC CIDR 10.31.0.0/16 or wider" in _code_and_message(excinfo)[1]

    association = dx.create_direct_connect_gateway_association(directConnectGatewayId=dx_id, gatewayId=vgw, addAllowedPrefixesToDirectConnectGateway=[{"cidr": "10.31.0.0/16"}])[
        "directConnectGatewayAssociation"
    ]
    assert association["associationState"] == "associated"
    assert association["associatedGateway"] == {"id": vgw, "type": "virtualPrivateGateway", "ownerAccount": owner.id, "region": "us-east-1"}
    with pytest.raises(ClientError):  # one association per pair
        dx.create_direct_connect_gateway_association(directConnectGatewayId=dx_id, gatewayId=vgw)
    [found] = dx.describe_direct_connect_gateway_associations(associationId=association["associationId"])["directConnectGatewayAssociations"]
    assert found["allowedPrefixesToDirectConnectGateway"] == [{"cidr": "10.31.0.0/16"}]
    assert dx.describe_direct_connect_gateway_associations(directConnectGatewayId=dx_id, associatedGatewayId="vgw-00000000")["directConnectGatewayAssociations"] == []

    with pytest.raises(ClientError) as excinfo:  # a gateway with associations stays
        dx.delete_direct_connect_gateway(directConnectGatewayId=dx_id)
    assert "has associations" in _code_and_message(excinfo)[1]
    deleted = dx.delete_direct_connect_gateway_association(associationId=association["associationId"])["directConnectGatewayAssociation"]
    assert deleted["associationState"] == "disassociating"
    assert dx.describe_direct_connect_gateway_associations(associationId=association["associationId"])["directConnectGatewayAssociations"] == []
    dx.delete_direct_connect_gateway(directConnectGatewayId=dx_id)
    assert dx.describe_direct_connect_gateways(directConnectGatewayId=dx_id)["directConnectGateways"] == []


def test_a_dx_gateway_of_another_account_is_unknown_to_this_one(owner: Account, consumer: Account):
    dx_id = owner.client("directconnect").create_direct_connect_gateway(directConnectGatewayName="theirs")["directConnectGateway"]["directConnectGatewayId"]
    ec2 = consumer.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.32.0.0/16")["Vpc"]["VpcId"]
    vgw = ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]["VpnGatewayId"]
    ec2.attach_vpn_gateway(VpcId=vpc, VpnGatewayId=vgw)
    with pytest.raises(ClientError) as excinfo:  # AWS: another account's gateway takes an association proposal instead
        consumer.client("directconnect").create_direct_connect_gateway_association(directConnectGatewayId=dx_id, gatewayId=vgw)
    assert _code_and_message(excinfo) == ("DirectConnectClientException", f"Direct Connect Gateway {dx_id} does not exist")
