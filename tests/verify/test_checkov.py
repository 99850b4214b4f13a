"""Static scan: checkov over the committed ``modules_out/``, every failure explained.

Checkov runs offline (``BC_SKIP_MAPPING=TRUE``) with the ``terraform_json``
framework over the JSON modules and ``terraform`` over the HCL ones. A failed
check is acceptable only if ``checkov_skips.yaml`` lists it with a reason
(checkov does not read in-code skips in Terraform JSON; see that file), and
every listed check must still fail somewhere, so the list stays honest.

Checkov pins packages that conflict with plgen's own (boto3, networkx), so it
lives in its own virtual environment: ``.ci/run`` installs
``.ci/checkov-requirements.txt`` into ``.venv-checkov`` and sets
``PLGEN_REQUIRE_CHECKOV=1``, turning a missing checkov into a failure there;
elsewhere the test is skipped when checkov is absent.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from plgen.compiler import load_all
from plgen.features import FEATURES

REPO = Path(__file__).resolve().parents[2]
SKIPS = yaml.safe_load((Path(__file__).with_name("checkov_skips.yaml")).read_text())
# checkov 3.3.30's terraform_json parser raises on a `terraform` block holding `required_version`
# (hclify "receives only dicts"); versions.tf.json has no resources to check, so it is not scanned.
UNPARSEABLE = [r"versions\.tf\.json$", r"\.tfvars\.json$"]


def checkov() -> str:
    found = os.environ.get("PLGEN_CHECKOV") or (str(REPO / ".venv-checkov/bin/checkov") if (REPO / ".venv-checkov/bin/checkov").exists() else None)
    found = found or shutil.which("checkov")
    if not found:
        if os.environ.get("PLGEN_REQUIRE_CHECKOV"):
            pytest.fail("checkov is required (pip install -r .ci/checkov-requirements.txt into .venv-checkov)")
        pytest.skip("checkov not installed (see .ci/checkov-requirements.txt)")
    return found


def scan(framework: str) -> dict:
    # Not --quiet: the passed checks show that a toggle's check passes where the toggle is on.
    args = [checkov(), "-d", "modules_out", "--framework", framework, "--compact", "-o", "json", "--skip-download"]
    for pattern in UNPARSEABLE:
        args += ["--skip-path", pattern]
    env = {**os.environ, "BC_SKIP_MAPPING": "TRUE", "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false"}
    result = subprocess.run(args, cwd=REPO, capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode in (0, 1), result.stderr[-2000:]  # 1: some check failed
    report = json.loads(result.stdout)
    return report[0] if isinstance(report, list) else report


def test_every_skip_has_a_reason():
    assert SKIPS and all(entry["reason"].strip() and set(entry["frameworks"]) <= {"terraform", "terraform_json"} for entry in SKIPS.values())
    assert all(entry["toggle"] in FEATURES and "off unless named" in entry["reason"].lower() for entry in SKIPS.values() if "toggle" in entry)
    assert all(set(entry.get("toggle_frameworks", [])) <= set(entry["frameworks"]) for entry in SKIPS.values())


def toggled_on(feature: str) -> set[str]:
    """The catalogue blueprints (modules_out/<name>) that use ``feature``."""
    return {bp.name for _, bp in load_all(sorted((REPO / "blueprints").glob("*.yaml"))) if FEATURES[feature].used(bp)}


def test_the_toggles_of_the_narrowed_skips_are_on_somewhere():
    """A toggle skip is only narrow if some catalogue blueprint names the toggle (the check is then seen to pass)."""
    assert all(toggled_on(entry["toggle"]) for entry in SKIPS.values() if "toggle" in entry)


@pytest.mark.checkov
@pytest.mark.parametrize("framework", ["terraform_json", "terraform"])
def test_checkov_reports_no_unexplained_failure(framework):
    report = scan(framework)
    summary = report["summary"]
    failed = report["results"]["failed_checks"]
    print(
        f"checkov {framework}: passed {summary['passed']}, failed {summary['failed']}, skipped {summary['skipped']}, parsing errors {summary['parsing_errors']}"
    )
    assert summary["passed"] > 0 and summary["parsing_errors"] == 0
    unexplained = sorted(
        {f"{f['check_id']} {f['resource']} ({f['file_path']})" for f in failed if framework not in SKIPS.get(f["check_id"], {}).get("frameworks", [])}
    )
    assert not unexplained, "fix these in the generator or list them with a reason in checkov_skips.yaml:\n" + "\n".join(unexplained)
    stale = sorted(check for check, entry in SKIPS.items() if framework in entry["frameworks"] and check not in {f["check_id"] for f in failed})
    assert not stale, f"no longer failing; remove from checkov_skips.yaml: {stale}"
    passed = report["results"].get("passed_checks", [])
    for check, entry in SKIPS.items():
        if "toggle" not in entry or framework not in entry.get("toggle_frameworks", entry["frameworks"]):
            continue
        on = toggled_on(entry["toggle"])
        wrong = sorted({f"{f['resource']} ({f['file_path']})" for f in failed if f["check_id"] == check and f["file_path"].strip("/").split("/")[0] in on})
        assert not wrong, f"{check} fails where its toggle ({entry['toggle']}) is on, so the skip is wider than the truth:\n" + "\n".join(wrong)
        seen = {f["file_path"].strip("/").split("/")[0] for f in passed if f["check_id"] == check}
        assert on <= seen, f"{check} is not seen to pass in {sorted(on - seen)}, where its toggle ({entry['toggle']}) is on"
