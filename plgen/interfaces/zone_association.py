"""The home VPC owner's module: associates the consumer's friendly-name zones with a home VPC of another account.

Route 53 associates a private hosted zone with a VPC of another account in two
steps: the zone's account authorizes it (``aws_route53_vpc_association_authorization``,
in the consumer module), then the VPC's account requests the association
(``aws_route53_zone_association``, here). One call per home VPC of another
account, in that account, after the consumer's module.
https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs-different-accounts.html
"""

from __future__ import annotations

from plgen.interfaces.base import Attr, Input, Interface, MapOf, Obj

MODULE = "modules/zone-association"

ASSOCIATIONS = Input(
    "associations",
    MapOf(Obj(Attr("zone_id", "string"), Attr("vpc_id", "string"), Attr("vpc_region", "string"))),
    "Friendly-name zones to associate with this VPC, by `<endpoint>/<peer>`: the zone ID the consumer's module authorized "
    "(its `zone_authorizations` output), this VPC's ID and Region.",
    wiring=(
        "{ for key, a in local.zone_authorizations : key => { zone_id = a.zone_id, vpc_id = a.vpc_id, vpc_region = a.vpc_region } "
        'if a.side == each.value.side && a.peer == each.value.name }'
    ),
)

ZONE_ASSOCIATION = Interface(
    MODULE,
    "A consumer's home VPC owner, in its own account: associates the consumer's friendly-name zones (authorized by the "
    "consumer's module, in the zone's account) with its VPC, so home workloads resolve the friendly names.",
    (ASSOCIATIONS,),
)
