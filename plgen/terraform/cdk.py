"""The only module that uses the CDK engine: a small resource layer over its core.

The engine is CDK Terrain (``cdktn``, the maintained continuation of cdktf)
or cdktf 0.21 (archived 2025-12-10, an install extra); both have the same
API and give byte-identical output. ``plgen.terraform.engine`` chooses one
(``PLGEN_CDK_ENGINE``) and starts it, with every temporary folder jsii and
the ``App`` create kept in a private folder plgen removes: nothing is written
outside ``--out``.

What the engine does for plgen: the construct tree (each module is a
``TerraformStack``; constructs nest with ids unique among siblings, so a piece
such as ``Network`` is reused in several modules) and the conversion of each
stack to Terraform JSON (``to_json``: blocks, meta-arguments, provider
requirements and ``configuration_aliases``, token resolution). Nothing is
synthesized to disk, and no stack has a backend or a cross-stack reference:
the deployment units (``plgen.build.units``) are cut from the compiled root's
JSON as plain data, without the engine, and read each other through their own
``terraform_remote_state`` data. What the engine does not do, and this layer
adds: an argument check against the AWS provider schema snapshots at
construction (``schema.check_arguments``), and refusing two constructs that
emit the same address in one module. The engine merges those silently, last
one winning; here it is a ``CompileError`` naming both constructs
(``_claim``).

We use the engine's *core* (``TerraformResource`` with overrides), not the
prebuilt AWS bindings: those cost ~24 s and 1 GB per synth and drop snake_case
keys in nested dicts. The provider schema snapshot (``schema.py``) gives back
the safety the typed bindings would have: every argument is checked here, at
construction, before any JSON exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plgen.errors import CompileError
from plgen.terraform import engine
from plgen.terraform.schema import VERSION_CONSTRAINT, check_arguments


# cdktn or cdktf (same API; see plgen.terraform.engine), imported with jsii's temporary folders in a private one
_cdk, constructs = engine.load()
ENGINE = engine.engine_name()

__all__ = [
    "Construct",
    "Scope",
    "data",
    "local",
    "module_call",
    "new_app",
    "new_module",
    "output",
    "provider",
    "resource",
    "to_json",
    "variable",
]



class Construct(constructs.Construct):
    """A construct that knows, without asking Node, which module (stack) it belongs to and its path there."""

    def __init__(self, scope: constructs.Construct, name: str) -> None:
        super().__init__(scope, name)
        self._plgen_module = getattr(scope, "_plgen_module", scope)
        self._plgen_path = f"{getattr(scope, '_plgen_path', '')}/{name}".lstrip("/")


Scope = Construct
REQUIRED_PROVIDERS = {"aws": {"source": "hashicorp/aws", "version": VERSION_CONSTRAINT}}
REQUIRED_VERSION = ">= 1.5.0"
_MISSING = object()


def tf(expression: str) -> str:
    """A Terraform expression as cdktf and Terraform JSON spell it: ``${...}``."""
    return "${" + expression + "}"


def new_app() -> _cdk.App:
    """One app holds every module of a render; it is never synthesized to disk."""
    return _cdk.App(outdir=engine.outdir(), skip_validation=True, skip_backend_validation=True, stack_traces=False)


def new_module(app: _cdk.App, name: str, provider_aliases: tuple[str, ...] = ()) -> _cdk.TerraformStack:
    """A Terraform module (one cdktf stack) with its ``required_providers``.

    ``provider_aliases`` become ``configuration_aliases``: a module that works
    in two Regions (peering) receives one configuration per Region. In JSON
    syntax Terraform reads each as a bare static reference (``"aws.requester"``);
    the ``${...}`` template form is rejected ("A single static variable
    reference is required").
    """
    stack = _cdk.TerraformStack(app, name)
    stack._plgen_module = stack
    stack._plgen_path = ""
    stack._plgen_addresses = {}
    aws = dict(REQUIRED_PROVIDERS["aws"])
    if provider_aliases:
        aws["configuration_aliases"] = [f"aws.{alias}" for alias in provider_aliases]
    stack.add_override("terraform.required_version", REQUIRED_VERSION)
    stack.add_override("terraform.required_providers", {"aws": aws})
    return stack


def _claim(scope: constructs.Construct, address: str) -> None:
    """Record that ``scope`` emits ``address`` in its module; refuse a second construct emitting it."""
    module = getattr(scope, "_plgen_module", scope)
    addresses = getattr(module, "_plgen_addresses", None)
    if addresses is None:  # a scope plgen did not make with new_module
        return
    where = getattr(scope, "_plgen_path", "") or "<module>"
    if address in addresses:
        raise CompileError(f"{address} is emitted twice in one module: by {addresses[address]} and by {where}; Terraform would keep only one")
    addresses[address] = where


def _apply(element: Any, arguments: Mapping[str, Any]) -> None:
    for key, value in arguments.items():
        if value is not None:
            element.add_override(key, value)


def _meta(for_each: Any, count: Any, provider: str | None, depends_on: list[str] | None, lifecycle: dict | None) -> dict[str, Any]:
    return {
        "for_each": for_each,
        "count": count,
        "provider": provider,
        "depends_on": depends_on,
        "lifecycle": lifecycle,
    }


def resource(
    scope: Construct,
    type_name: str,
    name: str,
    arguments: Mapping[str, Any],
    *,
    for_each: Any = None,
    count: Any = None,
    provider: str | None = None,
    depends_on: list[str] | None = None,
    lifecycle: dict | None = None,
) -> str:
    """Add ``resource "type_name" "name"``; returns its address (``aws_lb.this``)."""
    check_arguments("resource", type_name, {k: v for k, v in arguments.items() if v is not None})
    _claim(scope, f"{type_name}.{name}")
    element = _cdk.TerraformResource(scope, f"{type_name}.{name}", terraform_resource_type=type_name)
    element.override_logical_id(name)
    _apply(element, {**arguments, **_meta(for_each, count, provider, depends_on, lifecycle)})
    return f"{type_name}.{name}"


def data(scope: Construct, type_name: str, name: str, arguments: Mapping[str, Any], *, for_each: Any = None, provider: str | None = None) -> str:
    """Add ``data "type_name" "name"``; returns its address (``data.aws_vpc.this``)."""
    check_arguments("data", type_name, {k: v for k, v in arguments.items() if v is not None})
    _claim(scope, f"data.{type_name}.{name}")
    element = _cdk.TerraformDataSource(scope, f"data.{type_name}.{name}", terraform_resource_type=type_name)
    element.override_logical_id(name)
    _apply(element, {**arguments, **_meta(for_each, None, provider, None, None)})
    return f"data.{type_name}.{name}"


def variable(scope: Construct, name: str, type_expr: str, description: str, default: Any = _MISSING, nullable: bool | None = None) -> str:
    """Add a typed, described input variable; returns ``var.name``."""
    options: dict[str, Any] = {"type": type_expr, "description": description}
    if default is not _MISSING:
        options["default"] = default
    if nullable is not None:
        options["nullable"] = nullable
    _claim(scope, f"var.{name}")
    element = _cdk.TerraformVariable(scope, f"var.{name}", **options)
    element.override_logical_id(name)
    if default is None:
        element.add_override("default", None)
    return f"var.{name}"


def local(scope: Construct, name: str, value: Any) -> str:
    """Add one ``locals`` entry; returns ``local.name``."""
    _claim(scope, f"local.{name}")
    element = _cdk.TerraformLocal(scope, f"local.{name}", value)
    element.override_logical_id(name)
    return f"local.{name}"


def output(scope: Construct, name: str, value: Any, description: str, sensitive: bool = False) -> None:
    _claim(scope, f"output.{name}")
    element = _cdk.TerraformOutput(scope, f"output.{name}", value=value, description=description, sensitive=sensitive or None)
    element.override_logical_id(name)


def module_call(
    scope: Construct,
    name: str,
    source: str,
    inputs: Mapping[str, Any],
    *,
    for_each: Any = None,
    providers: Mapping[str, str] | None = None,
    depends_on: list[str] | None = None,
) -> str:
    """Call a local child module; returns ``module.name``."""
    _claim(scope, f"module.{name}")
    element = _cdk.TerraformHclModule(scope, f"module.{name}", source=source, skip_asset_creation_from_local_modules=True)
    element.override_logical_id(name)
    _apply(element, {**inputs, "for_each": for_each, "providers": dict(providers) if providers else None, "depends_on": depends_on})
    return f"module.{name}"


def provider(scope: Construct, arguments: Mapping[str, Any], alias: str | None = None) -> str:
    """Configure the AWS provider (an alias when given); returns ``aws`` or ``aws.alias``."""
    _claim(scope, f"provider.aws.{alias or 'default'}")
    element = _cdk.TerraformProvider(scope, f"provider.aws.{alias or 'default'}", terraform_resource_type="aws", terraform_provider_source="hashicorp/aws")
    _apply(element, {"alias": alias, **arguments})
    return f"aws.{alias}" if alias else "aws"


def to_json(stack: _cdk.TerraformStack) -> dict[str, Any]:
    """The module as Terraform JSON, without cdktf's bookkeeping (``//`` metadata)."""
    return _strip(stack.to_terraform())


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != "//"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value
