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
the deployment units (``plgen.assemble.units``) are cut from the compiled root's
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

import copy
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
    """A construct that knows, without asking Node, which module (stack) it belongs to and its path there.

    It also keeps, in Python, its children in the order they were added (sub-constructs and the blocks it
    emits): ``to_json`` walks that tree as cdktf's ``TerraformStack.toTerraform`` walks the construct tree.
    """

    def __init__(self, scope: constructs.Construct, name: str) -> None:
        super().__init__(scope, name)
        self._plgen_module = getattr(scope, "_plgen_module", scope)
        self._plgen_path = f"{getattr(scope, '_plgen_path', '')}/{name}".lstrip("/")
        self._plgen_children: list[Any] = []
        _children(scope).append(self)


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
    stack._plgen_children = []
    aws = dict(REQUIRED_PROVIDERS["aws"])
    if provider_aliases:
        aws["configuration_aliases"] = [f"aws.{alias}" for alias in provider_aliases]
    stack._plgen_overrides = {"terraform": {"required_version": REQUIRED_VERSION, "required_providers": {"aws": aws}}}
    return stack


# -- blocks ------------------------------------------------------------------------------------------------
#
# Each function below used to create a cdktf element (TerraformResource, TerraformVariable, ...) and set its
# arguments one ``add_override`` at a time: two to a dozen jsii round trips to the Node process per block,
# about 2,700 for the catalogue. plgen only ever gave cdktf raw values through overrides, so the block is
# now kept in Python as the fragment cdktf would synthesize for it, with cdktf's own rules (measured on
# cdktf 0.21, and checked byte for byte by ``plgen render --check`` on the catalogue):
# - a fragment is merged into the module in construct-tree order (depth first, children in the order they
#   were added), dicts merged key by key and lists appended, as cdktf's deepMerge does; the module's own
#   ``terraform`` settings last;
# - a ``null`` (None) is dropped wherever it sits, in an object or a list, as cdktf's resolve drops it;
# - every number goes through JavaScript: an integral float is written as an integer (``1.0`` -> ``1``);
# - a block's keys come in cdktf's order: a variable's ``default, description, type, nullable``, an output's
#   ``value, description, sensitive``, a module call's ``source, providers, depends_on, for_each`` before its
#   inputs; a resource's or data source's arguments, then its meta-arguments.
# https://github.com/hashicorp/terraform-cdk/blob/main/packages/cdktf/lib/terraform-stack.ts (toTerraform),
# packages/cdktf/lib/terraform-element.ts (addOverride, rawOverrides), packages/cdktf/lib/util.ts (deepMerge).

_DROP = object()
_JS_SAFE_INTEGER = 2**53


def _children(scope: Any) -> list[Any]:
    children = getattr(scope, "_plgen_children", None)
    if children is None:  # a scope plgen did not make with new_module or Construct
        raise TypeError(f"{scope!r} is not a plgen module or construct")
    return children


def _js(value: Any) -> Any:
    """``value`` as it comes back from cdktf's JavaScript side: nulls dropped, numbers as JavaScript keeps them."""
    if value is None:
        return _DROP
    if isinstance(value, bool) or isinstance(value, str):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, int):
        return value if -_JS_SAFE_INTEGER <= value <= _JS_SAFE_INTEGER else int(float(value))
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            item = _js(item)
            if item is not _DROP:
                out[key] = item
        return out
    if isinstance(value, list):
        return [item for item in map(_js, value) if item is not _DROP]
    raise TypeError(f"a Terraform value is text, a number, a bool, null, a list or a dict, not {type(value).__name__}")


def _block(arguments: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments of a block, in order, without nulls (an argument set to None is not written)."""
    out: dict[str, Any] = {}
    for key, value in arguments.items():
        value = _js(value)
        if value is _DROP:
            continue
        if "." in key:  # an override path, as cdktf's addOverride splits it
            *path, last = key.split(".")
            target = out
            for part in path:
                target = target.setdefault(part, {})
            target[last] = value
        else:
            out[key] = value
    return out


def _emit(scope: Any, fragment: dict[str, Any]) -> None:
    _children(scope).append(fragment)


def _merge(into: dict[str, Any], fragment: Mapping[str, Any]) -> None:
    for key, value in fragment.items():
        if key in into and isinstance(into[key], dict) and isinstance(value, Mapping):
            _merge(into[key], value)
        elif key in into and isinstance(into[key], list) and isinstance(value, list):
            into[key].extend(value)
        else:
            into[key] = copy.deepcopy(value)


def _walk(scope: Any, into: dict[str, Any]) -> None:
    for child in _children(scope):
        if isinstance(child, dict):
            _merge(into, child)
        else:
            _walk(child, into)


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
    _emit(scope, {"resource": {type_name: {name: _block({**arguments, **_meta(for_each, count, provider, depends_on, lifecycle)})}}})
    return f"{type_name}.{name}"


def data(scope: Construct, type_name: str, name: str, arguments: Mapping[str, Any], *, for_each: Any = None, provider: str | None = None) -> str:
    """Add ``data "type_name" "name"``; returns its address (``data.aws_vpc.this``)."""
    check_arguments("data", type_name, {k: v for k, v in arguments.items() if v is not None})
    _claim(scope, f"data.{type_name}.{name}")
    _emit(scope, {"data": {type_name: {name: _block({**arguments, **_meta(for_each, None, provider, None, None)})}}})
    return f"data.{type_name}.{name}"


def variable(scope: Construct, name: str, type_expr: str, description: str, default: Any = _MISSING, nullable: bool | None = None) -> str:
    """Add a typed, described input variable; returns ``var.name``."""
    options = {"default": None if default is _MISSING else default, "description": description, "type": type_expr, "nullable": nullable}
    _claim(scope, f"var.{name}")
    _emit(scope, {"variable": {name: _block(options)}})
    return f"var.{name}"


def local(scope: Construct, name: str, value: Any) -> str:
    """Add one ``locals`` entry; returns ``local.name``."""
    _claim(scope, f"local.{name}")
    value = _js(value)
    if value is not _DROP:
        _emit(scope, {"locals": {name: value}})
    return f"local.{name}"


def output(scope: Construct, name: str, value: Any, description: str, sensitive: bool = False) -> None:
    if value is None:
        raise TypeError(f"output {name}: an output needs a value")
    _claim(scope, f"output.{name}")
    _emit(scope, {"output": {name: _block({"value": value, "description": description, "sensitive": sensitive or None})}})


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
    block = {"source": source, "providers": dict(providers) if providers else None, "depends_on": depends_on, "for_each": for_each}
    _emit(scope, {"module": {name: _block({**block, **{k: v for k, v in inputs.items() if k not in block}})}})
    return f"module.{name}"


def provider(scope: Construct, arguments: Mapping[str, Any], alias: str | None = None) -> str:
    """Configure the AWS provider (an alias when given); returns ``aws`` or ``aws.alias``."""
    _claim(scope, f"provider.aws.{alias or 'default'}")
    _emit(scope, {"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws"}}}, "provider": {"aws": [_block({"alias": alias, **arguments})]}})
    return f"aws.{alias}" if alias else "aws"


def to_json(stack: _cdk.TerraformStack) -> dict[str, Any]:
    """The module as Terraform JSON: its blocks in construct-tree order, then its ``terraform`` settings."""
    document: dict[str, Any] = {}
    _walk(stack, document)
    _merge(document, stack._plgen_overrides)
    return document
