"""Every rendered root passes ``terraform init`` (from the mirror) and ``terraform validate``."""

from __future__ import annotations

import pytest

from tests.conftest import blueprint_ids, requires_terraform


@requires_terraform
@pytest.mark.terraform
@pytest.mark.parametrize("name", blueprint_ids())
def test_rendered_root_validates(terraform_root, name):
    result = terraform_root(name).validate()
    assert result["valid"], result["diagnostics"]
    assert result["warning_count"] == 0, result["diagnostics"]
