"""AWS's rules for names and identifiers: resource names, IDs, tags, buckets, domains, certificates, TLS policies.

Each rule is data (a pattern, a limit) or a function that says what is wrong
with a value (``None`` when nothing is); the blueprint layer turns them into
validators. Sources:

- NLB and target group names: at most 32 characters of letters, digits and
  hyphens, not beginning or ending with a hyphen, and a load balancer name
  "must not begin with `internal-`"
  (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html,
  https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html);
- VPC Lattice resource gateways and resource configurations: 3-40 characters
  of a-z, 0-9 and hyphens; service networks: 3-63
  (https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateResourceConfiguration.html);
- tags: "Tag naming limits and requirements", written by the service APIs as
  ``^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$``
  (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Tag.html);
- S3 bucket names (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html)
  and object keys (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html,
  the "safe characters");
- NLB TLS security policies (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html);
- resource IDs: a type prefix and 8 or 17 hex digits
  (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Vpc.html); a
  Direct Connect gateway ID is a UUID
  (https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DirectConnectGateway.html);
  a Route 53 hosted zone ID starts with ``Z``.
"""

from __future__ import annotations

import re
import unicodedata

# Elastic Load Balancing and VPC Lattice names.
NLB_NAME_LIMIT = 32
RESERVED_NLB_PREFIX = "internal-"
LATTICE_NAME_LIMIT = 40
SERVICE_NETWORK_NAME_LIMIT = 63

# Identifiers.
ACCOUNT_ID = r"^[0-9]{12}$"
VPC_ID = r"^vpc-[0-9a-f]{8,17}$"
SUBNET_ID = r"^subnet-[0-9a-f]{8,17}$"
ROUTE_TABLE_ID = r"^rtb-[0-9a-f]{8,17}$"
VPN_GATEWAY_ID = r"^vgw-[0-9a-f]{8,17}$"
TRANSIT_GATEWAY_ID = r"^tgw-[0-9a-f]{8,17}$"
TRANSIT_GATEWAY_ROUTE_TABLE_ID = r"^tgw-rtb-[0-9a-f]{8,17}$"
DIRECT_CONNECT_GATEWAY_ID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
SECURITY_GROUP_ID = r"^sg-[0-9a-f]{8,17}$"
INSTANCE_ID = r"^i-[0-9a-f]{8,17}$"
HOSTED_ZONE_ID = r"^Z[0-9A-Z]{1,31}$"

# Ports: 1-65535 on a listener, a target or a resource configuration (`5432` or `8000-8100`).
PORT_MIN, PORT_MAX = 1, 65535
PORT_RANGE = r"^[0-9]{1,5}(-[0-9]{1,5})?$"

# Only the NLB policies whose lowest protocol is TLS 1.2 or 1.3 (older ones admit TLS 1.0/1.1).
TLS12_POLICY = r"^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)(-[A-Za-z0-9]{1,20}){0,4}$"

# S3: bucket names, object keys (a Terraform state key) and key prefixes (access logs) of the "safe characters".
BUCKET = r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"
STATE_KEY = r"^[A-Za-z0-9!_.*'()/-]{1,512}$"
# A KMS key ARN (not an alias: a key policy belongs to a key), https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-ARN
KMS_KEY_ARN = r"^arn:aws(-cn|-us-gov)?:kms:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:key/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
LOG_PREFIX = r"^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*$"
BUCKET_RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
BUCKET_RESERVED_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3")


def bucket_problem(value: str) -> str | None:
    """What is wrong with a general purpose bucket name, or ``None``."""
    if not re.fullmatch(BUCKET, value):
        return f"'{value}' is not an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit"
    if ".." in value:
        return f"'{value}' is not an S3 bucket name: two adjacent periods"
    if re.fullmatch(r"[0-9]{1,3}(\.[0-9]{1,3}){3}", value):
        return f"'{value}' is not an S3 bucket name: it is formatted as an IP address"
    reserved = next((p for p in BUCKET_RESERVED_PREFIXES if value.startswith(p)), None) or next((s for s in BUCKET_RESERVED_SUFFIXES if value.endswith(s)), None)
    if reserved:
        return f"'{value}' is not an S3 bucket name: AWS reserves '{reserved}' for its own names"
    return None


# Domains (Route 53 names, private DNS names) and certificate names (a wildcard for one more label).
DOMAIN = re.compile(r"(?=.{1,253}\Z)(?!-)([a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}")
CERTIFICATE_NAME = re.compile(r"(\*\.)?" + DOMAIN.pattern)


def covers(certificate_name: str, name: str) -> bool:
    """Whether a certificate name covers ``name``: the same name, or a wildcard for exactly one more label (RFC 6125 6.4.3)."""
    if certificate_name.startswith("*."):
        label, _, parent = name.partition(".")
        return bool(label) and parent == certificate_name[2:]
    return certificate_name == name


# Tags.
TAG_PUNCTUATION = frozenset("_.:/=+-@")
TAG_KEY_PATTERN = r"^(?![aA][wW][sS]:)[\p{L}\p{Zs}\p{N}_.:/=+\-@]{1,128}$"
TAG_VALUE_PATTERN = r"^(?![aA][wW][sS]:)[\p{L}\p{Zs}\p{N}_.:/=+\-@]{0,256}$"
TAG_KEY_LENGTH = (1, 128)
TAG_VALUE_LENGTH = (0, 256)


def tag_problem(value: str, what: str, longest: int, shortest: int) -> str | None:
    """What is wrong with a tag key or value under AWS's tag rules, or ``None``.

    Letters and digits of any script, spaces, and ``_ . : / = + - @``; keys of
    1-128 and values of 0-256 Unicode characters; the prefix ``aws:`` in any
    case is reserved for AWS, in keys and in values. plgen's tags reach every
    resource through ``default_tags``, so the set common to all services
    applies (EC2 alone allows more). Only space separators (``\\p{Zs}``)
    count as spaces here, not the line and paragraph separators.
    """
    if not shortest <= len(value) <= longest:
        return f"{what} needs {shortest}-{longest} characters, got {len(value)}"
    bad = next((ch for ch in value if ch not in TAG_PUNCTUATION and unicodedata.category(ch)[0] not in "LN" and unicodedata.category(ch) != "Zs"), None)
    if bad is not None:
        return f"{what} {value!r} has {bad!r}; AWS tags take letters, digits, spaces and _ . : / = + - @"
    if value[:4].lower() == "aws:":
        return f"{what} {value!r} starts with aws:, which AWS reserves for its own tags"
    return None
