"""What every pattern compiles to, and the hooks a pattern overrides.

A compiled blueprint is a set of Terraform modules plus data:

    modules/endpoint-service   one provider team's side (any account)
    modules/consumer           one consumer team's side (any account)
    .                          the example root: wires both for a single-account
                               run, one module call per side and Region, with
                               ``for_each`` over the data in terraform.tfvars.json

Patterns are small subclasses, in the manner of sqlglot's dialects: they
name themselves, say in the project's words when to use them, add the
checks the reference notes impose on their shape, and add modules or root
wiring where they need more than the two sides (peering, Direct Connect).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import partial
from typing import Any, ClassVar

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules import Rule
from plgen.constructs import types
from plgen.constructs.sides import CONSUMER_MODULE, PROVIDER_MODULE, ConsumerSide, ProviderSide
from plgen.patterns import data
from plgen.patterns.naming import alias
from plgen.terraform import Construct, local, module_call, new_module, output, provider, tf, to_json, variable

ROOT = "."

# Side modules synthesized in this process, by builder and options (their code
# never depends on a blueprint's data): a catalogue whose blueprints use the
# same features builds each such module once, in one jsii round trip series.
_SIDE_MODULES: dict[tuple, dict[str, Any]] = {}


def _side_module_key(path: str, aliases: tuple[str, ...], build: Any) -> tuple:
    if isinstance(build, partial) and not build.args:
        return (path, aliases, build.func, repr(sorted(build.keywords.items())))
    return (path, aliases, id(build))


@dataclass
class Compiled:
    """A compiled blueprint: Terraform JSON per module directory, and the root's data."""

    blueprint: Blueprint
    modules: dict[str, dict[str, Any]]
    inputs: dict[str, Any]


@dataclass
class Root:
    """The example root module under construction, with what hooks need to extend it."""

    scope: Construct
    blueprint: Blueprint
    home: str
    provider_modules: dict[str, str] = field(default_factory=dict)
    consumer_modules: dict[str, str] = field(default_factory=dict)

    def providers_for(self, region: str) -> dict[str, str] | None:
        """The ``providers`` argument of a module call in ``region``."""
        return None if region == self.home else {"aws": f"aws.{alias(region)}"}


class Pattern:
    """Base pattern: provider side and consumer side modules, wired by a root."""

    slug: ClassVar[str]
    title: ClassVar[str]
    summary: ClassVar[str]
    rules: ClassVar[tuple[Rule, ...]] = ()
    # Module directory -> aliases its ``aws`` provider requirement declares
    # (``configuration_aliases``): a module working in two Regions gets one each.
    provider_aliases: ClassVar[dict[str, tuple[str, ...]]] = {}

    def compile(self, app: Any, bp: Blueprint) -> Compiled:
        modules: dict[str, dict[str, Any]] = {}
        for path, build in self.side_modules(bp).items():
            aliases = self.provider_aliases.get(path, ())
            key = _side_module_key(path, aliases, build)
            if key not in _SIDE_MODULES:
                stack = new_module(app, f"{bp.name}-{path.replace('/', '-')}", aliases)
                build(stack)
                _SIDE_MODULES[key] = to_json(stack)
            modules[path] = copy.deepcopy(_SIDE_MODULES[key])
            if not isinstance(build, partial):
                del _SIDE_MODULES[key]
        stack = new_module(app, f"{bp.name}-root")
        self.build_root(Root(stack, bp, bp.regions[0]))
        modules[ROOT] = to_json(stack)
        return Compiled(bp, modules, self.inputs(bp))

    # -- hooks -----------------------------------------------------------------

    def side_modules(self, bp: Blueprint) -> dict[str, Any]:
        """Module directory -> function that fills a cdktf stack with it.

        A ``functools.partial`` of a construct class says that the module's
        code depends on nothing but those options, so ``compile`` builds it
        once per process and reuses it for every blueprint with the same
        options; any other callable is built every time.
        """
        modules = {f"modules/{PROVIDER_MODULE}": partial(ProviderSide, on_premises=self._provider_on_premises(bp))}
        if bp.consumers:
            modules[f"modules/{CONSUMER_MODULE}"] = partial(
                ConsumerSide,
                on_premises=self._consumer_on_premises(bp),
                friendly_names=any(e.dns_name for c in bp.consumers for e in c.endpoints),
                peer_cidrs=any(c.peers for c in bp.consumers),
                **self.consumer_side_options(bp),
            )
        return modules

    def consumer_side_options(self, bp: Blueprint) -> dict[str, Any]:
        """Extra keyword arguments of ``ConsumerSide`` for features only some patterns use."""
        return {}

    def consumer_inputs(self, root: Root, region: str) -> dict[str, Any]:
        """Extra inputs of the root's consumer module call in ``region`` (inside its ``for_each``)."""
        return {}

    def inputs(self, bp: Blueprint) -> dict[str, Any]:
        return data.root_inputs(bp)

    def build_root(self, root: Root) -> None:
        bp = root.blueprint
        self.root_providers(root)
        variable(root.scope, "tags", "map(string)", "Tags added to every resource.", default={})
        self.root_provider_sides(root)
        if bp.consumers:
            self.root_consumer_sides(root)

    # -- root building blocks ----------------------------------------------------

    def root_providers(self, root: Root) -> None:
        regions = root.blueprint.regions
        variable(
            root.scope,
            "regions",
            "map(string)",
            "AWS Region of each provider configuration: `home` for the default provider, and one entry per other Region alias.",
            default={"home": root.home, **{alias(r): r for r in regions if r != root.home}},
        )
        provider(root.scope, {"region": tf('var.regions["home"]')})
        for region in regions:
            if region != root.home:
                provider(root.scope, {"region": tf(f'var.regions["{alias(region)}"]')}, alias=alias(region))

    def root_provider_sides(self, root: Root) -> None:
        bp = root.blueprint
        on_prem = self._provider_on_premises(bp)
        fields = dict(region="string", account_id="string", vpc=types.VPC, services=f"map({types.SERVICE})")
        if on_prem:
            fields["on_premises"] = f"optional({types.ON_PREMISES})"
        variable(
            root.scope,
            "service_providers",
            f"map({types.obj(**fields)})",
            "Provider sides by name: Region, account, VPC and endpoint services. Filled from the blueprint in terraform.tfvars.json.",
        )

        def provider_inputs(region: str) -> dict[str, str]:
            inputs = {"name": tf("each.key"), "vpc": tf("each.value.vpc"), "services": tf("each.value.services"), "tags": tf("var.tags")}
            if on_prem:
                inputs["on_premises"] = tf("each.value.on_premises")
            return inputs

        root.provider_modules.update(
            self._calls_per_region(root, "provider", PROVIDER_MODULE, "service_providers", [p.region for p in bp.providers], provider_inputs)
        )
        services = local(root.scope, "endpoint_services", tf(_merged(root.provider_modules.values(), "endpoint_services")))
        output(
            root.scope,
            "endpoint_services",
            tf(services),
            "Per provider, per service: endpoint service ID and name (give the name to consumers), NLB ARN, private DNS verification record.",
        )

    def root_consumer_sides(self, root: Root) -> None:
        bp = root.blueprint
        on_prem = self._consumer_on_premises(bp)
        peers = any(c.peers for c in bp.consumers)
        endpoint = types.obj(
            provider="string",
            service="string",
            service_region="optional(string)",
            ports=f"list({types.PORT})",
            allowed_cidrs="optional(list(string), [])",
            allowed_security_group_ids="optional(list(string), [])",
            private_dns="optional(bool, false)",
            dns_name="optional(string)",
        )
        fields = dict(region="string", account_id="string", vpc=types.VPC, endpoints=f"map({endpoint})")
        if on_prem:
            fields["on_premises"] = f"optional({types.ON_PREMISES})"
        if peers:
            fields["peer_cidrs"] = "optional(list(string), [])"
        variable(
            root.scope,
            "service_consumers",
            f"map({types.obj(**fields)})",
            "Consumer sides by name: Region, account, VPC and the services each one consumes. Filled from the blueprint in terraform.tfvars.json.",
        )

        def consumer_inputs(region: str) -> dict[str, str]:
            inputs = {
                "name": tf("each.key"),
                "vpc": tf("each.value.vpc"),
                "endpoints": tf(
                    "{ for key, endpoint in each.value.endpoints : key => merge(endpoint, { service_name = local.endpoint_services[endpoint.provider][endpoint.service].service_name }) }"
                ),
                "tags": tf("var.tags"),
            }
            if on_prem:
                inputs["on_premises"] = tf("each.value.on_premises")
            if peers:
                inputs["peer_cidrs"] = tf("each.value.peer_cidrs")
            inputs.update(self.consumer_inputs(root, region))
            return inputs

        root.consumer_modules.update(
            self._calls_per_region(root, "consumer", CONSUMER_MODULE, "service_consumers", [c.region for c in bp.consumers], consumer_inputs)
        )
        output(
            root.scope,
            "consumer_endpoints",
            tf(_merged(root.consumer_modules.values(), "endpoints")),
            "Per consumer, per endpoint: endpoint ID, regional and zonal DNS names, friendly DNS name.",
        )

    @staticmethod
    def _calls_per_region(root: Root, prefix: str, module_dir: str, data: str, regions: list[str], inputs_for) -> dict[str, str]:
        """One ``for_each`` module call per Region, over the sides of ``var.<data>`` in that Region.

        A module call's provider configuration is static, so sides cannot pick
        their Region per instance: they are grouped by Region, one call each.
        """
        return {
            region: module_call(
                root.scope,
                f"{prefix}_{alias(region)}",
                f"./modules/{module_dir}",
                inputs_for(region),
                for_each=tf(f'{{ for name, side in var.{data} : name => side if side.region == "{region}" }}'),
                providers=root.providers_for(region),
            )
            for region in dict.fromkeys(regions)
        }

    # -- features ------------------------------------------------------------------

    @staticmethod
    def _provider_on_premises(bp: Blueprint) -> bool:
        return any(p.on_premises for p in bp.providers)

    @staticmethod
    def _consumer_on_premises(bp: Blueprint) -> bool:
        return any(c.on_premises for c in bp.consumers)


def _merged(calls, attribute: str) -> str:
    """One map, by side name, of an output of every per-Region module call."""
    return "merge(" + ", ".join(f"{{ for name, side in {call} : name => side.{attribute} }}" for call in calls) + ")"
