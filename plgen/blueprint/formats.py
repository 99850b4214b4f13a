"""The blueprint's field formats: AWS identifiers, names and addresses as pydantic types with located messages.

The AWS rules themselves (patterns, limits, what makes a name valid) are
``plgen.aws``; this module turns them into the annotated types the models
declare their fields with, and keeps plgen's own formats (slugs, references,
text Terraform would not evaluate).
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from typing import Annotated

from pydantic import AfterValidator, Field, Strict as StrictType, StringConstraints

from plgen.aws.arns import CERTIFICATE_ARN, DEPLOY_ROLE, PRINCIPAL, RESOURCE_ARN, ROLE_ARN, SNS_TOPIC_ARN
from plgen.aws.names import (
    ACCOUNT_ID,
    BUCKET,
    CERTIFICATE_NAME,
    DIRECT_CONNECT_GATEWAY_ID,
    DOMAIN,
    HOSTED_ZONE_ID,
    INSTANCE_ID,
    LOG_PREFIX,
    PORT_MAX,
    PORT_MIN,
    PORT_RANGE,
    ROUTE_TABLE_ID,
    SECURITY_GROUP_ID,
    STATE_KEY,
    SUBNET_ID,
    TAG_KEY_LENGTH,
    TAG_KEY_PATTERN,
    TAG_VALUE_LENGTH,
    TAG_VALUE_PATTERN,
    TLS12_POLICY,
    TRANSIT_GATEWAY_ID,
    TRANSIT_GATEWAY_ROUTE_TABLE_ID,
    VPC_ID,
    VPN_GATEWAY_ID,
    bucket_problem,
    tag_problem,
)
from plgen.aws.regions import AZ_ID, AZ_NAME, REGION


# Patterns in StringConstraints run on pydantic-core's Rust regex engine, where
# `$` is the end of the text (never before a final newline, unlike Python's
# `re`); the same `^...$` is what JSON Schema (ECMA-262) means, so the schema
# keeps them. Patterns checked in Python below use re.fullmatch, for the same
# reason: `re.match("^a$", "a\n")` matches. tests/blueprint/test_input_limits.py
# checks every pattern refuses a trailing newline.
SLUG = r"^[a-z][a-z0-9-]{0,30}[a-z0-9]$"
Slug = Annotated[str, StringConstraints(pattern=SLUG)]
AccountId = Annotated[str, StringConstraints(pattern=ACCOUNT_ID)]
Region = Annotated[str, StringConstraints(pattern=REGION)]
# Strict: YAML `true` is not port 1 and `"443"` is text, as the JSON Schema says (integer, boolean).
Whole = Annotated[int, StrictType()]
Flag = Annotated[bool, StrictType()]
Port = Annotated[int, StrictType(), Field(ge=PORT_MIN, le=PORT_MAX)]
VpcId = Annotated[str, StringConstraints(pattern=VPC_ID)]
SubnetId = Annotated[str, StringConstraints(pattern=SUBNET_ID)]
RouteTableId = Annotated[str, StringConstraints(pattern=ROUTE_TABLE_ID)]
VpnGatewayId = Annotated[str, StringConstraints(pattern=VPN_GATEWAY_ID)]
TransitGatewayId = Annotated[str, StringConstraints(pattern=TRANSIT_GATEWAY_ID)]
TransitGatewayRouteTableId = Annotated[str, StringConstraints(pattern=TRANSIT_GATEWAY_ROUTE_TABLE_ID)]
DirectConnectGatewayId = Annotated[str, StringConstraints(pattern=DIRECT_CONNECT_GATEWAY_ID)]
SecurityGroupId = Annotated[str, StringConstraints(pattern=SECURITY_GROUP_ID)]
InstanceId = Annotated[str, StringConstraints(pattern=INSTANCE_ID)]
CertificateArn = Annotated[str, StringConstraints(pattern=CERTIFICATE_ARN)]
INJECTION = ("${", "%{")


def _no_template(value: str) -> str:
    """Terraform would evaluate ``${`` and ``%{`` inside any string we emit."""
    if any(marker in value for marker in INJECTION):
        raise ValueError("must not contain '${' or '%{' (Terraform would evaluate it as a template)")
    return value


Text = Annotated[str, StringConstraints(max_length=255), AfterValidator(_no_template)]
DeployRole = Annotated[str, StringConstraints(pattern=DEPLOY_ROLE)]
StateKey = Annotated[str, StringConstraints(pattern=STATE_KEY)]
SslPolicy = Annotated[str, StringConstraints(pattern=TLS12_POLICY)]


def _tag_key(value: str) -> str:
    problem = tag_problem(value, "tag key", TAG_KEY_LENGTH[1], TAG_KEY_LENGTH[0])
    if problem:
        raise ValueError(problem)
    return value


def _tag_value(value: str) -> str:
    problem = tag_problem(value, "tag value", TAG_VALUE_LENGTH[1], TAG_VALUE_LENGTH[0])
    if problem:
        raise ValueError(problem)
    return value


TagKey = Annotated[str, AfterValidator(_tag_key), Field(json_schema_extra={"pattern": TAG_KEY_PATTERN})]
TagValue = Annotated[str, StringConstraints(max_length=256), AfterValidator(_no_template), AfterValidator(_tag_value), Field(json_schema_extra={"pattern": TAG_VALUE_PATTERN})]


def _domain(value: str) -> str:
    if not DOMAIN.fullmatch(value):
        raise ValueError(f"'{value}' is not a DNS domain name such as api.example.com")
    return value


Domain = Annotated[str, AfterValidator(_domain)]


def _certificate_name(value: str) -> str:
    if not CERTIFICATE_NAME.fullmatch(value):
        raise ValueError(f"'{value}' is not a certificate name such as api.example.com or *.example.com")
    return value


CertificateName = Annotated[str, AfterValidator(_certificate_name)]
HostedZoneId = Annotated[str, StringConstraints(pattern=HOSTED_ZONE_ID)]


def _az_id(value: str) -> str:
    if AZ_NAME.fullmatch(value):
        raise ValueError(f"'{value}' is an Availability Zone name; use the AZ ID (e.g. use1-az1), which names the same zone in every account")
    if not re.fullmatch(AZ_ID, value):
        raise ValueError(f"'{value}' is not an Availability Zone ID such as use1-az1")
    return value


def _principal(value: str) -> str:
    if value != "*" and not PRINCIPAL.fullmatch(value):
        raise ValueError(f"'{value}' is not an IAM principal ARN such as arn:aws:iam::123456789012:root")
    return value


Principal = Annotated[str, AfterValidator(_principal)]


def _one_organisation(value: str) -> str:
    if value == "*":
        raise ValueError("an external consumer is one organisation: name its account ID or an IAM principal ARN, not `*`")
    if not (re.fullmatch(r"[0-9]{12}", value) or PRINCIPAL.fullmatch(value)):
        raise ValueError(f"'{value}' is neither a 12-digit account ID nor an IAM principal ARN such as arn:aws:iam::123456789012:root")
    if value.count("/") > 1:  # ModifyVpcEndpointServicePermissions: "Principal ARNs with path components aren't supported."
        raise ValueError(f"'{value}' has a path: an endpoint service allows no principal ARN with a path; name the role or user without it")
    return value


# One organisation's principal: an account ID (its root) or an IAM principal ARN, never `*`.
AccountPrincipal = Annotated[str, AfterValidator(_one_organisation)]
AzId = Annotated[str, AfterValidator(_az_id), Field(json_schema_extra={"pattern": AZ_ID})]


@lru_cache(maxsize=65536)


def _network(value: str) -> str:
    # Cached: a CIDR usually appears several times (a consumer's VPC is also
    # what its endpoints admit), and ipaddress parsing dominates validation of
    # thousands of consumers. Errors are raised again each time (not cached).
    try:
        net = ipaddress.IPv4Network(value, strict=True)
    except ValueError as exc:
        try:
            hint = f"; did you mean {ipaddress.IPv4Network(value, strict=False)}?"
        except ValueError:
            hint = ""
        raise ValueError(f"'{value}' is not an IPv4 CIDR block: {exc}{hint}") from None
    return str(net)


Cidr = Annotated[str, AfterValidator(_network), Field(json_schema_extra={"format": "ipv4-cidr"})]


@lru_cache(maxsize=65536)


def _source_network(value: str) -> str:
    """An IPv4 CIDR, or an IPv6 one (a dual-stack or IPv6-only endpoint admits IPv6 sources)."""
    if ":" not in value:
        return _network(value)
    if "%" in value:  # Python reads fe80::%eth0/64 (RFC 4007 zone); a security group rule's CidrIpv6 is a plain prefix
        zone = "%" + value.split("%", 1)[1].split("/", 1)[0]
        raise ValueError(f"'{value}' has the zone ID {zone}, which names an interface on one host; a CIDR for AWS has none (remove {zone})")
    try:
        net = ipaddress.IPv6Network(value, strict=True)
    except ValueError as exc:
        try:
            hint = f"; did you mean {ipaddress.IPv6Network(value, strict=False)}?"
        except ValueError:
            hint = ""
        raise ValueError(f"'{value}' is not an IPv6 CIDR block: {exc}{hint}") from None
    return str(net)


SourceCidr = Annotated[str, AfterValidator(_source_network), Field(json_schema_extra={"pattern": r"^[0-9a-fA-F.:]+/[0-9]{1,3}$"})]


RoleArn = Annotated[str, StringConstraints(pattern=ROLE_ARN)]
SnsTopicArn = Annotated[str, StringConstraints(pattern=SNS_TOPIC_ARN)]


def _bucket_name(value: str) -> str:
    """AWS's general purpose bucket naming rules (``plgen.aws.names.bucket_problem``)."""
    problem = bucket_problem(value)
    if problem:
        raise ValueError(problem)
    return value


BucketName = Annotated[str, AfterValidator(_bucket_name), Field(json_schema_extra={"pattern": BUCKET})]
LogPrefix = Annotated[str, StringConstraints(pattern=LOG_PREFIX, max_length=200)]


# `provider/name` or `name`: a reference to a resource or service network, resolved by the rules.
REFERENCE = r"^([a-z][a-z0-9-]{0,30}[a-z0-9]/)?[a-z][a-z0-9-]{0,30}[a-z0-9]$"
Reference = Annotated[str, StringConstraints(pattern=REFERENCE)]


def _ipv4(value: str) -> str:
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        raise ValueError(f"'{value}' is not an IPv4 address") from None
    return value


IPv4 = Annotated[str, AfterValidator(_ipv4)]


def _port_range(value: str) -> str:
    """``5432`` or ``8000-8100``: what a resource configuration's ``portRanges`` takes (TCP ports 1-65535, low to high)."""
    if not re.fullmatch(PORT_RANGE, value):
        raise ValueError(f"'{value}' is not a port or port range such as 5432 or 8000-8100")
    low, _, high = value.partition("-")
    lo, hi = int(low), int(high or low)
    if not PORT_MIN <= lo <= hi <= PORT_MAX:
        raise ValueError(f"'{value}' is not a port range within 1-65535, low to high")
    return value


def _resource_arn(value: str) -> str:
    if not RESOURCE_ARN.fullmatch(value):
        raise ValueError(f"'{value}' is not an Amazon RDS cluster or instance ARN such as arn:aws:rds:us-east-1:123456789012:cluster:orders")
    return value


PortRange = Annotated[str, AfterValidator(_port_range), Field(json_schema_extra={"pattern": PORT_RANGE})]
ResourceArn = Annotated[str, AfterValidator(_resource_arn)]


def port_span(value: str) -> tuple[int, int]:
    """(low, high) of a checked port range."""
    low, _, high = value.partition("-")
    return int(low), int(high or low)
