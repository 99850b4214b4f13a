"""A local AWS API for apply tests: the strict emulator (``tests/emulator``, moto extended) on loopback, and a root pointed at it.

Each blueprint gets a fresh server (its own process on a free port of
127.0.0.1), so one blueprint's leftovers can neither satisfy nor break another
blueprint's checks, and "nothing is left after destroy" means exactly that.
The provider settings that aim Terraform at the emulator (endpoints, dummy
credentials, no account lookups) go into the test copy's override file through
``Terraform.override_provider``, for the default provider and every Region
alias; the modules users get never contain them.
"""

from __future__ import annotations

import shutil

import pytest

from plgen.verify.terraform import Terraform, provider_aliases
from tests.emulator import start_emulator, stop_emulator


@pytest.fixture
def moto():
    """A fresh strict emulator (``tests/emulator``: moto, with AWS's PrivateLink acceptance) for one test, stopped afterwards."""
    server = start_emulator()
    try:
        yield server
    finally:
        stop_emulator(server)


@pytest.fixture
def emulated_root(rendered, tmp_path, moto):
    """Factory: a copy of a blueprint's rendered JSON root whose providers all talk to ``moto``."""

    def make(name: str) -> Terraform:
        # The whole rendered folder, manifest included, so that a test can render into it again
        # (``write_tree(tmp_path, name, ...)``) as a user re-renders over applied state.
        shutil.copytree(rendered / name, tmp_path / name)
        work = tmp_path / name / "json"
        tf = Terraform(work)
        tf.override_provider(moto.provider_settings(), provider_aliases(work))
        return tf

    return make
