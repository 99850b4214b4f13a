"""Assemble: a validated blueprint -> Terraform modules and the records later stages read.

(Named ``assemble``, not ``build``: generic tooling and the standard Python
``.gitignore`` treat a ``build/`` folder as disposable output.)

``compile_blueprint(app, bp)`` is the whole stage: the features the blueprint uses
decide which modules exist and what is in them (``modules.py``); the example
root is wired from the module interfaces (``root.py``, ``peering.py``). This
is the first layer that runs cdktf (through ``plgen.constructs``).

``compile_blueprint`` is imported on first use (PEP 562 module ``__getattr__``),
so the small pure-Python pieces (``plgen.assemble.handoff``) that ``plgen.emit``
reads do not load the CDK engine with them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plgen.assemble.compile import compile_blueprint

__all__ = ["compile_blueprint"]


def __getattr__(name: str) -> Any:
    if name == "compile_blueprint":
        from plgen.assemble.compile import compile_blueprint

        return compile_blueprint
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
