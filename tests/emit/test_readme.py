"""Every rendered module folder has a README.md with its inputs and outputs, checked by render --check."""

from __future__ import annotations

import re

from click.testing import CliRunner

from plgen.cli import main
from plgen.emit import readme
from tests.conftest import REPO


def test_every_module_folder_has_a_readme_with_every_input_and_output(catalogue):
    for name, output in catalogue.items():
        for module_dir, module in output.compiled.modules.items():
            path = f"json/{module_dir}/README.md".replace("/./", "/")
            text = output.files[path]
            for variable, spec in module.get("variable", {}).items():
                row = next(line for line in text.splitlines() if f"[{variable}](#input_{variable})" in line)
                assert row.endswith("| no |" if "default" in spec else "| yes |"), (name, module_dir, variable)
            for out in module.get("output", {}):
                assert f"[{out}](#output_{out})" in text, (name, module_dir, out)
            # the resources the module declares, read from its JSON (not from the README code's own list)
            declared = sorted(f"{rtype}.{name}" for rtype, blocks in module.get("resource", {}).items() for name in blocks)
            listed = sorted(re.findall(r"^\| `([^`]+)` \| resource \|$", text, re.M))
            assert listed == declared, (name, module_dir)


def test_object_types_are_shown_one_attribute_per_line():
    shown = readme.pretty_type("map(object({a = string, b = optional(list(string), []), c = object({d = number})}))")
    assert shown == "map(object({\n  a = string\n  b = optional(list(string), [])\n  c = object({\n    d = number\n  })\n}))"
    assert readme.pretty_type("map(string)") == "map(string)"


def test_defaults_are_shown_as_json_and_pipes_are_escaped():
    module = {"variable": {"x": {"type": "map(string)", "default": {"k": "a|b"}, "description": "one | two"}}}
    row = readme.inputs_table(module).splitlines()[2]
    assert "one \\| two" in row
    assert '`{"k": "a\\|b"}`' in row


def test_render_check_catches_an_edited_readme(tmp_path):
    blueprint = str(REPO / "blueprints" / "saas.yaml")
    assert CliRunner().invoke(main, ["render", blueprint, "--out", str(tmp_path)]).exit_code == 0
    path = tmp_path / "saas" / "json" / "modules" / "consumer" / "README.md"
    path.write_text(path.read_text().replace("Tags added to every resource.", "Tags."))
    result = CliRunner().invoke(main, ["render", blueprint, "--out", str(tmp_path), "--check"])
    assert result.exit_code == 1
    assert "modules/consumer/README.md differs" in result.output
