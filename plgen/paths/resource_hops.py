"""The hops of a consumer -> resource path of resource access (VPC Lattice), each declared ONCE, over any ``World``.

One ``Path`` per resource endpoint x port span, and per service-network
endpoint x associated resource x span; the hops in ``RESOURCE_HOPS`` order:

    source           the sources the declaration names for the endpoint
    endpoint         the endpoint exists, of type Resource (ServiceNetwork), wired to this resource configuration
                     (a service network which has the resource associated), in an AZ the gateway has
    security group   the endpoint's group admits every source on the span (TCP), and not the internet
    share            the consumer's account is a principal of a RAM share holding the configuration (network),
                     and the invitation is accepted where the share is from outside the organization
    gateway          the configuration is of the provider's (active) resource gateway and offers the span
    resource         the gateway's group lets the span out to the resource; an on-premises address passes
                     the Direct Connect hop (``direct_connect.py``)
    dns              (an endpoint with a ``dns_name``, or a resource declaring ``tls_names``) the name the consumer
                     uses resolves to the endpoint, and a TLS-terminating resource's certificate can hold it

What each hop reads comes from the world's queries (``world.World``): the
offline adapter answers from the evaluated Terraform, the live one from
describe calls (``adapters.live_resources``); the verdicts are written here only.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from plgen.paths.direct_connect import on_premises_cidr
from plgen.paths.hops import sources_from_groups
from plgen.paths.hops import _holds  # the one RFC 6125 name check, shared with the interface-endpoint dns hop
from plgen.paths.world import FAIL, PASS, WARN, Endpoint, ResourceConfiguration, ResourceGateway, World, admits, open_to_internet


@dataclass
class ResourceCase:
    consumer_name: str
    consumer: dict[str, Any]
    key: str  # the endpoint's key ("service-network" for the consumer's service-network endpoint)
    endpoint_spec: dict[str, Any]
    provider_name: str
    provider: dict[str, Any]
    resource: str
    span: dict[str, int]
    network: bool
    sources: list[str] | None = None
    endpoint: Endpoint | None = None
    config: ResourceConfiguration | None = None
    gateway: ResourceGateway | None = None
    discovered: bool = False  # found from the resources (``discover.py``): no declaration names sources or accounts

    @property
    def lo(self) -> int:
        return self.span["from_port"]

    @property
    def hi(self) -> int:
        return self.span["to_port"]


def span_text(span: dict[str, int]) -> str:
    lo, hi = span["from_port"], span["to_port"]
    return f"{lo}/TCP" if lo == hi else f"{lo}-{hi}/TCP"


def _ports(lo: int, hi: int) -> str:
    return str(lo) if lo == hi else f"{lo}-{hi}"


def spans(ranges: Any) -> list[dict[str, int]]:
    out = []
    for text in ranges or []:
        low, _, high = str(text).partition("-")
        out.append({"from_port": int(low), "to_port": int(high or low)})
    return out


def source(world: World, path, case: ResourceCase) -> bool:
    if case.discovered:
        vpce = world.resource_endpoint(case.consumer_name, case.key, case.consumer, case.network, None, case.provider_name, case.provider)
        found = sources_from_groups(world, vpce, sorted({case.lo, case.hi}) if case.span else None, ["tcp"])
        case.sources = [s for s, _ in found]
        named = ", ".join(f"{s} ({o})" for s, o in found)
        on = f" on {span_text(case.span)}" if case.span else ""
        return path.add("source", PASS if named else FAIL, f"no declaration: sources read from the endpoint's groups: {named}" if named else f"the endpoint's groups admit no source{on} (no declaration names one)")
    case.sources = [*case.endpoint_spec.get("allowed_cidrs", []), *case.endpoint_spec.get("allowed_security_group_ids", [])]
    return path.add("source", PASS if case.sources else FAIL, ", ".join(f"{s} (named)" for s in case.sources) or "the endpoint admits no source")


def endpoint(world: World, path, case: ResourceCase) -> bool:
    case.config = config = world.resource_configuration(case.provider_name, case.resource, case.provider)
    case.endpoint = vpce = world.resource_endpoint(case.consumer_name, case.key, case.consumer, case.network, config, case.provider_name, case.provider)
    if case.discovered and config is None and vpce is not None:
        return path.add("endpoint", WARN, f"{vpce.name} names {case.resource}, a resource outside this root: judged up to the endpoint")
    if vpce is None or config is None:
        return path.add("endpoint", FAIL, world.resource_missing(case.consumer_name, case.key, case.provider_name, case.resource, vpce))
    kind = "ServiceNetwork" if case.network else "Resource"
    if vpce.kind != kind:
        return path.add("endpoint", FAIL, f"{vpce.name} is of type {vpce.kind!r}, not {kind}")
    if vpce.state not in (None, "available"):
        return path.add("endpoint", FAIL, f"{vpce.name} is a {kind} endpoint in state {vpce.state}, not an available one")
    unwired = world.resource_wired(vpce, config, case.network)
    if unwired:
        return path.add("endpoint", FAIL, unwired)
    case.gateway = gateway = world.resource_gateway(config)
    endpoint_azs = [s.az for s in vpce.subnets]
    gateway_azs = [s.az for s in gateway.subnets] if gateway else []
    if gateway_azs and not [az for az in endpoint_azs if az in gateway_azs]:
        return path.add("endpoint", FAIL, f"in {', '.join(map(str, endpoint_azs))}, none of which the resource gateway ({', '.join(map(str, gateway_azs))}) has")
    outside = [az for az in endpoint_azs if gateway_azs and az not in gateway_azs]
    if outside:
        return path.add("endpoint", WARN, f"{vpce.name}: {', '.join(map(str, outside))} not in the gateway's AZs; traffic from there crosses AZs")
    return path.add("endpoint", PASS, f"{vpce.name} in {', '.join(map(str, endpoint_azs))}")


def security_group(world: World, path, case: ResourceCase) -> bool:
    assert case.endpoint is not None and case.sources is not None
    rules = world.rules(case.endpoint.groups)
    internet = open_to_internet(rules)
    if internet:
        return path.add("security group", FAIL, f"the endpoint's group admits the internet ({', '.join(internet)})")
    if not case.span:  # discovered, no span known (a resource outside the root, or port ranges known after apply)
        return path.add("security group", PASS, f"{len(rules)} rule(s), none open to the internet")
    missing = [f"{s} on tcp/{p}" for s in case.sources for p in sorted({case.lo, case.hi}) if not admits(rules, s, p, "tcp")]
    return path.add("security group", FAIL if missing else PASS, ("does not admit " + ", ".join(missing)) if missing else f"{len(rules)} rule(s) admit every source on {span_text(case.span)}")


def share(world: World, path, case: ResourceCase) -> bool:
    assert case.endpoint is not None
    if case.config is None:
        return False  # a discovered resource outside the root: the endpoint hop said the path is judged up to there
    if case.discovered:
        return path.add("share", WARN, "cannot judge: no declaration names the consumer's and the provider's accounts (across accounts, a RAM share must name the consumer's)")
    if str(case.consumer.get("account_id")) == str(case.provider.get("account_id")):
        return path.add("share", PASS, "same account: no share needed")
    return path.add("share", *world.share(case.consumer_name, case.consumer, case.provider, case.endpoint, case.config, case.network))


def gateway(world: World, path, case: ResourceCase) -> bool:
    config, gw = case.config, case.gateway
    assert config is not None
    if gw is None:
        return path.add("gateway", FAIL, f"{config.name} names no resource gateway of the provider")
    if gw.status not in (None, "ACTIVE") or config.status not in (None, "ACTIVE"):
        return path.add("gateway", FAIL, f"{config.name} ({config.status}) is not of the provider's active resource gateway ({gw.name}: {gw.status})")
    if not case.span:
        return path.add("gateway", FAIL, f"cannot judge: {config.name}.port_ranges is not known before apply")
    if config.kind == "SINGLE" and not _covers(config.port_ranges, case.lo, case.hi):
        return path.add("gateway", FAIL, f"{config.name} offers {config.port_ranges}, not {span_text(case.span)}")
    return path.add("gateway", PASS, f"{gw.name}, {config.name} ({config.kind})")


def _covers(ranges: Any, lo: int, hi: int) -> bool:
    for text in ranges or []:
        if not isinstance(text, str):
            return False
        low, _, high = text.partition("-")
        if int(low) <= lo and hi <= int(high or low):
            return True
    return False


def resource(world: World, path, case: ResourceCase) -> bool:
    config, gw, lo, hi = case.config, case.gateway, case.lo, case.hi
    assert config is not None and gw is not None
    egress = [r for r in world.rules(gw.groups, "egress") if r.covers("tcp", lo) and r.covers("tcp", hi)]
    cidrs = [r.cidr for r in egress if isinstance(r.cidr, str) and ":" not in r.cidr]
    if config.ip:
        inside = [c for c in cidrs if ipaddress.ip_address(config.ip) in ipaddress.ip_network(c, strict=False)]
        if not inside:
            return path.add("resource", FAIL, f"the gateway's group does not let tcp/{_ports(lo, hi)} out to {config.ip}")
        on_prem = on_premises_cidr(case.provider.get("on_premises"), config.ip)
        if on_prem:
            status, reason = world.direct_connect(gw, case.provider["on_premises"], on_prem, [s.az for s in gw.subnets])
            return path.add("resource", status, f"{config.ip} {reason}")
        return path.add("resource", PASS, f"{config.ip} in the provider VPC, out through {inside[0]}")
    if not cidrs:
        return path.add("resource", FAIL, f"the gateway's group lets nothing out on tcp/{_ports(lo, hi)}")
    return path.add("resource", PASS, f"{config.domain or config.arn}, out through {', '.join(cidrs)}")


def dns(world: World, path, case: ResourceCase) -> bool:
    """The name the consumer uses, then whether the certificate of a resource that terminates TLS can hold it.

    A resource endpoint's own names are generated per endpoint and association
    (``vpce-…-snra-….rcfg-….vpc-lattice-rsc.<region>.on.aws``, hashicorp/terraform-provider-aws#41261), so
    no certificate can list them in advance; a client checks the name it connected to against the resource's
    certificate (RFC 6125: a wildcard covers one label). A consumer with a ``dns_name`` (a private zone in its
    VPC aliasing the endpoint) uses that name; one without uses the generated names (WARN when the resource
    declares ``tls_names``). Only paths whose endpoint names one or whose resource declares TLS get this hop.
    """
    item = (case.provider.get("resources") or {}).get(case.resource) or {}
    held = [n for n in (item.get("tls_names") or []) if isinstance(n, str)]
    name = None if case.network else case.endpoint_spec.get("dns_name")
    if not name and not held:
        return True
    assert case.endpoint is not None
    reason = None
    if name:
        how = world.friendly_name(case.endpoint, name)
        if how is None:
            return path.add("dns", FAIL, f"{name} has no private zone in the consumer's VPC aliasing {case.endpoint.name}")
        reason = f"{name} ({how})"
    if held:
        certificate = ", ".join(held)
        if name is None:
            return path.add(
                "dns", WARN, f"the resource terminates TLS for {certificate}, but this endpoint is reached only by its generated vpc-lattice-rsc names, which no certificate can list: give the resource endpoint a dns_name the certificate holds"
            )
        if not any(_holds(n, name) for n in held):
            return path.add("dns", WARN, f"{name}: the resource terminates TLS for {certificate}, which does not hold this name: clients fail hostname verification")
        reason = f"{reason}; the resource's certificate holds it"
    return path.add("dns", PASS, reason)


RESOURCE_HOPS: tuple[Callable[..., bool], ...] = (source, endpoint, security_group, share, gateway, resource, dns)


def prove_resources(world: World, data: dict[str, Any], path_type) -> list:
    """Every consumer -> resource path of the declaration, proven hop by hop on ``world``."""
    providers = data.get("resource_providers", {})
    paths: list = []

    def run(path, case: ResourceCase) -> None:
        run_case(world, path, case)
        paths.append(path)

    for consumer_name, consumer in sorted(data.get("resource_consumers", {}).items()):
        for key, spec in sorted((consumer.get("resource_endpoints") or {}).items()):
            provider_name = spec["provider"]
            for span in spec["ports"]:
                run(path_type(consumer_name, key, span_text(span)), ResourceCase(consumer_name, consumer, key, spec, provider_name, providers.get(provider_name, {}), spec["resource"], span, False))
        network = consumer.get("service_network_endpoint")
        if network:
            provider_name = network["provider"]
            provider = providers.get(provider_name, {})
            for resource_name, item in sorted((provider.get("resources") or {}).items()):
                if not item.get("in_service_network"):
                    continue
                for span in spans(item.get("port_ranges")):
                    if not any(s["from_port"] <= span["from_port"] and span["to_port"] <= s["to_port"] for s in network["ports"]):
                        continue
                    path = path_type(consumer_name, f"{provider_name}/{resource_name} (service network)", span_text(span))
                    run(path, ResourceCase(consumer_name, consumer, "service-network", network, provider_name, provider, resource_name, span, True))
    return paths


def run_case(world: World, path, case: ResourceCase) -> None:
    """The hops of ``RESOURCE_HOPS`` in order, until one stops the path (a FAIL, or a path judged up to its endpoint)."""
    for hop in RESOURCE_HOPS:
        if not hop(world, path, case):
            break
