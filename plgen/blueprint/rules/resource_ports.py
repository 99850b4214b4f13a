"""Resource port ranges do not overlap, and a resource endpoint opens only ports of its resource's ranges.

A resource configuration's ``portRanges`` are the TCP ports a consumer can use
(https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-configuration.html#resource-configuration-port);
a port outside them is refused by the gateway, so opening it in the
endpoint's group would promise a path that does not exist. Overlapping ranges
would be one port listed twice.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule
from plgen.blueprint.rules.resource_base import resolved_access


@rule("resource-ports", "A resource's port ranges do not overlap; a resource endpoint's ports lie within them (and are named for an ARN resource)")
def resource_ports(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        for j, item in enumerate(provider.resources):
            spans = item.spans
            for k, (lo, hi) in enumerate(spans):
                for m in range(k):
                    olo, ohi = spans[m]
                    if lo <= ohi and olo <= hi:
                        yield Finding(
                            ("providers", i, "resources", j, "port_ranges", k),
                            f"port range {item.port_ranges[k]} overlaps {item.port_ranges[m]}",
                            "list each port once (merge the ranges)",
                        )
                        break
    for access in resolved_access(bp):
        if access.network:
            for item in access.resources:
                if item.arn:
                    yield Finding(
                        access.at("service_network"),
                        f"{access.provider.name}/{item.name} is an AWS resource by ARN, whose port plgen does not know, so this endpoint's group cannot open it",
                        "reach it through a resource endpoint that names its `ports`",
                    )
            continue
        item = access.resources[0]
        endpoint = access.consumer.resource_endpoints[access.path[-1]]
        if item.arn:
            # An ARN resource's ports are the AWS resource's (RDS: its listener port); the endpoint opens those it names.
            if not endpoint.ports:
                yield Finding(access.at("ports"), f"{access.provider.name}/{item.name} is an AWS resource by ARN; name the `ports` this endpoint opens (e.g. [5432])", None)
            continue
        for k, port in enumerate(endpoint.ports):
            if not any(lo <= port <= hi for lo, hi in item.spans):
                yield Finding(
                    access.at("ports", k),
                    f"port {port} is outside the port ranges of {access.provider.name}/{item.name} ({', '.join(item.port_ranges)})",
                    "open only ports the resource configuration offers",
                )
