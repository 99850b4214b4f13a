"""The README's "Your first blueprint" block, run as written: every command exits 0 and does what its comment says.

The shell block is read from README.md (so a change to the README is tried
too), run line by line in a temporary folder holding a copy of ``blueprints/``,
with ``$EDITOR`` replaced by a scripted edit (the blueprint renamed, as a user
copying a pattern does first) and ``.venv/bin/`` by the folder of this test's interpreter.
``<name>`` is the blueprint's name after the edit, as the README means it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def quick_start() -> list[str]:
    """The commands of the first ``sh`` block under "## Your first blueprint", comments removed."""
    text = (REPO / "README.md").read_text()
    section = text.split("\n## Your first blueprint\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "README.md: no ```sh block under '## Your first blueprint'"
    commands = [re.sub(r"\s+#.*$", "", line).strip() for line in block.group(1).splitlines()]
    return [c for c in commands if c and not c.startswith("#")]


def _edit(path: Path) -> str:
    """What a user's editor does first: give the copy its own name (names are output folders). Returns the new name."""
    text = path.read_text()
    name = yaml.safe_load(text)["name"]
    new = f"my-{name}"
    text = re.sub(rf"(?m)^name: {re.escape(name)}$", f"name: {new}", text, count=1)
    assert f"name: {new}" in text
    path.write_text(text)
    return new


def test_the_readme_quick_start_runs_as_written(tmp_path):
    commands = quick_start()
    assert any(c.split()[0] == "cp" for c in commands) and any("$EDITOR" in c for c in commands)
    shutil.copytree(REPO / "blueprints", tmp_path / "blueprints")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    name = None
    outputs: dict[str, str] = {}
    for command in commands:
        if command.startswith("$EDITOR "):
            (target,) = shlex.split(command)[1:]
            name = _edit(tmp_path / target)
            continue
        if "<name>" in command:
            assert name, f"{command}: <name> before the blueprint was edited"
            command = command.replace("<name>", name)
        command = command.replace(".venv/bin/", f"{BIN}/")
        done = subprocess.run(command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"README quick start: `{command}` exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        outputs[command.split()[1] if command.startswith(str(BIN)) else command.split()[0]] = done.stdout

    # what the README says each command does
    assert name == "my-saas"
    assert outputs["validate"].startswith("ok: my-service.yaml (saas,")  # one line per blueprint checked
    out = tmp_path / "out" / name
    for fmt in ("json", "hcl"):  # out/<name>/{json,hcl}/: example root, units/, modules/
        assert (out / fmt / "units" / "units.json").is_file()
        assert (out / fmt / "modules" / "consumer").is_dir()
    assert (out / "json" / "main.tf.json").is_file() and (out / "hcl" / "main.tf").is_file()
    assert "PASS" in outputs["paths"] and "FAIL" not in outputs["paths"]  # every consumer -> service path, hop by hop
    for consumer in ("customer-acme", "customer-globex"):
        assert consumer in outputs["paths"]
