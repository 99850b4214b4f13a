"""The consumer side of PrivateLink: interface endpoints, their security groups, DNS.

Per the notes, an interface endpoint is a set of network interfaces, one per
AZ subnet, reached by endpoint-specific regional and zonal DNS names, by a
private DNS name if the service has one, or by its IPs. Each endpoint gets
its own security group that admits only the sources the blueprint names (plus
the on-premises and peered home CIDRs where those reach it), on the
service's listener ports: nothing is open by default.
"""

from __future__ import annotations

from plgen.constructs.declare import declare
from plgen.constructs.network import Network
from plgen.features.names import FeatureName
from plgen.interfaces.consumer import CONSUMER
from plgen.interfaces.consumer_private_dns import CONSUMER_PRIVATE_DNS
from plgen.terraform import Construct, local, output, resource, tf


class InterfaceEndpoints(Construct):
    """Security group + rules + interface endpoint per consumed service."""

    def __init__(self, scope: Construct, network: Network, extra_sources: list[str], features: frozenset[str], name: str = "interface-endpoints") -> None:
        super().__init__(scope, name)
        endpoints = declare(self, CONSUMER, "endpoints", features)
        shared = " , ".join(extra_sources) if extra_sources else ""
        sources = f"concat(endpoint.allowed_cidrs, {shared})" if extra_sources else "endpoint.allowed_cidrs"
        cidr_rules = local(
            self,
            "cidr_rules",
            tf(
                f"merge([for key, endpoint in {endpoints} : merge([for cidr in distinct({sources}) : "
                '{ for port in endpoint.ports : "${key}/${cidr}/${port.ip_protocol}/${port.port}" => { endpoint = key, cidr = cidr, port = port.port, ip_protocol = port.ip_protocol } }]...)]...)'
            ),
        )
        if FeatureName.DUAL_STACK in features:
            # IPv6 sources, named in the blueprint (never ::/0: sources-not-internet refuses it in any spelling).
            ipv6_rules = local(
                self,
                "ipv6_cidr_rules",
                tf(
                    f"merge([for key, endpoint in {endpoints} : merge([for cidr in distinct(endpoint.allowed_ipv6_cidrs) : "
                    '{ for port in endpoint.ports : "${key}/${cidr}/${port.ip_protocol}/${port.port}" => { endpoint = key, cidr = cidr, port = port.port, ip_protocol = port.ip_protocol } }]...)]...)'
                ),
            )
            resource(
                self,
                "aws_vpc_security_group_ingress_rule",
                "cidr_ipv6",
                {
                    "security_group_id": tf("aws_security_group.endpoint[each.value.endpoint].id"),
                    "description": "Named in the blueprint",
                    "cidr_ipv6": tf("each.value.cidr"),
                    "from_port": tf("each.value.port"),
                    "to_port": tf("each.value.port"),
                    "ip_protocol": tf("each.value.ip_protocol"),
                    "tags": tf("var.tags"),
                },
                for_each=tf(ipv6_rules),
            )
            # admit_own_vpc: the VPC's own addresses its subnets hand out (IPv4 CIDR, Amazon-provided IPv6 block or both), the IPv6 one assigned
            # when the VPC is created ("You cannot specify the range", CreateVpc AmazonProvidedIpv6CidrBlock,
            # https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpc.html): read from aws_vpc.this at apply.
            # The keys are known at plan (the VPC's address type is data); only the values wait for the VPC.
            vpc = "var.vpc"  # declared by the network construct; a created VPC is aws_vpc.this[0] (rule own-vpc-sources)
            own_rules = local(
                self,
                "own_vpc_rules",
                tf(
                    f"merge([for key, endpoint in {endpoints} : merge([for family in lookup({{ ipv4 = [\"ipv4\"], dualstack = [\"ipv4\", \"ipv6\"], ipv6 = [\"ipv6\"] }}, endpoint.admit_own_vpc ? {vpc}.ip_address_type : \"none\", []) : "
                    '{ for port in endpoint.ports : "${key}/vpc-${family}/${port.ip_protocol}/${port.port}" => { endpoint = key, family = family, port = port.port, ip_protocol = port.ip_protocol } }]...)]...)'
                ),
            )
            resource(
                self,
                "aws_vpc_security_group_ingress_rule",
                "own_vpc",
                {
                    "security_group_id": tf("aws_security_group.endpoint[each.value.endpoint].id"),
                    "description": "The VPC's own addresses (admit_own_vpc)",
                    "cidr_ipv4": tf('each.value.family == "ipv4" ? aws_vpc.this[0].cidr_block : null'),
                    "cidr_ipv6": tf('each.value.family == "ipv6" ? aws_vpc.this[0].ipv6_cidr_block : null'),
                    "from_port": tf("each.value.port"),
                    "to_port": tf("each.value.port"),
                    "ip_protocol": tf("each.value.ip_protocol"),
                    "tags": tf("var.tags"),
                },
                for_each=tf(own_rules),
            )
        group_rules = local(
            self,
            "security_group_rules",
            tf(
                f"merge([for key, endpoint in {endpoints} : merge([for group in endpoint.allowed_security_group_ids : "
                '{ for port in endpoint.ports : "${key}/${group}/${port.ip_protocol}/${port.port}" => { endpoint = key, group = group, port = port.port, ip_protocol = port.ip_protocol } }]...)]...)'
            ),
        )
        resource(
            self,
            "aws_security_group",
            "endpoint",
            {
                "name": tf('"${var.name}-${replace(each.key, "/", "-")}-endpoint"'),
                "description": tf('"Interface endpoint for ${each.key}: admits only the sources named in the blueprint"'),
                "vpc_id": tf(network.vpc_id),
                "tags": tf('merge(var.tags, { Name = "${var.name}-${replace(each.key, "/", "-")}-endpoint" })'),
            },
            for_each=tf(endpoints),
        )
        resource(
            self,
            "aws_vpc_security_group_ingress_rule",
            "cidr",
            {
                "security_group_id": tf("aws_security_group.endpoint[each.value.endpoint].id"),
                "description": "Named in the blueprint",
                "cidr_ipv4": tf("each.value.cidr"),
                "from_port": tf("each.value.port"),
                "to_port": tf("each.value.port"),
                "ip_protocol": tf("each.value.ip_protocol"),
                "tags": tf("var.tags"),
            },
            for_each=tf(cidr_rules),
        )
        resource(
            self,
            "aws_vpc_security_group_ingress_rule",
            "security_group",
            {
                "security_group_id": tf("aws_security_group.endpoint[each.value.endpoint].id"),
                "description": "Named in the blueprint",
                "referenced_security_group_id": tf("each.value.group"),
                "from_port": tf("each.value.port"),
                "to_port": tf("each.value.port"),
                "ip_protocol": tf("each.value.ip_protocol"),
                "tags": tf("var.tags"),
            },
            for_each=tf(group_rules),
        )
        # With private DNS, the endpoint reads the provider's verified state: in one root it is created after the
        # verification; across teams a false (or missing) state stops the plan here rather than at AWS's InvalidParameter.
        verified = None
        if FeatureName.PRIVATE_DNS in features:
            verified = {
                "precondition": [
                    {
                        "condition": tf("!each.value.private_dns || each.value.private_dns_verified"),
                        "error_message": "Private DNS is enabled for this endpoint but the service's private DNS name is not verified yet: "
                        "pass private_dns_verified = true (the provider's endpoint_services output) once the provider has verified it.",
                    }
                ]
            }
        resource(
            self,
            "aws_vpc_endpoint",
            "this",
            {
                "vpc_id": tf(network.vpc_id),
                "service_name": tf("each.value.service_name"),
                "service_region": tf("each.value.service_region"),
                "vpc_endpoint_type": "Interface",
                "subnet_ids": tf(f"values({network.subnet_ids})"),
                "security_group_ids": [tf("aws_security_group.endpoint[each.key].id")],
                # Off at creation when the provider must still accept it: modules/consumer-private-dns switches it on
                # after, with aws_vpc_endpoint_private_dns. The endpoint then leaves the argument null (unset): the
                # provider sends PrivateDnsEnabled=false at create (resourceVPCEndpointCreate sends the zero value,
                # https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/ec2/vpc_endpoint.go),
                # and the attribute is Optional+Computed, so the value the switch sets is no change on the next plan.
                # The provider's docs ask for exactly this: "the private_dns_enabled argument should be omitted on the
                # parent aws_vpc_endpoint resource" (website/docs/r/vpc_endpoint_private_dns.html.markdown).
                "private_dns_enabled": tf("each.value.private_dns_after_acceptance ? null : each.value.private_dns")
                if FeatureName.PRIVATE_DNS in features
                else tf("each.value.private_dns"),
                "auto_accept": tf("each.value.auto_accept"),
                **(
                    {"ip_address_type": tf("each.value.ip_address_type"), "dns_options": {"dns_record_ip_type": tf("each.value.dns_record_ip_type")}}
                    if FeatureName.DUAL_STACK in features
                    else {}
                ),
                "tags": tf('merge(var.tags, { Name = "${var.name}-${replace(each.key, "/", "-")}" })'),
            },
            for_each=tf(endpoints),
            lifecycle=verified,
        )
        self.endpoints = endpoints


class FriendlyNames(Construct):
    """A private hosted zone per friendly name, its apex aliasing the endpoint.

    The notes' "private DNS hostname" for consumers who cannot use the
    provider's verified name: ``billing.internal`` resolves, inside the VPCs
    associated with the zone, to the endpoint's regional DNS name.

    With the home-peering feature (inter-region access by the consumer) each zone is also
    associated with the peered home VPCs named in ``var.peer_vpcs``, so home
    workloads resolve the friendly name too. Route 53 is global: the
    association names the home VPC's Region and needs no provider of its own.
    """

    def __init__(self, scope: Construct, network: Network, endpoints: InterfaceEndpoints, features: frozenset[str], name: str = "friendly-names") -> None:
        super().__init__(scope, name)
        named = local(self, "named_endpoints", tf(f"{{ for key, endpoint in {endpoints.endpoints} : key => endpoint if endpoint.dns_name != null }}"))
        resource(
            self,
            "aws_route53_zone",
            "friendly",
            {
                "name": tf("each.value.dns_name"),
                "comment": tf('"Friendly name of the ${each.key} interface endpoint"'),
                "vpc": {"vpc_id": tf(network.vpc_id)},
                "tags": tf("var.tags"),
            },
            for_each=tf(named),
            lifecycle={"ignore_changes": ["vpc"]},
        )
        resource(
            self,
            "aws_route53_record",
            "friendly",
            {
                "zone_id": tf("aws_route53_zone.friendly[each.key].zone_id"),
                "name": tf("each.value.dns_name"),
                "type": "A",
                "alias": {
                    "name": tf("aws_vpc_endpoint.this[each.key].dns_entry[0].dns_name"),
                    "zone_id": tf("aws_vpc_endpoint.this[each.key].dns_entry[0].hosted_zone_id"),
                    "evaluate_target_health": True,
                },
            },
            for_each=tf(named),
        )
        if CONSUMER.input("peer_vpcs").present(features):
            peer_vpcs = declare(self, CONSUMER, "peer_vpcs", features)
            associations = local(
                self,
                "peer_zone_associations",
                tf(
                    f"merge([for key, endpoint in {named} : "
                    f'{{ for peer, home in {peer_vpcs} : "${{key}}/${{peer}}" => {{ endpoint = key, peer = peer, vpc_id = home.vpc_id, region = home.region, cross_account = home.cross_account }} }}]...)'
                ),
            )
            resource(
                self,
                "aws_route53_zone_association",
                "peer",
                {
                    "zone_id": tf("aws_route53_zone.friendly[each.value.endpoint].zone_id"),
                    "vpc_id": tf("each.value.vpc_id"),
                    "vpc_region": tf("each.value.region"),
                },
                for_each=tf(f"{{ for key, a in {associations} : key => a if !a.cross_account }}"),
            )
            # A home VPC of another account: Route 53 associates it only on that account's request, after this
            # account (the zone's) authorizes it; modules/zone-association makes the request there.
            resource(
                self,
                "aws_route53_vpc_association_authorization",
                "peer",
                {
                    "zone_id": tf("aws_route53_zone.friendly[each.value.endpoint].zone_id"),
                    "vpc_id": tf("each.value.vpc_id"),
                    "vpc_region": tf("each.value.region"),
                },
                for_each=tf(f"{{ for key, a in {associations} : key => a if a.cross_account }}"),
            )
            output(
                scope,
                "zone_authorizations",
                tf(
                    "{ for key, authorization in aws_route53_vpc_association_authorization.peer : key => {"
                    f" peer = {associations}[key].peer, zone_id = authorization.zone_id, vpc_id = authorization.vpc_id, vpc_region = authorization.vpc_region }} }}"
                ),
                "Per `<endpoint>/<peer>`: friendly-name zones authorized for a home VPC of another account, for its modules/zone-association.",
            )
        self.named = named


# The private IPs of an endpoint's network interfaces, one per subnet, for on-premises firewalls and the notes'
# "private IP of the endpoint network interface" access. aws_vpc_endpoint exposes network_interface_ids, not IPs;
# its subnet_configuration (Optional + Computed since provider 5.54, kept in 6.x) is read back on every refresh
# from the interfaces themselves (resourceVPCEndpointRead: findSubnetConfigurationsByNetworkInterfaceIDs ->
# flattenSubnetConfigurations, ipv4/ipv6/subnet_id per interface),
# https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service/ec2/vpc_endpoint.go,
# https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint#subnet_configuration.
# Reading it needs no data source per interface: a data "aws_network_interface" for_each over the IDs would key
# on values known only after apply, which for_each refuses at plan. An address family the endpoint does not use
# reads as empty and is dropped (compact); sorted, so the output does not reorder between refreshes.
ENDPOINT_IPS = (
    " ipv4_addresses = sort(compact([for subnet in endpoint.subnet_configuration : subnet.ipv4])),"
    " ipv6_addresses = sort(compact([for subnet in endpoint.subnet_configuration : subnet.ipv6])),"
)


def endpoint_outputs(scope: Construct, endpoints: InterfaceEndpoints) -> None:
    """The DNS names the notes list, per endpoint, for consumers and operators, and the interfaces' private IPs."""
    output(
        scope,
        "endpoints",
        tf(
            "{ for key, endpoint in aws_vpc_endpoint.this : key => {"
            " id = endpoint.id,"
            " regional_dns_name = endpoint.dns_entry[0].dns_name,"
            ' zonal_dns_names = [for entry in endpoint.dns_entry : entry.dns_name if entry.dns_name != endpoint.dns_entry[0].dns_name && endswith(entry.dns_name, ".vpce.amazonaws.com")],'
            " network_interface_ids = endpoint.network_interface_ids,"
            f"{ENDPOINT_IPS}"
            " security_group_id = aws_security_group.endpoint[key].id,"
            f" friendly_dns_name = {endpoints.endpoints}[key].dns_name"
            " } }"
        ),
        "Per endpoint: ID, regional DNS name, zonal DNS names, network interfaces and their private IPv4 and IPv6 addresses"
        " (for on-premises firewalls and access by IP), security group, and the friendly DNS name (null when none).",
    )


class PrivateDnsAfterAcceptance(Construct):
    """Private DNS switched on by ``aws_vpc_endpoint_private_dns`` once the provider has accepted the endpoint.

    The consumer's second step (``plgen.interfaces.consumer_private_dns`` says why, with the sources):
    the endpoint was created with private DNS off because it was ``pendingAcceptance``; the state the
    provider's accepter read back must be ``available`` before private DNS is switched on.
    https://github.com/hashicorp/terraform-provider-aws/pull/37628
    """

    def __init__(self, scope: Construct, features: frozenset[str]) -> None:
        super().__init__(scope, "private-dns-after-acceptance")
        endpoints = declare(self, CONSUMER_PRIVATE_DNS, "endpoints", features)
        resource(
            self,
            "aws_vpc_endpoint_private_dns",
            "this",
            {"vpc_endpoint_id": tf("each.value.endpoint_id"), "private_dns_enabled": True},
            for_each=tf(endpoints),
            lifecycle={
                "precondition": [
                    {
                        "condition": tf('each.value.state == "available"'),
                        "error_message": "The provider has not accepted this endpoint yet (its state is not available): apply the provider's endpoint-acceptance unit first.",
                    }
                ]
            },
        )
        output(
            self,
            "private_dns",
            tf("{ for key, dns in aws_vpc_endpoint_private_dns.this : key => dns.private_dns_enabled }"),
            "Per `<provider>/<service>`: whether private DNS is now enabled on the endpoint (true once applied).",
        )
