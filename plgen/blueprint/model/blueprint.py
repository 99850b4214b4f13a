"""The blueprint: providers, consumers, where the units keep their state, and the lookups between them."""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from plgen.aws.names import BUCKET, KMS_KEY_ARN
from plgen.blueprint.formats import AccountId, AzId, DeployRole, Flag, Region, Slug, StateKey, TagKey, TagValue, Text
from plgen.blueprint.model.base import Strict
from plgen.blueprint.model.consumer import Consumer, Endpoint
from plgen.blueprint.model.external import ExternalService
from plgen.blueprint.model.network import OnPremises, Peer, Vpc
from plgen.blueprint.model.resource_access import Resource, ResourceGateway, ServiceNetwork
from plgen.blueprint.model.service import Service


HANDOFF_HELP = (
    "How this side's deployment units hand values to, and take values from, another side's units (service names, "
    "endpoint IDs to accept, peering IDs): `file` (the producer's unit output, saved with `terraform output -json` into the "
    "reader's `handoffs/` folder: no state crosses), or `remote_state` (the reader reads the producer's state through "
    "`terraform_remote_state`: only when both sides say so, inside one organisation). Units of one side always read "
    "each other's state."
)


class Handoff(StrEnum):
    """How values cross between two sides' deployment units (see ``HANDOFF_HELP``)."""

    file = "file"
    remote_state = "remote_state"


class Provider(Strict):
    """A service owner: an account, a VPC and the endpoint services in it."""

    name: Slug
    account_id: AccountId
    region: Region
    deploy_role: DeployRole | None = Field(None, description="Role this side's deployment units assume in its account. @default the blueprint's `deploy_role`")
    handoff: Handoff | None = Field(None, description=HANDOFF_HELP + " @default the blueprint's `handoff`")
    vpc: Vpc
    azs: list[AzId] = Field(..., min_length=1, description="AZ IDs the NLB and endpoint service span (at least two).")
    on_premises: OnPremises | None = Field(None, description="Direct Connect reach to on-premises targets (hybrid services).")
    peers: list[Peer] = Field(default_factory=list, description="Peered VPCs holding targets (inter-region endpoint service).")
    services: list[Service] = Field(default_factory=list, description="Endpoint services behind NLBs (every pattern but resource-access).")
    resource_gateway: ResourceGateway | None = Field(None, description="The VPC Lattice resource gateway in front of `resources` (resource-access).")
    resources: list[Resource] = Field(default_factory=list, description="Resources behind the resource gateway, each a resource configuration (resource-access).")
    service_network: ServiceNetwork | None = Field(None, description="A service network grouping some of the resources (resource-access).")
    allow_external_principals: Flag = Field(
        False, description="Let the RAM shares name accounts outside the provider's organization (each consumer then accepts its invitation). @default false"
    )

    @model_validator(mode="after")
    def _something_to_offer(self) -> Provider:
        if not self.services and not self.resources:
            raise ValueError("a provider offers `services` (endpoint services behind NLBs) or `resources` (behind a resource gateway)")
        if self.resources and self.resource_gateway is None:
            raise ValueError("`resources` are reached through a `resource_gateway`; add one (`resource_gateway: {}` spans every AZ)")
        return self


class State(Strict):
    """Where the deployment units keep their state: one S3 object per unit, locked with an S3 lock file.

    Terraform's S3 backend locks with a `.tflock` object beside the state when
    `use_lockfile` is true (https://developer.hashicorp.com/terraform/language/backend/s3),
    so no DynamoDB table is needed.
    """

    bucket: Annotated[str, StringConstraints(pattern=BUCKET)] = Field(..., description="S3 bucket holding every unit's state.")
    region: Region = Field(..., description="Region of the bucket.")
    key_prefix: StateKey | None = Field(None, description="Prefix of each unit's state key (`<prefix>/<unit>/terraform.tfstate`). @default the blueprint name")
    kms_key_arn: Annotated[str, StringConstraints(pattern=KMS_KEY_ARN)] | None = Field(
        None,
        description=(
            "Customer managed KMS key encrypting every unit's state (SSE-KMS, the backend's `kms_key_id`); plgen writes the key "
            "policy statements each unit's role needs beside units.json. @default the bucket's default encryption"
        ),
    )


class Connectivity(StrEnum):
    """How an inter-region pattern crosses Regions.

    ``peering``: inter-Region VPC peering, as the reference notes describe (a
    remote NLB in front of the home fleet, or an endpoint VPC in the service's
    Region peered home). ``native``: cross-Region PrivateLink (November 2024):
    the service lists the consumers' Regions in ``supported_regions`` and each
    consumer's endpoint, in its own Region, names the service's Region
    (``service_region``); no peering, no remote NLB.
    """

    peering = "peering"
    native = "native"


class Blueprint(Strict):
    """One PrivateLink architecture: who provides what, and who consumes it."""

    name: Slug = Field(..., description="Blueprint name; the output folder in modules_out/.")
    pattern: Slug  # one of plgen.patterns.PATTERNS, checked by validate()
    connectivity: Connectivity | None = Field(
        None,
        description=(
            "How the inter-region patterns cross Regions: `peering` (inter-Region VPC peering) or `native` (cross-Region "
            "PrivateLink: `supported_regions` on the service, `service_region` on the endpoint). Only for the inter-region "
            "patterns. @default peering"
        ),
    )
    description: Text = Field(..., min_length=1, description="One-line purpose, shown in the catalogue.")
    tags: dict[TagKey, TagValue] = Field(default_factory=dict, description="Tags on every resource (provider default_tags in the example root).")
    external_services: list[ExternalService] = Field(
        default_factory=list,
        description="Endpoint services of other organisations, named by service name: consumers' endpoints name them `<vendor>/<name>`; "
        "plgen renders and proves only the consumers' side. @default none",
    )
    providers: list[Provider] = Field(
        default_factory=list,
        validate_default=True,
        description="The sides that offer services (at least one, unless `external_services` names what the consumers reach).",
    )
    consumers: list[Consumer] = Field(default_factory=list)
    deploy_role: DeployRole = Field(
        "plgen-deploy",
        description="Role each deployment unit's provider assumes in the unit's account: a name, or an ARN pattern with `{account_id}`. @default plgen-deploy",
    )
    handoff: Handoff = Field(Handoff.file, description=HANDOFF_HELP + " @default file")
    state: State | Literal["local"] | None = Field(
        None,
        description=(
            "Where the deployment units keep their state: an S3 bucket (one key per unit), or `local` (a state file in each "
            "unit's folder: every unit applied from one checkout on one machine, on purpose). Required when the blueprint's "
            "sides are in more than one account. @default local, for a single-account blueprint"
        ),
    )

    @field_validator("providers")
    @classmethod
    def _something_offered(cls, providers: list[Provider], info: ValidationInfo) -> list[Provider]:
        # external_services is absent from info.data when it failed its own validation: its error is the one to show
        if not providers and info.data.get("external_services", None) == []:
            raise ValueError("at least one provider, or `external_services` the consumers reach (a consumer-only blueprint)")
        return providers

    @model_validator(mode="after")
    def _external_for_consumers(self) -> Blueprint:
        if self.external_services and not self.consumers:
            raise ValueError("`external_services` are for consumers: add the consumers that reach them")
        return self

    @property
    def s3_state(self) -> State | None:
        """The S3 backend of the units, or None when they keep local state files."""
        return self.state if isinstance(self.state, State) else None

    @cached_property
    def _services_by_name(self) -> dict[str, list[tuple[Provider, Service]]]:
        """Service name -> every (provider, service) of that name, built once.

        Several rules and the data builder resolve every endpoint of every
        consumer; a scan of all services per endpoint would make thousands of
        consumers cost consumers x services.
        """
        index: dict[str, list[tuple[Provider, Service]]] = {}
        for p in self.providers:
            for s in p.services:
                index.setdefault(s.name, []).append((p, s))
        return index

    def find_service(self, ref: str) -> list[tuple[Provider, Service]]:
        """Every (provider, service) an endpoint's ``service`` reference can mean."""
        provider_name, _, service_name = ref.rpartition("/")
        return [(p, s) for p, s in self._services_by_name.get(service_name, ()) if provider_name in ("", p.name)]

    def find_external(self, ref: str) -> list[ExternalService]:
        """Every external service an endpoint's ``service`` reference can mean (``<vendor>/<name>``, or ``<name>``)."""
        vendor, _, name = ref.rpartition("/")
        return [e for e in self.external_services if e.name == name and vendor in ("", e.vendor)]

    def external_of(self, endpoint: Endpoint) -> ExternalService | None:
        """The external service an endpoint names, when it names one and no service of the blueprint."""
        if self.find_service(endpoint.service):
            return None
        found = self.find_external(endpoint.service)
        return found[0] if len(found) == 1 else None

    def find_resource(self, ref: str) -> list[tuple[Provider, Resource]]:
        """Every (provider, resource) a resource endpoint's ``resource`` reference can mean."""
        provider_name, _, name = ref.rpartition("/")
        return [(p, r) for p in self.providers if provider_name in ("", p.name) for r in p.resources if r.name == name]

    def find_service_network(self, ref: str) -> list[Provider]:
        """Every provider whose service network a service-network endpoint's reference can mean."""
        provider_name, _, name = ref.rpartition("/")
        return [p for p in self.providers if p.service_network and p.service_network.name == name and provider_name in ("", p.name)]

    def resolve(self, endpoint: Endpoint) -> tuple[Provider, Service]:
        """The one service an endpoint names; the rules have checked it exists."""
        (match,) = self.find_service(endpoint.service)
        return match

    @property
    def regions(self) -> list[str]:
        """Every Region the blueprint touches, home Region (first provider's) first."""
        seen: dict[str, None] = {}
        for side in [*self.providers, *self.consumers]:
            seen.setdefault(side.region, None)
            for peer in side.peers:
                seen.setdefault(peer.region, None)
        return list(seen)
