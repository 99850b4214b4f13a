"""The cdk seam writes each block as cdktf would: checked against cdktf's own elements, synthesized by Node.

plgen keeps blocks in Python (``plgen.terraform.cdk``) instead of one cdktf element per block; the modules it
emits must not change by a byte, key order included. Here the same blocks go through cdktf's elements
(``TerraformResource`` and friends, each argument an ``add_override``, as the seam did before) and through the
seam, and the two documents must be equal as ordered JSON.
"""

from __future__ import annotations

import json

import pytest

from plgen.terraform import cdk

cdktf = cdk._cdk  # the engine's own elements (cdktn, or cdktf 0.21 when that is the engine): same API

ODD_VALUES = {
    "integral_float": 2.0,
    "fraction": 2.5,
    "big": 3.0e20,
    "small": 1e-7,
    "negative_zero": -0.0,
    "nulls": [1, None, {"a": None, "b": [None]}, {}, []],
    "empty": "",
    "flag": False,
    "dropped": None,
}


def _with_cdktf(stack, build) -> dict:
    """What cdktf itself synthesizes for the blocks ``build`` declares (the seam's former implementation)."""

    def apply(element, arguments):
        for key, value in arguments.items():
            if value is not None:
                element.add_override(key, value)

    class Seam:
        Construct = cdk.Construct

        @staticmethod
        def resource(scope, type_name, name, arguments, *, for_each=None, count=None, provider=None, depends_on=None, lifecycle=None):
            e = cdktf.TerraformResource(scope, f"{type_name}.{name}", terraform_resource_type=type_name)
            e.override_logical_id(name)
            apply(e, {**arguments, "for_each": for_each, "count": count, "provider": provider, "depends_on": depends_on, "lifecycle": lifecycle})

        @staticmethod
        def data(scope, type_name, name, arguments, *, for_each=None, provider=None):
            e = cdktf.TerraformDataSource(scope, f"data.{type_name}.{name}", terraform_resource_type=type_name)
            e.override_logical_id(name)
            apply(e, {**arguments, "for_each": for_each, "provider": provider})

        @staticmethod
        def variable(scope, name, type_expr, description, default=cdk._MISSING, nullable=None):
            options = {"type": type_expr, "description": description}
            if default is not cdk._MISSING:
                options["default"] = default
            if nullable is not None:
                options["nullable"] = nullable
            e = cdktf.TerraformVariable(scope, f"var.{name}", **options)
            e.override_logical_id(name)
            if default is None:
                e.add_override("default", None)

        @staticmethod
        def local(scope, name, value):
            cdktf.TerraformLocal(scope, f"local.{name}", value).override_logical_id(name)

        @staticmethod
        def output(scope, name, value, description, sensitive=False):
            cdktf.TerraformOutput(scope, f"output.{name}", value=value, description=description, sensitive=sensitive or None).override_logical_id(name)

        @staticmethod
        def module_call(scope, name, source, inputs, *, for_each=None, providers=None, depends_on=None):
            e = cdktf.TerraformHclModule(scope, f"module.{name}", source=source, skip_asset_creation_from_local_modules=True)
            e.override_logical_id(name)
            apply(e, {**inputs, "for_each": for_each, "providers": dict(providers) if providers else None, "depends_on": depends_on})

        @staticmethod
        def provider(scope, arguments, alias=None):
            e = cdktf.TerraformProvider(scope, f"provider.aws.{alias or 'default'}", terraform_resource_type="aws", terraform_provider_source="hashicorp/aws")
            apply(e, {"alias": alias, **arguments})

    build(Seam, stack)
    for key, value in stack._plgen_overrides["terraform"].items():  # the module's settings, as new_module set them
        stack.add_override(f"terraform.{key}", value)
    return _strip(stack.to_terraform())


def _strip(value):
    """Without cdktf's bookkeeping (``//`` metadata), which the seam never wrote out."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != "//"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _blocks(seam, stack) -> None:
    """A module using every kind of block, nested constructs, meta-arguments and the values cdktf rewrites."""
    seam.local(stack, "first", "${var.x}")
    inner = seam.Construct(stack, "inner")
    seam.resource(inner, "aws_vpc", "inner", {"cidr_block": "10.0.0.0/16", "tags": {"a": None, "b": "c"}})
    seam.resource(
        stack,
        "aws_security_group",
        "outer",
        {"vpc_id": "${aws_vpc.inner.id}", "description": None, "ingress": [], "revoke_rules_on_delete": False},
        for_each="${var.groups}",
        provider="aws.west",
        depends_on=["aws_vpc.inner"],
        lifecycle={"create_before_destroy": True, "ignore_changes": None},
    )
    seam.resource(inner, "aws_vpc_endpoint", "counted", {"vpc_id": "x"}, count=2)
    seam.data(stack, "aws_vpc", "home", {"id": "${var.vpc_id}", "filter": [{"name": "a", "values": [None, "b"]}]}, for_each="${var.v}", provider="aws.west")
    seam.variable(stack, "none", "string", "A default of null is not written.", default=None)
    seam.variable(stack, "odd", "any", "Values JavaScript rewrites.", default=ODD_VALUES, nullable=False)
    seam.variable(stack, "required", "list(string)", "No default.")
    seam.local(stack, "odd", ODD_VALUES)
    seam.output(stack, "plain", "${aws_vpc.inner.id}", "An output.")
    seam.output(stack, "secret", {"a": None, "b": [None, 1.0]}, "A sensitive one.", sensitive=True)
    seam.module_call(stack, "plain", "./modules/a", {"x": "${var.x}", "n": None})
    seam.module_call(stack, "full", "./modules/b", {"y": {"z": None}}, for_each="${var.m}", providers={"aws": "aws.west"}, depends_on=["module.plain"])
    seam.provider(stack, {"region": "${var.regions[\"home\"]}"})
    seam.provider(stack, {"region": "eu-west-1", "assume_role": [{"role_arn": None, "session_name": "s"}]}, alias="west")


def test_the_seam_writes_what_cdktf_synthesizes_in_the_same_order():
    app = cdk.new_app()
    expected = _with_cdktf(cdk.new_module(app, "with-cdktf"), _blocks)
    ours = cdk.new_module(app, "with-the-seam")
    _blocks(cdk, ours)
    assert json.dumps(cdk.to_json(ours)) == json.dumps(expected)


def test_a_value_of_another_type_is_refused():
    stack = cdk.new_module(cdk.new_app(), "refused")
    with pytest.raises(TypeError, match="not tuple"):
        cdk.local(stack, "pair", (1, 2))
