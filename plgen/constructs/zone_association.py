"""The VPC owner's half of a cross-account zone association (``plgen.interfaces.zone_association``)."""

from __future__ import annotations

from plgen.constructs.declare import declare
from plgen.interfaces.zone_association import ZONE_ASSOCIATION
from plgen.terraform import Construct, output, resource, tf


class ZoneAssociations(Construct):
    def __init__(self, scope: Construct, features: frozenset[str]) -> None:
        super().__init__(scope, "zone-associations")
        associations = declare(self, ZONE_ASSOCIATION, "associations", features)
        resource(
            self,
            "aws_route53_zone_association",
            "this",
            {"zone_id": tf("each.value.zone_id"), "vpc_id": tf("each.value.vpc_id"), "vpc_region": tf("each.value.vpc_region")},
            for_each=tf(associations),
        )
        output(
            self,
            "associations",
            tf("{ for key, association in aws_route53_zone_association.this : key => association.id }"),
            "Per `<endpoint>/<peer>`: the association of the friendly-name zone with this VPC.",
        )
