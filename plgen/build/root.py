"""The example root: every side wired for a single-account run, from the module interfaces.

One ``for_each`` module call per side module and Region (a call's provider
configuration is static, so sides are grouped by Region), over a root
variable whose type and data both come from the module's interface
(``SideVariable``); each call passes its inputs as the interface says
(``Interface.call_inputs``). The peered features add the peer networks and
peerings on top (``plgen.build.peering``, called by ``plgen.build.compile``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from plgen.blueprint.model import Blueprint
from plgen.features.names import FeatureName
from plgen.interfaces.base import Interface, SideVariable
from plgen.interfaces.consumer import CONSUMER, SERVICE_CONSUMERS, consumer_sides, private_dns_after_acceptance
from plgen.interfaces.consumer_private_dns import CONSUMER_PRIVATE_DNS
from plgen.interfaces.endpoint_service import ACCEPTANCE, PROVIDER, SERVICE_PROVIDERS, provider_sides
from plgen.interfaces.naming import alias
from plgen.interfaces.resource_consumer import RESOURCE_CONSUMER, RESOURCE_CONSUMERS, resource_consumer_sides
from plgen.interfaces.resource_gateway import RESOURCE_PROVIDER, RESOURCE_PROVIDERS, resource_provider_sides
from plgen.interfaces.root import root_data
from plgen.records import Call, Instance
from plgen.terraform import Construct, local, module_call, output, provider, tf, variable

ROOT = "."
ROOT_PURPOSE = (
    "Example root: wires every provider side and consumer side of the blueprint for a single-account run, "
    "one module call per side and Region, with `for_each` over `terraform.tfvars.json`."
)


class Root:
    """The example root under construction: its scope, data and module calls."""

    def __init__(self, scope: Construct, bp: Blueprint, features: frozenset[str]) -> None:
        self.scope, self.bp, self.features = scope, bp, features
        self.home = bp.regions[0]
        self.data: dict[str, Any] = root_data(bp, features)
        self.calls: list[Call] = []
        self.side_calls: dict[str, dict[str, str]] = {}  # module dir -> Region -> module.<call>
        self._local_calls: dict[str, set[str]] = {}  # local name -> the module calls its value reads
        self._expressions: dict[str, list[str]] = {}  # module call -> its for_each and input expressions

    def build(self) -> None:
        self.providers()
        variable(self.scope, "tags", "map(string)", "Tags added to every resource.", default={})
        if FeatureName.RESOURCE_GATEWAY in self.features:
            self.resource_access()
            return
        self.sides(SERVICE_PROVIDERS, "provider", provider_sides(self.bp))
        services = self.local("endpoint_services", merged(self.side_calls[PROVIDER.module].values(), "endpoint_services"))
        output(
            self.scope,
            "endpoint_services",
            tf(services),
            "Per provider, per service: endpoint service ID and name (give the name to consumers), NLB ARN, private DNS verification record.",
        )
        if self.bp.consumers:
            self.sides(SERVICE_CONSUMERS, "consumer", consumer_sides(self.bp))
            endpoints = self.local("consumer_endpoints", merged(self.side_calls[CONSUMER.module].values(), "endpoints"))
            output(
                self.scope,
                "consumer_endpoints",
                tf(endpoints),
                "Per consumer, per endpoint: endpoint ID, regional and zonal DNS names, friendly DNS name.",
            )
            waiting = private_dns_after_acceptance(self.bp, self.features)
            deferred = ", consumer = name, endpoint = key, private_dns = endpoint.private_dns_after_acceptance" if waiting else ""
            connections = (
                f"merge([for name, consumer in var.{SERVICE_CONSUMERS.name} : {{ for key, endpoint in consumer.endpoints : "
                f'"${{name}}/${{key}}" => {{ provider = endpoint.provider, service = endpoint.service, endpoint_id = {endpoints}[name][key].id{deferred} }} if endpoint.accept }}]...)'
            )
            # The endpoints each provider accepts: those of other accounts, once the consumers have created them.
            self.local("endpoint_connections", connections)
            self.acceptance(provider_sides(self.bp))
            if waiting:
                self.private_dns_after_acceptance(waiting)

    def resource_access(self) -> None:
        """Resource gateways per provider Region, then resource consumers wired to their resource configurations' and service networks' ARNs."""
        self.sides(RESOURCE_PROVIDERS, "resource_provider", resource_provider_sides(self.bp))
        calls = self.side_calls[RESOURCE_PROVIDER.module].values()
        configurations = self.local("resource_configurations", merged(calls, "resource_configurations"))
        output(self.scope, "resource_configurations", tf(configurations), "Per provider, per resource: resource configuration ID and ARN, and its RAM share's ARN.")
        if FeatureName.SERVICE_NETWORK in self.features:
            networks = self.local("service_networks", merged(calls, "service_network"))
            output(self.scope, "service_networks", tf(networks), "Per provider: its service network's ID and ARN and its RAM share's ARN (null for none).")
        if self.bp.consumers:
            self.local(
                "resource_endpoint_targets",
                f'merge([for provider, items in {configurations} : {{ for name, item in items : "${{provider}}/${{name}}" => '
                "{ resource_configuration_arn = item.arn, share_arn = item.share_arn } }]...)",
            )
            self.sides(RESOURCE_CONSUMERS, "resource_consumer", resource_consumer_sides(self.bp))
            consumer_calls = self.side_calls[RESOURCE_CONSUMER.module].values()
            endpoints = self.local("resource_endpoints", merged(consumer_calls, "resource_endpoints"))
            output(self.scope, "resource_endpoints", tf(endpoints), "Per consumer, per resource endpoint: ID, DNS entries, network interfaces, security group.")

    def acceptance(self, sides: list[tuple[str, Any]]) -> None:
        """One acceptance call per provider Region, applied in the provider's account after the consumers."""
        accepted: dict[str, list[str]] = {}
        for consumer in self.bp.consumers:
            for endpoint in consumer.endpoints:
                accepted.setdefault(self.bp.resolve(endpoint)[0].name, []).append(consumer.name)
        calls = self.side_calls.setdefault(ACCEPTANCE.module, {})
        for region in dict.fromkeys(ctx.side.region for _, ctx in sides):
            calls[region] = self.call(
                f"acceptance_{alias(region)}",
                ACCEPTANCE,
                f'{{ for name, side in var.{SERVICE_PROVIDERS.name} : name => side if side.region == "{region}" }}',
                self.providers_for(region),
                {"aws": region},
                SERVICE_PROVIDERS.name,
                tuple(
                    Instance(n, n, ctx.side.account_id, region, reads=tuple(dict.fromkeys(accepted.get(n, []))), role=ctx.side.deploy_role)
                    for n, ctx in sides
                    if ctx.side.region == region
                ),
            )

    def private_dns_after_acceptance(self, waiting: dict[str, list[str]]) -> None:
        """One call per consumer Region, after the acceptance: private DNS on the endpoints the providers accepted."""
        self.local("accepted_connections", merged(self.side_calls[ACCEPTANCE.module].values(), "accepted"))
        sides = [(n, ctx) for n, ctx in consumer_sides(self.bp) if n in waiting]
        for region in dict.fromkeys(ctx.side.region for _, ctx in sides):
            self.call(
                f"consumer_private_dns_{alias(region)}",
                CONSUMER_PRIVATE_DNS,
                f'{{ for name, side in var.{SERVICE_CONSUMERS.name} : name => side if side.region == "{region}" && '
                "length([for endpoint in values(side.endpoints) : endpoint if endpoint.private_dns_after_acceptance]) > 0 }",
                self.providers_for(region),
                {"aws": region},
                SERVICE_CONSUMERS.name,
                tuple(
                    Instance(n, n, ctx.side.account_id, region, reads=tuple(waiting[n]), role=ctx.side.deploy_role)
                    for n, ctx in sides
                    if ctx.side.region == region
                ),
            )

    # -- building blocks -------------------------------------------------------------

    def local(self, name: str, expression: str) -> str:
        """A root local, remembering which module calls its value reads (for the apply order)."""
        self._local_calls[name] = self.reads(expression)
        return local(self.scope, name, tf(expression))

    def reads(self, expression: str) -> set[str]:
        """Module calls an expression reads, directly or through the root's locals."""
        calls = set(re.findall(r"\bmodule\.([A-Za-z0-9_]+)", expression))
        for name in re.findall(r"\blocal\.([A-Za-z0-9_]+)", expression):
            calls |= self._local_calls.get(name, set())
        return calls


    def providers_for(self, region: str) -> dict[str, str] | None:
        """The ``providers`` argument of a module call in ``region``."""
        return None if region == self.home else {"aws": f"aws.{alias(region)}"}

    def provider_ref(self, region: str) -> str:
        """The provider configuration of ``region`` in the root: the default one, or its alias."""
        return "aws" if region == self.home else f"aws.{alias(region)}"

    def providers(self) -> None:
        regions = self.bp.regions
        variable(
            self.scope,
            "regions",
            "map(string)",
            "AWS Region of each provider configuration: `home` for the default provider, and one entry per other Region alias.",
            default={"home": self.home, **{alias(r): r for r in regions if r != self.home}},
        )
        provider(self.scope, {"region": tf('var.regions["home"]')})
        for region in regions:
            if region != self.home:
                provider(self.scope, {"region": tf(f'var.regions["{alias(region)}"]')}, alias=alias(region))

    def sides(self, side_variable: SideVariable, prefix: str, sides: list[tuple[str, Any]]) -> None:
        """The side variable, its data, and one call of its module per Region."""
        interface = side_variable.interface
        variable(self.scope, side_variable.name, side_variable.type(self.features), side_variable.description)
        calls = {}
        for region in dict.fromkeys(ctx.side.region for _, ctx in sides):
            name = f"{prefix}_{alias(region)}"
            calls[region] = self.call(
                name,
                interface,
                f'{{ for name, side in var.{side_variable.name} : name => side if side.region == "{region}" }}',
                self.providers_for(region),
                {"aws": region},
                side_variable.name,
                tuple(
                    Instance(n, n, ctx.side.account_id, region, reads=side_reads(self.bp, ctx.side), role=ctx.side.deploy_role)
                    for n, ctx in sides
                    if ctx.side.region == region
                ),
            )
        self.side_calls[interface.module] = calls

    def call(
        self,
        name: str,
        interface: Interface,
        for_each: str,
        providers: dict[str, str] | None,
        regions: dict[str, str],
        data: str | None,
        instances: tuple[Instance, ...],
        wiring: dict[str, str] | None = None,
    ) -> str:
        """A module call of ``interface`` with its inputs as declared, and its record."""
        expressions = {**interface.call_inputs(self.features), **(wiring or {})}
        inputs = {k: tf(v) for k, v in expressions.items()}
        address = module_call(self.scope, name, f"./{interface.module}", inputs, for_each=tf(for_each), providers=providers)
        self._expressions[name] = [for_each, *expressions.values()]
        self.calls.append(Call(name, interface.module, regions, data, instances))
        return address

    def records(self) -> tuple[Call, ...]:
        """The calls with what each reads, once every local exists (a local added later may read a later call)."""
        return tuple(
            replace(c, after=tuple(sorted(set().union(*(self.reads(v) for v in self._expressions[c.name])) - {c.name}))) for c in self.calls
        )


def side_reads(bp: Blueprint, side: Any) -> tuple[str, ...]:
    """The other sides a side's module reads: a consumer reads the providers of the services, resources and
    service network it connects to (their service names, resource configuration and share ARNs)."""
    providers = [bp.resolve(e)[0].name for e in getattr(side, "endpoints", ())]
    providers += [p.name for e in getattr(side, "resource_endpoints", ()) for p, _ in bp.find_resource(e.resource)[:1]]
    network = getattr(side, "service_network_endpoint", None)
    if network:
        providers += [p.name for p in bp.find_service_network(network.service_network)[:1]]
    return tuple(dict.fromkeys(providers))


def merged(calls, attribute: str) -> str:
    """One map, by side name, of an output of every per-Region module call."""
    return "merge(" + ", ".join(f"{{ for name, side in {call} : name => side.{attribute} }}" for call in calls) + ")"
