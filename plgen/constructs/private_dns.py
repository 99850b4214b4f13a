"""Private DNS name verification on the provider side: the TXT record, then the verification, waited for.

AWS gives each endpoint service with a private DNS name a TXT record to create
(``private_dns_name_configuration``: the record's first label ``name`` and its
``value``) in the public DNS of that name's domain, or of a parent domain;
``StartVpcEndpointServicePrivateDnsVerification`` then checks it, and consumers
can use the name only once the state is ``verified``.
https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_PrivateDnsNameConfiguration.html

Per service whose blueprint names a public hosted zone (``var.services[*].
private_dns_verification``): the zone is looked up (by ID or by name, public
only; a zone given by ID is not read), the TXT record is written at
``<name>.<private DNS name>`` (inside the zone, which is the name's domain or a parent), and
``aws_vpc_endpoint_service_private_dns_verification`` starts the check with
``wait_for_verification = true``, after the record (``depends_on``). A service
verified externally gets neither; its record is in the ``endpoint_services``
output for whoever owns the domain's DNS.

``verified`` is the expression, per service key, of "consumers may use the
name now": the verification resource has completed, or AWS already reports
``verified``. The provider's output carries it; consumers' endpoints read it.
"""

from __future__ import annotations

from plgen.terraform import Construct, data, local, resource, tf


class PrivateDnsVerification(Construct):
    """Public zone lookup + TXT record + verification, per service verified through Route 53."""

    def __init__(self, scope: Construct, services: str, service_address: str, name: str = "private-dns-verification") -> None:
        super().__init__(scope, name)
        verified_here = local(
            self,
            "private_dns_verifications",
            tf(f"{{ for key, spec in {services} : key => spec.private_dns_verification if spec.private_dns_name != null && spec.private_dns_verification != null }}"),
        )
        # Only a zone named by its domain is looked up: one given by ID needs no read, so a plan stays offline.
        zone = data(
            self,
            "aws_route53_zone",
            "private_dns_verification",
            {"name": tf("each.value.zone_name"), "private_zone": False},
            for_each=tf(f"{{ for key, zone in {verified_here} : key => zone if zone.zone_id == null }}"),
        )
        record = resource(
            self,
            "aws_route53_record",
            "private_dns_verification",
            {
                "zone_id": tf(f"each.value.zone_id != null ? each.value.zone_id : {zone}[each.key].zone_id"),
                # <name>.<private DNS name>: inside the zone, whether it is the name's or a parent domain's.
                "name": tf(f'"${{{service_address}[each.key].private_dns_name_configuration[0].name}}.${{{service_address}[each.key].private_dns_name}}"'),
                "type": "TXT",
                "ttl": 1800,
                "records": [tf(f"{service_address}[each.key].private_dns_name_configuration[0].value")],
            },
            for_each=tf(verified_here),
        )
        verification = resource(
            self,
            "aws_vpc_endpoint_service_private_dns_verification",
            "this",
            {"service_id": tf(f"{service_address}[each.key].id"), "wait_for_verification": True},
            for_each=tf(verified_here),
            depends_on=[record],
        )
        self.verified = (
            f"try({verification}[key].wait_for_verification, false) || try(service.private_dns_name_configuration[0].state == \"verified\", false)"
        )
