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


# Longest first. pytest-xdist's default scheduling (``--dist load``) hands the tests out in collection order as workers
# free up (https://pytest-xdist.readthedocs.io/en/stable/distribution.html), so a long test collected late runs alone at
# the end while the other workers sit idle; started first, it overlaps the short ones (longest-processing-time-first).
# Seconds of each apply test as measured: the figures the test modules' docstrings give (test_units_apply.py: apply +
# least privilege + destroy, 2026-12-07; test_saas_split_apply.py: apply + destroy; test_apply.py: "about 3.5 min"
# an example root; test_units_iam.py: "about 2 minutes"; tests/emulator/test_terraform.py: "a minute"). A test not listed counts as the longest, so a new one is started early
# until it is measured; one marked skip goes last). Only the order depends on these figures: nothing
# is timed or asserted.
APPLY_SECONDS: dict[str, float] = {
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[hybrid]": 299,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[inter-region-consumer-native]": 270,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[inter-region-consumer]": 478,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[inter-region-service-native]": 350,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[inter-region-service]": 365,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[microservices]": 485,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[resource-access]": 297,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[saas-dual-stack]": 394,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[saas]": 620,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[shared-services]": 469,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[vendor-database]": 76,
    "apply/test_saas_split_apply.py::test_vendor_and_customers_apply_their_own_blueprints_joined_only_by_hand_off_files": 308,
    "apply/test_apply.py::test_blueprint_applies_works_and_destroys_cleanly[inter-region-consumer]": 210,
    "apply/test_apply.py::test_blueprint_applies_works_and_destroys_cleanly[resource-access]": 210,
    "apply/test_apply.py::test_blueprint_applies_works_and_destroys_cleanly[saas]": 210,
    "apply/test_units_iam.py::test_a_unit_applies_and_destroys_with_only_its_generated_policy": 120,
    "apply/test_units_iam.py::test_without_one_required_action_the_unit_does_not_apply[ec2:CreateVpc]": 120,
    "apply/test_units_iam.py::test_without_one_required_action_the_unit_does_not_apply[elasticloadbalancing:CreateLoadBalancer]": 120,
    "apply/test_units_iam.py::test_without_one_required_action_the_unit_does_not_apply[ec2:CreateVpcEndpointServiceConfiguration]": 120,
    "emulator/test_terraform.py::test_provider_accepts_cross_account_and_auto_accepts_same_account": 60,
}
UNMEASURED = float("inf")


def apply_seconds(item) -> float:
    """The measured seconds of an apply test, by its node ID without the ``tests/`` prefix (``UNMEASURED`` if none;
    0 for one marked skip, which runs nothing)."""
    if item.get_closest_marker("skip"):
        return 0.0
    return APPLY_SECONDS.get(item.nodeid.removeprefix("tests/"), UNMEASURED)


def pytest_collection_modifyitems(config, items):
    """Every apply-marked test of the session (``tests/emulator``'s too), longest first, in the slots they were
    collected in: the other tests keep their order. Every xdist worker collects, and sorts, the same way."""
    slots = [i for i, item in enumerate(items) if item.get_closest_marker("apply")]
    ordered = sorted((items[i] for i in slots), key=lambda item: -apply_seconds(item))  # stable: ties keep their order
    for i, item in zip(slots, ordered):
        items[i] = item
