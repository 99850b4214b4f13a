"""Blueprint -> module inputs: the data that fills the ``for_each`` maps.

The modules' code depends only on which features a blueprint uses; the
blueprint's contents (consumers, services, targets, CIDRs) become this data,
written to ``terraform.tfvars.json``. Adding a consumer therefore adds one
map entry and changes no code, and a plan touches only that consumer.
Everything the provider would otherwise compute with fragile expressions
(names within AWS limits, which targets a migration stage registers, TLS to
TCP target protocols) is decided here, where it can be tested.
"""

from __future__ import annotations

from typing import Any

from plgen.blueprint.model import Blueprint, Consumer, Endpoint, Listener, Protocol, Provider, Service, Site, Vpc
from plgen.patterns.naming import aws_name

TARGET_PROTOCOL = {Protocol.TCP: "TCP", Protocol.TLS: "TCP", Protocol.UDP: "UDP", Protocol.TCP_UDP: "TCP_UDP"}
IP_PROTOCOLS = {Protocol.TCP: ["tcp"], Protocol.TLS: ["tcp"], Protocol.UDP: ["udp"], Protocol.TCP_UDP: ["tcp", "udp"]}


def vpc(spec: Vpc, azs: list[str]) -> dict[str, Any]:
    if spec.created:
        return {"cidr": spec.cidr, "subnet_cidrs": spec.subnets_for(azs)}
    return {"id": spec.id, "subnet_ids": {az: spec.subnet_ids[az] for az in azs}, "route_table_ids": list(spec.route_table_ids)}


def listener(bp: Blueprint, provider: Provider, service: Service, spec: Listener) -> dict[str, Any]:
    tls = spec.protocol is Protocol.TLS
    return {
        "port": spec.port,
        "protocol": spec.protocol.value,
        "target_port": spec.backend_port,
        "target_protocol": TARGET_PROTOCOL[spec.protocol],
        "target_group_name": aws_name(bp.name, provider.name, service.name, spec.port),
        "certificate_arn": spec.certificate_arn if tls else None,
        "ssl_policy": spec.ssl_policy if tls else None,
    }


def service(bp: Blueprint, provider: Provider, spec: Service) -> dict[str, Any]:
    es = spec.endpoint_service
    return {
        "load_balancer_name": aws_name(bp.name, provider.name, spec.name),
        "internal": True,
        "cross_zone": spec.nlb.cross_zone,
        "proxy_protocol_v2": spec.nlb.proxy_protocol_v2,
        "deregistration_delay": spec.nlb.deregistration_delay,
        "target_type": spec.target_type,
        "listeners": {str(item.port): listener(bp, provider, spec, item) for item in spec.nlb.listeners},
        "targets": {
            target.key: {
                "target_id": target.instance_id or target.ip,
                "port": target.port,
                "availability_zone": "all" if target.site is not Site.aws else None,
            }
            for target in spec.registered_targets
        },
        "acceptance_required": es.acceptance_required,
        "allowed_principals": sorted(es.allowed_principals),
        "private_dns_name": es.private_dns_name,
        "supported_regions": sorted(es.supported_regions),
    }


def on_premises(side: Provider | Consumer) -> dict[str, Any] | None:
    if side.on_premises is None:
        return None
    return {"cidrs": list(side.on_premises.cidrs), "amazon_side_asn": side.on_premises.amazon_side_asn}


def provider(bp: Blueprint, spec: Provider) -> dict[str, Any]:
    return {
        "region": spec.region,
        "account_id": spec.account_id,
        "vpc": vpc(spec.vpc, spec.azs),
        "on_premises": on_premises(spec),
        "services": {item.name: service(bp, spec, item) for item in spec.services},
    }


def endpoint_key(bp: Blueprint, spec: Endpoint) -> str:
    owner, svc = bp.resolve(spec)
    return f"{owner.name}/{svc.name}"


def endpoint(bp: Blueprint, consumer: Consumer, spec: Endpoint) -> dict[str, Any]:
    owner, svc = bp.resolve(spec)
    return {
        "provider": owner.name,
        "service": svc.name,
        "service_region": owner.region if owner.region != consumer.region else None,
        "ports": [
            {"port": item.port, "ip_protocol": proto} for item in sorted(svc.nlb.listeners, key=lambda x: x.port) for proto in IP_PROTOCOLS[item.protocol]
        ],
        "allowed_cidrs": list(spec.allowed_cidrs),
        "allowed_security_group_ids": list(spec.allowed_security_group_ids),
        "private_dns": spec.private_dns,
        "dns_name": spec.dns_name,
    }


def consumer(bp: Blueprint, spec: Consumer) -> dict[str, Any]:
    return {
        "region": spec.region,
        "account_id": spec.account_id,
        "vpc": vpc(spec.vpc, spec.azs),
        "on_premises": on_premises(spec),
        "peer_cidrs": [str(p.vpc.network) for p in spec.peers if p.vpc.network],
        "endpoints": {endpoint_key(bp, item): endpoint(bp, spec, item) for item in spec.endpoints},
    }


def root_inputs(bp: Blueprint) -> dict[str, Any]:
    """The example root's ``terraform.tfvars.json``: every provider and consumer, by name."""
    data: dict[str, Any] = {"tags": {"plgen-blueprint": bp.name, **bp.tags}}
    data["service_providers"] = {p.name: provider(bp, p) for p in bp.providers}
    if bp.consumers:
        data["service_consumers"] = {c.name: consumer(bp, c) for c in bp.consumers}
    return data
