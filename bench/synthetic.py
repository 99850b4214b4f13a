"""Synthetic blueprints with N consumers, for the scale benchmark.

The notes say an endpoint service is consumed by "tens, hundreds or thousands"
of VPCs. These generators write valid blueprints of that size for the two
patterns built for it: SaaS (one service, every customer in its own account)
and Shared Services (four common services, workload VPCs consuming two to four
of them, in their own accounts, plus an on-premises access VPC). Every
generated blueprint passes ``plgen validate``: unique names, consumer VPCs in
disjoint /22s of 10.128.0.0/9 (room for 8,192), AZ IDs of us-east-1, and an
allowed principal for each consumer account.
"""

from __future__ import annotations

import ipaddress
from itertools import islice
from typing import Any

import yaml

AZS = ["use1-az1", "use1-az2", "use1-az4"]
CONSUMER_SPACE = ipaddress.IPv4Network("10.128.0.0/9")
MAX_CONSUMERS = 2 ** (22 - CONSUMER_SPACE.prefixlen)


def _account(i: int) -> str:
    return str(200_000_000_000 + i)


def _consumer_vpcs(n: int) -> list[str]:
    if n > MAX_CONSUMERS:
        raise ValueError(f"at most {MAX_CONSUMERS} consumers fit in {CONSUMER_SPACE} as /22s")
    return [str(net) for net in islice(CONSUMER_SPACE.subnets(new_prefix=22), n)]


def _consumer(i: int, cidr: str, endpoints: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": f"consumer-{i:05d}",
        "account_id": _account(i),
        "region": "us-east-1",
        "vpc": {"cidr": cidr},
        "azs": AZS[: 2 + i % 2],
        "endpoints": endpoints,
    }


def saas(n: int) -> dict[str, Any]:
    """One TLS service of a SaaS provider, consumed by ``n`` customers in ``n`` accounts.

    Every customer reaches it by the service's verified private DNS name, the one name its certificate covers
    (a TLS listener reached by any other name fails every handshake, which ``plgen validate`` refuses).
    """
    vpcs = _consumer_vpcs(n)
    consumers = [
        _consumer(i, vpcs[i], [{"service": "api", "allowed_cidrs": [vpcs[i]], "private_dns": True}])
        for i in range(n)
    ]
    return {
        "name": f"saas-{n}",
        "pattern": "saas",
        "description": f"Synthetic SaaS blueprint: one endpoint service consumed by {n} customer VPCs.",
        "tags": {"owner": "bench"},
        "state": "local",  # the bench renders and plans every unit from one checkout (a fleet names its S3 bucket)
        "providers": [
            {
                "name": "vendor",
                "account_id": "111111111111",
                "region": "us-east-1",
                "vpc": {"cidr": "10.10.0.0/16"},
                "azs": AZS,
                "services": [
                    {
                        "name": "api",
                        "nlb": {
                            "listeners": [
                                {
                                    "port": 443,
                                    "protocol": "TLS",
                                    "target_port": 8443,
                                    "certificate_arn": "arn:aws:acm:us-east-1:111111111111:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
                                }
                            ]
                        },
                        "targets": [{"ip": f"10.10.{k}.10"} for k in range(3)],
                        "endpoint_service": {
                            "allowed_principals": [f"arn:aws:iam::{_account(i)}:root" for i in range(n)],
                            "private_dns_name": "api.vendor.example.com",
                            "private_dns_verification": {"zone": "vendor.example.com"},
                        },
                    }
                ],
            }
        ],
        "consumers": consumers,
    }


SHARED = {"security": [443], "logging": [6514, 5044], "monitoring": [4317], "auth": [636, 443]}


def shared_services(n: int) -> dict[str, Any]:
    """Four common services; ``n - 1`` workload VPCs using two to four of them, and one on-premises access VPC."""
    vpcs = _consumer_vpcs(n)
    names = list(SHARED)
    consumers = []
    for i in range(n - 1):
        used = names[i % 4 :] + names[: i % 4]
        endpoints = [{"service": s, "allowed_cidrs": [vpcs[i]]} for s in used[: 2 + i % 3]]
        if i % 5 == 0:
            endpoints[0]["dns_name"] = f"{used[0]}.w{i:05d}.internal"
        consumers.append(_consumer(i, vpcs[i], endpoints))
    access = _consumer(n - 1, vpcs[n - 1], [{"service": s} for s in names])
    access.update(name="onprem-access", account_id="111111111111", on_premises={"cidrs": ["172.16.0.0/16"], "amazon_side_asn": 64620})
    consumers.append(access)
    principals = [f"arn:aws:iam::{_account(i)}:root" for i in range(n - 1)]
    services = [
        {
            "name": name,
            "nlb": {"listeners": [{"port": p} for p in ports]},
            "targets": [{"ip": f"10.0.{k}.{20 + j}"} for j, k in enumerate(range(2))],
            "endpoint_service": {"allowed_principals": principals},
        }
        for name, ports in SHARED.items()
    ]
    return {
        "name": f"shared-services-{n}",
        "pattern": "shared-services",
        "description": f"Synthetic Shared Services VPC consumed by {n} VPCs.",
        "tags": {"owner": "bench"},
        "state": "local",  # the bench renders and plans every unit from one checkout (a fleet names its S3 bucket)
        "providers": [
            {"name": "shared", "account_id": "111111111111", "region": "us-east-1", "vpc": {"cidr": "10.0.0.0/16"}, "azs": AZS, "services": services}
        ],
        "consumers": consumers,
    }


GENERATORS = {"saas": saas, "shared-services": shared_services}


def dump(document: dict[str, Any]) -> str:
    """YAML as a person would write it (block style, keys in the order above)."""
    return yaml.safe_dump(document, sort_keys=False, default_flow_style=False, width=200)
