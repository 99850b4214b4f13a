"""Private DNS name verification of endpoint services, as AWS does it: pending until a public TXT record proves the domain.

moto 5.2.5 reports every private DNS name ``verified`` at once, with the fixed
record ``n`` = ``val``, and has no ``StartVpcEndpointServicePrivateDnsVerification``,
so a module that never writes the TXT record (or writes it in the wrong zone)
would pass. Imitated here, over moto's own ``VPCServiceConfiguration``:

* A service with a private DNS name has a ``PrivateDnsNameConfiguration`` of
  type ``TXT``, a ``Name`` (``_`` and 20 random characters) and a ``Value``
  (``vpce:`` and 20 random characters) of its own, in state
  ``pendingVerification``; a new name (ModifyVpcEndpointServiceConfiguration)
  gets a new record and is pending again. ``Consumers of the endpoint service
  can use the private name only when the state is verified.``
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_PrivateDnsNameConfiguration.html
* ``StartVpcEndpointServicePrivateDnsVerification`` (the owner only: another
  account's or an unknown service is ``InvalidVpcEndpointServiceId.NotFound``)
  looks for the TXT record ``<Name>.<domain>`` with the ``Value`` in a *public*
  hosted zone of ``<domain>``, where ``<domain>`` is the private DNS name or any
  parent domain of it ("you can verify the domain of a subdomain ... to verify
  a domain, you must have a public hostname or a public DNS provider"); any
  account's public zone counts, as public DNS would. Found: ``verified``;
  otherwise ``failed``, which the provider's waiter reports as an error.
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_StartVpcEndpointServicePrivateDnsVerification.html
  https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html

* ``ModifyVpcEndpointServiceConfiguration`` with ``RemovePrivateDnsName`` (moto: not
  implemented) removes the name and its verification record; a name set afterwards,
  even the same one, gets a new record and is ``pendingVerification`` again, as a new
  name does: the owner has to verify it again (the provider's
  ``aws_vpc_endpoint_service_private_dns_verification`` starts a verification only when
  it is created: its Read, Update and Delete do nothing, so only replacing it starts one).
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcEndpointServiceConfiguration.html
  https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ec2/vpc_endpoint_service_private_dns_verification.go

Emulator choices (no reference names them): the check happens once, at the
start call (AWS keeps looking for a while before ``failed``); a service without
a private DNS name is ``InvalidParameter``.
"""

from __future__ import annotations

import string

from moto.core.responses import ActionResult
from moto.ec2.exceptions import EC2ClientError
from moto.ec2.models.vpc_service_configuration import VPCServiceConfiguration
from moto.moto_api._internal import mock_random
from moto.route53.models import route53_backends

PENDING, VERIFIED, FAILED = "pendingVerification", "verified", "failed"
_ALPHABET = string.ascii_lowercase + string.digits


def _random(n: int) -> str:
    return "".join(mock_random.choice(_ALPHABET) for _ in range(n))


def verification(config) -> dict[str, str]:
    """The service's verification record and state (``{}`` without a private DNS name); new per name."""
    if not config.private_dns_name:
        return {}
    record = config.__dict__.get("plgen_private_dns")
    if record is None or record["for"] != config.private_dns_name:
        record = {"for": config.private_dns_name, "Name": f"_{_random(20)}", "Value": f"vpce:{_random(20)}", "Type": "TXT", "State": PENDING}
        config.__dict__["plgen_private_dns"] = record
    return record


def _configuration(config) -> dict[str, str]:
    return {k: v for k, v in verification(config).items() if k != "for"}


def domains(name: str) -> list[str]:
    """The name and every parent domain of it with at least two labels: where its TXT record may be."""
    labels = name.rstrip(".").split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


def public_txt_values(record_name: str) -> set[str]:
    """Values of TXT records called ``record_name`` in any account's public hosted zones (quotes removed)."""
    found: set[str] = set()
    wanted = record_name.rstrip(".").lower()
    for _account, partitions in list(route53_backends.items()):
        for backend in list(partitions.values()):
            for zone in list(backend.zones.values()):
                if zone.private_zone or not (wanted == zone.name.rstrip(".").lower() or wanted.endswith("." + zone.name.rstrip(".").lower())):
                    continue
                for rrset in zone.rrsets:
                    if rrset.type == "TXT" and rrset.name.rstrip(".").lower() == wanted:
                        found |= {value.strip('"') for value in rrset.records}
    return found


def install() -> None:
    """moto's configuration answers with this record instead of its fixed ``verified`` one (read by Describe…)."""
    VPCServiceConfiguration.private_dns_name_configuration = property(_configuration)


class PrivateDnsResponse:
    """EC2 actions for private DNS verification; ``self`` is moto's EC2 response for one request."""

    def modify_vpc_endpoint_service_configuration(self) -> ActionResult:
        """ModifyVpcEndpointServiceConfiguration: ``RemovePrivateDnsName`` drops the name and its record (moto ignores it).

        https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcEndpointServiceConfiguration.html
        """
        result = super().modify_vpc_endpoint_service_configuration()
        if self._get_bool_param("RemovePrivateDnsName") is True:
            config = self.ec2_backend.configurations.get(self._get_param("ServiceId"))
            if config is not None:
                config.private_dns_name = None
                config.__dict__.pop("plgen_private_dns", None)
        return result

    def start_vpc_endpoint_service_private_dns_verification(self) -> ActionResult:
        """StartVpcEndpointServicePrivateDnsVerification: ``verified`` if the public TXT record is there, else ``failed``."""
        service_id = self._get_param("ServiceId")
        config = self.ec2_backend.configurations.get(service_id)
        if config is None:
            raise EC2ClientError("InvalidVpcEndpointServiceId.NotFound", f"The Vpc Endpoint Service Id '{service_id}' does not exist")
        record = verification(config)
        if not record:
            raise EC2ClientError("InvalidParameter", f"The Vpc Endpoint Service '{service_id}' has no private DNS name to verify")
        found = any(record["Value"] in public_txt_values(f"{record['Name']}.{domain}") for domain in domains(record["for"]))
        record["State"] = VERIFIED if found else FAILED
        return ActionResult({"ReturnValue": True})
