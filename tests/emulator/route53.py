"""Private hosted zones as AWS creates them: a VPC in the request makes the zone private.

moto 5.2.5 keys a zone's privacy on ``HostedZoneConfig.PrivateZone``, which the
AWS provider never sends for ``aws_route53_zone`` with a ``vpc`` block; AWS infers
a private zone from the ``VPC`` element of the request. So moto records the zone
public and without its VPC, and then refuses ``AssociateVPCWithHostedZone``
(``PublicZoneVPCAssociation``), which is what the friendly names of peered home
VPCs (``aws_route53_zone_association``) call.

Imitated: ``CreateHostedZone`` with a ``VPC`` element creates a private zone
associated with that VPC ("If you want to associate a VPC with the hosted zone,
you must specify the VPC ... you can't convert a public hosted zone into a private
one", and ``HostedZoneConfig.PrivateZone`` is "a value that indicates whether
this is a private hosted zone", which AWS sets when the request names a VPC).
https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateHostedZone.html

Cross-account VPC associations (moto 5.2.5 has none of the authorization calls,
and associates any VPC with any zone of the caller's account):

* ``CreateVPCAssociationAuthorization`` / ``ListVPCAssociationAuthorizations`` /
  ``DeleteVPCAssociationAuthorization``, by the zone's owner (another account's
  zone: ``NoSuchHostedZone``; deleting an authorization that is not there:
  ``VPCAssociationAuthorizationNotFound``).
  https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateVPCAssociationAuthorization.html
  https://docs.aws.amazon.com/Route53/latest/APIReference/API_DeleteVPCAssociationAuthorization.html
* ``AssociateVPCWithHostedZone`` of a VPC and a zone in different accounts is
  made by the VPC's owner and only with an authorization for that VPC
  (otherwise ``NotAuthorizedException``); the zone is found in its owner's
  account. "You must submit the AssociateVPCWithHostedZone request from the
  account that created the VPC" once the zone's account has authorized it.
  https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs-different-accounts.html
  https://docs.aws.amazon.com/Route53/latest/APIReference/API_AssociateVPCWithHostedZone.html

* ``ListHostedZonesByVPC`` lists "all the private hosted zones that a specified
  VPC is associated with, regardless of which AWS account ... owns the hosted
  zones", each with its ``Owner.OwningAccount``; moto lists only the caller's
  zones (and ignores ``VPCRegion``), so the VPC owner's provider, which reads
  its ``aws_route53_zone_association`` back with this call, found nothing
  ("empty result"). Here the zones of every account of the partition are
  listed, matched on VPC ID and Region.
  https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListHostedZonesByVPC.html
* ``DisassociateVPCFromHostedZone`` may be submitted "using either the account
  that created the hosted zone or the account that created the Amazon VPC";
  moto looks the zone up in the caller's account only. Here the VPC's owner
  disassociates its VPC from another account's zone (anyone else:
  ``NoSuchHostedZone``, as for an unknown zone).
  https://docs.aws.amazon.com/Route53/latest/APIReference/API_DisassociateVPCFromHostedZone.html

Everything else is moto's (same-account association, disassociation, record sets).
"""

from __future__ import annotations

from moto.core.responses import ActionResult
from moto.ec2.models import ec2_backends
from moto.route53.exceptions import NoSuchHostedZone, Route53ClientError
from moto.route53.models import route53_backends
from moto.route53.responses import Route53


def authorizations(backend) -> dict[str, set[tuple[str, str]]]:
    """Zone ID -> authorized (VPC ID, Region), kept on the zone owner's moto backend (a reset clears it)."""
    return backend.__dict__.setdefault("plgen_vpc_association_authorizations", {})


def vpc_owner(vpc_id: str, region: str) -> str | None:
    """The account whose EC2 backend in ``region`` holds the VPC."""
    for account, regions in list(ec2_backends.items()):
        if region in regions and vpc_id in regions[region].vpcs:
            return account
    return None


def zone_owner(zone_id: str, partition: str):
    """(account, backend) of the account that holds the zone, or ``None``."""
    for account, partitions in list(route53_backends.items()):
        backend = partitions.get(partition) if hasattr(partitions, "get") else None
        if backend is not None and zone_id in backend.zones:
            return account, backend
    return None


class NotAuthorized(Route53ClientError):
    def __init__(self, vpc_id: str, zone_id: str) -> None:
        super().__init__("NotAuthorizedException", f"The VPC {vpc_id} has not been authorized to associate with hosted zone {zone_id}")


class AuthorizationNotFound(Route53ClientError):
    def __init__(self, vpc_id: str, zone_id: str) -> None:
        super().__init__("VPCAssociationAuthorizationNotFound", f"The VPC {vpc_id} is not authorized to associate with hosted zone {zone_id}")


class AssociationAuthorizationResponse:
    """Route 53 actions for cross-account VPC association; ``self`` is moto's Route 53 response for one request."""

    def _zone_id(self) -> str:
        return self._get_param("HostedZoneId").replace("/hostedzone/", "")

    def create_vpc_association_authorization(self) -> ActionResult:
        zone = self.backend.get_hosted_zone(self._zone_id())
        vpc = (self._get_param("VPC.VPCId"), self._get_param("VPC.VPCRegion"))
        authorizations(self.backend).setdefault(zone.resource_id, set()).add(vpc)
        return ActionResult({"HostedZoneId": zone.resource_id, "VPC": {"VPCId": vpc[0], "VPCRegion": vpc[1]}})

    def list_vpc_association_authorizations(self) -> ActionResult:
        zone = self.backend.get_hosted_zone(self._zone_id())
        vpcs = sorted(authorizations(self.backend).get(zone.resource_id, set()))
        return ActionResult({"HostedZoneId": zone.resource_id, "VPCs": [{"VPCId": v, "VPCRegion": r} for v, r in vpcs]})

    def delete_vpc_association_authorization(self) -> ActionResult:
        zone = self.backend.get_hosted_zone(self._zone_id())
        vpc = (self._get_param("VPC.VPCId"), self._get_param("VPC.VPCRegion"))
        held = authorizations(self.backend).get(zone.resource_id, set())
        if vpc not in held:
            raise AuthorizationNotFound(vpc[0], zone.resource_id)
        held.discard(vpc)
        return ActionResult({})

    def associate_vpc_with_hosted_zone(self) -> ActionResult:
        zone_id, vpc_id, region = self._zone_id(), self._get_param("VPC.VPCId"), self._get_param("VPC.VPCRegion")
        found = zone_owner(zone_id, self.partition)
        if found is None:
            raise NoSuchHostedZone(zone_id)
        zone_account, zone_backend = found
        owner = vpc_owner(vpc_id, region) if vpc_id and region else None
        if owner is None or owner == zone_account:
            if zone_account != self.current_account:
                raise NoSuchHostedZone(zone_id)
            return super().associate_vpc_with_hosted_zone()
        if self.current_account != owner or (vpc_id, region) not in authorizations(zone_backend).get(zone_id, set()):
            raise NotAuthorized(vpc_id, zone_id)
        zone_backend.associate_vpc_with_hosted_zone(zone_id, vpc_id, region)
        return ActionResult({"ChangeInfo": {"Id": "/change/plgen-cross-account", "Status": "INSYNC", "SubmittedAt": _now()}})


    def list_hosted_zones_by_vpc(self) -> ActionResult:
        vpc_id, region = self._get_param("VPCId"), self._get_param("VPCRegion")
        summaries = []
        for account, partitions in sorted(route53_backends.items()):
            backend = partitions.get(self.partition) if hasattr(partitions, "get") else None
            if backend is None:
                continue
            for zone in list(backend.zones.values()):
                if zone.private_zone and any(v.get("vpc_id") == vpc_id and v.get("vpc_region", region) == region for v in zone.vpcs):
                    summaries.append({"HostedZoneId": zone.resource_id, "Name": zone.name, "Owner": {"OwningAccount": account}})
        return ActionResult({"HostedZoneSummaries": summaries})

    def disassociate_vpc_from_hosted_zone(self) -> ActionResult:
        zone_id, vpc_id, region = self._zone_id(), self._get_param("VPC.VPCId"), self._get_param("VPC.VPCRegion")
        found = zone_owner(zone_id, self.partition)
        if found is None or found[0] == self.current_account:
            return super().disassociate_vpc_from_hosted_zone()
        zone_account, zone_backend = found
        if not vpc_id or not region or vpc_owner(vpc_id, region) != self.current_account:
            raise NoSuchHostedZone(zone_id)
        zone_backend.disassociate_vpc_from_hosted_zone(zone_id, vpc_id)
        return ActionResult({"ChangeInfo": {"Id": "/change/plgen-cross-account", "Status": "INSYNC", "SubmittedAt": _now()}})


def _now():
    from moto.core.utils import utcnow

    return utcnow()


class PrivateZoneResponse:
    """Route 53 actions; ``self`` is moto's Route 53 response for one request."""

    def _get_bool_param(self, param_name, if_none=None):
        # Only CreateHostedZone reads this parameter: a zone created with a VPC is private.
        if param_name == "HostedZoneConfig.PrivateZone" and self._get_param("VPC.VPCId"):
            return True
        return super()._get_bool_param(param_name, if_none)


class StrictRoute53Response(AssociationAuthorizationResponse, PrivateZoneResponse, Route53):
    """Route 53 as moto answers it, but for private zones and cross-account association."""
