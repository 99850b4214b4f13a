"""Two constructs that emit the same address in one module are refused, naming both.

cdktf would merge them silently (the last one's arguments win); plgen's
Terraform layer refuses instead, so a construct reused twice in a module, or
two pieces that pick the same name, fail at compile time.
"""

from __future__ import annotations

import pytest

from plgen.errors import CompileError
from plgen.terraform import Construct, module_call, new_app, new_module, output, resource, variable


class Vpc(Construct):
    def __init__(self, scope, name: str) -> None:
        super().__init__(scope, name)
        resource(self, "aws_vpc", "this", {"cidr_block": "10.0.0.0/16"})


def test_two_constructs_emitting_one_resource_address_are_refused_with_both_paths():
    module = new_module(new_app(), "dup-resource")
    Vpc(module, "network")
    with pytest.raises(CompileError) as caught:
        Vpc(module, "peer-network")
    message = str(caught.value)
    assert "aws_vpc.this" in message and "network" in message and "peer-network" in message


def test_the_same_address_in_two_modules_is_fine():
    app = new_app()
    Vpc(new_module(app, "one"), "network")
    Vpc(new_module(app, "two"), "network")


@pytest.mark.parametrize(
    "emit",
    [
        lambda scope: variable(scope, "name", "string", "A name."),
        lambda scope: output(scope, "vpc_id", "x", "An output."),
        lambda scope: module_call(scope, "consumer", "./modules/consumer", {}),
    ],
    ids=["variable", "output", "module call"],
)
def test_duplicate_variables_outputs_and_module_calls_are_refused(emit):
    module = new_module(new_app(), "dup-other")

    class Piece(Construct):
        def __init__(self, scope, name):
            super().__init__(scope, name)
            emit(self)

    Piece(module, "first")
    with pytest.raises(CompileError, match="first.*second"):
        Piece(module, "second")
