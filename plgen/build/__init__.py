"""Build: a validated blueprint -> Terraform modules and the records later stages read.

``compile(app, bp)`` is the whole stage: the features the blueprint uses
decide which modules exist and what is in them (``modules.py``); the example
root is wired from the module interfaces (``root.py``, ``peering.py``). This
is the first layer that runs cdktf (through ``plgen.constructs``).
"""

from plgen.build.compile import compile_blueprint

__all__ = ["compile_blueprint"]
