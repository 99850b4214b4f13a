"""The example root: every side wired for a single-account run, from the module interfaces.

One ``for_each`` module call per side module and Region (a call's provider
configuration is static, so sides are grouped by Region), over a root
variable whose type and data both come from the module's interface
(``SideVariable``); each call passes its inputs as the interface says
(``Interface.call_inputs``). The peered features add the peer networks and
peerings on top (``plgen.assemble.peering``, called by ``plgen.assemble.compile``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from plgen.aws.arns import partition_of
from plgen.blueprint.model import Blueprint
from plgen.assemble.handoff import CONSUMER_CALL, EXTERNAL_CONSUMERS, EXTERNAL_CONSUMERS_HELP, EXTERNAL_CONSUMERS_TYPE, EXTERNAL_ENDPOINTS, EXTERNAL_ENDPOINTS_HELP, EXTERNAL_ENDPOINTS_TYPE, consumer_call, handoff_file
from plgen.features.names import FeatureName
from plgen.interfaces.base import Interface, SideVariable
from plgen.interfaces.consumer import CONSUMER, SERVICE_CONSUMERS, consumer_sides, private_dns_after_acceptance
from plgen.interfaces.consumer_private_dns import CONSUMER_PRIVATE_DNS
from plgen.interfaces.consumer_verify import CONSUMER_VERIFY
from plgen.interfaces.endpoint_service import ACCEPTANCE, PROVIDER, SERVICE_PROVIDERS, provider_sides
from plgen.interfaces.naming import alias
from plgen.interfaces.network import TAGS
from plgen.interfaces.peering import PEERING, PEERING_ROUTES, REQUESTER
from plgen.interfaces.resource_consumer import RESOURCE_CONSUMER, RESOURCE_CONSUMERS, resource_consumer_sides
from plgen.interfaces.resource_gateway import RESOURCE_PROVIDER, RESOURCE_PROVIDERS, resource_provider_sides
from plgen.interfaces.root import EXTERNAL_SERVICES, EXTERNAL_SERVICES_HELP, EXTERNAL_SERVICES_TYPE, root_data
from plgen.interfaces.zone_association import ZONE_ASSOCIATION
from plgen.records import Call, Instance, Wiring
from plgen.terraform import Construct, local, module_call, output, provider, tf, variable
from plgen.terraform.expr import Expr, Ref, declared_text, refs

ROOT = "."

# What the interfaces' wirings (plain text, written in plgen.interfaces, below the Terraform layer) read of the
# root: per (module, input) -- module None for any -- the root locals and variables its expression names. The
# root's own expressions declare their references as values (plgen.terraform.expr); these are the only ones
# declared by hand, and tests/build/test_expr.py checks them against the text of every catalogue root.
WIRING_READS: dict[tuple[str | None, str], tuple[Ref, ...]] = {
    (None, TAGS.name): (Ref("var", "tags"),),
    (CONSUMER.module, "endpoints"): (Ref("local", "endpoint_services"),),
    (CONSUMER.module, "peer_vpcs"): (Ref("var", "peers"), Ref("local", "peer_vpcs")),
    (ACCEPTANCE.module, "connections"): (Ref("local", "endpoint_connections"), Ref("local", "endpoint_services")),
    (CONSUMER_PRIVATE_DNS.module, "endpoints"): (Ref("local", "consumer_endpoints"), Ref("local", "accepted_connections")),
    (CONSUMER_VERIFY.module, "vpc_id"): (Ref("local", "consumer_vpc_ids"),),
    (CONSUMER_VERIFY.module, "subnet_id"): (Ref("local", "consumer_subnet_ids"),),
    (CONSUMER_VERIFY.module, "endpoints"): (Ref("local", "consumer_endpoints"), Ref("local", "accepted_connections")),
    (RESOURCE_CONSUMER.module, "resource_endpoints"): (Ref("local", "resource_endpoint_targets"),),
    (RESOURCE_CONSUMER.module, "service_network_endpoint"): (Ref("local", "service_networks"),),
    (ZONE_ASSOCIATION.module, "associations"): (Ref("local", "zone_authorizations"),),
    (PEERING.module, REQUESTER): (Ref("local", "peer_vpcs"),),
    (PEERING.module, "requester_security_group_ids"): (Ref("local", "peer_vpcs"),),
    (PEERING_ROUTES.module, REQUESTER): (Ref("local", "peer_vpcs"),),
}
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
        self.side_calls: dict[str, dict[str, Ref]] = {}  # module dir -> Region -> module.<call>
        self.locals: dict[str, Expr | str] = {}  # local name -> its value
        self.inputs: dict[str, dict[str, Expr | str]] = {}  # module call -> its for_each and inputs

    def build(self) -> None:
        self.providers()
        variable(self.scope, "tags", "map(string)", "Tags added to every resource.", default={})
        if FeatureName.RESOURCE_GATEWAY in self.features:
            self.resource_access()
            return
        if self.bp.providers:
            self.sides(SERVICE_PROVIDERS, "provider", provider_sides(self.bp))
        external = None
        if self.bp.external_services:  # other organisations' services, by service name (plgen.interfaces.root.external_services)
            variable(self.scope, EXTERNAL_SERVICES, EXTERNAL_SERVICES_TYPE, EXTERNAL_SERVICES_HELP)
            external = Ref("var", EXTERNAL_SERVICES)
        services = self.local("endpoint_services", merged(self.side_calls.get(PROVIDER.module, {}).values(), "endpoint_services", external))
        if self.bp.providers:
            output(
                self.scope,
                "endpoint_services",
                tf(str(services)),
                "Per provider, per service: endpoint service ID and name (give the name to consumers), NLB ARN, private DNS verification record.",
            )
        external_connections = self.external_consumers()
        if self.bp.consumers:
            self.sides(SERVICE_CONSUMERS, CONSUMER_CALL, consumer_sides(self.bp))
            endpoints = self.local("consumer_endpoints", merged(self.side_calls[CONSUMER.module].values(), "endpoints"))
            output(
                self.scope,
                "consumer_endpoints",
                tf(str(endpoints)),
                "Per consumer, per endpoint: endpoint ID, regional and zonal DNS names, network interface IPv4 and IPv6 addresses, friendly DNS name.",
            )
            waiting = private_dns_after_acceptance(self.bp, self.features)
            deferred = ", consumer = name, endpoint = key, private_dns = endpoint.private_dns_after_acceptance" if waiting else ""
            connections = Expr.format(
                "merge([for name, consumer in {} : {{ for key, endpoint in consumer.endpoints : "
                '"${{name}}/${{key}}" => {{ provider = endpoint.provider, service = endpoint.service, endpoint_id = {}[name][key].id'
                + deferred
                + ' }} if endpoint.accept }}]...)',
                Ref("var", SERVICE_CONSUMERS.name),
                endpoints,
            )
            if external_connections is not None:
                connections = Expr.format("merge({}, {})", connections, external_connections)
            # The endpoints each provider accepts: those of other accounts, once the consumers have created them.
            self.local("endpoint_connections", connections)
            self.acceptance(provider_sides(self.bp))
            if waiting:
                self.private_dns_after_acceptance(waiting)
            if any(c.verify for c in self.bp.consumers):
                self.verify()
        elif external_connections is not None:  # a provider-only blueprint: its customers are other organisations'
            self.local("endpoint_connections", external_connections)
            self.acceptance(provider_sides(self.bp))

    def external_consumers(self) -> Expr | None:
        """The connections of customers in other organisations, from the hand-off files they give (``plgen.assemble.handoff``), or None.

        Per external consumer, the acceptance unit reads ``handoffs/<name>.consumer_<region>.json``
        when it is there (a customer who has not handed over yet is accepted on a
        later run of the unit; the example root takes the same values as the
        variable ``external_endpoints``) and takes the ID of its endpoint to each
        ``<provider>/<service>`` that lists it; a file without that endpoint fails
        the plan naming the key.
        """
        entries = external_consumer_data(self.bp)
        if not entries:
            return None
        self.data[EXTERNAL_CONSUMERS] = entries
        variable(self.scope, EXTERNAL_CONSUMERS, EXTERNAL_CONSUMERS_TYPE, EXTERNAL_CONSUMERS_HELP)
        customers = Ref("var", EXTERNAL_CONSUMERS)
        variable(self.scope, EXTERNAL_ENDPOINTS, EXTERNAL_ENDPOINTS_TYPE, EXTERNAL_ENDPOINTS_HELP, default={})
        # The example root takes them as a variable; the acceptance unit also reads the files (plgen.assemble.units).
        handed = self.local(EXTERNAL_ENDPOINTS, Expr.format("{}", Ref("var", EXTERNAL_ENDPOINTS)))
        return Expr.format(
            'merge([for name, c in {} : {{ for key, s in c.services : "${{name}}/${{key}}" => {{ provider = s.provider, service = s.service, '
            "endpoint_id = {}[name][key].id, consumer = name, endpoint = key, private_dns = false }} }} if contains(keys({}), name)]...)",
            customers,
            handed,
            handed,
        )

    def resource_access(self) -> None:
        """Resource gateways per provider Region, then resource consumers wired to their resource configurations' and service networks' ARNs."""
        self.sides(RESOURCE_PROVIDERS, "resource_provider", resource_provider_sides(self.bp))
        calls = self.side_calls[RESOURCE_PROVIDER.module].values()
        configurations = self.local("resource_configurations", merged(calls, "resource_configurations"))
        output(self.scope, "resource_configurations", tf(str(configurations)), "Per provider, per resource: resource configuration ID and ARN, and its RAM share's ARN.")
        if FeatureName.SERVICE_NETWORK in self.features:
            networks = self.local("service_networks", merged(calls, "service_network"))
            output(self.scope, "service_networks", tf(str(networks)), "Per provider: its service network's ID and ARN and its RAM share's ARN (null for none).")
        if self.bp.consumers:
            self.local(
                "resource_endpoint_targets",
                Expr.format(
                    'merge([for provider, items in {} : {{ for name, item in items : "${{provider}}/${{name}}" => '
                    "{{ resource_configuration_arn = item.arn, share_arn = item.share_arn }} }}]...)",
                    configurations,
                ),
            )
            self.sides(RESOURCE_CONSUMERS, "resource_consumer", resource_consumer_sides(self.bp))
            consumer_calls = self.side_calls[RESOURCE_CONSUMER.module].values()
            endpoints = self.local("resource_endpoints", merged(consumer_calls, "resource_endpoints"))
            output(self.scope, "resource_endpoints", tf(str(endpoints)), "Per consumer, per resource endpoint: ID, DNS entries, network interfaces and their IPv4 and IPv6 addresses, security group.")

    def acceptance(self, sides: list[tuple[str, Any]]) -> None:
        """One acceptance call per provider Region, applied in the provider's account after the consumers."""
        accepted: dict[str, list[str]] = {}
        for consumer in self.bp.consumers:
            for endpoint in consumer.endpoints:
                if self.bp.external_of(endpoint) is None:  # an external service's vendor accepts on its own side
                    accepted.setdefault(self.bp.resolve(endpoint)[0].name, []).append(consumer.name)
        external = {p.name: list(dict.fromkeys(c.name for s in p.services for c in s.endpoint_service.external_consumers)) for p in self.bp.providers}
        calls = self.side_calls.setdefault(ACCEPTANCE.module, {})
        for region in dict.fromkeys(ctx.side.region for _, ctx in sides):
            calls[region] = self.call(
                f"acceptance_{alias(region)}",
                ACCEPTANCE,
                in_region(SERVICE_PROVIDERS.name, region),
                self.providers_for(region),
                {"aws": region},
                SERVICE_PROVIDERS.name,
                tuple(
                    Instance(
                        n,
                        n,
                        ctx.side.account_id,
                        region,
                        reads=tuple(dict.fromkeys(accepted.get(n, []))),
                        role=ctx.side.deploy_role,
                        own_unit=bool(external.get(n)),  # re-applied alone whenever a customer hands a file over
                        handoffs_in=tuple((c, consumer_call(region)) for c in external.get(n, ())),
                    )
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
                Expr.format(
                    '{{ for name, side in {} : name => side if side.region == "{}" && '
                    "length([for endpoint in values(side.endpoints) : endpoint if endpoint.private_dns_after_acceptance]) > 0 }}",
                    Ref("var", SERVICE_CONSUMERS.name),
                    region,
                ),
                self.providers_for(region),
                {"aws": region},
                SERVICE_CONSUMERS.name,
                tuple(
                    Instance(n, n, ctx.side.account_id, region, reads=tuple(waiting[n]), role=ctx.side.deploy_role)
                    for n, ctx in sides
                    if ctx.side.region == region
                ),
            )

    def verify(self) -> None:
        """One call per Region of the consumers with ``verify``, after the acceptance: Reachability Analyzer from a probe."""
        if "accepted_connections" not in self.locals:
            self.local("accepted_connections", merged(self.side_calls[ACCEPTANCE.module].values(), "accepted"))
        consumers = self.side_calls[CONSUMER.module].values()
        self.local("consumer_vpc_ids", merged(consumers, "vpc_id"))
        self.local("consumer_subnet_ids", merged(consumers, "subnet_ids"))
        sides = [(n, ctx) for n, ctx in consumer_sides(self.bp) if ctx.side.verify]
        for region in dict.fromkeys(ctx.side.region for _, ctx in sides):
            self.call(
                f"consumer_verify_{alias(region)}",
                CONSUMER_VERIFY,
                Expr.format('{{ for name, side in {} : name => side if side.region == "{}" && side.verify }}', Ref("var", SERVICE_CONSUMERS.name), region),
                self.providers_for(region),
                {"aws": region},
                SERVICE_CONSUMERS.name,
                tuple(
                    Instance(n, n, ctx.side.account_id, region, reads=side_reads(self.bp, ctx.side), role=ctx.side.deploy_role, own_unit=True)
                    for n, ctx in sides
                    if ctx.side.region == region
                ),
            )

    # -- building blocks -------------------------------------------------------------

    def local(self, name: str, expression: Expr | str) -> Ref:
        """A root local; its value's references give the apply order of the calls that read it."""
        self.locals[name] = expression
        local(self.scope, name, tf(str(expression)))
        return Ref("local", name)

    def reads(self, value: Any) -> set[str]:
        """Module calls ``value`` reads, directly or through the root's locals (from its declared references)."""
        calls: set[str] = set()
        seen: set[str] = set()
        pending = list(refs(value))
        while pending:
            ref = pending.pop()
            if ref.kind == "module":
                calls.add(ref.name)
            elif ref.kind == "local" and ref.name not in seen and ref.name in self.locals:
                seen.add(ref.name)
                pending.extend(refs(self.locals[ref.name]))
        return calls

    def providers_for(self, region: str) -> dict[str, str] | None:
        """The ``providers`` argument of a module call in ``region``."""
        return None if region == self.home else {"aws": f"aws.{alias(region)}"}

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
                in_region(side_variable.name, region),
                self.providers_for(region),
                {"aws": region},
                side_variable.name,
                tuple(
                    Instance(
                        n, n, ctx.side.account_id, region, reads=side_reads(self.bp, ctx.side), role=ctx.side.deploy_role, handoffs_out=handed_over(self.bp, ctx.side)
                    )
                    for n, ctx in sides
                    if ctx.side.region == region
                ),
            )
        self.side_calls[interface.module] = calls

    def call(
        self,
        name: str,
        interface: Interface,
        for_each: Expr,
        providers: dict[str, str] | None,
        regions: dict[str, str],
        data: str | None,
        instances: tuple[Instance, ...],
        wiring: dict[str, Expr | str] | None = None,
    ) -> Ref:
        """A module call of ``interface`` with its inputs as declared, and its record."""
        expressions: dict[str, Expr | str] = {**interface.call_inputs(self.features), **(wiring or {})}
        for key, value in expressions.items():
            declared = WIRING_READS.get((interface.module, key), ()) + WIRING_READS.get((None, key), ())
            if declared:
                expressions[key] = (value if isinstance(value, Expr) else declared_text(value)) + declared_text("", *declared)
        inputs = {k: tf(str(v)) for k, v in expressions.items()}
        module_call(self.scope, name, f"./{interface.module}", inputs, for_each=tf(str(for_each)), providers=providers)
        self.inputs[name] = {"for_each": for_each, **expressions}
        self.calls.append(Call(name, interface.module, regions, data, instances))
        return Ref("module", name)

    def records(self) -> tuple[Call, ...]:
        """The calls with what each reads, once every local exists (a local added later may read a later call)."""
        return tuple(replace(c, after=tuple(sorted(self.reads(self.inputs[c.name]) - {c.name}))) for c in self.calls)

    def wiring(self) -> Wiring:
        """The root's locals and module call inputs as values, for the deployment units."""
        return Wiring(dict(self.locals), {name: dict(inputs) for name, inputs in self.inputs.items()})


def side_reads(bp: Blueprint, side: Any) -> tuple[str, ...]:
    """The other sides a side's module reads: a consumer reads the providers of the services, resources and
    service network it connects to (their service names, resource configuration and share ARNs)."""
    providers = [bp.resolve(e)[0].name for e in getattr(side, "endpoints", ()) if bp.external_of(e) is None]
    providers += [p.name for e in getattr(side, "resource_endpoints", ()) for p, _ in bp.find_resource(e.resource)[:1]]
    network = getattr(side, "service_network_endpoint", None)
    if network:
        providers += [p.name for p in bp.find_service_network(network.service_network)[:1]]
    return tuple(dict.fromkeys(providers))


def handed_over(bp: Blueprint, side: Any) -> tuple[tuple[str, str], ...]:
    """(vendor, module output) a consumer hands to other organisations: its endpoints, to each vendor that accepts them."""
    vendors = [e.vendor for e in map(bp.external_of, getattr(side, "endpoints", ())) if e is not None and e.acceptance_required]
    return tuple((v, "endpoints") for v in dict.fromkeys(vendors))


def external_consumer_data(bp: Blueprint) -> dict[str, Any]:
    """``external_consumers``: per customer of another organisation, its hand-off file and the services it is accepted to."""
    out: dict[str, Any] = {}
    for p in bp.providers:
        for s in p.services:
            for c in s.endpoint_service.external_consumers:
                entry = out.setdefault(c.name, {"handoff": handoff_file(c.name, consumer_call(p.region)), "principal": c.arn(partition_of(p.region)), "services": {}})
                entry["services"][f"{p.name}/{s.name}"] = {"provider": p.name, "service": s.name}
    return out


def merged(calls, attribute: str, extra: Ref | None = None) -> Expr:
    """One map, by side name, of an output of every per-Region module call (and ``extra``, a map of the same shape)."""
    parts: list[Any] = ["merge("]
    for n, call in enumerate(calls):
        parts += [", " if n else "", Expr.format("{{ for name, side in {} : name => side.{} }}", call.reading(attribute), attribute)]
    if extra is not None:
        parts += [", " if len(parts) > 1 else "", Expr.format("{}", extra)]
    return Expr((*parts, ")"))


def in_region(side_variable: str, region: str) -> Expr:
    """A module call's ``for_each``: the entries of a side variable in one Region."""
    return Expr.format('{{ for name, side in {} : name => side if side.region == "{}" }}', Ref("var", side_variable), region)

