"""``verify: reachability`` asks AWS Reachability Analyzer for a path it can analyse: a probe to an interface endpoint.

The verify unit (``modules/consumer-verify``) places a probe network interface
in one of the consumer's subnets and analyses the path from it to each of the
consumer's interface endpoints. Reachability Analyzer takes a network
interface as source and a VPC endpoint as destination, both in one Region and
in one VPC (or VPCs connected by peering or a transit gateway), in one account
or in accounts of one organization
(https://docs.aws.amazon.com/vpc/latest/reachability/how-reachability-analyzer-works.html,
"Source and destination resources"). The probe and the endpoint are both the
consumer's own, in its VPC and Region, so those limits hold by construction;
what can still make the analysis meaningless is refused here:

- a consumer without interface endpoints (resource-access: resource and
  service-network endpoints) has nothing the unit analyses;
- the probe's address is one of the VPC's, so an endpoint whose security group
  does not admit the whole VPC (``admit_own_vpc``, or an IPv4 ``allowed_cidrs``
  entry covering the VPC's CIDR) would be reported unreachable although the
  blueprint never admitted the probe: a failure that proves nothing.
"""

from collections.abc import Iterable
from ipaddress import ip_network

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule

HOW = "https://docs.aws.amazon.com/vpc/latest/reachability/how-reachability-analyzer-works.html"


@rule("consumer-verify", "verify: reachability needs interface endpoints that admit the consumer's whole VPC (where the probe sits)")
def consumer_verify(bp: Blueprint) -> Iterable[Finding]:
    for i, consumer in enumerate(bp.consumers):
        if consumer.verify is None:
            continue
        if not consumer.endpoints:
            yield Finding(
                ("consumers", i, "verify"),
                f"{consumer.name} has no interface endpoints: the verify unit asks Reachability Analyzer ({HOW}) for the path from a "
                "probe to each interface endpoint, and builds none to resource or service-network endpoints",
                "remove verify",
            )
            continue
        network = consumer.vpc.network
        for k, endpoint in enumerate(consumer.endpoints):
            if endpoint.admit_own_vpc:
                continue
            covered = network is not None and any(
                ":" not in cidr and network.version == 4 and network.subnet_of(ip_network(cidr, strict=False)) for cidr in endpoint.allowed_cidrs
            )
            if not covered:
                where = f"its VPC's CIDR {network}" if network is not None else "its existing VPC (no vpc.existing_cidr given)"
                yield Finding(
                    ("consumers", i, "endpoints", k, "allowed_cidrs"),
                    f"verify: the probe sits in a subnet of {consumer.name}'s VPC, but this endpoint does not admit {where}: "
                    "Reachability Analyzer would report a path the blueprint never opened as unreachable",
                    "admit the VPC's CIDR (allowed_cidrs, or admit_own_vpc), or remove verify",
                )
