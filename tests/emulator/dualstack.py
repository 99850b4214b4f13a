"""Dual-stack PrivateLink as AWS makes it: the IP address types a service supports, and the endpoints that use them.

moto 5.2.5 creates dual-stack VPCs, subnets (IPv6-only too) and NLBs, but
drops an endpoint service's ``SupportedIpAddressTypes`` and an interface
endpoint's ``IpAddressType`` and ``DnsOptions``: the provider then reads them
back empty and fails the apply ("inconsistent result"), and nothing checks
that an endpoint speaks a family its service offers. This mixin, composed
into the EC2 response class by ``tests.emulator.app``, keeps them on moto's
own models and checks them as AWS does:

* ``CreateVpcEndpointServiceConfiguration`` / ``ModifyVpcEndpointServiceConfiguration``:
  ``SupportedIpAddressTypes`` (default ``ipv4``), ``Add``/``RemoveSupportedIpAddressTypes``;
  ``ipv6`` only if every Network Load Balancer of the service is ``dualstack``.
  https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html#endpoint-service-ip-address-type
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpointServiceConfiguration.html
* ``CreateVpcEndpoint``: ``IpAddressType`` (default ``ipv4``) must be supported
  by the service (``dualstack``: both families), and its subnets must carry it:
  IPv4 ranges for ``ipv4``, both for ``dualstack``, IPv6-only subnets for
  ``ipv6``; ``DnsOptions.DnsRecordIpType`` (default the IP address type) must be
  one the endpoint has addresses for. Reported on ``DescribeVpcEndpoints`` and
  on the owner's ``DescribeVpcEndpointConnections``.
  https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DnsOptionsSpecification.html

The error code is AWS's generic ``InvalidParameter``; the message is this
emulator's (the references name the rule, not the text).
"""

from __future__ import annotations

from moto.core.responses import ActionResult
from moto.ec2.exceptions import EC2ClientError
from moto.ec2.models.subnets import Subnet
from moto.elbv2.models import elbv2_backends

from plgen.aws.addresses import DNS_RECORD_IP_TYPES as DNS_RECORDS
from plgen.aws.addresses import IP_FAMILIES as FAMILIES
from tests.emulator.privatelink import find_service


def invalid(message: str) -> EC2ClientError:
    return EC2ClientError("InvalidParameter", message)


def supported_types(config) -> list[str]:
    return list(getattr(config, "supported_ip_address_types", None) or ["ipv4"])


class DualStackResponse:
    """EC2 actions for IP address types; ``self`` is moto's EC2 response for one request."""

    def _nlbs_dualstack(self, arns: list[str]) -> bool:
        backend = elbv2_backends[self.current_account][self.region]
        return all(getattr(backend.load_balancers.get(arn), "ip_address_type", "ipv4") == "dualstack" for arn in arns)

    def _checked_types(self, types: list[str], nlb_arns: list[str]) -> list[str]:
        bad = [t for t in types if t not in ("ipv4", "ipv6")]
        if not types or bad:
            raise invalid(f"SupportedIpAddressTypes must be among ipv4, ipv6; got {bad or types}")
        if "ipv6" in types and not self._nlbs_dualstack(nlb_arns):
            raise invalid("The endpoint service can support IPv6 only if its Network Load Balancers have the dualstack IP address type")
        return sorted(set(types))

    def create_vpc_endpoint_service_configuration(self) -> ActionResult:
        arns = self._get_param("NetworkLoadBalancerArns", [])
        types = self._checked_types(self._get_param("SupportedIpAddressTypes", []) or ["ipv4"], arns)
        result = super().create_vpc_endpoint_service_configuration()
        result.result["ServiceConfiguration"].supported_ip_address_types = types
        return result

    def modify_vpc_endpoint_service_configuration(self) -> ActionResult:
        config = self.ec2_backend.configurations.get(self._get_param("ServiceId"))
        add, remove = self._get_param("AddSupportedIpAddressTypes", []), self._get_param("RemoveSupportedIpAddressTypes", [])
        if config is not None and (add or remove):
            types = [t for t in {*supported_types(config), *add} if t not in remove]
            config.supported_ip_address_types = self._checked_types(types, config.network_load_balancer_arns)
        return super().modify_vpc_endpoint_service_configuration()

    def create_vpc_endpoint(self) -> ActionResult:
        wanted = self._get_param("IpAddressType") or "ipv4"
        records = (self._get_param("DnsOptions") or {}).get("DnsRecordIpType") or wanted
        service_name = self._get_param("ServiceName")
        config = find_service(self._get_param("ServiceRegion") or self.region, service_name) if service_name else None
        if wanted not in FAMILIES:
            raise invalid(f"IpAddressType must be ipv4, dualstack or ipv6; got {wanted}")
        if config is not None and not FAMILIES[wanted] <= set(supported_types(config)):
            raise invalid(f"The VPC endpoint service {service_name} does not support the IP address type {wanted} (it supports {', '.join(supported_types(config))})")
        for subnet_id in self._get_param("SubnetIds", []):
            subnet = self.ec2_backend.get_subnet(subnet_id)
            has = ({"ipv4"} if subnet.cidr_block else set()) | ({"ipv6"} if subnet.ipv6_cidr_block_associations else set())
            if (wanted == "ipv6" and has != {"ipv6"}) or not FAMILIES[wanted] <= has:
                raise invalid(f"Subnet {subnet_id} has {', '.join(sorted(has))} addresses; an {wanted} endpoint needs " + ("IPv6-only subnets" if wanted == "ipv6" else f"{' and '.join(sorted(FAMILIES[wanted]))} ranges"))
        if records not in DNS_RECORDS[wanted]:
            raise invalid(f"DnsRecordIpType {records} is not valid for an endpoint of IP address type {wanted}")
        result = super().create_vpc_endpoint()
        endpoint = result.result["VpcEndpoint"]
        endpoint.ip_address_type = wanted
        endpoint.dns_options = {"DnsRecordIpType": records}
        return result


class _Ipv6OnlySubnet(Subnet):
    """An IPv6-only subnet reports 0 available IPv4 addresses, as AWS does; moto counted its /64 (2**64 - 5), which no client can decode."""

    @property
    def available_ip_address_count(self) -> int:
        return 0 if self.ipv6_native else super().available_ip_address_count


class _State(str):
    """An association state that is text to moto's serializer and still ``["State"]`` to moto's filter."""

    def __getitem__(self, key):
        return str(self) if key == "State" else super().__getitem__(key)


def _fixed(subnet) -> None:
    # moto keeps {"State": "associated"} where its serializer expects the state's text, and answers
    # {"State": "{'State': 'associated'}"}; the provider then waits for "associated" until it times out.
    for association in subnet.ipv6_cidr_block_associations.values():
        state = association["ipv6CidrBlockState"]
        if isinstance(state, dict):
            association["ipv6CidrBlockState"] = _State(state.get("State", "associated"))
    if subnet.ipv6_native and type(subnet) is Subnet:
        subnet.__class__ = _Ipv6OnlySubnet


class SubnetResponse:
    """CreateSubnet / DescribeSubnets with IPv6 ranges as AWS reports them (association state, IPv6-only address count).

    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SubnetIpv6CidrBlockAssociation.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html (AvailableIpAddressCount: IPv4 addresses)
    """

    def create_subnet(self) -> ActionResult:
        result = super().create_subnet()
        _fixed(result.result["Subnet"])
        return result

    def describe_subnets(self) -> ActionResult:
        result = super().describe_subnets()
        for subnet in result.result.get("Subnets", []):
            _fixed(subnet)
        return result
