"""The Terraform layer: the CDK engine (cdktn, or cdktf) behind one seam, plus the provider schema snapshots.

The names below come from ``plgen.terraform.cdk``, which imports the engine
(``plgen.terraform.engine`` chooses and starts it) and so starts the jsii
runtime (a Node process, about a second). They are resolved on
first use (PEP 562), so code that only needs the provider schema
(``plgen.terraform.schema``: the HCL emitter, the graph reader) does not pay
for it, and ``plgen render`` can read and check blueprints while it starts.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plgen.terraform.cdk import Construct, data, local, module_call, new_app, new_module, output, provider, resource, tf, to_json, variable

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


def __getattr__(name: str) -> Any:
    if name in __all__:
        import importlib

        from plgen.terraform import engine

        # Start the engine first: a failure is then this thread's one-line EngineError, whichever thread (the
        # compiler's background import or the main one) got there first, not a half-imported ``cdk``.
        engine.load()
        return getattr(importlib.import_module("plgen.terraform.cdk"), name)
    raise AttributeError(f"module 'plgen.terraform' has no attribute '{name}'")
