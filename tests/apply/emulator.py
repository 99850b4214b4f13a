"""What the test copy of a blueprint's root needs before it can apply against moto.

Two substitutions in the rendered data, written to the test's own
``emulator.auto.tfvars.json`` beside plgen's ``terraform.tfvars.json`` (Terraform
loads it last, and a re-render leaves it alone), and one override file per
module in the test's copy of the root; the modules and the committed data are
untouched:

* Certificates. A TLS listener names an ACM certificate the blueprint's owner
  already has. moto's ELBv2 checks that the ARN exists in its ACM (as AWS
  does), and the provider retries ``CertificateNotFound`` for five minutes.
  The test imports a self-signed certificate into moto's ACM, in the
  listener's Region, and puts its ARN in place of the blueprint's.
* Public hosted zones. A service whose private DNS name plgen verifies names
  the public zone of its domain, which the provider's team already has (by
  name, or by ID). The test creates it in the emulator, and puts its ID in
  place of a blueprint's ``zone_id``; the module then writes the TXT record
  there and the emulator verifies it (``tests/emulator/private_dns.py``).
* Log destinations. NLB access logs and VPC flow logs go to a bucket or log group
  the blueprint's owner already has (plgen does not create them). The test creates
  each (``create_log_destinations``): an access-log bucket in the NLB's Region with
  the log-delivery bucket policy, a flow-log bucket, a log group.
* Accounts. moto serves one account (``123456789012``) to dummy credentials.
  Where the modules pass an account ID to AWS (``peer_owner_id`` of a VPC
  peering connection), moto looks the peer VPC up in that account, so the
  blueprint's account IDs are rewritten to moto's: the run is the single-account
  run the example root describes, as that account.
* RAM invitations. With every account rewritten to moto's, a resource consumer
  is in its provider's account, where plgen's own rule (``accepts`` in
  ``plgen/interfaces/resource_consumer.py``: a share from another account,
  outside the organization) asks for no invitation: ``same_account_shares``
  sets the consumers' ``accept`` to false, as plgen renders a same-account
  blueprint. The shares still go to the blueprint's other account IDs
  (``share_with`` is not an ``*account_id`` field), which the emulator records
  as external principals, ASSOCIATING since no one in the run accepts their invitations.
* Gateways plgen does not own. A blueprint's ``on_premises`` may name a Direct
  Connect gateway, an existing virtual private gateway or a transit gateway, which
  the team already has: ``create_gateways`` creates each once in the emulator (a
  detached virtual private gateway, a Direct Connect gateway, a transit gateway in
  the side's Region) and puts its ID in place of the blueprint's, as the
  certificates above.
* What the emulator cannot do. An override file in the test copy of each
  module that declares one of ``UNEMULATED`` switches it off (``count = 0`` or
  ``for_each = {}``); everything around it is still created and checked. The
  list is empty: the apply tests run on the strict emulator (``tests/emulator``),
  which now implements what the two former entries needed, so they are applied
  and proven like everything else:

  - ``aws_vpn_gateway_route_propagation``: moto 5.2 has no
    ``EnableVgwRoutePropagation`` and never reports ``PropagatingVgws``;
    ``tests/emulator/routing.py`` implements both;
  - ``aws_route53_zone_association``: moto records a private hosted zone as
    public (it keys on ``HostedZoneConfig.PrivateZone``, which the provider
    does not send) and then refuses ``AssociateVPCWithHostedZone``;
    ``tests/emulator/route53.py`` makes a zone created with a VPC private, as AWS does.

  Add an entry here only for a resource neither moto nor the extension can
  apply, with the reason, and prefer imitating AWS in ``tests/emulator``.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

MOTO_ACCOUNT = "123456789012"
UNEMULATED: tuple[str, ...] = ()
OVERRIDE = "plgen_test_override.tf.json"


def self_signed_certificate(common_name: str) -> tuple[bytes, bytes]:
    """A PEM certificate and key, valid for ten years from a fixed date (no clock in test data)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    pem_key = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return cert.public_bytes(serialization.Encoding.PEM), pem_key


def listeners(inputs: dict[str, Any]):
    """(provider region, listener) for every listener of every service in the data."""
    for provider in inputs.get("service_providers", {}).values():
        for service in provider["services"].values():
            for listener in service["listeners"].values():
                yield provider["region"], listener


def import_certificates(inputs: dict[str, Any], moto, imported: dict[str, str] | None = None) -> dict[str, str]:
    """Import one certificate per distinct (Region, ARN) into moto's ACM; rewrite ``inputs`` to use it.

    Returns the blueprint's ARN -> the imported ARN, so checks can expect it; pass
    that back as ``imported`` to reuse the certificates for a re-rendered root.
    """
    imported = {} if imported is None else imported
    for region, listener in listeners(inputs):
        arn = listener.get("certificate_arn")
        if not arn:
            continue
        if arn not in imported:
            cert, key = self_signed_certificate("plgen-apply-test.example.com")
            imported[arn] = moto.client("acm", region).import_certificate(Certificate=cert, PrivateKey=key)["CertificateArn"]
        listener["certificate_arn"] = imported[arn]
    return imported


def create_public_zones(inputs: dict[str, Any], moto) -> list[str]:
    """Create each public hosted zone a private DNS verification names (once); rewrite ``zone_id`` to it. Returns the zone IDs."""
    route53 = moto.client("route53", "us-east-1")
    created: dict[str, str] = {
        z["Name"].rstrip("."): z["Id"].split("/")[-1] for z in route53.list_hosted_zones()["HostedZones"] if not z["Config"].get("PrivateZone")
    }
    for provider in inputs.get("service_providers", {}).values():
        for key, service in provider["services"].items():
            zone = service.get("private_dns_verification")
            if not zone:
                continue
            name = zone.get("zone_name") or service["private_dns_name"].partition(".")[2]
            if name not in created:
                created[name] = route53.create_hosted_zone(Name=name, CallerReference=f"plgen-apply-{name}")["HostedZone"]["Id"].split("/")[-1]
            if zone.get("zone_id"):
                zone["zone_id"] = created[name]
    return sorted(created.values())


GATEWAYS = ("vpn_gateway_id", "direct_connect_gateway_id", "transit_gateway_id")


def _sides(inputs: dict[str, Any]):
    for kind in ("service_providers", "service_consumers", "resource_providers"):
        yield from inputs.get(kind, {}).values()


def create_gateways(inputs: dict[str, Any], moto, created: dict[str, str] | None = None) -> dict[str, str]:
    """Create each gateway an ``on_premises`` names (once per ID); rewrite the data to use it. Returns blueprint ID -> emulator ID."""
    created = {} if created is None else created
    for side in _sides(inputs):
        on_premises = side.get("on_premises") or {}
        region = side["region"]
        for field in GATEWAYS:
            wanted = on_premises.get(field)
            if not wanted:
                continue
            if wanted not in created:
                if field == "vpn_gateway_id":
                    created[wanted] = moto.client("ec2", region).create_vpn_gateway(Type="ipsec.1", AmazonSideAsn=65020)["VpnGateway"]["VpnGatewayId"]
                elif field == "direct_connect_gateway_id":
                    dx = moto.client("directconnect", region).create_direct_connect_gateway(directConnectGatewayName=f"plgen-apply-{wanted[:8]}", amazonSideAsn=64999)
                    created[wanted] = dx["directConnectGateway"]["directConnectGatewayId"]
                else:
                    created[wanted] = moto.client("ec2", region).create_transit_gateway(Description="plgen apply test")["TransitGateway"]["TransitGatewayId"]
            on_premises[field] = created[wanted]
        # The transit gateway route tables it names (the network account's), on that gateway.
        tables = [on_premises.get("transit_gateway_route_table_id"), *(on_premises.get("transit_gateway_propagation_route_table_ids") or [])]
        for wanted in [t for t in tables if t]:
            if wanted not in created:
                table = moto.client("ec2", region).create_transit_gateway_route_table(TransitGatewayId=on_premises["transit_gateway_id"])
                created[wanted] = table["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
        if on_premises.get("transit_gateway_route_table_id"):
            on_premises["transit_gateway_route_table_id"] = created[on_premises["transit_gateway_route_table_id"]]
        if on_premises.get("transit_gateway_propagation_route_table_ids"):
            on_premises["transit_gateway_propagation_route_table_ids"] = [created[t] for t in on_premises["transit_gateway_propagation_route_table_ids"]]
    return created


def delivery_policy(bucket: str, prefix: str | None, account: str) -> str:
    """The NLB guide's bucket policy: the log delivery service may put objects under ``<prefix>/AWSLogs/<account>/``."""
    path = f"{prefix}/" if prefix else ""
    statements = [
        {"Effect": "Allow", "Principal": {"Service": "delivery.logs.amazonaws.com"}, "Action": "s3:GetBucketAcl", "Resource": f"arn:aws:s3:::{bucket}"},
        {"Effect": "Allow", "Principal": {"Service": "delivery.logs.amazonaws.com"}, "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{bucket}/{path}AWSLogs/{account}/*"},
    ]
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


def _vpcs(inputs: dict[str, Any]):
    """(Region, VPC data) of every side and peer in the data."""
    for kind in ("service_providers", "service_consumers", "resource_providers", "resource_consumers"):
        for side in inputs.get(kind, {}).values():
            yield side["region"], side["vpc"]
    for peer in inputs.get("peers", {}).values():
        yield peer["region"], peer["vpc"]


def _bucket(s3, name: str, region: str) -> None:
    if name in {b["Name"] for b in s3.list_buckets()["Buckets"]}:
        return
    s3.create_bucket(Bucket=name, **({} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}))


def create_log_destinations(inputs: dict[str, Any], moto, account: str = MOTO_ACCOUNT) -> list[tuple[str, str]]:
    """Create what the blueprint's logs go to and plgen does not own; returns (kind, name) of each.

    NLB access logs: the bucket, in the NLB's Region, with the log-delivery bucket
    policy for the NLB's ``account`` (the emulator refuses anything less, as AWS
    does: ``tests/emulator/access_logs.py``). Flow logs: the S3 bucket (in the
    VPC's Region) or the CloudWatch Logs log group (in the ARN's Region).
    """
    made: list[tuple[str, str]] = []
    for provider in inputs.get("service_providers", {}).values():
        for service in provider["services"].values():
            logs = service.get("access_logs")
            if logs:
                s3 = moto.client("s3", provider["region"])
                _bucket(s3, logs["bucket"], provider["region"])
                s3.put_bucket_policy(Bucket=logs["bucket"], Policy=delivery_policy(logs["bucket"], logs.get("prefix"), account))
                made.append(("bucket", logs["bucket"]))
    for region, vpc in _vpcs(inputs):
        flow = vpc.get("flow_logs")
        if not flow:
            continue
        arn = flow["destination_arn"]
        if flow["destination_type"] == "s3":
            name = arn.split(":", 5)[5].split("/", 1)[0]
            _bucket(moto.client("s3", region), name, region)
            made.append(("bucket", name))
        else:
            group_region, group = arn.split(":")[3], arn.split(":")[6]
            logs_client = moto.client("logs", group_region)
            if not logs_client.describe_log_groups(logGroupNamePrefix=group)["logGroups"]:
                logs_client.create_log_group(logGroupName=group)
            made.append(("log group", group))
    return made


def single_account(value: Any) -> Any:
    """A copy of the data with every ``*account_id`` field set to moto's account."""
    if isinstance(value, dict):
        return {k: MOTO_ACCOUNT if k.endswith("account_id") and isinstance(v, str) else single_account(v) for k, v in value.items()}
    if isinstance(value, list):
        return [single_account(v) for v in value]
    return value


def same_account_shares(inputs: dict[str, Any]) -> dict[str, Any]:
    """Resource consumers in their provider's account (single-account run) accept no RAM invitation: ``accept`` false."""
    for consumer in inputs.get("resource_consumers", {}).values():
        for endpoint in [*consumer.get("resource_endpoints", {}).values(), consumer.get("service_network_endpoint") or {}]:
            if "accept" in endpoint:
                endpoint["accept"] = False
    return inputs


def skip_unemulated(root: Path) -> list[str]:
    """Switch off the resources of ``UNEMULATED`` in every module of the test copy (no instances).

    Returns ``module/type.name`` of each resource switched off, for the checks to allow for.
    """
    skipped: list[str] = []
    for main in sorted(root.glob("modules/*/main.tf.json")):
        resources = json.loads(main.read_text()).get("resource", {})
        override = {
            kind: {name: {"for_each": {}} if "for_each" in body else {"count": 0} for name, body in resources[kind].items()}
            for kind in UNEMULATED
            if kind in resources
        }
        if override:
            (main.parent / OVERRIDE).write_text(json.dumps({"resource": override}, indent=2))
            skipped += [f"{main.parent.name}/{kind}.{name}" for kind, names in override.items() for name in names]
    return skipped


def create_external_services(inputs: dict[str, Any], vendor, consumer_accounts: list[str]) -> list[tuple[str, str, str, str, list[str], str | None]]:
    """The vendor's side of each external service (``external_services``), created in the vendor's account as it would.

    A consumer-only blueprint names a service another organisation runs; the
    test plays that organisation: a VPC with a subnet in each AZ ID the service
    is offered in, an internal NLB, the endpoint service (acceptance as
    declared) allowing the consumers' accounts, and, with a private DNS name,
    the public zone and TXT record that verify it
    (https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html).
    Rewrites each ``service_name`` to the one the emulator gave. Returns, per
    service, what to delete after the test: (region, service ID, NLB ARN, VPC ID, subnet IDs, zone ID).
    """
    created = []
    for vendor_name, services in sorted(inputs.get("external_services", {}).items()):
        for name, spec in sorted(services.items()):
            region = spec["region"]
            ec2, elbv2 = vendor.client("ec2", region), vendor.client("elbv2", region)
            vpc = ec2.create_vpc(CidrBlock="10.250.0.0/16")["Vpc"]["VpcId"]
            subnets = [
                ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.250.{i}.0/24", AvailabilityZoneId=az)["Subnet"]["SubnetId"] for i, az in enumerate(spec["azs"])
            ]
            lb = elbv2.create_load_balancer(Name=f"{vendor_name}-{name}"[:32], Subnets=subnets, Scheme="internal", Type="network")["LoadBalancers"][0]["LoadBalancerArn"]
            extra = {"PrivateDnsName": spec["private_dns_name"]} if spec.get("private_dns_name") else {}
            config = ec2.create_vpc_endpoint_service_configuration(NetworkLoadBalancerArns=[lb], AcceptanceRequired=spec["acceptance_required"], **extra)["ServiceConfiguration"]
            ec2.modify_vpc_endpoint_service_permissions(ServiceId=config["ServiceId"], AddAllowedPrincipals=[f"arn:aws:iam::{a}:root" for a in consumer_accounts])
            zone_id = None
            if extra:
                record = config["PrivateDnsNameConfiguration"]
                domain = spec["private_dns_name"].partition(".")[2]
                route53 = vendor.client("route53", "us-east-1")
                zone_id = route53.create_hosted_zone(Name=domain, CallerReference=f"plgen-vendor-{domain}")["HostedZone"]["Id"].split("/")[-1]
                route53.change_resource_record_sets(
                    HostedZoneId=zone_id,
                    ChangeBatch={"Changes": [{"Action": "UPSERT", "ResourceRecordSet": {
                        "Name": f"{record['Name']}.{domain}", "Type": "TXT", "TTL": 300, "ResourceRecords": [{"Value": f'"{record["Value"]}"'}]}}]},
                )
                ec2.start_vpc_endpoint_service_private_dns_verification(ServiceId=config["ServiceId"])
            spec["service_name"] = config["ServiceName"]
            created.append((region, config["ServiceId"], lb, vpc, subnets, zone_id))
    return created


def delete_external_services(created, vendor) -> None:
    """Remove what ``create_external_services`` made (the consumers' endpoints are destroyed by their units first)."""
    for region, service_id, lb, vpc, subnets, zone_id in created:
        ec2, elbv2 = vendor.client("ec2", region), vendor.client("elbv2", region)
        ec2.delete_vpc_endpoint_service_configurations(ServiceIds=[service_id])
        elbv2.delete_load_balancer(LoadBalancerArn=lb)
        for subnet in subnets:
            ec2.delete_subnet(SubnetId=subnet)
        ec2.delete_vpc(VpcId=vpc)
        if zone_id:
            route53 = vendor.client("route53", "us-east-1")
            records = route53.list_resource_record_sets(HostedZoneId=zone_id)["ResourceRecordSets"]
            changes = [{"Action": "DELETE", "ResourceRecordSet": r} for r in records if r["Type"] == "TXT"]
            if changes:
                route53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": changes})
            route53.delete_hosted_zone(Id=zone_id)


def hand_over(manifest: dict[str, Any], units_folder: Path, producer: str, output_json) -> list[Path]:
    """As a producer's operator does after applying it (``units.json``'s ``handoff_files`` and their ``command``): its
    published output, ``terraform output -json <output>``, saved into each reader's folder under the file it reads.

    ``output_json(name)`` returns that JSON text for the producer. Returns the files written.
    """
    written = []
    for reader in manifest["units"]:
        for handoff in reader.get("handoff_files", []):
            if handoff["from"] == producer:
                target = units_folder / reader["name"] / handoff["file"]
                target.parent.mkdir(exist_ok=True)
                target.write_text(output_json(handoff["output"]))
                written.append(target)
    return written
