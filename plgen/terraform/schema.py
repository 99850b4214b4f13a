"""What the AWS provider accepts, from trimmed snapshots of its 5.100 and 6.x schemas.

The prebuilt cdktf AWS bindings would know this, at a cost of ~24 s and 1 GB
per synth; a 100-kB snapshot of the types plgen emits gives the same safety:
an unknown or computed-only argument is a compile error here instead of a
``terraform validate`` failure later, and the HCL writer learns which names
are nested blocks. Refresh with ``scripts/refresh_provider_schema.py``.

Generated modules accept provider 5.100 through 6.x (``VERSION_CONSTRAINT``),
so every argument must also exist, with the same shape, in the 6.x snapshot
(``aws_provider6_schema.json``, derived from the prebuilt bindings' jsii
assembly by ``scripts/refresh_provider6_schema.py``): an argument only 6.x
knows (such as the per-resource ``region`` 6.0 added) or one 6.x dropped is a
compile error naming the version that lacks it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from plgen.errors import CompileError

PROVIDER_VERSION = "5.100.0"
SNAPSHOT = Path(__file__).with_name("aws_provider_schema.json")
# The 6.x line, from the prebuilt bindings' jsii assembly (scripts/refresh_provider6_schema.py): arguments only.
SNAPSHOT_6 = Path(__file__).with_name("aws_provider6_schema.json")
# What generated modules accept: both major lines, so a root combining plgen with modules that need 6.x works.
VERSION_CONSTRAINT = f">= {PROVIDER_VERSION}, < 7.0.0"

RESOURCES = frozenset(
    {
        "aws_default_security_group",
        "aws_dx_gateway_association",
        "aws_ec2_tag",
        "aws_ec2_transit_gateway_route_table_association",
        "aws_ec2_transit_gateway_route_table_propagation",
        "aws_ec2_transit_gateway_vpc_attachment",
        "aws_ec2_network_insights_analysis",
        "aws_ec2_network_insights_path",
        "aws_eip",
        "aws_flow_log",
        "aws_kms_key",
        "aws_lb",
        "aws_lb_listener",
        "aws_lb_target_group",
        "aws_lb_target_group_attachment",
        "aws_network_interface",
        "aws_ram_principal_association",
        "aws_ram_resource_association",
        "aws_ram_resource_share",
        "aws_ram_resource_share_accepter",
        "aws_route",
        "aws_route53_record",
        "aws_route53_resolver_endpoint",
        "aws_route53_resolver_rule",
        "aws_route53_resolver_rule_association",
        "aws_route53_vpc_association_authorization",
        "aws_route53_zone",
        "aws_route53_zone_association",
        "aws_route_table",
        "aws_route_table_association",
        "aws_security_group",
        "aws_sns_topic",
        "aws_sns_topic_policy",
        "aws_subnet",
        "aws_vpc",
        "aws_vpc_endpoint",
        "aws_vpc_endpoint_connection_accepter",
        "aws_vpc_endpoint_connection_notification",
        "aws_vpc_endpoint_private_dns",
        "aws_vpc_endpoint_service",
        "aws_vpc_endpoint_service_allowed_principal",
        "aws_vpc_endpoint_service_private_dns_verification",
        "aws_vpc_peering_connection",
        "aws_vpc_peering_connection_accepter",
        "aws_vpc_peering_connection_options",
        "aws_vpc_security_group_egress_rule",
        "aws_vpc_security_group_ingress_rule",
        "aws_vpclattice_resource_configuration",
        "aws_vpclattice_resource_gateway",
        "aws_vpclattice_service_network",
        "aws_vpclattice_service_network_resource_association",
        "aws_vpn_gateway",
        "aws_vpn_gateway_attachment",
        "aws_vpn_gateway_route_propagation",
    }
)
# Types plgen never emits but reads in roots written by others (the path proof: the legacy rule spelling and
# network ACLs), so the reader learns their blocks and argument types as Terraform does.
READ_RESOURCES = frozenset(
    {
        "aws_default_network_acl",
        "aws_network_acl",
        "aws_network_acl_association",
        "aws_network_acl_rule",
        "aws_security_group_rule",
    }
)
DATA_SOURCES = frozenset(
    {
        "aws_caller_identity",
        "aws_region",
        "aws_route53_zone",
        "aws_subnet",
        "aws_vpc",
        # A Resource endpoint's DNS names are its associations' (its own dns_entry is for Interface endpoints only):
        # https://github.com/hashicorp/terraform-provider-aws/issues/41765, the data source added by PR #41918.
        "aws_vpc_endpoint_associations",
        "aws_vpc_endpoint_service",
    }
)


@cache
def _snapshot() -> dict[str, Any]:
    return json.loads(SNAPSHOT.read_text())


@cache
def _snapshot_6() -> dict[str, Any]:
    return json.loads(SNAPSHOT_6.read_text())


def provider6_version() -> str:
    """The 6.x provider release the second snapshot was taken from."""
    return _snapshot_6()["provider_version"]


def block_schema(kind: str, type_name: str) -> dict[str, Any]:
    """The trimmed schema of a resource (``kind="resource"``) or data source (``"data"``)."""
    table = _snapshot()["resources" if kind == "resource" else "data_sources"]
    if type_name not in table:
        raise CompileError(f"{kind} type '{type_name}' is not in plgen's provider schema snapshot; add it to plgen/terraform/schema.py and refresh")
    return table[type_name]


# Nested blocks outside the resource schemas: lifecycle's conditions, and the AWS provider's own configuration
# (the snapshot holds resources and data sources only). The HCL writer and the graph reader both need them.
LIFECYCLE_BLOCKS = frozenset({"precondition", "postcondition"})
PROVIDER_BLOCKS = frozenset({"assume_role", "assume_role_with_web_identity", "default_tags", "endpoints", "ignore_tags"})

META_ARGUMENTS = frozenset({"count", "for_each", "provider", "depends_on", "lifecycle", "dynamic", "provisioner", "connection"})


def check_arguments(kind: str, type_name: str, arguments: dict[str, Any], where: str = "") -> None:
    """Reject arguments the provider does not accept (unknown or computed-only), in 5.100 or in 6.x."""
    _check_block(block_schema(kind, type_name), arguments, f"{type_name}{where}")
    table = _snapshot_6()["resources" if kind == "resource" else "data_sources"]
    if type_name not in table:
        raise CompileError(f"{kind} type '{type_name}' is not in the provider 6.x snapshot; run scripts/refresh_provider6_schema.py")
    _check_block_6(block_schema(kind, type_name), table[type_name], arguments, f"{type_name}{where}")


def _shape(t: Any) -> Any:
    """A 5.100 type as the 6.x snapshot spells it (jsii tells no set from a list, nor objects apart)."""
    if isinstance(t, list):
        return "object" if t[0] == "object" else ["map" if t[0] == "map" else "list", _shape(t[1])]
    return t


def _check_block_6(schema5: dict[str, Any], schema6: dict[str, Any], arguments: dict[str, Any], where: str) -> None:
    version = provider6_version()
    for name, value in arguments.items():
        if name in META_ARGUMENTS:
            if name == "dynamic":
                for block_name, spec in value.items():
                    if block_name not in schema6["block_types"]:
                        raise CompileError(f"{where}: dynamic block '{block_name}' is not a block of this type in provider {version}")
                    _check_block_6(schema5["block_types"][block_name]["block"], schema6["block_types"][block_name]["block"], spec.get("content", {}), f"{where}.{block_name}")
            continue
        if name in schema5["block_types"]:
            if name not in schema6["block_types"]:
                raise CompileError(f"{where}: block '{name}' is not a block of this type in provider {version}; emit only what 5.100 and 6.x share")
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    _check_block_6(schema5["block_types"][name]["block"], schema6["block_types"][name]["block"], item, f"{where}.{name}")
            continue
        spec = schema6["attributes"].get(name)
        if spec is None:
            raise CompileError(f"{where}: '{name}' is not an argument of this type in provider {version}; emit only what 5.100 and 6.x share")
        old = _shape(schema5["attributes"][name]["type"])
        if spec["type"] not in ("dynamic", old):
            raise CompileError(f"{where}: '{name}' is {old} in provider {PROVIDER_VERSION} but {spec['type']} in {version}")
    for name, spec in schema6["attributes"].items():
        if spec.get("required") and name not in arguments:
            raise CompileError(f"{where}: argument '{name}' is required by provider {version} and missing")


def _check_block(schema: dict[str, Any], arguments: dict[str, Any], where: str) -> None:
    attributes, blocks = schema["attributes"], schema["block_types"]
    for name, value in arguments.items():
        if name in META_ARGUMENTS:
            if name == "dynamic":
                for block_name, spec in value.items():
                    if block_name not in blocks:
                        raise CompileError(f"{where}: dynamic block '{block_name}' is not a block of this type")
                    _check_block(blocks[block_name]["block"], spec.get("content", {}), f"{where}.{block_name}")
            continue
        if name in blocks:
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    _check_block(blocks[name]["block"], item, f"{where}.{name}")
            continue
        spec = attributes.get(name)
        if spec is None:
            raise CompileError(f"{where}: '{name}' is not an argument of this type in provider {PROVIDER_VERSION}")
        if spec.get("computed") and not (spec.get("optional") or spec.get("required")):
            raise CompileError(f"{where}: '{name}' is computed by the provider and cannot be set")
    for name, spec in attributes.items():
        if spec.get("required") and name not in arguments:
            raise CompileError(f"{where}: required argument '{name}' is missing")


def is_block(kind: str, type_name: str, path: tuple[str, ...]) -> bool:
    """Whether ``path`` (e.g. ``("default_action",)``) names a nested block of the type."""
    schema = block_schema(kind, type_name)
    for name in path:
        spec = schema["block_types"].get(name)
        if spec is None:
            return False
        schema = spec["block"]
    return True
