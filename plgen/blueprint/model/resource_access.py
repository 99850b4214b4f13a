"""Resource access (VPC Lattice): the resource gateway, the resources behind it, the service network."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from plgen.aws.protocols import RESOURCE_CONFIGURATION_PROTOCOLS
from plgen.blueprint.formats import AccountId, AzId, CertificateName, Domain, Flag, IPv4, PortRange, ResourceArn, Slug, Text, port_span
from plgen.blueprint.model.base import Strict


class GatewayIpAddressType(StrEnum):
    """IP addressing of a VPC Lattice resource gateway (the API's upper-case values)."""

    IPV4 = "IPV4"
    IPV6 = "IPV6"
    DUALSTACK = "DUALSTACK"


class ResourceGateway(Strict):
    """The provider VPC's resource gateway (VPC Lattice): where consumers' traffic to its resources enters.

    It has a network interface in each of its AZs' subnets and a security group
    that plgen opens outbound only to the resources, on their ports; resources
    see connections from the gateway's addresses. No load balancer, no targets,
    no health checks.
    """

    azs: list[AzId] = Field(default_factory=list, description="AZ IDs (of the provider's `azs`) with a gateway interface. @default every provider AZ")
    ip_address_type: GatewayIpAddressType = Field(GatewayIpAddressType.IPV4, description="IP address type of the gateway. @default IPV4")


class Resource(Strict):
    """One resource behind the gateway, exposed as a resource configuration of type SINGLE (IP or DNS name) or ARN.

    Give exactly one of ``ip``, ``dns_name`` or ``arn``. Consumers it is
    shared with (AWS RAM) reach it through a resource endpoint, or through a
    service network it is associated with.
    """

    name: Slug = Field(..., description="Resource name, unique within its provider.")
    description: Text | None = Field(None, description="What the resource is.")
    ip: IPv4 | None = Field(None, description="IPv4 address of the resource (in the provider VPC or on premises).")
    dns_name: Domain | None = Field(
        None,
        description="Domain name of the resource. The resource gateway resolves it with public DNS (its `PUBLIC` resolution, the only one "
        "provider 5.x can configure), so the name must be published in public DNS: say so with `public_dns: true`.",
    )
    public_dns: Flag = Field(
        False,
        description="A `dns_name` resource: its name resolves in public DNS (to an address the gateway's VPC reaches, which may be private). "
        "Required, because the gateway does not use the VPC's resolver on provider 5.x. @default false",
    )
    arn: ResourceArn | None = Field(None, description="ARN of an AWS resource in the provider's account and Region (an RDS cluster or instance).")
    port_ranges: list[PortRange] = Field(default_factory=list, description="TCP ports or ranges consumers may use (`5432`, `8000-8100`); required for `ip` and `dns_name`.")
    protocol: Literal[RESOURCE_CONFIGURATION_PROTOCOLS] = Field("TCP", description="Protocol; resource configurations carry TCP only. @default TCP")
    share_with: list[AccountId] = Field(
        default_factory=list, description="Accounts the resource configuration is shared with through AWS RAM; nobody unless named. @default none"
    )
    tls_names: list[CertificateName] = Field(
        default_factory=list,
        description="An `ip` or `dns_name` resource that terminates TLS itself (HTTPS, LDAPS): the names its certificate holds "
        "(`*.example.com` for a wildcard). `plgen paths` warns a consumer that reaches it by a name not among them, such as the "
        "resource endpoint's generated `…vpc-lattice-rsc….on.aws` names, which no certificate can list; give that consumer's "
        "resource endpoint a `dns_name` the certificate holds. @default none: the resource's TLS is not declared",
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Resource:
        kinds = [k for k in ("ip", "dns_name", "arn") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError("give exactly one of `ip`, `dns_name` or `arn`")
        if self.arn is None and not self.port_ranges:
            raise ValueError("an `ip` or `dns_name` resource needs `port_ranges`")
        if self.arn is not None and self.port_ranges:
            raise ValueError("an `arn` resource takes its ports from the AWS resource; leave out `port_ranges`")
        if self.arn is not None and self.tls_names:
            raise ValueError("`tls_names` are for an `ip` or `dns_name` resource (an `arn` resource's certificate holds its own DNS name: use `private_dns` on the endpoint)")
        return self

    @property
    def kind(self) -> Literal["ip", "dns", "arn"]:
        return "ip" if self.ip else "dns" if self.dns_name else "arn"

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [port_span(r) for r in self.port_ranges]


class ServiceNetwork(Strict):
    """A VPC Lattice service network the provider owns, with some of its resources associated, shared through AWS RAM.

    A consumer reaches every associated resource through one service-network
    endpoint instead of one resource endpoint each.
    """

    name: Slug = Field(..., description="Service network name.")
    resources: list[Slug] = Field(..., min_length=1, description="Names of this provider's resources associated with the network.")
    share_with: list[AccountId] = Field(default_factory=list, description="Accounts the service network is shared with through AWS RAM. @default none")
