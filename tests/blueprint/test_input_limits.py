"""Bad input is a located problem (exit 2) within bounded time and memory; only a plgen bug is exit 3.

Each case of issue 13 that cannot be a small file in ``tests/bad/`` (a 50 MB
file, a device, a FIFO, floods of items or keys, Ctrl-C, the cwd) is here;
the rest of this file pins the rules behind the corpus entries: strict
integers and booleans, anchored patterns, AWS's tag characters, merge keys,
escaping, and what the CLI prints and exits with.
"""

from __future__ import annotations

import copy
import importlib
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from plgen.blueprint import fast_yaml, loader, parse_source, validate
from plgen.blueprint.model import Blueprint
from plgen.cli import main
from plgen.compiler import rules_for
from plgen.errors import BlueprintError, Problem, printable
from plgen.patterns import PATTERNS
from tests.terraform.test_engine import assert_interrupted, python_was_still_starting

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "bad"
SAAS = (BAD / "port-zero" / "blueprint.yaml").read_text().replace("- port: 0", "- port: 443")
VALIDATE = importlib.import_module("plgen.blueprint.validate")  # the module; the package exports the function
SEEDS = {p.stem: parse_source(p.read_text(), p.name).data for p in sorted((REPO / "blueprints").glob("*.yaml"))}

# Runs plgen in a child process and reports its own peak memory (KB) on the last stderr line.
# VmHWM, not getrusage's ru_maxrss: on Linux the latter keeps the RSS of the
# forked copy of the (large) pytest worker from before exec.
MEASURED = """
import sys
from plgen.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
print(status["VmHWM"].split()[0], file=sys.stderr)
sys.exit(code)
"""


def measured(*args: str, cwd: Path | None = None, timeout: float = 120) -> tuple[int, str, float, float]:
    """(exit code, stderr without the memory line, CPU seconds, peak MB) of ``plgen ARGS`` in a child process.

    CPU time (user + system of the child), not wall time: what the refusal costs, whatever else the machine runs.
    """
    env = {**os.environ, "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-c", MEASURED, *args], capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    *lines, peak = done.stderr.rstrip("\n").split("\n")
    return done.returncode, "\n".join(lines), seconds, int(peak) / 1024


def problems_of(text: str) -> list[str]:
    with pytest.raises(BlueprintError) as caught:
        validate(parse_source(text, "bp.yaml"), rules_for, PATTERNS)
    return [str(p) for p in caught.value.problems]


# --- size, devices, floods -------------------------------------------------


def test_a_50_mb_file_is_refused_in_under_2_s_and_200_mb(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NULs as far as plgen can tell
        out.seek(0)
        out.write(b"name: big\n")
    code, err, seconds, peak = measured("validate", str(big))
    assert code == 2, err
    assert "the file is 52,428,800 bytes; a blueprint may have at most 10,000,000 (raise the limit with --max-bytes" in err
    assert seconds < 2.0 and peak < 200, (seconds, peak)


def test_max_bytes_raises_and_lowers_the_limit(tmp_path):
    path = tmp_path / "saas.yaml"
    path.write_text(SAAS)
    small = CliRunner().invoke(main, ["validate", "--max-bytes", "100", str(path)])
    assert small.exit_code == 2 and f"a blueprint may have at most 100 " in small.output
    assert CliRunner().invoke(main, ["validate", "--max-bytes", "1000000", str(path)]).exit_code == 0
    render = CliRunner().invoke(main, ["render", "--max-bytes", "100", "--out", str(tmp_path / "out"), str(path)])
    assert render.exit_code == 2 and "at most 100 " in render.output and not (tmp_path / "out").exists()


def test_a_file_that_lies_about_its_size_is_read_only_to_the_limit():
    # /proc files report st_size 0; read_bounded still stops after limit + 1 bytes
    with pytest.raises(BlueprintError, match="the file is more than 100 bytes"):
        loader.read_bounded(Path("/proc/self/maps"), "maps", 100)


def test_devices_and_fifos_are_refused_without_being_read(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # nobody writes: opening it for reading would block forever
    code, err, seconds, _ = measured("validate", "/dev/zero", str(fifo), timeout=30)
    assert code == 2, err
    assert "/dev/zero:1:1: <document>: a character device, not a blueprint file" in err
    assert "pipe.yaml:1:1: <document>: a named pipe (FIFO), not a blueprint file" in err
    assert seconds < 10
    folder = CliRunner().invoke(main, ["validate", str(tmp_path)])  # a folder stands for its *.yaml: the FIFO in it is still refused unread
    assert folder.exit_code == 2 and "pipe.yaml:1:1: <document>: a named pipe (FIFO), not a blueprint file" in folder.output


def test_five_mb_of_tiny_list_items_stops_at_the_node_limit(tmp_path):
    path = tmp_path / "items.yaml"
    path.write_text("name: demo\npattern: saas\nx:\n" + "- a\n" * 1_300_000)  # 5.2 MB; 170 s and 1.9 GB before
    code, err, seconds, peak = measured("validate", str(path))
    assert code == 2, err
    assert "items.yaml:999997:3: x[999993]: the document has more than 1,000,000 YAML nodes" in err
    assert seconds < 30 and peak < 500, (seconds, peak)


def test_five_mb_of_unknown_keys_prints_50_problems_and_a_count(tmp_path):
    path = tmp_path / "keys.yaml"
    path.write_text("name: demo\npattern: saas\n" + "".join(f"k{i}: 1\n" for i in range(476_000)))  # 5.1 MB
    code, err, seconds, peak = measured("validate", str(path))
    assert code == 2
    lines = err.splitlines()
    assert len([line for line in lines if line.startswith("error: ")]) == 50
    assert lines[-2:] == ["... and 475,952 more problems", "476,002 problems found; nothing was written."]
    assert "keys.yaml:3:1: k0: unknown field 'k0' (known fields: connectivity, consumers, deploy_role, description" in lines[0]
    assert peak < 600, (seconds, peak)


def test_a_flood_of_empty_consumers_is_counted_not_kept(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("name: demo\npattern: saas\ndescription: x\nproviders: []\nconsumers:\n" + "- {}\n" * 100_000)
    code, err, seconds, peak = measured("validate", str(path))
    assert code == 2
    assert err.splitlines()[-1].endswith("problems found; nothing was written.")
    assert int(err.splitlines()[-1].split()[0].replace(",", "")) > 500_000  # six missing fields per consumer, counted
    assert peak < 300, (seconds, peak)  # pydantic alone kept 600,000 errors: about 800 MB


def test_the_large_document_path_gives_the_same_blueprint(monkeypatch):
    validate_module = VALIDATE
    for seed, data in SEEDS.items():
        source = loader.Source(f"{seed}.yaml", data, parse_source((REPO / "blueprints" / f"{seed}.yaml").read_text(), "x").positions)
        expected = Blueprint.model_validate(data)
        monkeypatch.setattr(validate_module, "LARGE", -1)
        assert validate_module._schema_pass(source) == expected


@pytest.mark.parametrize("slug", sorted(p.parent.name for p in BAD.glob("*/blueprint.yaml")))
def test_the_large_document_path_reports_the_same_problems(slug, monkeypatch):
    validate_module = VALIDATE
    try:
        source = loader.load_source(BAD / slug / "blueprint.yaml")
    except BlueprintError:
        return  # refused by the loader: no schema pass
    found = []
    for large in (10**9, -1):
        monkeypatch.setattr(validate_module, "LARGE", large)
        try:
            validate_module._schema_pass(source)
            found.append([])
        except BlueprintError as exc:
            found.append([str(p) for p in exc.problems])
    assert found[0] == found[1]


# --- the CLI: exits and output --------------------------------------------


def test_validate_exits_2_never_3_on_every_corpus_input():
    files = sorted(str(p.relative_to(REPO)) for p in BAD.glob("*/blueprint.yaml"))
    code, err, _, _ = measured("validate", *files, cwd=REPO, timeout=300)
    assert code == 2
    assert "internal error" not in err and "Traceback" not in err
    assert err.splitlines()[-1].endswith("problems found; nothing was written.")


@pytest.mark.parametrize("command", [["render"], ["docs", "--check"]])
def test_no_blueprints_folder_is_a_usage_error(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 2, result.output
    assert "no blueprints given, and there is no blueprints/ folder in" in result.output
    assert "internal error" not in result.output


@pytest.mark.parametrize("delay", [0.2, 1.5])
def test_ctrl_c_exits_130_with_one_line(delay, tmp_path):
    env = {**os.environ, "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"}
    child = subprocess.Popen(
        [sys.executable, "-m", "plgen.cli", "render", "--out", str(tmp_path / "out")],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, like a terminal's: Ctrl-C reaches jsii's Node too
    )
    time.sleep(delay)
    if child.poll() is None:
        os.killpg(child.pid, signal.SIGINT)
    _, err = child.communicate(timeout=60)
    if child.returncode == 0:
        pytest.skip("render finished before the signal")
    if python_was_still_starting(child.returncode, err):
        pytest.skip("the signal landed while Python itself was starting, before plgen's first line")
    assert child.returncode == 130, err
    assert_interrupted(err)


def test_escape_sequences_in_a_file_name_are_escaped(tmp_path):
    path = tmp_path / "bad\x1b[2Jname.yaml"
    path.write_text(SAAS)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0 and "\x1b" not in result.output and "bad\\x1b[2Jname.yaml" in result.output
    path.write_text(SAAS.replace("port: 443", "port: 0"))
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2 and "\x1b" not in result.output and "bad\\x1b[2Jname.yaml:16:15:" in result.output


def test_printable_escapes_controls_and_invisible_formatting():
    assert printable("a\x1b[31mb\nc\td\x00e\x7f\x9b") == "a\\x1b[31mb\\nc\\td\\x00e\\x7f\\x9b"
    assert printable("abc\u202edef\u2066\u200b") == "abc\\u202edef\\u2066\\u200b"
    assert printable("café ✓ ünïcödé") == "café ✓ ünïcödé"
    assert str(Problem("f.yaml", 1, 2, ("tags", "k\x1b"), "bad '\x1b[2J'", "h\n")) == "f.yaml:1:2: tags.k\\x1b: bad '\\x1b[2J' (h\\n)"


def test_a_bad_byte_is_located_in_characters_on_its_line(tmp_path):
    path = tmp_path / "bytes.yaml"
    path.write_bytes("name: demo\ndescription: ünï\xff".encode()[:-2] + b"\xff tail\n")
    with pytest.raises(BlueprintError) as caught:
        loader.load_source(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 17)  # "description: ünï" is 16 characters (19 bytes)
    assert "byte 0xff" in problem.message
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert "bytes.yaml:2:17: <document>: the file is not UTF-8 text: byte 0xff here is not valid UTF-8 (invalid start byte) (save the file as UTF-8)" in result.output


# --- strict numbers and booleans, anchored patterns ------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("- port: 443", "- port: true", "port true is a boolean, not a whole number"),
        ("- port: 443", '- port: "443"', "port '443' is text, not a whole number (remove the quotes: 443)"),
        ("- port: 443", "- port: 443.0", "port 443.0 is not a whole number"),
        ("          listeners:", "          deregistration_delay: '30'\n          listeners:", "deregistration_delay '30' is text, not a whole number"),
        ("          listeners:", "          cross_zone: 1\n          listeners:", "cross_zone 1 is not a boolean (write true or false)"),
        ("          listeners:", "          cross_zone: yes\n          listeners:", "cross_zone 'yes' is not a boolean (write true or false)"),
        ("        allowed_cidrs: [10.1.0.0/16]", "        allowed_cidrs: [10.1.0.0/16]\n        private_dns: 'false'", "(remove the quotes: false)"),
        ('account_id: "111111111111"', "account_id: 0111111111", 'got a number 0111111111 (YAML reads it as 111111111) (quote it: "0111111111")'),
        ('account_id: "111111111111"', "account_id: 0o17", 'got a number 0o17 (YAML reads it as 15) (quote it: "0o17")'),
    ],
)
def test_numbers_and_booleans_are_strict(old, new, message):
    assert old in SAAS
    problems = problems_of(SAAS.replace(old, new, 1))
    assert any(message in p for p in problems), problems


def _string_leaves(node, path=()):
    if isinstance(node, dict):
        for key, child in node.items():
            yield path + (key,), True
            yield from _string_leaves(child, path + (key,))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _string_leaves(child, path + (index,))
    elif isinstance(node, str):
        yield path, False


FREE_TEXT = {"description", "reason"}  # a description or a reason (accept_warnings, open_to_any_account) may end in a newline (a YAML block scalar does)
DATA_KEYS = {"tags", "subnet_cidrs", "subnet_ids"}  # mappings whose keys are data, not field names


def _newline_cases() -> list[tuple[str, tuple, bool]]:
    """One (seed, path, is_key) per field shape of the catalogue: every string value, and every data key."""
    cases, seen = [], set()
    for seed, doc in SEEDS.items():
        for path, is_key in _string_leaves(doc):
            if set(map(str, path)) & FREE_TEXT or (is_key and (len(path) < 2 or path[-2] not in DATA_KEYS)):
                continue
            shape = (tuple("*" if isinstance(p, int) else p for p in path[:-1] if True), path[-1] if not is_key else "<key>", is_key)
            if shape not in seen:
                seen.add(shape)
                cases.append((seed, path, is_key))
    return cases


NEWLINE_CASES = _newline_cases()


@pytest.mark.parametrize(("seed", "path", "is_key"), NEWLINE_CASES, ids=[f"{s}:{'.'.join(map(str, p))}{'[key]' if k else ''}" for s, p, k in NEWLINE_CASES])
def test_every_patterned_string_refuses_a_trailing_newline(seed, path, is_key):
    """``re.match("^x$", "x\\n")`` matches: every pattern is anchored at the very end (fullmatch, or Rust's ``$``)."""
    doc = copy.deepcopy(SEEDS[seed])
    holder = doc
    for part in path[:-1]:
        holder = holder[part]
    if is_key:
        holder[f"{path[-1]}\n"] = holder.pop(path[-1])
        target = path[:-1] + (f"{path[-1]}\n",)
    else:
        holder[path[-1]] = f"{holder[path[-1]]}\n"
        target = path
    with pytest.raises(BlueprintError) as caught:
        validate(parse_source(yaml.safe_dump(doc, sort_keys=False), "x.yaml"), rules_for, PATTERNS)
    paths = [p.path for p in caught.value.problems]
    assert any(target[: len(p)] == p or p[: len(target)] == target for p in paths), [str(p) for p in caught.value.problems]


def test_the_newline_cases_cover_the_catalogue():
    fields = {path[-1] for _, path, is_key in NEWLINE_CASES if not is_key}
    assert {"azs", "account_id", "region", "cidr", "name", "private_dns_name", "allowed_principals", "service"} <= fields | {
        path[-2] for _, path, _ in NEWLINE_CASES if isinstance(path[-1], int)
    }
    assert any(is_key for _, _, is_key in NEWLINE_CASES)


# --- AWS tag characters ----------------------------------------------------

VALID_TAGS = {
    "owner": "platform-team",
    "cost center": "4711",
    "Kostenstelle": "Büro Zürich",
    "チーム": "開発",
    "a.b:c/d=e+f-g@h_i": "x.y:z/=+-@_ 0",
    "k" * 128: "v" * 256,
    "empty-value": "",
    "awsome": "aws-ish is fine",
}
INVALID_TAGS = [
    ({"aws:createdBy": "me"}, "starts with aws:"),
    ({"AWS:x": "me"}, "starts with aws:"),
    ({"owner": "aws:team"}, "starts with aws:"),
    ({"k" * 129: "v"}, "tag key needs 1-128 characters, got 129"),
    ({"owner": "v" * 257}, "256"),
    ({"": "v"}, "tag key needs 1-128 characters, got 0"),
    ({"owner": 'say "hi"'}, "has '\"'"),
    ({"owner": "back\\slash"}, "has '\\\\\\\\'"),
    ({"owner": "tab\there"}, "has '\\\\t'"),
    ({"owner": "nul\x00"}, "has '\\\\x00'"),
    ({"owner": "rocket 🚀"}, "has '🚀'"),
    ({"team#1": "x"}, "has '#'"),
    ({"owner": "line\u2028break"}, "has '\\\\u2028'"),
]


def test_tags_of_any_script_within_aws_rules_are_accepted():
    data = {**SEEDS["saas"], "tags": VALID_TAGS}
    assert Blueprint.model_validate(data).tags == VALID_TAGS


@pytest.mark.parametrize(("tags", "message"), INVALID_TAGS, ids=[m for _, m in INVALID_TAGS])
def test_tags_outside_aws_rules_are_located_errors(tags, message):
    data = {**SEEDS["saas"], "tags": tags}
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    problems = problems_of(text)
    assert any(message in p or message in repr(p) for p in problems), problems
    assert all("tags" in p for p in problems), problems


# --- merge keys ------------------------------------------------------------

MERGED = SAAS.replace(
    "consumers:\n  - name: cons\n",
    "consumers:\n  - &consumer\n    name: cons\n",
).replace(
    "        allowed_cidrs: [10.1.0.0/16]\n",
    "        allowed_cidrs: [10.1.0.0/16]\n  - <<: *consumer\n    name: cons-two\n    account_id: \"222222222222\"\n",
)


@pytest.mark.parametrize("path", ["fast", "ruamel"])
def test_a_blueprint_with_merge_keys_validates_as_its_expansion(path, monkeypatch):
    if path == "ruamel":
        monkeypatch.setattr(fast_yaml, "parse", lambda *args: None)
    source = parse_source(MERGED, "merged.yaml")
    first, second = source.data["consumers"]
    assert second == {**first, "name": "cons-two"}
    assert source.positions[("consumers", 1, "vpc")] == source.positions[("consumers", 0, "vpc")] == (26, 5)
    assert source.positions[("consumers", 1, "name")] == (33, 5)  # its own key, not the anchor's
    blueprint = validate(source)
    assert [c.name for c in blueprint.consumers] == ["cons", "cons-two"]


def test_a_problem_in_a_merged_field_points_at_the_anchor():
    text = MERGED.replace("      cidr: 10.1.0.0/16", "      cidr: 10.1.0.0/33")
    problems = problems_of(text)
    assert problems == ["bp.yaml:27:7: consumers[0].vpc.cidr: '10.1.0.0/33' is not an IPv4 CIDR block: '33' is not a valid netmask"]
