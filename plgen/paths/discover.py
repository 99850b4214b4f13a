"""Paths found from the resources, for any Terraform: every endpoint the root declares, judged by the one hop table.

``proof.py`` proves the paths a plgen declaration (``terraform.tfvars.json``)
names. A root written by hand, or by anyone else, has no such declaration, and
a plgen root may carry endpoints its declaration does not name: each
``aws_vpc_endpoint`` that no declared path proved is judged here, from what
Terraform will create (any module layout, ``count``/``for_each``).

No hop is written here. This module derives, from the resources alone, what a
declared path carries, and runs the same hops (``hops.HOPS`` for an interface
endpoint, ``resource_hops.RESOURCE_HOPS`` for a VPC Lattice resource or
service-network endpoint) with ``discovered=True``:

    consumer    the endpoint's module (``root`` at the top)
    service     the ``aws_vpc_endpoint_service`` its ``service_name`` references (else outside the root: the
                endpoint hop WARNs and the path is judged up to the endpoint)
    listener    one path per listener of the service's NLB (port and protocol as written; a port known only
                after apply is the listener hop's "cannot judge")
    resource    the ``aws_vpclattice_resource_configuration`` a Resource endpoint names, or each one associated
                with the service network a ServiceNetwork endpoint names; one path per port span
    sources     none: the source hop reads them from the endpoint's groups and says so; targets and accounts,
                which no resource names, are said not judged by the hops that would need them

https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html (an endpoint service in front of
an NLB; consumers connect through interface endpoints naming its service name);
https://docs.aws.amazon.com/vpc/latest/privatelink/use-resource-endpoint.html (a resource endpoint names one
resource configuration) and https://docs.aws.amazon.com/vpc/latest/privatelink/service-network-endpoints.html
(a service-network endpoint reaches the resources associated with the network).
"""

from __future__ import annotations

from typing import Any

from plgen.paths import hops, resource_hops
from plgen.paths.adapters.terraform import TerraformWorld
from plgen.paths.evaluate import ResourceInstance
from plgen.paths.hops import Case
from plgen.paths.proof import Path
from plgen.paths.resource_hops import ResourceCase, span_text, spans
from plgen.paths.world import Endpoint, EndpointService, ResourceConfiguration, port

LATTICE = {"resource": False, "servicenetwork": True}  # vpc_endpoint_type -> a service-network endpoint?


class _ByAddress:
    """The offline world, with a discovered path's names being addresses: the consumer's endpoint key is the
    endpoint's address, the service (resource) name the endpoint service's (configuration's) address."""

    def __init__(self, impl: TerraformWorld) -> None:
        self._impl = impl

    def __getattr__(self, name: str) -> Any:
        return getattr(self._impl, name)

    def _instance(self, address: str, type_name: str) -> ResourceInstance | None:
        found = self._impl.instances.get(address)
        return found if found is not None and found.type == type_name else None

    def service(self, provider: str, name: str, provider_spec: dict, spec: dict) -> EndpointService | None:
        es = self._instance(name, "aws_vpc_endpoint_service")
        return self._impl.service_fact(es) if es is not None else None

    def endpoint(self, consumer: str, key: str, consumer_spec: dict, service: Any) -> Endpoint | None:
        vpce = self._instance(key, "aws_vpc_endpoint")
        return self._impl.endpoint_fact(vpce) if vpce is not None else None

    def missing(self, consumer: str, key: str, provider: str, name: str, spec: dict, endpoint: Endpoint | None) -> str:
        return f"no interface endpoint {key}" if endpoint is None else f"no endpoint service {name}"

    def resource_configuration(self, provider: str, resource: str, provider_spec: dict) -> ResourceConfiguration | None:
        config = self._instance(resource, "aws_vpclattice_resource_configuration")
        return self._impl.resource_configuration_fact(config) if config is not None else None

    def resource_endpoint(self, consumer: str, key: str, consumer_spec: dict, network: bool, config: Any, provider: str, provider_spec: dict) -> Endpoint | None:
        vpce = self._instance(key, "aws_vpc_endpoint")
        return self._impl.endpoint_fact(vpce, self._impl.arg(vpce, "vpc_endpoint_type")) if vpce is not None else None

    def resource_missing(self, consumer: str, key: str, provider: str, resource: str, endpoint: Endpoint | None) -> str:
        return f"no endpoint {key}" if endpoint is None else f"no resource configuration {resource}"


def _kind(impl: TerraformWorld, vpce: ResourceInstance) -> str:
    return str(impl.arg(vpce, "vpc_endpoint_type") or "Gateway").lower()  # AWS's default is Gateway


def interface_endpoints(impl: TerraformWorld) -> list[ResourceInstance]:
    """The root's interface endpoints (``vpc_endpoint_type`` Interface)."""
    return [v for v in impl.of_type("aws_vpc_endpoint") if _kind(impl, v) == "interface"]


def prove_discovered(impl: TerraformWorld, proven: set[str]) -> list[Path]:
    """A path per listener (port span) of every interface (Lattice) endpoint not in ``proven`` (addresses a declared
    path judged), through ``hops.HOPS`` (``resource_hops.RESOURCE_HOPS``)."""
    world = _ByAddress(impl)
    paths: list[Path] = []
    for vpce in sorted(impl.of_type("aws_vpc_endpoint"), key=lambda v: v.address):
        if vpce.address in proven:
            continue
        kind = _kind(impl, vpce)
        if kind == "interface":
            paths += _interface(impl, world, vpce)
        elif kind in LATTICE:
            paths += _lattice(impl, world, vpce, LATTICE[kind])
    return paths


def _interface(impl: TerraformWorld, world: _ByAddress, vpce: ResourceInstance) -> list[Path]:
    consumer = vpce.module.address or "root"
    private_dns = impl.arg(vpce, "private_dns_enabled") is True or impl.private_dns_switch(impl.endpoint_fact(vpce)) is not None
    service = impl.arg(vpce, "service_name")
    es = impl.target(service, "aws_vpc_endpoint_service")
    lb = impl.target((impl.arg(es, "network_load_balancer_arns") or [None])[0], "aws_lb") if es else None
    listeners = sorted(impl.referring("aws_lb_listener", "load_balancer_arn", lb, "arn"), key=lambda item: (port(impl.arg(item, "port")) or 0, item.address)) if lb else []
    items = [
        {"name": item.address, "port": port(impl.arg(item, "port")), "port_text": _text(impl.arg(item, "port")), "protocol": impl.arg(item, "protocol") or "TCP"}
        for item in listeners
    ]
    out = []
    for item in items or [{}]:
        label = f"{item['port_text']}/{_text(item['protocol'])}" if item else "-"
        path = Path(consumer, vpce.address, label)
        case = Case(consumer, {}, vpce.address, {"private_dns": private_dns}, "-", {}, es.address if es else _name(impl, service), {}, item, {}, discovered=True)
        hops.run(world, path, case)
        out.append(path)
    return out


def _lattice(impl: TerraformWorld, world: _ByAddress, vpce: ResourceInstance, network: bool) -> list[Path]:
    consumer = vpce.module.address or "root"
    if network:
        sn = impl.target(impl.arg(vpce, "service_network_arn"), "aws_vpclattice_service_network")
        associations = impl.referring("aws_vpclattice_service_network_resource_association", "service_network_identifier", sn, "id") if sn else []
        configs = [c for c in (impl.target(impl.arg(a, "resource_configuration_identifier"), "aws_vpclattice_resource_configuration") for a in associations) if c]
        named = _name(impl, impl.arg(vpce, "service_network_arn")) if sn is None else f"{sn.address} (no resource associated in this root)"
    else:
        arn = impl.arg(vpce, "resource_configuration_arn")
        configs = [c for c in [impl.target(arn, "aws_vpclattice_resource_configuration")] if c]
        named = _name(impl, arn)
    out = []
    for config in sorted(configs, key=lambda c: c.address) or [None]:
        ranges = spans(impl.arg(config, "port_ranges")) if config is not None and _spans_known(impl.arg(config, "port_ranges")) else []
        for span in ranges or [{}]:  # no span known: the hops judge what needs none and say what they cannot
            label = span_text(span) if ranges else "-"
            key = f"{vpce.address} -> {config.address}" if network and config is not None else vpce.address
            path = Path(consumer, key, label)
            case = ResourceCase(consumer, {}, vpce.address, {}, "-", {}, config.address if config is not None else named, span, network, discovered=True)
            resource_hops.run_case(world, path, case)
            out.append(path)
    return out


def _spans_known(ranges: Any) -> bool:
    """Whether every port range is written (``"443"``, ``"8000-8100"``); one known only after apply is not."""
    return isinstance(ranges, list) and bool(ranges) and all(isinstance(r, str) and r.replace("-", "", 1).isdigit() for r in ranges)


def _name(impl: TerraformWorld, value: Any) -> str:
    """A service as a reader knows it: the resource a reference names, or the literal."""
    target = impl.target(value)
    return target.address if target is not None else _text(value)


def _text(value: Any) -> str:
    """A value as a reader writes it: a reference by its expression (``random_integer.port.result``)."""
    return str(getattr(value, "path", value))
