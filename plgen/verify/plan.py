"""``plgen plan``: ``terraform init``, ``validate`` and ``plan`` of a rendered root and its units, offline by default.

What a team without AWS access (a laptop, CI) needs before it may apply:
Terraform and the AWS provider accept every root as rendered, and say how
many resources each would create. Nothing is written into the user's folders:
the folder holding the roots is copied (without ``.terraform/``) into a private
work folder, and the override files go into the copy only.

Offline (the default), each root gets one ``plgen_plan_override.tf.json``
(Terraform merges ``*_override.tf.json`` files into the blocks they name:
https://developer.hashicorp.com/terraform/language/files/override):

- every ``aws`` provider configuration (each alias) gets fake credentials and
  skips the account, credential, metadata and Region lookups; its
  ``assume_role`` block is replaced by one with an empty ``role_arn``, which the
  provider takes as "assume no role" (kept for backwards compatibility:
  https://github.com/hashicorp/terraform-provider-aws/pull/39328), and
  ``allowed_account_ids`` is unset (the account is never looked up);
- the backend becomes a local state file that does not exist
  (``plgen-offline.tfstate``): ``plan`` needs an initialised backend (a root
  initialised with ``-backend=false`` is refused with "Backend initialization
  required"), and an S3 backend would need credentials to initialise; an
  override's backend replaces the root's;
- a unit that reads other units' outputs (``local.from_<call>``, the merge of
  each producer unit's output ``<call>`` read through ``terraform_remote_state``)
  reads them instead from the producer units themselves, called as child
  modules with their own ``terraform.tfvars.json`` (``plgen_plan_producers.tf.json``;
  the override replaces each ``from_<call>`` local). So the reader gets what it
  would get after the producers are applied: the same keys (a ``for_each``
  over them plans), and "known after apply" where AWS computes the value (an
  ID, an ARN) - no placeholder of a guessed type. The producers' resources are
  planned with them but not counted: a unit's line counts its own resources.
  A unit that reads another side's output from a hand-off file
  (``handoffs/<producer>.<call>.json``, ``plgen.assemble.handoff``) gets the same:
  before the producer is applied there is no file to read, and a file could
  only hold guessed values, so its ``from_<call>`` local is the producer's
  planned output too, and its line says so.
  The remote-state data sources themselves are read during apply (their
  ``config`` depends on ``timestamp()``, unknown during plan:
  https://developer.hashicorp.com/terraform/language/functions/timestamp; a
  data source whose arguments are not known is read during apply:
  https://developer.hashicorp.com/terraform/language/data-sources).

A data source that reads AWS itself (a public hosted zone looked up by name for
private DNS verification) cannot be read with fake credentials: such a root is
reported as needing AWS, naming the data source; ``--real`` plans it.

Real (``real=True``): no override at all. The user's credentials, role,
backend and state are used; the copy still keeps ``.terraform/`` and plan files
out of the user's folders.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plgen.verify.terraform import OFFLINE, Terraform, TerraformFailed

OVERRIDE = "plgen_plan_override.tf.json"
OFFLINE_STATE = "plgen-offline.tfstate"
MANIFEST = "units.json"
# Never copied into the work folder: Terraform's own working files (a provider
# binary alone is 700 MB) and plans; the copy is initialised afresh.
IGNORED = shutil.ignore_patterns(".terraform", "*.tfplan", ".terraform.tfstate.lock.info")

ERROR = re.compile(r"^(?:│ )?Error: (.+)$", re.MULTILINE)
WITH_ANY = re.compile(r"^(?:│ )?\s*with (\S+),$", re.MULTILINE)


class PlanInputError(ValueError):
    """The target is not something ``plgen plan`` can plan (exit 2)."""


@dataclass(frozen=True)
class Root:
    """One Terraform root to plan: its folder relative to the copied base, and the name printed for it."""

    label: str
    folder: str  # relative to the base folder ("." for the base itself)
    unit: bool = False


@dataclass(frozen=True)
class Result:
    """The outcome of one root: planned (``add``/``change``/``destroy``), failed (``error``), or needing AWS (``needs_aws``)."""

    root: Root
    add: int = 0
    change: int = 0
    destroy: int = 0
    error: str | None = None
    needs_aws: str | None = None
    handoffs: bool = False  # planned offline with its hand-off files' values taken from the producers' plans


    @property
    def ok(self) -> bool:
        return self.error is None and self.needs_aws is None

    def line(self) -> str:
        if self.needs_aws:
            zone = "; or give the hosted zone by `zone_id`" if ".data.aws_route53_zone." in f".{self.needs_aws}" else ""
            return f"needs AWS {self.root.label}: {self.needs_aws} reads AWS at plan: plan with --real and credentials (or against the emulator){zone}"
        if self.error:
            return f"fail {self.root.label}: {self.error}"
        placeholders = " (hand-off values are the producers' planned outputs, known after apply, until their files are handed over)" if self.handoffs else ""
        return f"ok   {self.root.label}: plan: {self.add} to add, {self.change} to change, {self.destroy} to destroy{placeholders}"


def _is_root(folder: Path) -> bool:
    return any(folder.glob("*.tf")) or any(folder.glob("*.tf.json"))


def _manifest_units(units: Path) -> list[str]:
    """Unit names in the manifest's apply order (levels in order, each level as listed)."""
    try:
        manifest = json.loads((units / MANIFEST).read_text())
        order = manifest.get("order") or [[u["name"] for u in manifest["units"]]]
        names = [name for level in order for name in level]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PlanInputError(f"{units / MANIFEST}: not a plgen units manifest ({type(exc).__name__}: {exc})") from None
    if not all(isinstance(n, str) and n and "/" not in n and n not in (".", "..") for n in names):
        raise PlanInputError(f"{units / MANIFEST}: a unit name is not a folder name")
    missing = [n for n in names if not (units / n).is_dir()]
    if missing:
        raise PlanInputError(f"{units / MANIFEST}: unit folder {units / missing[0]} is missing")
    return names


def _shown(path: Path) -> str:
    """``path`` as the user would write it: relative to the working folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def roots_of(target: Path, name: str | None = None) -> tuple[Path, list[Root]]:
    """The folder to copy and the roots to plan in it, for a rendered root folder, a ``units/`` folder or one unit folder.

    A unit refers to ``../../modules`` and reads ``../<unit>/`` states, so a
    unit (or ``units/``) is planned inside a copy of its whole rendered root
    folder. A rendered root folder plans its example root, then its units.
    Roots are named from ``name`` (the blueprint) or the base folder's path.
    """
    target = target.resolve()
    if not target.is_dir():
        raise PlanInputError(f"{target}: not a folder")
    if (target / MANIFEST).is_file():  # units/
        base = target.parent
        return base, [Root(f"{name or _shown(base)}/units/{n}", f"units/{n}", unit=True) for n in _manifest_units(target)]
    if (target.parent / MANIFEST).is_file() and _is_root(target):  # one unit
        base = target.parent.parent
        if target.name not in _manifest_units(target.parent):
            raise PlanInputError(f"{target}: not a unit listed in {target.parent / MANIFEST}")
        return base, [Root(f"{name or _shown(base)}/units/{target.name}", f"units/{target.name}", unit=True)]
    if _is_root(target):
        shown = name or _shown(target)
        roots = [Root(f"{shown} (example root)" if (target / "units" / MANIFEST).is_file() else shown, ".")]
        if (target / "units" / MANIFEST).is_file():
            roots += [Root(f"{shown}/units/{n}", f"units/{n}", unit=True) for n in _manifest_units(target / "units")]
        return target, roots
    raise PlanInputError(f"{target}: no Terraform root here (give a blueprint, a rendered root folder, a unit folder or its units/ folder)")


def _blocks(folder: Path) -> list[tuple[str, dict[str, Any]]]:
    """Top-level (block type, body) pairs of every non-override configuration file of a root, JSON or HCL."""
    import hcl2

    out: list[tuple[str, dict[str, Any]]] = []
    for path in sorted([*folder.glob("*.tf.json"), *folder.glob("*.tf")]):
        if path.name.endswith(("_override.tf", "_override.tf.json")) or path.name in ("override.tf", "override.tf.json"):
            continue
        try:
            doc = json.loads(path.read_text()) if path.name.endswith(".json") else hcl2.loads(path.read_text())
        except Exception as exc:  # noqa: BLE001 - a file Terraform would refuse too: its own init says where
            raise PlanInputError(f"{path}: cannot be read as Terraform configuration ({type(exc).__name__})") from None
        for kind, value in doc.items():
            for body in value if isinstance(value, list) else [value]:
                if isinstance(body, dict):
                    out.append((kind, body))
    return out


def _unquote(value: Any) -> Any:
    return value[1:-1] if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"' else value


def aws_aliases(folder: Path) -> list[str | None]:
    """Every ``aws`` provider configuration of a root: None for the default one, else its alias."""
    found: set[str | None] = set()
    for kind, body in _blocks(folder):
        if kind != "provider":
            continue
        for name, config in body.items():
            if _unquote(name) != "aws":
                continue
            for one in config if isinstance(config, list) else [config]:
                found.add(_unquote(one.get("alias")) if isinstance(one, dict) else None)
    return sorted(found, key=lambda a: (a is not None, a or ""))


def aws_provider_blocks(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    """(file, settings) of every ``aws`` provider configuration of a root, strings unquoted (JSON or HCL)."""
    import hcl2

    out: list[tuple[Path, dict[str, Any]]] = []
    for path in sorted([*folder.glob("*.tf.json"), *folder.glob("*.tf")]):
        if path.name.endswith(("_override.tf", "_override.tf.json")):
            continue
        doc = json.loads(path.read_text()) if path.name.endswith(".json") else hcl2.loads(path.read_text())
        for body in doc.get("provider", []) if isinstance(doc.get("provider"), list) else [doc.get("provider") or {}]:
            for name, config in body.items():
                if _unquote(name) == "aws":
                    for one in config if isinstance(config, list) else [config]:
                        out.append((path, {k: _unquote(v) for k, v in one.items() if k != "__is_block__"}))
    return out


def remote_state_names(folder: Path) -> list[str]:
    """The ``terraform_remote_state`` data sources of a root (a unit reads one per module call of another unit)."""
    names: set[str] = set()
    for kind, body in _blocks(folder):
        if kind == "data":
            for source, blocks in body.items():
                if _unquote(source) == "terraform_remote_state":
                    for block in blocks if isinstance(blocks, list) else [blocks]:
                        names.update(_unquote(n) for n in block)
    return sorted(names)


def offline_override(folder: Path, backend: bool = True) -> dict[str, Any]:
    """The override file that lets ``folder`` plan without AWS (see the module docstring).

    ``backend=False`` for a root planned as a child module of a harness (a
    child module's backend is ignored, so none is given).
    """
    settings = {**OFFLINE, "assume_role": [{"role_arn": ""}], "allowed_account_ids": None}
    override: dict[str, Any] = {"terraform": {"backend": {"local": {"path": OFFLINE_STATE}}}} if backend else {}
    aliases = aws_aliases(folder)
    if aliases:
        override["provider"] = {"aws": [{**settings, **({"alias": a} if a else {})} for a in aliases]}
    states = remote_state_names(folder)
    if states:
        deferred = {"backend": "local", "config": {"path": OFFLINE_STATE + "${substr(timestamp(), 0, 0)}"}}
        override["data"] = {"terraform_remote_state": {name: deferred for name in states}}
    return override


PRODUCERS = "plgen_plan_producers.tf.json"
PRODUCER_CALL = "plgen_producer_"


def _call_name(unit: str) -> str:
    return PRODUCER_CALL + re.sub(r"[^A-Za-z0-9_]", "_", unit)


def read_units(tfvars: dict[str, Any], folder: Path) -> dict[str, set[str]]:
    """Per module call a unit reads from others, the units holding it: its ``remote_states`` and its hand-off files.

    A hand-off file is ``handoffs/<producer>.<call>.json`` (``plgen.assemble.handoff``),
    listed per call in the unit's ``handoffs`` variable.
    """
    read: dict[str, set[str]] = {}
    remote = tfvars.get("remote_states") or {}
    handoffs = tfvars.get("handoffs") or {}
    if not isinstance(remote, dict) or not isinstance(handoffs, dict):
        raise PlanInputError(f"{folder / 'terraform.tfvars.json'}: remote_states and handoffs must be objects")
    for call, units in remote.items():
        read.setdefault(call, set()).update(units)
    for call, files in handoffs.items():
        for f in files if isinstance(files, list) else []:
            name = str(f).rsplit("/", 1)[-1]
            suffix = f".{call}.json"
            if not name.endswith(suffix) or name == suffix:
                raise PlanInputError(f"{folder / 'terraform.tfvars.json'}: hand-off file {f} is not <unit>.{call}.json")
            read.setdefault(call, set()).add(name[: -len(suffix)])
    return read


def producers(folder: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """For a unit reading others: the module calls of its producer units, and the ``from_<call>`` locals reading them.

    ``remote_states`` in the unit's tfvars names, per module call read, the
    units holding it; ``handoffs`` names the hand-off files it reads instead
    (``handoffs/<producer>.<call>.json``, saved by the producer's operator
    after the producer is applied, so absent before). Each producer is a
    sibling folder (``../<unit>``), planned as a child module: the reader gets
    the keys it will get and "known after apply" for what AWS computes,
    where a hand-off file can only hold values. Empty for a root that reads
    no other unit.
    """
    tfvars_path = folder / "terraform.tfvars.json"
    try:
        tfvars = json.loads(tfvars_path.read_text())
    except (OSError, ValueError):
        return {}, {}
    if not isinstance(tfvars, dict):
        return {}, {}
    calls: dict[str, Any] = {}
    locals_: dict[str, str] = {}
    for call, units in sorted(read_units(tfvars, folder).items()):
        reads = []
        for unit in sorted(units):
            sibling = folder.parent / unit
            if not (sibling / "terraform.tfvars.json").is_file():
                raise PlanInputError(f"{folder}: reads unit {unit}, which is not beside it")
            calls[_call_name(unit)] = {"source": f"../{unit}", **json.loads((sibling / "terraform.tfvars.json").read_text())}
            reads.append(f"module.{_call_name(unit)}.{call}")
        locals_[f"from_{call}"] = "${merge(" + ", ".join(reads) + ")}"
    return calls, locals_


def reads_handoffs(folder: Path) -> bool:
    """Whether a unit reads hand-off files (its offline plan takes their values from the producers instead)."""
    try:
        return bool(json.loads((folder / "terraform.tfvars.json").read_text()).get("handoffs"))
    except (OSError, ValueError, AttributeError):
        return False


def prepare_offline(folder: Path, backend: bool = True) -> None:
    """Write the offline override (and, for a unit that reads others, its producers' calls) into a root of the copy."""
    override = offline_override(folder, backend=backend)
    calls, locals_ = producers(folder)
    if calls:
        (folder / PRODUCERS).write_text(json.dumps({"module": calls}, indent=2, sort_keys=True) + "\n")
        override["locals"] = locals_
    (folder / OVERRIDE).write_text(json.dumps(override, indent=2, sort_keys=True) + "\n")


def _diagnostics(output: str) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """From ``terraform plan -json``: the error diagnostics, and the changes counted (own resources, not producers')."""
    errors: list[dict[str, Any]] = []
    counts = {"add": 0, "change": 0, "destroy": 0}
    for line in output.splitlines():
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if not isinstance(message, dict):
            continue
        if message.get("type") == "diagnostic" and message.get("diagnostic", {}).get("severity") == "error":
            errors.append(message["diagnostic"])
        elif message.get("type") == "planned_change":
            change = message.get("change", {})
            if change.get("resource", {}).get("addr", "").startswith(f"module.{PRODUCER_CALL}"):
                continue
            action = change.get("action")
            counts["add"] += action in ("create", "replace")
            counts["change"] += action == "update"
            counts["destroy"] += action in ("delete", "replace")
    return errors, counts


def _describe(diagnostic: dict[str, Any]) -> str:
    detail = (diagnostic.get("detail") or "").strip().splitlines()
    where = diagnostic.get("address") or (diagnostic.get("range") or {}).get("filename")
    return f"{diagnostic.get('summary', 'error')}" + (f": {detail[0]}" if detail else "") + (f" ({where})" if where else "")


def _first_error(output: str) -> str:
    errors = ERROR.findall(output)
    if not errors:
        lines = [line.strip() for line in output.splitlines() if line.strip()]
        return lines[-1] if lines else "terraform failed without a message"
    where = WITH_ANY.search(output)
    return f"{errors[0].strip()}" + (f" ({where.group(1)})" if where else "")


def plan_root(work: Path, root: Root, real: bool = False) -> Result:
    """``init``, ``validate`` and ``plan`` of one root of the copy at ``work`` (prepared by ``plan_target``)."""
    folder = (work / root.folder).resolve()
    tf = Terraform(folder)
    try:
        tf.init(backend=True)
        tf.run("validate")
    except TerraformFailed as exc:
        return Result(root, error=_first_error(exc.output))
    except Exception as exc:  # noqa: BLE001 - a hung or missing Terraform is this root's failure, not plgen's
        return Result(root, error=f"{type(exc).__name__}: {exc}")
    try:
        out = tf.run("plan", "-input=false", "-json", *(() if real else ("-refresh=false", "-lock=false")))
    except TerraformFailed as exc:
        out = exc.output
    except Exception as exc:  # noqa: BLE001
        return Result(root, error=f"{type(exc).__name__}: {exc}")
    errors, counts = _diagnostics(out)
    if errors:
        for error in errors:
            address = error.get("address") or ""
            if not real and re.search(r"(^|\.)data\.aws_", address):
                return Result(root, needs_aws=address)
        return Result(root, error=_describe(errors[0]))
    if not any('"type":"change_summary"' in line.replace(" ", "") for line in out.splitlines()):
        return Result(root, error=_first_error(out))
    return Result(root, counts["add"], counts["change"], counts["destroy"], handoffs=not real and reads_handoffs(folder))


def copy_roots(base: Path, work: Path) -> Path:
    """Copy ``base`` (the rendered root folder) into ``work``; the copy is where everything runs."""
    into = work / base.name
    shutil.copytree(base, into, ignore=IGNORED, symlinks=False)
    return into


def plan_target(base: Path, roots: list[Root], work: Path, real: bool = False, jobs: int = 1, progress=None) -> list[Result]:
    """Plan every root of ``base`` inside a copy under ``work``, ``jobs`` at a time; results in the roots' order.

    ``progress`` (optional) is called with each result as soon as it and every
    root before it are done, so lines print in order while later roots run.
    """
    copy = copy_roots(base, work)
    if not real:  # every unit is prepared before any plan starts: a reader plans its producers as child modules
        units = sorted(p.parent for p in (copy / "units").glob("*/terraform.tfvars.json")) if (copy / "units" / MANIFEST).is_file() else []
        for folder in [copy / r.folder for r in roots if not r.unit] + units:
            prepare_offline(folder.resolve())
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = []
        for result in pool.map(lambda r: plan_root(copy, r, real), roots):
            results.append(result)
            if progress:
                progress(result)
    return results


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))
