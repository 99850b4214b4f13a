"""Long expressions are opened up at their brackets, and still mean the same thing."""

from __future__ import annotations

import pytest

from plgen.emit.hcl_expressions import WIDTH, pretty
from plgen.graph.expressions import parse_expression

LONG = [
    'merge([for service, spec in var.services : { for key, listener in spec.listeners : "${service}/${key}" => merge(listener, { service = service, target_type = spec.target_type }) }]...)',
    '{ for name, side in var.service_consumers : name => side if side.region == "us-east-1" && side.account_id != "000000000000" }',
    "{ for k, v in (var.flag ? var.long_collection_name_a : var.long_collection_name_b) : k => v.value_with_a_long_name if v.enabled }",
    '{ for k, v in var.things : k => "text with if and : inside ${v.name} and more text to make it long enough" }',
    "concat(var.first_list_of_things_with_a_long_name, var.second_list_of_things_with_a_long_name, var.third_list)",
    "{ id = endpoint.id, regional_dns_name = endpoint.dns_entry[0].dns_name, network_interface_ids = endpoint.network_interface_ids }",
]


@pytest.mark.parametrize("expression", LONG)
def test_a_long_expression_keeps_its_meaning(expression):
    written = pretty(expression, 1, 10)
    assert "\n" in written
    assert parse_expression(written) == parse_expression(expression)


@pytest.mark.parametrize("expression", LONG)
def test_no_line_grows_past_the_width_when_it_can_be_broken(expression):
    lines = pretty(expression, 1, 10).splitlines()
    assert max(len(line) for line in lines[:-1]) <= WIDTH + 40


def test_for_clauses_and_conditions_get_their_own_lines():
    assert pretty(LONG[1], 1, 13) == (
        '{\n    for name, side in var.service_consumers : name => side\n    if side.region == "us-east-1" && side.account_id != "000000000000"\n  }'
    )


def test_objects_get_one_aligned_item_per_line():
    assert pretty(LONG[5], 1, 10) == (
        "{\n"
        "    id                    = endpoint.id\n"
        "    regional_dns_name     = endpoint.dns_entry[0].dns_name\n"
        "    network_interface_ids = endpoint.network_interface_ids\n"
        "  }"
    )


def test_strings_are_never_split():
    assert '"text with if and : inside ${v.name} and more text to make it long enough"' in pretty(LONG[3], 1, 10)


def test_short_expressions_and_heredocs_stay_on_one_line():
    assert pretty("merge(var.tags, { Name = var.name })", 1, 10) == "merge(var.tags, { Name = var.name })"
    heredoc = "<<EOT\n" + "x" * 200 + "\nEOT"
    assert pretty(heredoc, 1, 10) == heredoc


@pytest.mark.parametrize(
    "expression",
    [
        '{ "a=b" = var.first_value_with_a_long_name, "c" = var.second_value_with_a_long_name, plain = var.third_value_name }',
        '{ "x == y" = var.first_value_with_a_long_name, "p=>q" = var.second_value_with_a_long_name, "k=" = "v = w" }',
    ],
)
def test_a_quoted_key_holding_an_equals_sign_is_split_at_the_item_equals(expression):
    """The item's ``=`` is the first one outside strings, not one inside the key."""
    written = pretty(expression, 1, 10)
    assert "\n" in written
    assert parse_expression(written) == parse_expression(expression)
