"""The values an evaluation produces beyond plain JSON: ``Ref`` (known only after apply), and its errors."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any


class EvaluationError(ValueError):
    """The root uses something this evaluator does not know, or a value only apply can tell."""


@dataclass(frozen=True)
class Ref:
    """A value known only after apply: ``<instance address>.<attribute path>``."""

    path: str

    def attr(self, name: str) -> Ref:
        return Ref(f"{self.path}.{name}")

    def index(self, key: Any) -> Ref:
        return Ref(f"{self.path}[{json.dumps(key)}]")

    def base(self) -> str:
        """The instance address the reference starts from (without the attribute)."""
        match = re.match(r"^(.*?\.[a-z0-9_]+\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?)\.", self.path + ".")
        return match.group(1) if match else self.path


def address(prefix: str, local: str, key: Any) -> str:
    text = f"{prefix}.{local}" if prefix else local
    return text if key is None else f"{text}[{json.dumps(key)}]"

