"""The strict emulator's private DNS verification: pending until a public TXT record proves the domain."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.emulator.conftest import REGION, Account, endpoint_service, subnet


def configuration(account: Account, service_id: str) -> dict:
    [found] = account.client("ec2").describe_vpc_endpoint_service_configurations(ServiceIds=[service_id])["ServiceConfigurations"]
    return found["PrivateDnsNameConfiguration"]


def txt(account: Account, zone_id: str, name: str, value: str) -> None:
    account.client("route53").change_resource_record_sets(
        HostedZoneId=zone_id,
        ChangeBatch={"Changes": [{"Action": "UPSERT", "ResourceRecordSet": {"Name": name, "Type": "TXT", "TTL": 1800, "ResourceRecords": [{"Value": f'"{value}"'}]}}]},
    )


def test_a_new_private_dns_name_is_pending_with_a_record_of_its_own(owner: Account):
    first = endpoint_service(owner, private_dns_name="api.one.plgen.test")
    second = endpoint_service(owner, private_dns_name="api.two.plgen.test")
    a, b = configuration(owner, first["ServiceId"]), configuration(owner, second["ServiceId"])
    assert a["State"] == b["State"] == "pendingVerification"
    assert a["Type"] == "TXT" and a["Name"].startswith("_") and a["Value"].startswith("vpce:")
    assert (a["Name"], a["Value"]) != (b["Name"], b["Value"])
    assert configuration(owner, first["ServiceId"]) == a  # stable between reads


def test_the_txt_record_in_a_public_zone_of_a_parent_domain_verifies_the_name(owner: Account):
    service = endpoint_service(owner, private_dns_name="billing.parent.plgen.test")
    config = configuration(owner, service["ServiceId"])
    zone = owner.client("route53").create_hosted_zone(Name="parent.plgen.test", CallerReference="parent-1")["HostedZone"]["Id"]
    txt(owner, zone, f"{config['Name']}.parent.plgen.test", config["Value"])
    assert owner.client("ec2").start_vpc_endpoint_service_private_dns_verification(ServiceId=service["ServiceId"])["ReturnValue"] is True
    assert configuration(owner, service["ServiceId"])["State"] == "verified"


@pytest.mark.parametrize("where", ["no record", "wrong value", "private zone", "unrelated domain"])
def test_verification_fails_without_the_right_public_record(owner: Account, where: str):
    name = f"svc.{where.replace(' ', '-')}.plgen.test"
    service = endpoint_service(owner, private_dns_name=name)
    config = configuration(owner, service["ServiceId"])
    route53 = owner.client("route53")
    domain = name.partition(".")[2]
    if where == "private zone":
        vpc, _ = subnet(owner, "10.40.0.0/16")
        zone = route53.create_hosted_zone(Name=domain, CallerReference=f"v-{where}", VPC={"VPCRegion": REGION, "VPCId": vpc})["HostedZone"]["Id"]
        txt(owner, zone, f"{config['Name']}.{domain}", config["Value"])
    elif where == "wrong value":
        zone = route53.create_hosted_zone(Name=domain, CallerReference=f"v-{where}")["HostedZone"]["Id"]
        txt(owner, zone, f"{config['Name']}.{domain}", "vpce:somethingelse")
    elif where == "unrelated domain":
        zone = route53.create_hosted_zone(Name="elsewhere.plgen.test", CallerReference=f"v-{where}")["HostedZone"]["Id"]
        txt(owner, zone, f"{config['Name']}.elsewhere.plgen.test", config["Value"])
    owner.client("ec2").start_vpc_endpoint_service_private_dns_verification(ServiceId=service["ServiceId"])
    assert configuration(owner, service["ServiceId"])["State"] == "failed"


def test_only_the_owner_starts_a_verification_and_only_of_a_name(owner: Account, consumer: Account):
    service = endpoint_service(owner, private_dns_name="api.owner.plgen.test")
    with pytest.raises(ClientError) as excinfo:
        consumer.client("ec2").start_vpc_endpoint_service_private_dns_verification(ServiceId=service["ServiceId"])
    assert excinfo.value.response["Error"]["Code"] == "InvalidVpcEndpointServiceId.NotFound"
    bare = endpoint_service(owner)
    with pytest.raises(ClientError) as excinfo:
        owner.client("ec2").start_vpc_endpoint_service_private_dns_verification(ServiceId=bare["ServiceId"])
    assert excinfo.value.response["Error"]["Code"] == "InvalidParameter"


def test_a_new_name_is_pending_again_with_a_new_record(owner: Account):
    service = endpoint_service(owner, private_dns_name="old.rename.plgen.test")
    before = configuration(owner, service["ServiceId"])
    owner.client("ec2").modify_vpc_endpoint_service_configuration(ServiceId=service["ServiceId"], PrivateDnsName="new.rename.plgen.test")
    after = configuration(owner, service["ServiceId"])
    assert after["State"] == "pendingVerification" and after["Name"] != before["Name"]


def test_a_name_removed_and_set_again_by_hand_is_pending_until_verified_again(owner: Account):
    service = endpoint_service(owner, private_dns_name="api.again.plgen.test")
    ec2, sid = owner.client("ec2"), service["ServiceId"]
    zone = owner.client("route53").create_hosted_zone(Name="again.plgen.test", CallerReference="again")["HostedZone"]["Id"]
    first = configuration(owner, sid)
    txt(owner, zone, f"{first['Name']}.api.again.plgen.test", first["Value"])
    ec2.start_vpc_endpoint_service_private_dns_verification(ServiceId=sid)
    assert configuration(owner, sid)["State"] == "verified"

    ec2.modify_vpc_endpoint_service_configuration(ServiceId=sid, RemovePrivateDnsName=True)
    [bare] = ec2.describe_vpc_endpoint_service_configurations(ServiceIds=[sid])["ServiceConfigurations"]
    assert not bare.get("PrivateDnsName") and not bare.get("PrivateDnsNameConfiguration")
    ec2.modify_vpc_endpoint_service_configuration(ServiceId=sid, PrivateDnsName="api.again.plgen.test")
    again = configuration(owner, sid)
    assert again["State"] == "pendingVerification" and (again["Name"], again["Value"]) != (first["Name"], first["Value"])

    ec2.start_vpc_endpoint_service_private_dns_verification(ServiceId=sid)  # the old record proves nothing
    assert configuration(owner, sid)["State"] == "failed"
    txt(owner, zone, f"{again['Name']}.api.again.plgen.test", again["Value"])
    ec2.start_vpc_endpoint_service_private_dns_verification(ServiceId=sid)
    assert configuration(owner, sid)["State"] == "verified"
