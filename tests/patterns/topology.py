"""Reading a plan, or a bad blueprint's errors, the way the pattern tests need them.

An offline plan has every resource instance with its ``for_each`` key and the
module instance (provider or consumer side) it belongs to; its configuration
has what each resource's arguments reference. Together they show the chain
the notes draw: interface endpoint -> endpoint service -> NLB -> listener ->
target group -> registered targets.
"""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from plgen.cli import main
from plgen.verify.terraform import planned_resources

REPO = Path(__file__).resolve().parents[2]
SIDE = re.compile(r'^module\.(\w+)\["([^"]+)"\]\.')


def blueprint_text(name: str) -> str:
    return (REPO / "blueprints" / f"{name}.yaml").read_text()


def validate_text(tmp_path: Path, text: str):
    """``plgen validate`` on ``text`` saved as ``bp.yaml``: the user's view of a bad blueprint."""
    path = tmp_path / "bp.yaml"
    path.write_text(text)
    return CliRunner().invoke(main, ["validate", str(path)])


def assert_reported(tmp_path: Path, text: str, expected: str) -> None:
    """A bad blueprint as the user sees it: exit code 2, the located message, no traceback."""
    result = validate_text(tmp_path, text)
    assert result.exit_code == 2, result.output
    assert expected in result.output, result.output
    assert "Traceback" not in result.output


def edited(name: str, *replacements: tuple[str, str]) -> str:
    """A bundled blueprint with each ``old`` text (which must occur) replaced once."""
    text = blueprint_text(name)
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def instances(plan: dict, type_name: str, names: tuple[str, ...] | None = None) -> dict[tuple[str, str], dict]:
    """``(side name, for_each key) -> planned values`` of one resource type (count index as str), optionally of some block names only."""
    out = {}
    for r in planned_resources(plan):
        if r["type"] == type_name and (names is None or r["name"] in names):
            side = SIDE.match(r["address"])
            assert side, r["address"]
            out[(side.group(2), str(r.get("index", "")))] = r["values"]
    return out


def references(plan: dict, module_call: str, address: str, argument: str, *inside: str | int) -> list[str]:
    """What one argument of a resource in a called module references (from the plan's configuration).

    ``inside`` walks into a nested block: ``("default_action", 0, "target_group_arn")``.
    """
    module = plan["configuration"]["root_module"]["module_calls"][module_call]["module"]
    (resource,) = [r for r in module["resources"] if r["address"] == address]
    expression = resource["expressions"][argument]
    for step in inside:
        expression = expression[step]
    return expression["references"]


def unknown(plan: dict, type_name: str) -> dict[tuple[str, str], dict]:
    """``(side name, for_each key) -> after_unknown`` of one resource type: what only apply can know.

    An attribute Terraform cannot know before apply comes from another
    resource (an ID, an ARN, a DNS name), never from a literal in the module.
    """
    out = {}
    for change in plan["resource_changes"]:
        if change["type"] == type_name and change["mode"] == "managed":
            side = SIDE.match(change["address"])
            assert side, change["address"]
            out[(side.group(2), str(change.get("index", "")))] = change["change"]["after_unknown"]
    return out


def privatelink_chain(plan: dict) -> dict[tuple[str, str], dict]:
    """Per consumer endpoint ``(consumer, "provider/service")``: the provider resources behind it.

    Fails if an endpoint names a service that has no endpoint service, no NLB,
    or a listener without its target group: the chain is complete or the test fails.
    """
    services = instances(plan, "aws_vpc_endpoint_service")
    nlbs = instances(plan, "aws_lb")
    groups = instances(plan, "aws_lb_target_group")
    listeners = instances(plan, "aws_lb_listener")
    attachments = instances(plan, "aws_lb_target_group_attachment")
    chain = {}
    for consumer, key in instances(plan, "aws_vpc_endpoint"):
        provider, service = key.split("/")
        assert (provider, service) in services and (provider, service) in nlbs, key
        ports = sorted(int(k.split("/")[1]) for (p, k) in listeners if p == provider and k.startswith(f"{service}/"))
        assert ports and all((provider, f"{service}/{port}") in groups for port in ports), key
        chain[(consumer, key)] = {
            "nlb": nlbs[(provider, service)],
            "endpoint_service": services[(provider, service)],
            "ports": ports,
            "targets": {
                port: sorted(
                    (v["target_id"], v["port"], v["availability_zone"])
                    for (p, k), v in attachments.items()
                    if p == provider and k.startswith(f"{service}/{port}/")
                )
                for port in ports
            },
            "target_type": {groups[(provider, f"{service}/{port}")]["target_type"] for port in ports},
        }
    return chain


def ingress(plan: dict) -> set[tuple[str, str, str, int, int, str]]:
    """Endpoint security group rules: ``(consumer, "provider/service", source CIDR, from port, to port, protocol)``."""
    return {
        (side, "/".join(key.split("/")[:2]), v["cidr_ipv4"], v["from_port"], v["to_port"], v["ip_protocol"])
        for (side, key), v in instances(plan, "aws_vpc_security_group_ingress_rule", ("cidr",)).items()
    }


def target_ingress(plan: dict) -> set[tuple[str, str, str, int, str]]:
    """Target security group rules: ``(provider, service, referenced group (the NLB's), port, protocol)``."""
    return {
        (side, key.split("/")[0], v["referenced_security_group_id"], v["from_port"], v["ip_protocol"])
        for (side, key), v in instances(plan, "aws_vpc_security_group_ingress_rule", ("targets",)).items()
    }
