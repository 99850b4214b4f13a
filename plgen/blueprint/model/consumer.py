"""Consumers: VPCs that reach services through interface endpoints, or resources through resource endpoints."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator
from pydantic.json_schema import SkipJsonSchema

from plgen.blueprint.formats import AccountId, AzId, Cidr, DeployRole, Domain, Flag, Port, Reference, Region, SecurityGroupId, Slug, SourceCidr, Text, Whole
from plgen.blueprint.model.base import Strict
from plgen.blueprint.model.network import IpAddressType, OnPremises, Peer, Vpc


class DnsRecordIpType(StrEnum):
    """Which records an endpoint's DNS names get: A, A and AAAA, AAAA, or as the service's private DNS name says."""

    ipv4 = "ipv4"
    dualstack = "dualstack"
    ipv6 = "ipv6"
    service_defined = "service-defined"


class Organization(StrEnum):
    """Where a consumer's account is relative to the providers' AWS organization, for AWS RAM shares."""

    internal = "internal"
    external = "external"


class AcceptedWarning(Strict):
    """A path warning of this endpoint accepted on purpose: the hop it is at, and why it is fine (``plgen render`` then counts it, once)."""

    hop: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z -]{0,30}[a-z]$")] = Field(
        ..., description="The hop of the warning, as `plgen paths` names it: endpoint, targets, security group, dns, ..."
    )
    reason: Annotated[Text, StringConstraints(min_length=1)] = Field(..., description="Why the weakness is accepted; shown by `plgen render` and kept in the blueprint.")


class Endpoint(Strict):
    """An interface endpoint in a consumer VPC for one provider service."""

    service: str = Field(..., description="`provider/service`, or `service` when the name is unique in the blueprint.")
    allowed_cidrs: list[SourceCidr] = Field(
        default_factory=list, description="CIDRs (IPv4, or IPv6 for a dual-stack or IPv6-only endpoint) admitted by the endpoint's security group on the listener ports."
    )
    allowed_security_group_ids: list[SecurityGroupId] = Field(default_factory=list, description="Security groups admitted on the listener ports.")
    admit_own_vpc: Flag = Field(
        False,
        description=(
            "Admit the consumer VPC's own addresses on the listener ports, as its subnets hand them out: its IPv4 CIDR "
            "(`ipv4`), its Amazon-provided IPv6 block (`ipv6`), or both (`dualstack`). The IPv6 block is known only once the "
            "VPC exists: the module reads it at apply. For a VPC plgen creates. @default false"
        ),
    )
    private_dns: Flag = Field(False, description="Resolve the provider's private DNS name to this endpoint. @default false")
    dns_name: Domain | None = Field(None, description="Friendly name: a private hosted zone whose apex aliases the endpoint's regional DNS name.")
    ip_address_type: IpAddressType = Field(
        IpAddressType.ipv4,
        description="Addresses of the endpoint's network interfaces: one the service supports (`dualstack`: both), in subnets that have them. @default ipv4",
    )
    dns_record_ip_type: DnsRecordIpType | None = Field(
        None, description="Records of the endpoint's DNS names (`dns_options.dns_record_ip_type`). @default the endpoint's `ip_address_type`"
    )
    accept_warnings: list[AcceptedWarning] = Field(
        default_factory=list, description="Path warnings of this endpoint accepted on purpose, one per hop, each with its reason. @default none"
    )
    # Read only to be refused with the reason (rule endpoint-policy): an endpoint for an endpoint service takes full access only.
    policy: SkipJsonSchema[Any] = Field(None, exclude=True)

    @property
    def dns_records(self) -> str:
        return (self.dns_record_ip_type or self.ip_address_type).value


class ResourceEndpoint(Strict):
    """A resource endpoint (``vpc_endpoint_type = "Resource"``) in a consumer VPC for one shared resource."""

    resource: Reference = Field(..., description="`provider/resource`, or `resource` when the name is unique in the blueprint.")
    ports: list[Port] = Field(default_factory=list, description="Ports the endpoint's security group opens, within the resource's port ranges. @default every port of the ranges (up to 20 ranges)")
    allowed_cidrs: list[Cidr] = Field(default_factory=list, description="CIDRs admitted by the endpoint's security group.")
    allowed_security_group_ids: list[SecurityGroupId] = Field(default_factory=list, description="Security groups admitted by the endpoint's security group.")
    private_dns: Flag = Field(False, description="Resolve the resource's own DNS name (an `arn` resource's, e.g. an RDS endpoint) to this endpoint. @default false")
    dns_name: Domain | None = Field(
        None,
        description="The name clients use: a private hosted zone in the consumer VPC whose apex aliases the resource endpoint's DNS name "
        "(for a `dns_name` resource, its own name, so a certificate the resource holds matches). @default none: the generated names only",
    )


class ServiceNetworkEndpoint(Strict):
    """A service-network endpoint (``vpc_endpoint_type = "ServiceNetwork"``): every resource of a shared service network."""

    service_network: Reference = Field(..., description="`provider/network`, or `network` when the name is unique in the blueprint.")
    allowed_cidrs: list[Cidr] = Field(default_factory=list, description="CIDRs admitted by the endpoint's security group on the network's resource ports.")
    allowed_security_group_ids: list[SecurityGroupId] = Field(default_factory=list, description="Security groups admitted on the network's resource ports.")


class Consumer(Strict):
    """A VPC that reaches provider services through interface endpoints (or resources through resource endpoints)."""

    name: Slug
    account_id: AccountId
    region: Region
    deploy_role: DeployRole | None = Field(None, description="Role this side's deployment units assume in its account. @default the blueprint's `deploy_role`")
    handoff: Literal["file", "remote_state"] | None = Field(
        None,
        description=(
            "How this side's units hand values to, and take values from, another side's units: `file` (a reviewed JSON the "
            "producer's operator saves with `terraform output -json` into the reader's `handoffs/` folder), or `remote_state` "
            "(only when both sides say so). @default the blueprint's `handoff`"
        ),
    )
    vpc: Vpc
    azs: list[AzId] = Field(..., min_length=1, description="AZ IDs with an endpoint network interface, one subnet each.")
    endpoints: list[Endpoint] = Field(default_factory=list, description="Interface endpoints, one per consumed endpoint service.")
    resource_endpoints: list[ResourceEndpoint] = Field(default_factory=list, description="Resource endpoints, one per consumed resource (resource-access).")
    service_network_endpoint: ServiceNetworkEndpoint | None = Field(None, description="One service-network endpoint for a shared service network (resource-access).")
    on_premises: OnPremises | None = Field(None, description="Direct Connect access VPC: on-premises CIDRs admitted to every endpoint.")
    interface_endpoint_quota: Whole | None = Field(
        None,
        ge=1,
        description=(
            "This account's quota of interface endpoints per VPC in this Region (Service Quotas, Amazon VPC, \"Interface and "
            "Gateway Load Balancer endpoints per VPC\", L-29B6F2EB) when it was raised: the `vpc-endpoint-quota` rule counts "
            "this VPC's interface endpoints against it. @default AWS's default, 50"
        ),
    )
    peers: list[Peer] = Field(default_factory=list, description="Home VPCs in other Regions that reach these endpoints over peering.")
    verify: Literal["reachability"] | None = Field(
        None,
        description=(
            "`reachability`: a `verify` deployment unit, applied in this account after the providers' acceptance, places a "
            "probe network interface in a consumer subnet and asks AWS Reachability Analyzer for the path from it to each "
            "interface endpoint on each listener port; the unit fails unless every path is found. It proves this side up to "
            "the endpoint; the service's NLB and targets stay proven by plgen only. @default off"
        ),
    )
    organization: Organization | None = Field(
        None,
        description=(
            "Resource access: whether this account is in the providers' AWS organization with RAM sharing with AWS "
            "Organizations enabled (`internal`: shares arrive without an invitation) or outside it (`external`: each share "
            "is an invitation this consumer accepts). @default external when its provider allows external principals, else internal"
        ),
    )

    @model_validator(mode="after")
    def _consumes_something(self) -> Consumer:
        if not (self.endpoints or self.resource_endpoints or self.service_network_endpoint):
            raise ValueError("a consumer needs `endpoints` (interface endpoints) or `resource_endpoints` / `service_network_endpoint` (resource-access)")
        return self

    def admitted(self, index: int) -> list[tuple[str, str | None, tuple[str | int, ...]]]:
        """Everything endpoint ``index``'s security group admits: (source, origin, field path).

        The union the consumer module opens: the endpoint's ``allowed_cidrs``
        and ``allowed_security_group_ids`` (origin None), the consumer's
        on-premises CIDRs and its peered home VPCs' CIDRs. The compiler's side
        reads it: the rules (``sources-not-internet``), the module data
        (``interfaces.consumer.admitted_sources``, the NLB's
        ``interfaces.endpoint_service`` sources) and, through them, the
        catalogue. The path proof does not: it reads the compiled root
        (``declared_sources`` in ``plgen.paths.proof``, over its tfvars), so it
        judges what was emitted rather than what this method says.
        """
        endpoint = self.endpoints[index]
        out: list[tuple[str, str | None, tuple[str | int, ...]]] = []
        out += [(c, None, ("endpoints", index, "allowed_cidrs", k)) for k, c in enumerate(endpoint.allowed_cidrs)]
        out += [(g, None, ("endpoints", index, "allowed_security_group_ids", k)) for k, g in enumerate(endpoint.allowed_security_group_ids)]
        if self.on_premises:
            out += [(c, "on-premises", ("on_premises", "cidrs", k)) for k, c in enumerate(self.on_premises.cidrs)]
        out += [(str(p.vpc.network), f"peer {p.name}", ("peers", j, "vpc")) for j, p in enumerate(self.peers) if p.vpc.network]
        return out
