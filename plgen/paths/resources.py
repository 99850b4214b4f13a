"""Every consumer -> resource path of resource access (VPC Lattice), hop by hop, like ``proof`` does for interface endpoints.

The declaration is the root's data (``resource_consumers``, ``resource_providers``);
the implementation the evaluated root. One ``Path`` per resource endpoint x
port span, and per service-network endpoint x associated resource x span:

    source           the sources the blueprint names for the endpoint
    endpoint         the endpoint exists, of type Resource (ServiceNetwork), wired to this resource
                     configuration (service network, which has the resource associated), in an AZ the gateway has
    security group   the endpoint's group admits every source on the span (TCP), and not the internet
    share            the consumer's account is a principal of a RAM share holding the configuration (network),
                     and the invitation is accepted where the share is from outside the organization
    gateway          the configuration is of the provider's resource gateway and offers the span
    resource         the gateway's group lets the span out to the resource; an on-premises address passes
                     the Direct Connect hop (``direct_connect.py``: propagation from an attached, optionally
                     Direct Connect-associated, virtual private gateway, or routes to an attached transit gateway)
"""

from __future__ import annotations

import ipaddress
from typing import Any

from plgen.paths.direct_connect import on_premises_cidr, prove_direct_connect
from plgen.paths.proof import Implementation, Path
from plgen.paths.world import FAIL, PASS, WARN, admits, open_to_internet


def prove_resources(impl: Implementation, data: dict[str, Any]) -> list[Path]:
    providers = data.get("resource_providers", {})
    paths: list[Path] = []
    for consumer_name, consumer in sorted(data.get("resource_consumers", {}).items()):
        for key, endpoint in sorted((consumer.get("resource_endpoints") or {}).items()):
            provider_name, resource_name = endpoint["provider"], endpoint["resource"]
            provider = providers.get(provider_name, {})
            for span in endpoint["ports"]:
                path = Path(consumer_name, key, _span(span))
                vpce = impl.find("aws_vpc_endpoint", consumer_name, key)
                _prove(impl, path, consumer_name, consumer, endpoint, vpce, provider_name, provider, resource_name, span, network=False)
                paths.append(path)
        network = consumer.get("service_network_endpoint")
        if network:
            provider_name = network["provider"]
            provider = providers.get(provider_name, {})
            vpce = impl.find("aws_vpc_endpoint", consumer_name, "service-network")
            for resource_name, item in sorted((provider.get("resources") or {}).items()):
                if not item.get("in_service_network"):
                    continue
                for span in _spans(item):
                    if not any(s["from_port"] <= span["from_port"] and span["to_port"] <= s["to_port"] for s in network["ports"]):
                        continue
                    path = Path(consumer_name, f"{provider_name}/{resource_name} (service network)", _span(span))
                    _prove(impl, path, consumer_name, consumer, network, vpce, provider_name, provider, resource_name, span, network=True)
                    paths.append(path)
    return paths


def _span(span: dict[str, int]) -> str:
    lo, hi = span["from_port"], span["to_port"]
    return f"{lo}/TCP" if lo == hi else f"{lo}-{hi}/TCP"


def _spans(item: dict[str, Any]) -> list[dict[str, int]]:
    out = []
    for text in item.get("port_ranges") or []:
        low, _, high = text.partition("-")
        out.append({"from_port": int(low), "to_port": int(high or low)})
    return out


def _covers(ranges: list[Any], lo: int, hi: int) -> bool:
    for text in ranges or []:
        if not isinstance(text, str):
            return False
        low, _, high = text.partition("-")
        if int(low) <= lo and hi <= int(high or low):
            return True
    return False


def _prove(impl, path, consumer_name, consumer, endpoint, vpce, provider_name, provider, resource_name, span, *, network: bool) -> None:
    sources = [(s, "named") for s in [*endpoint.get("allowed_cidrs", []), *endpoint.get("allowed_security_group_ids", [])]]
    if not path.add("source", PASS if sources else FAIL, ", ".join(f"{s} ({o})" for s, o in sources) or "the endpoint admits no source"):
        return
    config = impl.find("aws_vpclattice_resource_configuration", provider_name, resource_name)
    if vpce is None or config is None:
        path.add("endpoint", FAIL, f"no endpoint in consumer {consumer_name}" if vpce is None else f"no resource configuration {resource_name} in provider {provider_name}")
        return
    kind = "ServiceNetwork" if network else "Resource"
    if impl.arg(vpce, "vpc_endpoint_type") != kind:
        path.add("endpoint", FAIL, f"{vpce.address} is of type {impl.arg(vpce, 'vpc_endpoint_type')!r}, not {kind}")
        return
    sn = None
    if network:
        sn = impl.target(impl.arg(vpce, "service_network_arn"), "aws_vpclattice_service_network")
        associated = sn is not None and any(
            impl.refers(impl.arg(a, "service_network_identifier"), sn, "id")
            for a in impl.referring("aws_vpclattice_service_network_resource_association", "resource_configuration_identifier", config, "id")
        )
        if not associated:
            path.add("endpoint", FAIL, f"{vpce.address} is not wired to a service network holding {config.address}")
            return
    elif not impl.refers(impl.arg(vpce, "resource_configuration_arn"), config, "arn"):
        path.add("endpoint", FAIL, f"{vpce.address} is not wired to {config.address} (resource_configuration_arn {impl.arg(vpce, 'resource_configuration_arn')!r})")
        return
    gateway = impl.target(impl.arg(config, "resource_gateway_identifier"), "aws_vpclattice_resource_gateway")
    endpoint_azs = impl.subnet_azs(impl.arg(vpce, "subnet_ids"), vpce.module)
    gateway_azs = impl.subnet_azs(_subnets(impl, gateway), gateway.module) if gateway else []
    common = [az for az in endpoint_azs if az in gateway_azs]
    if gateway_azs and not common:
        path.add("endpoint", FAIL, f"in {', '.join(map(str, endpoint_azs))}, none of which the resource gateway ({', '.join(map(str, gateway_azs))}) has")
        return
    outside = [az for az in endpoint_azs if gateway_azs and az not in gateway_azs]
    if outside:
        path.add("endpoint", WARN, f"{vpce.address}: {', '.join(outside)} not in the gateway's AZs; traffic from there crosses AZs")
    else:
        path.add("endpoint", PASS, f"{vpce.address} in {', '.join(map(str, endpoint_azs))}")

    groups = [impl.target(g, "aws_security_group") for g in impl.arg(vpce, "security_group_ids") or []]
    rules = [r for g in groups if g for r in impl.ingress(g)]
    lo, hi = span["from_port"], span["to_port"]
    world = open_to_internet(rules)
    if world:
        path.add("security group", FAIL, f"the endpoint's group admits the internet ({', '.join(world)})")
        return
    missing = [f"{s} on tcp/{p}" for s, _ in sources for p in sorted({lo, hi}) if not admits(rules, s, p, "tcp")]
    if not path.add("security group", FAIL if missing else PASS, ("does not admit " + ", ".join(missing)) if missing else f"{len(rules)} rule(s) admit every source on {_span(span)}"):
        return

    account, owner = str(consumer.get("account_id")), str(provider.get("account_id"))
    shared_thing, attribute = (sn, "arn") if network else (config, "arn")
    if account == owner:
        path.add("share", PASS, "same account: no share needed")
    else:
        shares = [
            impl.target(impl.arg(a, "resource_share_arn"), "aws_ram_resource_share")
            for a in impl.referring("aws_ram_resource_association", "resource_arn", shared_thing, attribute)
        ]
        shares = [s for s in shares if s]
        principals = [
            p for s in shares for p in impl.referring("aws_ram_principal_association", "resource_share_arn", s, "arn") if impl.arg(p, "principal") == account
        ]
        if not principals:
            path.add("share", FAIL, f"no RAM share of {shared_thing.address} names account {account}")
            return
        share = impl.target(impl.arg(principals[0], "resource_share_arn"), "aws_ram_resource_share")
        external = impl.arg(share, "allow_external_principals") is True
        accepted = [a for a in impl.referring("aws_ram_resource_share_accepter", "share_arn", share, "arn") if a.module is vpce.module]
        if external and not accepted:
            path.add("share", FAIL, f"{share.address} is shared outside the organization but nothing in {consumer_name} accepts the invitation")
            return
        path.add("share", PASS, f"{principals[0].address}" + (f", accepted by {accepted[0].address}" if accepted else " (inside the organization)"))

    if gateway is None:
        path.add("gateway", FAIL, f"{config.address} names no resource gateway of the provider")
        return
    kind = impl.arg(config, "type")
    if kind == "SINGLE" and not _covers(impl.arg(config, "port_ranges"), lo, hi):
        path.add("gateway", FAIL, f"{config.address} offers {impl.arg(config, 'port_ranges')}, not {_span(span)}")
        return
    path.add("gateway", PASS, f"{gateway.address}, {config.address} ({kind})")
    _resource(impl, path, provider, gateway, config, lo, hi)


def _subnets(impl, gateway) -> list[Any]:
    value = impl.arg(gateway, "subnet_ids") if gateway else None
    return value if isinstance(value, list) else []


def _resource(impl, path, provider, gateway, config, lo, hi) -> None:
    definition = (impl.arg(config, "resource_configuration_definition") or [{}])[0]
    ip = next((d.get("ip_address") for d in definition.get("ip_resource") or []), None)
    name = next((d.get("domain_name") for d in definition.get("dns_resource") or []), None)
    arn = next((d.get("arn") for d in definition.get("arn_resource") or []), None)
    groups = [impl.target(g, "aws_security_group") for g in impl.arg(gateway, "security_group_ids") or []]
    egress = [rule for g in groups if g for rule in impl.rules_of(g, "egress") if rule.covers("tcp", lo) and rule.covers("tcp", hi)]
    cidrs = [r.cidr for r in egress if isinstance(r.cidr, str) and ":" not in r.cidr]
    if ip:
        inside = [c for c in cidrs if ipaddress.ip_address(ip) in ipaddress.ip_network(c)]
        if not inside:
            path.add("resource", FAIL, f"the gateway's group does not let tcp/{_span_text(lo, hi)} out to {ip}")
            return
        on_prem = on_premises_cidr(provider.get("on_premises"), ip)
        if on_prem:
            status, reason = prove_direct_connect(impl, gateway.module, provider["on_premises"], on_prem, impl.subnet_azs(_subnets(impl, gateway), gateway.module))
            path.add("resource", status, f"{ip} {reason}")
            return
        path.add("resource", PASS, f"{ip} in the provider VPC, out through {inside[0]}")
        return
    if not cidrs:
        path.add("resource", FAIL, f"the gateway's group lets nothing out on tcp/{_span_text(lo, hi)}")
        return
    path.add("resource", PASS, f"{name or arn}, out through {', '.join(cidrs)}")


def _span_text(lo: int, hi: int) -> str:
    return str(lo) if lo == hi else f"{lo}-{hi}"

