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
# Seconds of each apply test (``pytest -m apply -n 4 --durations=0``, 2026-12-07, 52 min 49 s on the 2-core machine
# beside a second apply tier run: load 14-19, so about twice a quiet run's). A test not listed counts as the longest,
# so a new one is started early until it is measured; one marked skip goes last. Only the order depends on these
# figures: nothing is timed or asserted.
APPLY_SECONDS: dict[str, float] = {
    "apply/test_live_cli.py::test_paths_live_passes_after_apply_fails_on_drift_at_the_hop_and_passes_after_reapplying_the_named_unit": 1048,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[microservices]": 852,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[shared-services]": 815,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[saas]": 788,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[overlapping-networks]": 754,
    "apply/test_units_apply.py::test_a_segmented_transit_gateway_gets_the_attachment_associated_and_propagated": 749,
    "apply/test_saas_split_apply.py::test_vendor_and_customers_apply_their_own_blueprints_joined_only_by_hand_off_files": 748,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[inter-region-consumer]": 739,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[saas-dual-stack]": 594,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[inter-region-service]": 581,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[inter-region-service-native]": 557,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[hybrid]": 497,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[inter-region-consumer-native]": 497,
    "apply/test_apply.py::test_blueprint_applies_works_and_destroys_cleanly[saas]": 474,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[resource-access]": 424,
    "apply/test_verify_apply.py::test_the_verify_unit_finds_acmes_path_and_fails_once_the_endpoint_group_loses_its_rule": 391,
    "apply/test_apply.py::test_blueprint_applies_works_and_destroys_cleanly[inter-region-consumer]": 364,
    "apply/test_apply.py::test_blueprint_applies_works_and_destroys_cleanly[resource-access]": 257,
    "emulator/test_terraform.py::test_provider_accepts_cross_account_and_auto_accepts_same_account": 184,
    "apply/test_units_iam.py::test_a_unit_applies_and_destroys_with_only_its_generated_policy": 176,
    "apply/test_units_apply.py::test_units_apply_in_order_in_their_own_accounts_and_paths_work[vendor-database]": 145,
    "emulator/test_reachability_terraform.py::test_the_analysis_finds_the_path_and_fails_its_postcondition_once_a_rule_is_removed": 104,
    "apply/test_units_iam.py::test_without_one_required_action_the_unit_does_not_apply[ec2:CreateVpcEndpointServiceConfiguration]": 95,
    "apply/test_units_iam.py::test_without_one_required_action_the_unit_does_not_apply[elasticloadbalancing:CreateLoadBalancer]": 60,
    "apply/test_units_iam.py::test_without_one_required_action_the_unit_does_not_apply[ec2:CreateVpc]": 54,
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
