"""Terraform types of the module inputs, shared by the side modules and the root.

The root module's variables are maps of these objects, so a side module and
the root that feeds it cannot drift apart: both read the same definition.
"""

from __future__ import annotations


def obj(**fields: str) -> str:
    """``object({...})`` with fields in a stable order."""
    return "object({" + ", ".join(f"{k} = {v}" for k, v in fields.items()) + "})"


VPC = obj(
    cidr="optional(string)",
    subnet_cidrs="optional(map(string), {})",
    id="optional(string)",
    subnet_ids="optional(map(string), {})",
    route_table_ids="optional(list(string), [])",
)

ON_PREMISES = obj(cidrs="list(string)", amazon_side_asn="optional(number, 64512)")

LISTENER = obj(
    port="number",
    protocol="string",
    target_port="number",
    target_protocol="string",
    target_group_name="string",
    certificate_arn="optional(string)",
    ssl_policy="optional(string)",
)

TARGET = obj(target_id="string", port="optional(number)", availability_zone="optional(string)")

SERVICE = obj(
    load_balancer_name="string",
    internal="optional(bool, true)",
    cross_zone="optional(bool, true)",
    proxy_protocol_v2="optional(bool, false)",
    deregistration_delay="optional(number, 300)",
    target_type="string",
    listeners=f"map({LISTENER})",
    targets=f"map({TARGET})",
    acceptance_required="optional(bool, true)",
    allowed_principals="optional(list(string), [])",
    private_dns_name="optional(string)",
    supported_regions="optional(list(string), [])",
)

PORT = obj(port="number", ip_protocol="string")

ENDPOINT = obj(
    service_name="string",
    service_region="optional(string)",
    ports=f"list({PORT})",
    allowed_cidrs="optional(list(string), [])",
    allowed_security_group_ids="optional(list(string), [])",
    private_dns="optional(bool, false)",
    dns_name="optional(string)",
)

PEER = obj(region="string", cidr="string")
