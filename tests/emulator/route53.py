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
Everything else is moto's (association, disassociation, record sets).
"""

from __future__ import annotations

from moto.route53.responses import Route53


class PrivateZoneResponse:
    """Route 53 actions; ``self`` is moto's Route 53 response for one request."""

    def _get_bool_param(self, param_name, if_none=None):
        # Only CreateHostedZone reads this parameter: a zone created with a VPC is private.
        if param_name == "HostedZoneConfig.PrivateZone" and self._get_param("VPC.VPCId"):
            return True
        return super()._get_bool_param(param_name, if_none)


class StrictRoute53Response(PrivateZoneResponse, Route53):
    """Route 53 as moto answers it, but for private zones."""
