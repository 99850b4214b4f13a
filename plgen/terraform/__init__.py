"""The Terraform layer: cdktf behind one seam, plus the provider schema snapshot."""

from plgen.terraform.cdk import (
    Construct,
    data,
    local,
    module_call,
    new_app,
    new_module,
    output,
    provider,
    resource,
    tf,
    to_json,
    variable,
)

__all__ = [
    "Construct",
    "data",
    "local",
    "module_call",
    "new_app",
    "new_module",
    "output",
    "provider",
    "resource",
    "tf",
    "to_json",
    "variable",
]
