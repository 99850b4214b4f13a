"""An endpoint service another organisation runs, named by its service name: what a consumer-only blueprint consumes.

A team that consumes a vendor's service (a database, data platform or
observability vendor) knows only what the vendor tells it: the service name
(``com.amazonaws.vpce.<region>.vpce-svc-...``, shown by the vendor, which the
consumer passes as the endpoint's ``service_name``), the Region, the
Availability Zones the service is offered in, its ports, its private DNS name
and the names its certificate holds. plgen checks and proves the consumer's
side with these, and does not guess the vendor's side (NLB, targets,
acceptance): ``plgen paths`` says it cannot judge it.

- A consumer connects to an endpoint service by its service name
  (https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html;
  the CDK's ``InterfaceVpcEndpointService(name, port)`` takes the same two facts,
  https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_ec2.InterfaceVpcEndpointService.html),
  and vendors publish exactly these per Region: service name and supported AZ IDs
  (e.g. https://jfrog.com/help/r/5H19DEVA7PsahAXH0xXNSg/7DIpdTw1A~u8k4GgiByKSA);
- an endpoint's subnets must be in Availability Zones the service is offered
  in (``DescribeVpcEndpointServices`` ``AvailabilityZones``, which the consumer
  can read before creating the endpoint:
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpointServices.html);
- private DNS can be enabled only once the provider has verified the domain
  (https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from plgen.aws.protocols import Protocol
from plgen.blueprint.formats import AzId, CertificateName, Domain, Flag, Port, Region, Slug
from plgen.blueprint.model.base import Strict
from plgen.blueprint.model.service import ServiceIpType

# An endpoint service's name: com.amazonaws.vpce.<region>.vpce-svc-<17 hex digits>
# (https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html, "service name").
SERVICE_NAME = r"^com\.amazonaws\.vpce\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.vpce-svc-[0-9a-f]{17}$"


class ExternalPort(Strict):
    """A port the vendor's service listens on."""

    port: Port = Field(..., description="Port consumers connect to.")
    protocol: Protocol = Field(Protocol.TCP, description="The service's listener protocol (its endpoint's security group opens TCP or UDP). @default TCP")


class ExternalService(Strict):
    """An endpoint service of another organisation, as its owner describes it to its consumers."""

    name: Slug = Field(..., description="Name this blueprint gives the service; consumers' endpoints name it `<vendor>/<name>`.")
    vendor: Slug = Field(..., description="The organisation offering it (a label: plgen renders nothing of its side).")
    service_name: Annotated[str, StringConstraints(pattern=SERVICE_NAME)] = Field(
        ..., description="The endpoint service's name, as the vendor gives it (`com.amazonaws.vpce.<region>.vpce-svc-...`)."
    )
    region: Region = Field(..., description="The service's Region (the one in `service_name`).")
    azs: list[AzId] = Field(..., min_length=1, description="AZ IDs the service is offered in (the vendor's DescribeVpcEndpointServices `AvailabilityZones`).")
    ports: list[ExternalPort] = Field(..., min_length=1, description="Ports the service listens on; the endpoint's security group opens these only.")
    private_dns_name: Domain | None = Field(None, description="The service's verified private DNS name, if the vendor has one. @default none")
    tls_names: list[CertificateName] = Field(
        default_factory=list,
        description="Names the service's certificate holds (`*.example.com` for a wildcard): `plgen paths` warns a consumer reaching it by any other name. "
        "@default none declared",
    )
    acceptance_required: Flag = Field(True, description="The vendor accepts each endpoint connection itself. @default true")
    supported_ip_address_types: list[ServiceIpType] = Field(
        default_factory=lambda: [ServiceIpType.ipv4], min_length=1, description="IP address types the service supports. @default [ipv4]"
    )

    @model_validator(mode="after")
    def _region_of_name(self) -> ExternalService:
        match = re.match(SERVICE_NAME, self.service_name)
        if match and match.group(1) != self.region:
            raise ValueError(f"`service_name` is a service of {match.group(1)}, not of `region` {self.region}")
        return self

    @property
    def key(self) -> str:
        return f"{self.vendor}/{self.name}"
