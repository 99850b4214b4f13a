"""VPC Lattice resource access as AWS builds it: resource gateways, resource configurations, RAM shares, resource endpoints.

moto 5.2.5 has VPC Lattice services and service networks but no resource
gateways or resource configurations, no ``DeleteServiceNetwork`` or
``DeleteServiceNetworkResourceAssociation`` (and its resource associations do
not record the configuration); its RAM has no ``AssociateResourceShare`` /
``DisassociateResourceShare``, refuses to share VPC Lattice ARNs, drops a
share's tags and ignores the filters of ``GetResourceShares``; its EC2 knows no
``Resource`` or ``ServiceNetwork`` endpoints. This area adds them on moto's
backends (state kept beside moto's, per account and Region), composed in by
``tests.emulator.app``. What is imitated, with its source:

* ``CreateResourceGateway`` / ``GetResourceGateway`` / ``ListResourceGateways`` /
  ``DeleteResourceGateway``: the VPC, subnets (in that VPC) and security groups
  (in that VPC) must exist (``ValidationException``); ``ipAddressType``
  ``IPV4`` / ``IPV6`` / ``DUALSTACK``; the name is unique in the account
  (``ConflictException``); ``ACTIVE`` at once; deleting a gateway that resource
  configurations still use is a ``ConflictException``.
  https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateResourceGateway.html
  https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_DeleteResourceGateway.html
* ``CreateResourceConfiguration`` / ``Get`` / ``Update`` / ``List`` / ``Delete``
  (type ``SINGLE``, ``ARN`` or ``GROUP``): a ``SINGLE`` one needs a gateway of
  the account, port ranges (``\\d+`` or ``\\d+-\\d+``, 1-65535, from <= to) and
  exactly one of ``ipResource``, ``dnsResource``, ``cidrResource``; an ``ARN`` one is defined by an
  ``arnResource`` and takes neither ``protocol`` (a SINGLE/GROUP parameter) nor ``portRanges`` (SINGLE/GROUP/CHILD):
  ``ValidationException``; the protocol is ``TCP``; the name is unique in the account; deleting one that a service
  network association or a resource endpoint still uses is a ``ConflictException``.
  https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateResourceConfiguration.html
  https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_UpdateResourceConfiguration.html
  https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_DeleteResourceConfiguration.html
* ``CreateServiceNetworkResourceAssociation`` records the configuration (it must
  exist); a configuration without ``allowAssociationToShareableServiceNetwork``
  cannot join a service network that is shared through RAM
  (``ValidationException``, checked at association time); ``Delete...`` removes
  the association; ``DeleteServiceNetwork`` with resource associations or
  endpoints left is a ``ConflictException``.
  https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateServiceNetworkResourceAssociation.html
  https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_DeleteServiceNetwork.html
* RAM: ``resourceconfiguration`` and ``servicenetwork`` ARNs are shareable;
  ``AssociateResourceShare`` adds principals and resources (the resource must be
  the caller's; a share that does not allow external principals takes no account
  outside the organization: ``OperationNotPermittedException``);
  ``DisassociateResourceShare`` removes them; associations to an account outside
  the organization are ``external``; ``GetResourceShares`` honours
  ``resourceShareArns``, ``name`` and ``resourceShareStatus`` and returns tags.
  https://docs.aws.amazon.com/ram/latest/userguide/shareable.html
  https://docs.aws.amazon.com/ram/latest/APIReference/API_AssociateResourceShare.html
  https://docs.aws.amazon.com/ram/latest/APIReference/API_DisassociateResourceShare.html
  https://docs.aws.amazon.com/ram/latest/APIReference/API_GetResourceShares.html
* RAM invitations (an account outside the owner's organization must accept):
  associating an account principal outside the organization with a share
  creates a ``PENDING`` invitation for that account (an account of the owner's
  organization gets none: it has the share at once, and an accept finds nothing,
  ``tests/emulator/test_ram_organization.py``), and the owner's
  ``GetResourceShareAssociations`` reports the principal ``ASSOCIATING`` until
  it is accepted, ``ASSOCIATED`` after (the provider: "AWS Account ID principals
  need to be accepted to become ASSOCIATED", internal/service/ram/principal_association.go).
  ``GetResourceShareInvitations`` lists the invitations the caller received
  (filters ``resourceShareArns``, ``resourceShareInvitationArns``; an invitation
  ARN it did not receive: ``ResourceShareInvitationArnNotFoundException``);
  ``AcceptResourceShareInvitation`` by the invitee only (anyone else:
  ``ResourceShareInvitationArnNotFoundException``; accepted twice:
  ``ResourceShareInvitationAlreadyAcceptedException``) makes it ``ACCEPTED``.
  Only then does the share reach the invitee: ``GetResourceShares`` /
  ``ListResources`` with ``resourceOwner=OTHER-ACCOUNTS`` list it and its
  resources, and the invitee's ``Resource`` / ``ServiceNetwork`` endpoints to
  them may be created. The invitee leaves with ``DisassociateResourceShare``
  naming its own account (only a share it was given as an account outside the
  organization, else ``OperationNotPermittedException``; nothing else may be
  named); leaving, or the owner removing the principal, drops the invitation.
  https://docs.aws.amazon.com/ram/latest/APIReference/API_GetResourceShareInvitations.html
  https://docs.aws.amazon.com/ram/latest/APIReference/API_AcceptResourceShareInvitation.html
  https://docs.aws.amazon.com/ram/latest/APIReference/API_ListResources.html
  https://docs.aws.amazon.com/ram/latest/userguide/getting-started-sharing.html#getting-started-sharing-orgs
  https://docs.aws.amazon.com/ram/latest/userguide/working-with-shared-leave.html
* ``CreateVpcEndpoint`` of type ``Resource`` (``ResourceConfigurationArn``) or
  ``ServiceNetwork`` (``ServiceNetworkArn``): the target must exist and be the
  caller's own or shared with the caller's account through RAM (an account
  outside the owner's organization: once it accepted the invitation); anything else
  is ``InvalidParameter`` as for an unknown target. The endpoint gets one
  network interface per subnet and is ``available``; ``DescribeVpcEndpoints``
  reports the ARN; ``DeleteVpcEndpoints`` removes its interfaces.
  ``DescribeVpcEndpointAssociations`` gives a ``Resource`` endpoint's one
  association with its DNS entry (the names a private zone aliases).
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html
  https://docs.aws.amazon.com/vpc/latest/privatelink/use-resource-endpoint.html

``ListResourceSharePermissions`` lists the default managed permission of each
resource type in a share (the provider reads it after every share); the
permission names are this emulator's choice.
https://docs.aws.amazon.com/ram/latest/APIReference/API_ListResourceSharePermissions.html

Not imitated: ``RejectResourceShareInvitation`` and invitation expiry, the
``CREATE_IN_PROGRESS``/``DELETE_IN_PROGRESS`` steps (the provider waits through
them either way), resource configuration groups' children, custom domain names.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult
from moto.core.utils import unix_time
from moto.ec2.exceptions import EC2ClientError
from moto.ec2.models import ec2_backends
from moto.moto_api._internal import mock_random
from moto.ram.models import ResourceShare, ram_backends
from moto.ram.responses import ResourceAccessManagerResponse
from moto.vpclattice.exceptions import ResourceNotFoundException, ValidationException
from moto.vpclattice.models import vpclattice_backends
from moto.vpclattice.responses import VPCLatticeResponse

from plgen.aws.names import PORT_MAX, PORT_MIN

SHAREABLE = ("resourceconfiguration", "servicenetwork")
PORT_RANGE = re.compile(r"^(\d{1,5})(?:-(\d{1,5}))?$")
ARN = re.compile(r"^arn:aws:vpc-lattice:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):(?P<kind>resourceconfiguration|servicenetwork)/(?P<id>[a-z0-9-]+)$")


class ConflictException(JsonRESTError):
    code = 409

    def __init__(self, message: str):
        super().__init__("ConflictException", message)


def _now() -> str:
    return datetime.now(UTC).isoformat()


def state(account: str, region: str) -> dict[str, dict[str, dict[str, Any]]]:
    """This account's and Region's resource gateways, configurations and resource associations (beside moto's backend)."""
    backend = vpclattice_backends[account][region]
    if not hasattr(backend, "plgen_resource_access"):
        backend.plgen_resource_access = {"gateways": {}, "configurations": {}, "associations": {}}
    return backend.plgen_resource_access


def _identifier(value: str) -> str:
    """An ID from an ID or an ARN (the APIs take either)."""
    return unquote(value).rsplit("/", 1)[-1]


def _port_ranges(ranges: list[str]) -> list[str]:
    for item in ranges:
        match = PORT_RANGE.match(item)
        low, high = (int(match.group(1)), int(match.group(2) or match.group(1))) if match else (0, 0)
        if not match or not PORT_MIN <= low <= high <= PORT_MAX:
            raise ValidationException(f"Invalid port range {item!r}: a port (1-65535) or a range FROM-TO")
    return list(ranges)


def _definition(definition: dict[str, Any] | None) -> dict[str, Any]:
    kinds = [k for k in ("ipResource", "dnsResource", "arnResource", "cidrResource") if (definition or {}).get(k)]
    if len(kinds) != 1:
        raise ValidationException("resourceConfigurationDefinition needs exactly one of ipResource, dnsResource, arnResource, cidrResource")
    return definition  # type: ignore[return-value]


def endpoints_to(arn: str, kind: str) -> list[Any]:
    """Live endpoints of any account whose ``ResourceConfigurationArn`` / ``ServiceNetworkArn`` is ``arn``."""
    region = ARN.match(arn).group("region")  # type: ignore[union-attr]
    found = []
    for account in list(ec2_backends.keys()):
        for ep in ec2_backends[account][region].vpc_end_points.values():
            if ep.state != "deleted" and getattr(ep, kind, None) == arn:
                found.append(ep)
    return found


def outside_organization(owner: str, principal: str) -> bool:
    """Whether account ``principal`` is outside ``owner``'s organization (moto: no organization means every other account)."""
    from moto.organizations.models import organizations_backends

    if not re.fullmatch(r"\d{12}", principal) or principal == owner:
        return False
    organizations = organizations_backends[owner]["aws"]
    return organizations.org is None or principal not in {a.id for a in organizations.accounts}


def invitations(share: ResourceShare) -> dict[str, dict[str, Any]]:
    """The share's invitations by receiving account (kept on moto's share)."""
    if not hasattr(share, "plgen_invitations"):
        share.plgen_invitations = {}
    return share.plgen_invitations


def granted(share: ResourceShare, account: str) -> bool:
    """Whether ``account`` may use the share: a principal of it and, outside the owner's organization, having accepted its invitation."""
    if account not in share.principals:
        return False
    return not outside_organization(share.owning_account_id, account) or invitations(share).get(account, {}).get("status") == "ACCEPTED"


def all_shares(region: str) -> list[ResourceShare]:
    """Every account's resource shares in ``region``."""
    return [share for account in list(ram_backends.keys()) for share in ram_backends[account][region].resource_shares]


def shared_with(arn: str, account: str) -> bool:
    """Whether ``arn``'s owner shares it with ``account`` through an active RAM share (principal: the account ID, accepted if outside the organization)."""
    match = ARN.match(arn)
    if not match:
        return False
    owner = ram_backends[match.group("account")][match.group("region")]
    return any(share.status == "ACTIVE" and arn in share.resource_arns and granted(share, account) for share in owner.resource_shares)


class StrictVPCLatticeResponse(VPCLatticeResponse):
    """moto's VPC Lattice responses plus resource gateways and configurations."""

    @property
    def _state(self) -> dict[str, dict[str, dict[str, Any]]]:
        return state(self.current_account, self.region)

    def _path_id(self) -> str:
        return _identifier(unquote(self.path).split("?")[0])

    def _tagged(self, arn: str) -> None:
        self.backend.tag_resource(arn, self._get_param("tags") or {})

    # --- resource gateways ---------------------------------------------------------------------------------
    def create_resource_gateway(self) -> str:
        """https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateResourceGateway.html"""
        ec2 = ec2_backends[self.current_account][self.region]
        name, vpc_id = self._get_param("name"), self._get_param("vpcIdentifier")
        subnets, groups = self._get_param("subnetIds") or [], self._get_param("securityGroupIds") or []
        ip_type = self._get_param("ipAddressType") or "IPV4"
        if ip_type not in ("IPV4", "IPV6", "DUALSTACK"):
            raise ValidationException(f"Invalid ipAddressType {ip_type}")
        if any(g["name"] == name for g in self._state["gateways"].values()):
            raise ConflictException(f"A resource gateway named {name} already exists")
        if vpc_id not in ec2.vpcs:
            raise ValidationException(f"VPC {vpc_id} not found")
        if not subnets:
            raise ValidationException("subnetIds must name at least one subnet")
        for subnet_id in subnets:
            subnet = next((s for zone in ec2.subnets.values() for s in zone.values() if s.id == subnet_id), None)
            if subnet is None or subnet.vpc_id != vpc_id:
                raise ValidationException(f"Subnet {subnet_id} not found in VPC {vpc_id}")
        for group_id in groups:
            group = ec2.get_security_group_from_id(group_id)
            if group is None or group.vpc_id != vpc_id:
                raise ValidationException(f"Security group {group_id} not found in VPC {vpc_id}")
        gateway_id = f"rgw-{mock_random.get_random_hex(17)}"
        gateway = {
            "arn": f"arn:aws:vpc-lattice:{self.region}:{self.current_account}:resourcegateway/{gateway_id}",
            "id": gateway_id,
            "name": name,
            "ipAddressType": ip_type,
            "securityGroupIds": list(groups),
            "subnetIds": list(subnets),
            "status": "ACTIVE",
            "vpcIdentifier": vpc_id,
            "createdAt": _now(),
            "lastUpdatedAt": _now(),
        }
        if self._get_param("ipv4AddressesPerEni"):
            gateway["ipv4AddressesPerEni"] = self._get_param("ipv4AddressesPerEni")
        self._state["gateways"][gateway_id] = gateway
        self._tagged(gateway["arn"])
        return json.dumps({k: v for k, v in gateway.items() if k not in ("createdAt", "lastUpdatedAt")})

    def _gateway(self, identifier: str) -> dict[str, Any]:
        gateway = self._state["gateways"].get(_identifier(identifier))
        if gateway is None:
            raise ResourceNotFoundException(f"Resource gateway {identifier} not found")
        return gateway

    def get_resource_gateway(self) -> str:
        """https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_GetResourceGateway.html"""
        gateway = self._gateway(self._path_id())
        return json.dumps({**{k: v for k, v in gateway.items() if k != "vpcIdentifier"}, "vpcId": gateway["vpcIdentifier"]})

    def list_resource_gateways(self) -> str:
        """https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_ListResourceGateways.html"""
        items = [{**{k: v for k, v in g.items() if k != "vpcIdentifier"}, "vpcIdentifier": g["vpcIdentifier"]} for g in self._state["gateways"].values()]
        return json.dumps({"items": items})

    def delete_resource_gateway(self) -> str:
        """https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_DeleteResourceGateway.html"""
        gateway = self._gateway(self._path_id())
        users = [c["id"] for c in self._state["configurations"].values() if c.get("resourceGatewayId") == gateway["id"]]
        if users:
            raise ConflictException(f"Resource gateway {gateway['id']} is used by resource configurations {users}")
        del self._state["gateways"][gateway["id"]]
        return json.dumps({"arn": gateway["arn"], "id": gateway["id"], "name": gateway["name"], "status": "DELETE_IN_PROGRESS"})

    # --- resource configurations ---------------------------------------------------------------------------
    def create_resource_configuration(self) -> str:
        """https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateResourceConfiguration.html"""
        name, kind = self._get_param("name"), self._get_param("type")
        if kind not in ("SINGLE", "GROUP", "CHILD", "ARN"):
            raise ValidationException(f"Invalid type {kind}")
        if any(c["name"] == name for c in self._state["configurations"].values()):
            raise ConflictException(f"A resource configuration named {name} already exists")
        given_protocol, given_ports = self._get_param("protocol"), self._get_param("portRanges")
        if kind == "ARN" and (given_protocol is not None or given_ports is not None):
            # `protocol` is a (SINGLE, GROUP) parameter and `portRanges` a (SINGLE, GROUP, CHILD) one: an AWS resource
            # by ARN brings its own (the provider refuses the combination at plan, "Invalid Attribute Combination").
            raise ValidationException("An ARN resource configuration takes neither protocol nor portRanges")
        protocol = given_protocol or "TCP"
        if protocol != "TCP":
            raise ValidationException(f"Invalid protocol {protocol}: only TCP")
        gateway_id = None
        if kind in ("SINGLE", "GROUP", "ARN"):
            if not self._get_param("resourceGatewayIdentifier"):
                raise ValidationException(f"A {kind} resource configuration needs resourceGatewayIdentifier")
            gateway_id = self._gateway(self._get_param("resourceGatewayIdentifier"))["id"]
        definition = self._get_param("resourceConfigurationDefinition")
        ports = self._get_param("portRanges") or []
        if kind == "SINGLE":
            definition = _definition(definition)
            if "arnResource" in definition:
                raise ValidationException("An arnResource is a resource configuration of type ARN, not SINGLE")
            if not ports:
                raise ValidationException("A SINGLE resource configuration needs portRanges")
        if kind == "ARN" and set(_definition(definition)) != {"arnResource"}:
            raise ValidationException("An ARN resource configuration is defined by an arnResource")
        config_id = f"rcfg-{mock_random.get_random_hex(17)}"
        config = {
            "allowAssociationToShareableServiceNetwork": bool(self._get_param("allowAssociationToShareableServiceNetwork")),
            "arn": f"arn:aws:vpc-lattice:{self.region}:{self.current_account}:resourceconfiguration/{config_id}",
            "id": config_id,
            "name": name,
            "portRanges": _port_ranges(ports),
            "protocol": protocol,
            "resourceGatewayId": gateway_id,
            "status": "ACTIVE",
            "type": kind,
            "amazonManaged": False,
            "createdAt": _now(),
            "lastUpdatedAt": _now(),
        }
        if definition:
            config["resourceConfigurationDefinition"] = definition
        if self._get_param("resourceConfigurationGroupIdentifier"):
            config["resourceConfigurationGroupId"] = _identifier(self._get_param("resourceConfigurationGroupIdentifier"))
        self._state["configurations"][config_id] = config
        self._tagged(config["arn"])
        return json.dumps({k: v for k, v in config.items() if v is not None and k not in ("amazonManaged", "lastUpdatedAt")})

    def _configuration(self, identifier: str) -> dict[str, Any]:
        config = self._state["configurations"].get(_identifier(identifier))
        if config is None:
            raise ResourceNotFoundException(f"Resource configuration {identifier} not found")
        return config

    def get_resource_configuration(self) -> str:
        """https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_GetResourceConfiguration.html"""
        return json.dumps({k: v for k, v in self._configuration(self._path_id()).items() if v is not None})

    def list_resource_configurations(self) -> str:
        """https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_ListResourceConfigurations.html"""
        gateway = self._get_param("resourceGatewayIdentifier")
        items = [
            {
                k: v
                for k, v in c.items()
                if v is not None and k not in ("portRanges", "protocol", "resourceConfigurationDefinition", "allowAssociationToShareableServiceNetwork")
            }
            for c in self._state["configurations"].values()
            if not gateway or c["resourceGatewayId"] == _identifier(gateway)
        ]
        return json.dumps({"items": items})

    def update_resource_configuration(self) -> str:
        """https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_UpdateResourceConfiguration.html"""
        config = self._configuration(self._path_id())
        if self._get_param("portRanges") is not None:
            config["portRanges"] = _port_ranges(self._get_param("portRanges"))
        if self._get_param("resourceConfigurationDefinition") is not None:
            config["resourceConfigurationDefinition"] = _definition(self._get_param("resourceConfigurationDefinition"))
        if self._get_param("allowAssociationToShareableServiceNetwork") is not None:
            config["allowAssociationToShareableServiceNetwork"] = bool(self._get_param("allowAssociationToShareableServiceNetwork"))
        config["lastUpdatedAt"] = _now()
        return json.dumps({k: v for k, v in config.items() if v is not None and k not in ("amazonManaged", "createdAt", "lastUpdatedAt")})

    def delete_resource_configuration(self) -> str:
        """https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_DeleteResourceConfiguration.html"""
        config = self._configuration(self._path_id())
        associations = [a["id"] for a in self._state["associations"].values() if a["resourceConfigurationId"] == config["id"]]
        endpoints = [ep.id for ep in endpoints_to(config["arn"], "resource_configuration_arn")]
        if associations or endpoints:
            raise ConflictException(f"Resource configuration {config['id']} is still associated with {associations + endpoints}")
        del self._state["configurations"][config["id"]]
        return json.dumps({})

    # --- service networks and their resource associations --------------------------------------------------
    def delete_service_network(self) -> str:
        """https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_DeleteServiceNetwork.html"""
        network = self.backend.get_service_network(self._path_id())
        left = [a["id"] for a in self._state["associations"].values() if a["serviceNetworkId"] == network.id]
        left += [ep.id for ep in endpoints_to(network.arn, "service_network_arn")]
        left += [a.id for a in self.backend.service_network_service_associations.values() if getattr(a, "service_network_id", None) == network.id]
        if left:
            raise ConflictException(f"Service network {network.id} still has associations or endpoints {left}")
        del self.backend.service_networks[network.id]
        return json.dumps({})

    def _shared(self, network: Any) -> bool:
        """Whether the service network is in one of the owner's RAM shares."""
        owner = ram_backends[self.current_account][self.region]
        return any(s.status == "ACTIVE" and network.arn in s.resource_arns for s in owner.resource_shares)

    def create_service_network_resource_association(self) -> str:
        """https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateServiceNetworkResourceAssociation.html"""
        network = self.backend.get_service_network(_identifier(self._get_param("serviceNetworkIdentifier")))
        config = self._configuration(self._get_param("resourceConfigurationIdentifier"))
        if self._shared(network) and not config["allowAssociationToShareableServiceNetwork"]:
            raise ValidationException(f"Resource configuration {config['id']} does not allow association to a shareable service network")
        association_id = f"snra-{mock_random.get_random_hex(17)}"
        association = {
            "arn": f"arn:aws:vpc-lattice:{self.region}:{self.current_account}:servicenetworkresourceassociation/{association_id}",
            "id": association_id,
            "createdBy": self.current_account,
            "status": "ACTIVE",
            "resourceConfigurationId": config["id"],
            "resourceConfigurationArn": config["arn"],
            "resourceConfigurationName": config["name"],
            "serviceNetworkId": network.id,
            "serviceNetworkArn": network.arn,
            "serviceNetworkName": network.name,
            "privateDnsEnabled": bool(self._get_param("privateDnsEnabled")),
            "isManagedAssociation": False,
            "createdAt": _now(),
            "lastUpdatedAt": _now(),
        }
        self._state["associations"][association_id] = association
        self._tagged(association["arn"])
        return json.dumps({k: association[k] for k in ("arn", "id", "createdBy", "status")})

    def _association(self, identifier: str) -> dict[str, Any]:
        association = self._state["associations"].get(_identifier(identifier))
        if association is None:
            raise ResourceNotFoundException(f"Service network resource association {identifier} not found")
        return association

    def get_service_network_resource_association(self) -> str:
        """https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_GetServiceNetworkResourceAssociation.html"""
        return json.dumps(self._association(self._path_id()))

    def list_service_network_resource_associations(self) -> str:
        """https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_ListServiceNetworkResourceAssociations.html"""
        network, config = self._get_param("serviceNetworkIdentifier"), self._get_param("resourceConfigurationIdentifier")
        items = [
            a
            for a in self._state["associations"].values()
            if (not network or a["serviceNetworkId"] == _identifier(network)) and (not config or a["resourceConfigurationId"] == _identifier(config))
        ]
        return json.dumps({"items": items})

    def delete_service_network_resource_association(self) -> str:
        """https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_DeleteServiceNetworkResourceAssociation.html"""
        association = self._association(self._path_id())
        del self._state["associations"][association["id"]]
        return json.dumps({"arn": association["arn"], "id": association["id"], "status": "DELETE_IN_PROGRESS"})


class RAMError(JsonRESTError):
    code = 400


class StrictRAMResponse(ResourceAccessManagerResponse):
    """moto's RAM plus associations, invitations, VPC Lattice ARNs, tags and the filters of ``GetResourceShares``."""

    def _invite(self, share: ResourceShare, principals: list[str]) -> None:
        """A ``PENDING`` invitation for each account principal outside the owner's organization.

        https://docs.aws.amazon.com/ram/latest/userguide/getting-started-sharing.html#getting-started-sharing-orgs
        """
        for principal in principals:
            if self._external(principal) and principal not in invitations(share):
                invitations(share)[principal] = {
                    "resourceShareInvitationArn": f"arn:aws:ram:{self.region}:{share.owning_account_id}:resource-share-invitation/{mock_random.uuid4()}",
                    "resourceShareName": share.name,
                    "resourceShareArn": share.arn,
                    "senderAccountId": share.owning_account_id,
                    "receiverAccountId": principal,
                    "invitationTimestamp": datetime.now(UTC).timestamp(),
                    "status": "PENDING",
                }

    def _received(self) -> list[tuple[ResourceShare, dict[str, Any]]]:
        """The invitations of active shares in this Region that the caller's account received."""
        return [
            (share, invitation)
            for share in all_shares(self.region)
            if share.status == "ACTIVE" and (invitation := invitations(share).get(self.current_account)) is not None
        ]

    def _theirs(self) -> list[ResourceShare]:
        """Other accounts' active shares in this Region that the caller may use."""
        return [s for s in all_shares(self.region) if s.owning_account_id != self.current_account and s.status == "ACTIVE" and granted(s, self.current_account)]

    def _association_status(self, share: ResourceShare, principal: str) -> str:
        """``ASSOCIATING`` while an account outside the organization has not accepted, ``ASSOCIATED`` otherwise."""
        return "ASSOCIATING" if self._external(principal) and not granted(share, principal) else "ASSOCIATED"

    def _share(self, arn: str | None) -> ResourceShare:
        from moto.ram.exceptions import UnknownResourceException

        share = next((s for s in self.ram_backend.resource_shares if s.arn == arn and s.status == "ACTIVE"), None)
        if share is None:
            raise UnknownResourceException(f"ResourceShare {arn} could not be found.")
        return share

    def _external(self, principal: str) -> bool:
        """An account principal outside the caller's organization."""
        return outside_organization(self.current_account, principal)

    def _check(self, share: ResourceShare, principals: list[str], resources: list[str]) -> None:
        from moto.ram.exceptions import OperationNotPermittedException, UnknownResourceException

        for arn in resources:
            if f":{self.current_account}:" not in arn:
                raise UnknownResourceException(f"Resource {arn} is not owned by account {self.current_account}.")
        if not share.allow_external_principals and any(self._external(p) for p in principals):
            raise OperationNotPermittedException()

    def create_resource_share(self) -> str:
        """https://docs.aws.amazon.com/ram/latest/APIReference/API_CreateResourceShare.html (tags kept)."""
        result = json.loads(super().create_resource_share())
        share = self._share(result["resourceShare"]["resourceShareArn"])
        share.plgen_tags = list(self.request_params.get("tags") or [])
        self._check(share, share.principals, share.resource_arns)
        self._invite(share, share.principals)
        result["resourceShare"]["tags"] = share.plgen_tags
        return json.dumps(result)

    def get_resource_shares(self) -> str:
        """https://docs.aws.amazon.com/ram/latest/APIReference/API_GetResourceShares.html (filters honoured, tags returned).

        ``resourceOwner=OTHER-ACCOUNTS``: the active shares of other accounts that the caller may use (a principal
        of them, having accepted the invitation when outside the owner's organization); moto raises NotImplementedError.
        """
        params = self.request_params
        arns, name, status = params.get("resourceShareArns") or [], params.get("name"), params.get("resourceShareStatus")
        if params.get("resourceOwner") == "OTHER-ACCOUNTS":
            theirs = self._theirs()
            shares = [{k: v for k, v in s.describe().items() if k != "allowExternalPrincipals"} for s in theirs]
            by_arn = {s.arn: s for s in theirs}
        else:
            shares = json.loads(super().get_resource_shares())["resourceShares"]
            by_arn = {s.arn: s for s in self.ram_backend.resource_shares}
        kept = [
            {**s, "tags": getattr(by_arn[s["resourceShareArn"]], "plgen_tags", [])}
            for s in shares
            if (not arns or s["resourceShareArn"] in arns) and (not name or s["name"] == name) and (not status or s["status"] == status)
        ]
        return json.dumps({"resourceShares": kept})

    def get_resource_share_associations(self) -> str:
        """https://docs.aws.amazon.com/ram/latest/APIReference/API_GetResourceShareAssociations.html (``external`` set; deleted shares left out)."""
        result = json.loads(super().get_resource_share_associations())
        live = {s.arn: s for s in self.ram_backend.resource_shares if s.status == "ACTIVE"}
        items = [a for a in result["resourceShareAssociations"] if a["resourceShareArn"] in live]
        for item in items:
            item["external"] = item["associationType"] == "PRINCIPAL" and self._external(item["associatedEntity"])
            if item["associationType"] == "PRINCIPAL":
                item["status"] = self._association_status(live[item["resourceShareArn"]], item["associatedEntity"])
            else:
                item["status"] = "ASSOCIATED"
        wanted = self._get_param("associationStatus")  # moto wrote the filter's value into every item's status
        result["resourceShareAssociations"] = [a for a in items if not wanted or a["status"] == wanted]
        return json.dumps(result)

    def associate_resource_share(self) -> str:
        """https://docs.aws.amazon.com/ram/latest/APIReference/API_AssociateResourceShare.html"""
        params = self.request_params
        share = self._share(params.get("resourceShareArn"))
        principals = [p for p in params.get("principals") or [] if p not in share.principals]
        resources = [r for r in params.get("resourceArns") or [] if r not in share.resource_arns]
        self._check(share, principals, resources)
        share.add_principals(principals)
        share.add_resources(resources)
        self._invite(share, principals)
        items = [self._item(share, p, "PRINCIPAL") for p in params.get("principals") or []]
        items += [self._item(share, r, "RESOURCE") for r in params.get("resourceArns") or []]
        return json.dumps({"resourceShareAssociations": items, "clientToken": params.get("clientToken")})

    def disassociate_resource_share(self) -> str:
        """https://docs.aws.amazon.com/ram/latest/APIReference/API_DisassociateResourceShare.html"""
        from moto.ram.exceptions import UnknownResourceException

        params = self.request_params
        if not any(s.arn == params.get("resourceShareArn") for s in self.ram_backend.resource_shares):
            return self._leave(params)
        share = self._share(params.get("resourceShareArn"))
        items = []
        for entity, kind, held in [(p, "PRINCIPAL", share.principals) for p in params.get("principals") or []] + [
            (r, "RESOURCE", share.resource_arns) for r in params.get("resourceArns") or []
        ]:
            if entity not in held:
                raise UnknownResourceException(f"{entity} is not associated with {share.arn}.")
            items.append({**self._item(share, entity, kind), "status": "DISASSOCIATING"})
            held.remove(entity)
            if kind == "PRINCIPAL":
                invitations(share).pop(entity, None)
        return json.dumps({"resourceShareAssociations": items, "clientToken": params.get("clientToken")})

    def _leave(self, params: dict[str, Any]) -> str:
        """DisassociateResourceShare by a principal of another account's share, naming only itself: leaving the share.

        Only a share the account was given as an individual account outside the owner's organization can be
        left (else ``OperationNotPermittedException``); a share the caller neither owns nor may use is unknown.
        https://docs.aws.amazon.com/ram/latest/userguide/working-with-shared-leave.html
        https://docs.aws.amazon.com/ram/latest/APIReference/API_DisassociateResourceShare.html
        """
        from moto.ram.exceptions import UnknownResourceException

        arn = params.get("resourceShareArn")
        share = next((s for s in all_shares(self.region) if s.arn == arn and s.status == "ACTIVE" and granted(s, self.current_account)), None)
        if share is None:
            raise UnknownResourceException(f"ResourceShare {arn} could not be found.")
        if params.get("resourceArns") or params.get("principals") != [self.current_account]:
            raise RAMError("OperationNotPermittedException", f"Account {self.current_account} can only remove itself from resource share {arn}.")
        if not outside_organization(share.owning_account_id, self.current_account):
            raise RAMError("OperationNotPermittedException", f"Resource share {arn} was shared within the organization and cannot be left.")
        share.principals.remove(self.current_account)
        invitations(share).pop(self.current_account, None)
        item = {**self._item(share, self.current_account, "PRINCIPAL"), "status": "DISASSOCIATING"}
        return json.dumps({"resourceShareAssociations": [item], "clientToken": params.get("clientToken")})

    def get_resource_share_invitations(self) -> str:
        """https://docs.aws.amazon.com/ram/latest/APIReference/API_GetResourceShareInvitations.html

        The invitations the caller's account received, filtered by ``resourceShareArns`` and
        ``resourceShareInvitationArns``; an invitation ARN it did not receive is
        ``ResourceShareInvitationArnNotFoundException``.
        """
        params = self.request_params
        shares, wanted = params.get("resourceShareArns") or [], params.get("resourceShareInvitationArns") or []
        received = [invitation for _, invitation in self._received()]
        unknown = sorted(set(wanted) - {i["resourceShareInvitationArn"] for i in received})
        if unknown:
            raise RAMError("ResourceShareInvitationArnNotFoundException", f"ResourceShareInvitation {unknown[0]} could not be found.")
        kept = [
            dict(i) for i in received if (not shares or i["resourceShareArn"] in shares) and (not wanted or i["resourceShareInvitationArn"] in wanted)
        ]
        return json.dumps({"resourceShareInvitations": kept})

    def accept_resource_share_invitation(self) -> str:
        """https://docs.aws.amazon.com/ram/latest/APIReference/API_AcceptResourceShareInvitation.html (by the invitee only)."""
        params = self.request_params
        arn = params.get("resourceShareInvitationArn")
        invitation = next((i for _, i in self._received() if i["resourceShareInvitationArn"] == arn), None)
        if invitation is None:
            raise RAMError("ResourceShareInvitationArnNotFoundException", f"ResourceShareInvitation {arn} could not be found.")
        if invitation["status"] == "ACCEPTED":
            raise RAMError("ResourceShareInvitationAlreadyAcceptedException", f"ResourceShareInvitation {arn} has already been accepted.")
        invitation["status"] = "ACCEPTED"
        return json.dumps({"resourceShareInvitation": dict(invitation), "clientToken": params.get("clientToken")})

    def list_resources(self) -> str:
        """https://docs.aws.amazon.com/ram/latest/APIReference/API_ListResources.html

        ``SELF``: the resources in the caller's active shares; ``OTHER-ACCOUNTS``: those in other accounts'
        shares the caller may use. Filters ``resourceShareArns``, ``resourceArns``, ``resourceType``, ``principal``.
        """
        from moto.ram.exceptions import InvalidParameterException

        params = self.request_params
        owner = params.get("resourceOwner")
        if owner not in ("SELF", "OTHER-ACCOUNTS"):
            raise InvalidParameterException(f"{owner} is not a valid resource owner. Specify either SELF or OTHER-ACCOUNTS and try again.")
        if owner == "SELF":
            shares = [s for s in self.ram_backend.resource_shares if s.status == "ACTIVE"]
        else:
            shares = self._theirs()
        names = {"resourceconfiguration": "vpc-lattice:ResourceConfiguration", "servicenetwork": "vpc-lattice:ServiceNetwork"}
        items = []
        for share in shares:
            if params.get("resourceShareArns") and share.arn not in params["resourceShareArns"]:
                continue
            if params.get("principal") and params["principal"] not in share.principals:
                continue
            for arn in share.resource_arns:
                match = ARN.match(arn)
                kind = names[match.group("kind")] if match else arn.split(":")[2]
                if (params.get("resourceArns") and arn not in params["resourceArns"]) or (params.get("resourceType") and params["resourceType"] != kind):
                    continue
                items.append(
                    {
                        "arn": arn,
                        "type": kind,
                        "resourceShareArn": share.arn,
                        "status": "AVAILABLE",
                        "creationTime": unix_time(share.creation_time),
                        "lastUpdatedTime": unix_time(share.last_updated_time),
                        "resourceRegionScope": "REGIONAL",
                    }
                )
        return json.dumps({"resources": items})

    def list_resource_share_permissions(self) -> str:
        """ListResourceSharePermissions: the default managed permission of each resource type in the share.

        A share created without ``permissionArns`` gets the default AWS managed permission of each
        resource type added to it. The ARNs (``arn:aws:ram::aws:permission/AWSRAMDefaultPermission``
        + the type) follow the naming of AWS's default permissions; the exact name for the VPC
        Lattice types is this emulator's choice.
        https://docs.aws.amazon.com/ram/latest/APIReference/API_ListResourceSharePermissions.html
        https://docs.aws.amazon.com/ram/latest/userguide/security-ram-permissions.html
        """
        share = self._share(self.request_params.get("resourceShareArn"))
        kinds = sorted({m.group("kind") for arn in share.resource_arns if (m := ARN.match(arn))})
        names = {"resourceconfiguration": "VpcLatticeResourceConfiguration", "servicenetwork": "VpcLatticeServiceNetwork"}
        permissions = [
            {
                "arn": f"arn:aws:ram::aws:permission/AWSRAMDefaultPermission{names[kind]}",
                "version": "1",
                "defaultVersion": True,
                "name": f"AWSRAMDefaultPermission{names[kind]}",
                "resourceType": f"vpc-lattice:{names[kind][len('VpcLattice') :]}",
                "status": "ASSOCIATED",
                "permissionType": "AWS_MANAGED",
                "isResourceTypeDefault": True,
            }
            for kind in kinds
        ]
        return json.dumps({"permissions": permissions})

    def _item(self, share: ResourceShare, entity: str, kind: str) -> dict[str, Any]:
        return {
            "resourceShareArn": share.arn,
            "resourceShareName": share.name,
            "associatedEntity": entity,
            "associationType": kind,
            "status": self._association_status(share, entity) if kind == "PRINCIPAL" else "ASSOCIATED",
            "external": kind == "PRINCIPAL" and self._external(entity),
        }


class ResourceEndpointResponse:
    """EC2 mixin: ``Resource`` and ``ServiceNetwork`` VPC endpoints."""

    TYPES = {"Resource": ("ResourceConfigurationArn", "resource_configuration_arn"), "ServiceNetwork": ("ServiceNetworkArn", "service_network_arn")}

    def create_vpc_endpoint(self) -> ActionResult:
        """https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html (Resource, ServiceNetwork)."""
        kind = self._get_param("VpcEndpointType")
        if kind not in self.TYPES:
            return super().create_vpc_endpoint()
        param, attribute = self.TYPES[kind]
        arn = self._get_param(param)
        if not arn or self._get_param("ServiceName"):
            raise EC2ClientError("InvalidParameter", f"A {kind} endpoint needs {param} and no ServiceName")
        if not self._reachable(arn, "resourceconfiguration" if kind == "Resource" else "servicenetwork"):
            raise EC2ClientError("InvalidParameter", f"{param} {arn} does not exist or is not shared with account {self.current_account}")
        backend = self.ec2_backend
        subnets = self._get_param("SubnetIds", [])
        vpc_id = self._get_param("VpcId")
        for subnet_id in subnets:
            if backend.get_subnet(subnet_id).vpc_id != vpc_id:
                raise EC2ClientError("InvalidParameter", f"Subnet {subnet_id} is not in VPC {vpc_id}")
        from moto.ec2.utils import add_tag_specification

        endpoint = backend.create_vpc_endpoint(
            vpc_id=vpc_id,
            service_name=None,
            endpoint_type=kind,
            policy_document=None,
            route_table_ids=[],
            subnet_ids=subnets,
            client_token=self._get_param("ClientToken"),
            security_group_ids=self._get_param("SecurityGroupIds", []),
            tags=add_tag_specification(self._get_param("TagSpecifications", [])),
            private_dns_enabled=self._get_bool_param("PrivateDnsEnabled", if_none=kind == "Resource"),
        )
        endpoint.network_interface_ids = [backend.create_network_interface(s, None, group_ids=endpoint.security_group_ids).id for s in subnets]
        setattr(endpoint, attribute, arn)
        endpoint.policy_document = None
        return ActionResult({"VpcEndpoint": endpoint})

    def describe_vpc_endpoint_associations(self) -> ActionResult:
        """DescribeVpcEndpointAssociations: a ``Resource`` endpoint's one association and its DNS entry.

        A resource endpoint has one resource configuration ("A resource endpoint can be associated with only
        one resource configuration", https://docs.aws.amazon.com/vpc/latest/privatelink/use-resource-endpoint.html),
        and its names are the association's ``DnsEntry``, not the endpoint's own ``DnsEntries``
        (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpointAssociation.html;
        hashicorp/terraform-provider-aws#41765). The name has AWS's shape
        (``vpce-…-snra-….rcfg-….vpc-lattice-rsc.<region>.on.aws``, hashicorp/terraform-provider-aws#41261) and
        is derived from the endpoint and configuration IDs, so every read returns the same one. An endpoint that
        does not exist is ``InvalidVpcEndpointId.NotFound``; other endpoint types list no association here.
        https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpointAssociations.html
        """

        wanted = self._get_param("VpcEndpointIds", [])
        endpoints = self.ec2_backend.vpc_end_points
        for endpoint_id in wanted:
            if endpoint_id not in endpoints or endpoints[endpoint_id].state == "deleted":
                raise EC2ClientError("InvalidVpcEndpointId.NotFound", f"The VpcEndpoint ID '{endpoint_id}' does not exist")
        found = []
        for endpoint_id in wanted or sorted(endpoints):
            endpoint = endpoints[endpoint_id]
            arn = getattr(endpoint, "resource_configuration_arn", None)
            if endpoint.vpc_endpoint_type != "Resource" or endpoint.state == "deleted" or not arn:
                continue
            digest = hashlib.sha256(f"{endpoint_id}|{arn}".encode()).hexdigest()
            association = f"snra-{digest[:17]}"
            config = arn.rsplit("/", 1)[1]
            found.append(
                {
                    "Id": f"vpce-rsc-asc-{digest[17:34]}",
                    "VpcEndpointId": endpoint_id,
                    "AssociatedResourceAccessibility": "Accessible",
                    "AssociatedResourceArn": arn,
                    "DnsEntry": {"DnsName": f"{endpoint_id}-{association}.{config}.{digest[34:41]}.vpc-lattice-rsc.{self.region}.on.aws", "HostedZoneId": "Z0123456789EMULATED"},
                }
            )
        return ActionResult({"VpcEndpointAssociations": found})

    def _reachable(self, arn: str, kind: str) -> bool:
        match = ARN.match(arn)
        if not match or match.group("kind") != kind or match.group("region") != self.region:
            return False
        owner = match.group("account")
        if kind == "resourceconfiguration":
            exists = match.group("id") in state(owner, self.region)["configurations"]
        else:
            exists = match.group("id") in vpclattice_backends[owner][self.region].service_networks
        return exists and (owner == self.current_account or shared_with(arn, self.current_account))

    def delete_vpc_endpoints(self) -> ActionResult:
        """DeleteVpcEndpoints: a Resource or ServiceNetwork endpoint's network interfaces go with it."""
        for endpoint_id in self._get_param("VpcEndpointIds", []):
            endpoint = self.ec2_backend.vpc_end_points.get(endpoint_id)
            if endpoint is not None and endpoint.vpc_endpoint_type in self.TYPES and endpoint.state != "deleted":
                for eni in endpoint.network_interface_ids:
                    self.ec2_backend.enis.pop(eni, None)
        return super().delete_vpc_endpoints()


def install() -> None:
    """Route VPC Lattice and RAM to the strict classes, with the paths moto lacks, and make Lattice ARNs shareable."""
    import moto.ram.urls
    import moto.vpclattice.urls

    ResourceShare.SHAREABLE_RESOURCES = [*ResourceShare.SHAREABLE_RESOURCES, *SHAREABLE]
    lattice = {
        **moto.vpclattice.urls.url_paths,
        "{0}/resourcegateways$": None,
        "{0}/resourcegateways/(?P<resourceGatewayIdentifier>.+)$": None,
        "{0}/resourceconfigurations$": None,
        "{0}/resourceconfigurations/(?P<resourceConfigurationIdentifier>.+)$": None,
    }
    moto.vpclattice.urls.url_paths = {path: StrictVPCLatticeResponse.dispatch for path in lattice}
    ram = {**moto.ram.urls.url_paths, "{0}/associateresourceshare$": None, "{0}/disassociateresourceshare$": None, "{0}/listresourcesharepermissions$": None,
           "{0}/getresourceshareinvitations$": None, "{0}/acceptresourceshareinvitation$": None, "{0}/listresources$": None}
    moto.ram.urls.url_paths = {path: StrictRAMResponse.dispatch for path in ram}
