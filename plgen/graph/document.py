"""The shape both readers produce for one module directory, before it becomes graph nodes.

``Document`` maps a node's local address to its kind and canonical body:
``aws_lb.this``, ``data.aws_vpc.this``, ``var.name``, ``local.x``,
``output.x``, ``module.x``, ``provider.aws`` / ``provider.aws.west``,
``terraform``. Bodies hold canonical values (``plgen.graph.expressions``);
nested blocks sit under ``"<name> {}"`` as a list of bodies, so a block and an
attribute of the same name never compare equal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LITERAL_FIELDS = {
    # Strings Terraform does not evaluate, compared as plain values.
    "variable": ("description", "default", "nullable", "sensitive", "ephemeral"),
    "output": ("description", "sensitive", "ephemeral"),
    "module": ("source", "version"),
    "provider": ("alias",),
    "terraform": ("required_version",),
}
# In a Terraform JSON body of a resource type plgen's provider snapshot lacks, the arguments whose value is an
# object or a list of objects: Terraform tells a nested block from an attribute by the provider schema, so their
# shape is unknown here (the evaluator refuses them; the graph shows them as attributes).
UNKNOWN_SHAPE = "?unknown-shape"
NAME_FIELDS = ("provider", "depends_on", "ignore_changes", "replace_triggered_by", "configuration_aliases")


@dataclass
class Document:
    """One module directory: address -> (kind, body); ``calls`` maps module names to their source."""

    nodes: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)

    def add(self, address: str, kind: str, body: dict[str, Any]) -> None:
        if address in self.nodes:
            raise ValueError(f"{address} is declared twice")
        self.nodes[address] = (kind, body)


def provider_address(name: str, body: dict[str, Any]) -> str:
    alias = body.get("alias")
    return f"provider.{name}.{alias}" if alias else f"provider.{name}"
