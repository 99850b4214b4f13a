"""The base of every blueprint model."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Unknown keys are errors (with a did-you-mean); models never change after load."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)
