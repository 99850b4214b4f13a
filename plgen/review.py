"""``plgen diff``: what a blueprint change does to AWS, per deployment unit, before anyone runs ``terraform plan``.

Both versions are compiled in memory (``plgen.compiler``) and their example
roots evaluated as Terraform plans them (``plgen.paths.evaluate.Root``), so
every resource instance is compared with its ``for_each`` key and its
evaluated arguments. Each instance belongs to the deployment unit that applies
its module call's instance (the side's team, account and Region: the record
``Compiled.units``). Per unit the instances are added, removed, changed (which
arguments) or replaced: a changed argument AWS cannot update in place
(``plgen.aws.replacement``, from the provider's ``ForceNew`` flags).

A removed and an added instance whose arguments are the same once the old
``for_each`` keys are read as the new ones in references and tags (a consumer
or a service renamed) is one resource under a new address, possibly with
in-place changes (its Name tag) but none AWS cannot make in place: Terraform
would destroy and recreate it, so the diff proposes a ``moved`` block instead
(https://developer.hashicorp.com/terraform/language/modules/develop/refactoring: "a moved block to update a
resource address without destroying it").

The units to apply are the changed ones and every unit that reads a value
that changes from another (``depends_on``: outputs read through
``terraform_remote_state``; a value changes when its expression does or when
it carries the id of an instance the change recreates), in the new version's
apply order; units that exist only in the old version are listed to destroy,
last, in reverse apply order, or, renamed, to move their state first.

Values only AWS knows (an id) are compared by the address they come from, so a
reference to a renamed instance is a change. An argument plgen's evaluator
cannot judge exactly is compared by its expression and reported as such.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from plgen.aws.replacement import replacing
from plgen.errors import BlueprintError, PlgenError
from plgen.records import Compiled

_KNOWN_AFTER = "(known after apply: "
META = ("for_each", "count", "provider", "lifecycle", "depends_on")
_CALL = re.compile(r'^module\.([A-Za-z0-9_-]+)\[("(?:[^"\\]|\\.)*"|[0-9]+)\]')


@dataclass(frozen=True)
class Instance:
    """One resource instance of a compiled blueprint: where it lives and its evaluated arguments (plain JSON values)."""

    address: str
    type: str
    unit: str
    arguments: dict[str, Any]
    keys: tuple[Any, ...]  # the for_each keys in its address, outermost first (a rename changes these)


@dataclass(frozen=True)
class Change:
    address: str
    type: str
    arguments: tuple[str, ...] = ()  # the changed arguments
    replaced_by: tuple[tuple[str, str], ...] = ()  # (argument, why) of the changes AWS cannot make in place


@dataclass(frozen=True)
class Moved:
    source: str
    target: str
    type: str
    from_unit: str  # the unit whose state holds it now (another unit: its state must be moved first)
    in_place: tuple[str, ...] = ()  # arguments that change with the key (a Name tag holding it): updated in place after the move


@dataclass
class UnitDiff:
    unit: str
    account: str = ""
    region: str = ""
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)

    @property
    def replaced(self) -> list[Change]:
        return [c for c in self.changed if c.replaced_by]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.moved)


@dataclass(frozen=True)
class Step:
    unit: str
    why: str  # "changed", "reads <value> from <unit>, which changes", "destroy (the unit is gone)", "renamed <unit>: ..."


@dataclass
class Diff:
    old: str  # how the old version is named (a file, or path@rev)
    new: str
    units: list[UnitDiff]
    order: list[Step]

    @property
    def changed(self) -> bool:
        return any(not u.empty for u in self.units)


# -- evaluation ------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """An evaluated value as JSON-ready data: sets sorted, numbers exact, values known only after apply as their source."""
    from plgen.paths.evaluate import Ref, TerraformSet

    if isinstance(value, Ref):
        return f"{_KNOWN_AFTER}{value.path})"
    if isinstance(value, TerraformSet):
        return sorted((_plain(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Fraction):
        return int(value) if value.denominator == 1 else str(value)
    return value


def _arguments(resource) -> dict[str, Any]:
    from plgen.paths.evaluate import CannotJudge, EvaluationError

    names = []
    for key in resource.body:
        name = key.removeprefix("dynamic ").removesuffix(" {}")
        if name not in META and name not in names and not name.startswith("//"):
            names.append(name)
    out = {}
    for name in sorted(names):
        try:
            out[name] = _plain(resource.argument(name))
        except (CannotJudge, EvaluationError) as exc:
            out[name] = f"(not evaluated: {exc}) {json.dumps(resource.body.get(name), sort_keys=True, default=str)}"
    return out


def _keys(address: str) -> tuple[Any, ...]:
    return tuple(json.loads(k) for k in re.findall(r'\[("(?:[^"\\]|\\.)*"|[0-9]+)\]', address))


def instances(compiled: Compiled) -> dict[str, Instance]:
    """Every resource instance of the blueprint's example root, by address, with the unit that applies it."""
    return evaluate(compiled)[0]


def evaluate(compiled: Compiled) -> tuple[dict[str, Instance], dict[tuple[str, str], Any]]:
    """The resource instances (see ``instances``) and the values units read from each other.

    The second map is (unit, ``call.output``) -> that output of each of the
    unit's instances of the call (by ``for_each`` key), for every value a unit
    reads through ``depends_on``; an output plgen cannot evaluate exactly is
    its error text, which compares unequal to any value.
    """
    from plgen.paths.evaluate import CannotJudge, EvaluationError, Root

    units: dict[tuple[str, Any], str] = {}
    for call in compiled.calls:
        for inst in call.instances:
            for unit in compiled.units:
                if call.name in unit.calls and (unit.team, unit.account, unit.region) == (inst.team, inst.account, inst.region):
                    units[(call.name, inst.key)] = unit.name
    root = Root.modules(compiled.modules, compiled.inputs).evaluate()
    resources = list(root.all_resources())
    for module in root.all_modules():
        resources.extend(module.all_resources())
    found = {}
    for resource in resources:
        if resource.mode != "resource":
            continue
        match = _CALL.match(resource.address)
        unit = units.get((match.group(1), json.loads(match.group(2)))) if match else None
        found[resource.address] = Instance(resource.address, resource.type, unit or "(example root only)", _arguments(resource), _keys(resource.address))
    read: dict[tuple[str, str], Any] = {}
    for reader in compiled.units:
        for dependency, values in reader.depends_on:
            for value in values:
                call, _, output = value.partition(".")
                per_key = {}
                for key, module in sorted((root.module(call) or {}).items(), key=lambda kv: str(kv[0])):
                    if units.get((call, key)) != dependency:
                        continue
                    try:
                        per_key[str(key)] = _plain(module.output(output))
                    except (CannotJudge, EvaluationError) as exc:
                        per_key[str(key)] = f"(not evaluated: {exc})"
                read[(dependency, value)] = per_key
    return found, read


# -- comparison ------------------------------------------------------------------------------------


_KEY = r'\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\]'
_INSTANCE = re.compile(rf"^(?:module\.[A-Za-z0-9_-]+(?:{_KEY})?\.)*(?:data\.)?[A-Za-z0-9_]+\.[A-Za-z0-9_-]+(?:{_KEY})?")


def _shape(address: str) -> str:
    return re.sub(_KEY, "[]", address)


def _rename_pairs(old: Instance, new: Instance) -> list[tuple[str, str]]:
    """The key renames from ``old``'s address to ``new``'s, whole keys first, then the parts of composite keys (``a/b/c``)."""
    pairs = []
    for before, after in zip(old.keys, new.keys):
        if before != after and isinstance(before, str) and isinstance(after, str):
            pairs.append((before, after))
            if before.count("/") == after.count("/"):
                pairs += [(b, a) for b, a in zip(before.split("/"), after.split("/")) if b != a and b]
    return pairs


def _rekey(value: Any, pairs: list[tuple[str, str]], labels: bool = False) -> Any:
    """``value`` with the old keys read as the new ones: in references to instances, and in ``tags`` (a Name tag is a label).

    Elsewhere a value equal to a key part is what the resource is (a rule's CIDR or port), so a change there is a
    different resource, not a rename.
    """
    if isinstance(value, str):
        if not pairs or not (labels or value.startswith(_KNOWN_AFTER)):
            return value
        names = dict(sorted(pairs, key=lambda p: -len(p[0])))  # one pass, longest first: a new key holding an old one is not renamed twice
        return re.sub("|".join(re.escape(b) for b in names), lambda m: names[m.group(0)], value)
    if isinstance(value, dict):
        return {k: _rekey(v, pairs, labels) for k, v in value.items()}
    if isinstance(value, list):
        return [_rekey(v, pairs, labels) for v in value]
    return value


def _references(value: Any) -> list[str]:
    """The instance addresses a value refers to (values known only after apply)."""
    if isinstance(value, str) and value.startswith(_KNOWN_AFTER):
        match = _INSTANCE.match(value[len(_KNOWN_AFTER) :])
        return [match.group(0)] if match else []
    if isinstance(value, dict):
        return [r for v in value.values() for r in _references(v)]
    if isinstance(value, list):
        return [r for v in value for r in _references(v)]
    return []


def _kept(reference: str, pairs: list[tuple[str, str]], before: dict[str, Instance], after: dict[str, Instance], replaced: set[str], moves: dict[str, str]) -> bool:
    """Whether the instance ``reference`` names keeps its identity, so a value read from it is the same after apply."""
    if reference not in before:  # a data source or a module output: compared as a value already
        return True
    renamed = _rekey(reference, pairs, labels=True)
    if reference in after and reference not in replaced:
        return renamed == reference
    return moves.get(reference) == renamed


def _move_changes(
    old: Instance, new: Instance, before: dict[str, Instance], after: dict[str, Instance], replaced: set[str], moves: dict[str, str]
) -> list[str] | None:
    """The arguments ``new`` changes in place if it is ``old`` moved to a new key, or None if it cannot be a move.

    Read under the new keys (references and ``tags`` renamed) every argument
    must be what the new version has; it is then unchanged, or changed in
    place: a label (a Name tag), or a reference to an instance that does not
    keep its identity (its id changes at apply). A change AWS cannot make in
    place (``plgen.aws.replacement``) means no move.
    """
    if old.type != new.type or old.keys == new.keys or _shape(old.address) != _shape(new.address):
        return None
    pairs = _rename_pairs(old, new)
    changes = []
    for name in sorted(set(old.arguments) | set(new.arguments)):
        value, target = old.arguments.get(name), new.arguments.get(name)
        if _rekey(value, pairs, labels=name in ("tags", "tags_all")) != target:
            return None  # not only the key: the value itself changed (a port, a CIDR, a name), or a reference points elsewhere
        if value != target and name in ("tags", "tags_all"):
            changes.append(name)  # a label holding the key (a Name tag)
        elif not all(_kept(r, pairs, before, after, replaced, moves) for r in _references(value)):
            changes.append(name)  # reads an instance that is recreated: its new id is set in place
    if replacing(new.type, old.arguments, new.arguments, changes):
        return None
    return changes


def _moves(
    before: dict[str, Instance], after: dict[str, Instance], removed: list[str], added: list[str], replaced: set[str]
) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Old address -> (new address, arguments changed in place) of the instances that keep their identity under a new key.

    Candidates are paired by type and address shape, optimistically assuming
    every candidate moves; a candidate whose move would need a replacement
    (it reads an instance that is recreated through an argument AWS cannot
    update) is dropped, and the check repeats until no candidate fails: the
    largest consistent set of moves.
    """
    def parts(instances: dict[str, Instance]) -> set[str]:
        return {p for i in instances.values() for k in i.keys if isinstance(k, str) for p in (k, *k.split("/"))}

    # a renamed key part is one the old version has and the new has not, and its new name one only the new version has:
    # ``use1-az2`` is in both, so an instance keyed by it cannot be a renamed ``use1-az1``
    vanished, appeared = parts(before) - parts(after), parts(after) - parts(before)

    def renames(source: str, target: str) -> bool:
        pairs = _rename_pairs(before[source], after[target])
        return bool(pairs) and all(b in vanished and a in appeared for b, a in pairs)

    by_shape: dict[tuple[str, str], list[str]] = {}
    for target in sorted(added):
        by_shape.setdefault((after[target].type, _shape(target)), []).append(target)
    candidates = {s: [t for t in by_shape.get((before[s].type, _shape(s)), ()) if renames(s, t)] for s in sorted(removed)}
    guess = {s: ts[0] for s, ts in candidates.items() if len(ts) == 1}  # every unambiguous rename, for the references
    optimistic: dict[str, str] = {}
    taken: set[str] = set()
    for source, targets in candidates.items():
        for target in targets:
            if target not in taken and _move_changes(before[source], after[target], before, after, replaced, {**guess, **optimistic, source: target}) is not None:
                optimistic[source] = target
                taken.add(target)
                break
    moves = dict(optimistic)
    while True:
        checked = {s: _move_changes(before[s], after[t], before, after, replaced, moves) for s, t in moves.items()}
        failing = [s for s, changes in checked.items() if changes is None]
        if not failing:
            return {s: (t, tuple(checked[s] or ())) for s, t in sorted(moves.items())}
        for source in failing:
            del moves[source]


def _changes(before: dict[str, Instance], after: dict[str, Instance]) -> dict[str, Change]:
    """The instances at the same address in both versions that change, and those AWS replaces.

    An argument changes when its value does, or when it reads an instance that
    is replaced (its id, ARN or name is new at apply though the expression is
    the same): a listener reading a replaced target group is updated, an
    attachment of it is replaced too. Replacements cascade until none is new.
    """
    direct: dict[str, list[str]] = {}
    for address in sorted(set(before) & set(after)):
        o, n = before[address], after[address]
        direct[address] = sorted(k for k in set(o.arguments) | set(n.arguments) if o.arguments.get(k) != n.arguments.get(k))
    replaced: set[str] = set()
    while True:
        out: dict[str, Change] = {}
        for address, names in direct.items():
            o, n = before[address], after[address]
            reads = {k: sorted(r for r in _references(v) if r in replaced) for k, v in n.arguments.items()}
            via = sorted(k for k, refs in reads.items() if refs and k not in names)
            changed = sorted({*names, *via})
            if not changed:
                continue
            why = list(replacing(n.type, o.arguments, n.arguments, names))
            why += [(k, f"{reason}; it reads {', '.join(reads[k])}, which is replaced") for k, reason in replacing(n.type, o.arguments, n.arguments, via)]
            out[address] = Change(address, n.type, tuple(changed), tuple(sorted(why)))
        now = {a for a, c in out.items() if c.replaced_by}
        if now == replaced:
            return out
        replaced = now


def compare(old: Compiled, new: Compiled, old_name: str = "old", new_name: str = "new") -> Diff:
    """The resource-level difference of two compiled versions of a blueprint, per unit, and the units to re-apply in order."""
    (before, read_before), (after, read_after) = evaluate(old), evaluate(new)
    units: dict[str, UnitDiff] = {}
    for compiled in (old, new):
        for unit in compiled.units:
            units[unit.name] = UnitDiff(unit.name, unit.account, unit.region)

    def unit_of(name: str) -> UnitDiff:
        return units.setdefault(name, UnitDiff(name))

    added = [a for a in after if a not in before]
    removed = [a for a in before if a not in after]
    changes = _changes(before, after)
    for address, change in sorted(changes.items()):
        unit_of(after[address].unit).changed.append(change)
    replaced = {a for a, c in changes.items() if c.replaced_by}
    moves = _moves(before, after, removed, added, replaced)
    for source, (target, in_place) in sorted(moves.items(), key=lambda m: m[1][0]):
        unit_of(after[target].unit).moved.append(Moved(source, target, after[target].type, before[source].unit, in_place))
    for address in sorted(removed):
        if address not in moves:
            unit_of(before[address].unit).removed.append(address)
    taken = {target for target, _ in moves.values()}
    for address in sorted(added):
        if address not in taken:
            unit_of(after[address].unit).added.append(address)
    renamed = {}  # an old unit all of whose instances moved to one new unit: its state moves there
    for unit in old.units:
        if unit.name not in {u.name for u in new.units}:
            targets = {after[moves[a][0]].unit for a, i in before.items() if i.unit == unit.name and a in moves}
            if len(targets) == 1:  # its state goes there; what did not move is destroyed by that unit's plan
                renamed[unit.name] = targets.pop()
    # instances whose identity (id, ARN) changes: a value read from them changes at apply even if its expression does not
    recreated = replaced | set(removed) | set(added)
    changed_reads = {
        key
        for key, value in read_after.items()
        if key not in read_before or read_before[key] != value or any(r in recreated for r in _references(value))
    }
    return Diff(old_name, new_name, [units[name] for name in sorted(units)], _order(old, new, units, renamed, changed_reads))


def _order(old: Compiled, new: Compiled, units: dict[str, UnitDiff], renamed: dict[str, str], changed_reads: set[tuple[str, str]]) -> list[Step]:
    """The units to (re-)apply, in the new version's apply order, then the units only the old version had, to destroy.

    A unit is applied when its resources change, or when a value it reads from
    another unit (``terraform_remote_state``) changes: a different output, or
    one that reads an instance the change recreates. A renamed unit (its
    moved instances all go to one new unit) comes first: its state is moved to
    the new unit before that unit is applied, so its ``moved`` blocks find the
    resources.
    """
    why: dict[str, str] = {name: "changed" for name, u in units.items() if not u.empty}
    for unit in new.units:
        if unit.name in why:
            continue
        for dependency, values in unit.depends_on:
            reads = [v for v in values if (dependency, v) in changed_reads]
            if reads:
                why[unit.name] = f"reads {', '.join(reads)} from {dependency}, which changes"
                break
    current = {u.name for u in new.units}
    steps = []
    for u in old.units:
        if u.name in renamed:
            rest = len(units[u.name].removed)
            gone = f"; its {rest} resource(s) not moved are destroyed by {renamed[u.name]}'s apply" if rest else ""
            steps.append(Step(u.name, f"renamed {renamed[u.name]}: move its state to {renamed[u.name]}, apply nothing here{gone}"))
    steps += [Step(u.name, why[u.name]) for u in new.units if u.name in why]
    steps += [Step(u.name, "destroy (the unit is gone)") for u in reversed(old.units) if u.name not in current and u.name not in renamed]
    return steps


# -- reading versions ------------------------------------------------------------------------------


class VersionError(PlgenError):
    """The old version cannot be read (not a git work tree, an unknown revision, a path absent there): exit 2."""

    exit_code = 2


def compile_version(path: Path, label: str | None = None) -> Compiled:
    """One blueprint file compiled in memory (validated and built; nothing written).

    ``label`` names the file in error messages instead of ``path`` (a revision read into a temporary folder is
    ``blueprints/saas.yaml@main``, not the temporary file).
    """
    import dataclasses

    from plgen.compiler import compile_paths

    try:
        (output,) = compile_paths([path])
    except BlueprintError as exc:
        if label is None:
            raise
        problems = [dataclasses.replace(p, file=label) if p.file == str(path) else p for p in exc.problems]
        raise BlueprintError(problems) from None
    return output.compiled


def read_revision(path: Path, rev: str, folder: Path) -> Path:
    """``path`` as it is at git revision ``rev``, written to ``folder`` under the same file name (``git show REV:./path``).

    ``./`` makes the path relative to the folder git runs in (the blueprint's), as gitrevisions documents for
    ``<rev>:<path>``: "A path starting with ./ or ../ is relative to the current working directory"
    (https://git-scm.com/docs/gitrevisions).
    """
    import subprocess

    if rev.startswith("-"):
        raise VersionError(f"--rev {rev}: a revision cannot start with '-'")
    try:
        shown = subprocess.run(
            ["git", "show", f"{rev}:./{path.name}"], cwd=path.parent.resolve(), capture_output=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise VersionError("--rev needs git, which is not installed (compare two files instead: plgen diff OLD NEW)") from None
    if shown.returncode != 0:
        reason = shown.stderr.decode(errors="replace").strip().splitlines()
        raise VersionError(f"{path}: cannot read it at revision {rev}: {reason[0] if reason else 'git show failed'}")
    target = folder / path.name
    target.write_bytes(shown.stdout)
    return target


# -- reports ---------------------------------------------------------------------------------------


def _counts(u: UnitDiff) -> str:
    parts = [f"{len(u.added)} to add", f"{len(u.changed) - len(u.replaced)} to change", f"{len(u.replaced)} to replace", f"{len(u.removed)} to remove"]
    if u.moved:
        parts.append(f"{len(u.moved)} moved")
    return ", ".join(parts)


def _state_note(u: UnitDiff, markdown: bool = False) -> str:
    """Where the moved resources' state is today, when it is another unit's."""
    sources = sorted({m.from_unit for m in u.moved if m.from_unit != u.unit})
    if not sources:
        return ""
    quote = "`" if markdown else ""
    names = ", ".join(f"{quote}{s}{quote}" for s in sources)
    return f" (the resources are in {names}'s state today: move that state to {quote}{u.unit}{quote} first)"


def _moved_block(m: Moved) -> str:
    return f"moved {{\n  from = {m.source}\n  to   = {m.target}\n}}"


def text(diff: Diff) -> str:
    lines = [f"plgen diff {diff.old} -> {diff.new}"]
    if not diff.changed:
        lines.append("no changes: every unit compiles to the same resources")
        return "\n".join(lines) + "\n"
    for u in diff.units:
        if u.empty:
            continue
        where = f" ({u.account}, {u.region})" if u.account else ""
        lines.append(f"\nunit {u.unit}{where}: {_counts(u)}")
        lines += [f"  + {a}" for a in u.added]
        for c in u.changed:
            if c.replaced_by:
                lines.append(f"  -/+ {c.address}: replaced ({', '.join(c.arguments)})")
                lines += [f"        {arg}: {reason}" for arg, reason in c.replaced_by]
            else:
                lines.append(f"  ~ {c.address}: {', '.join(c.arguments)}")
        lines += [f"  - {a}" for a in u.removed]
        for m in u.moved:
            also = f"; then {', '.join(m.in_place)} updated in place" if m.in_place else ""
            lines.append(f"  > {m.source} -> {m.target}: same resource under a new key{also}")
        if u.moved:
            lines.append(f"  moved blocks for {u.unit}'s root (a moved.tf beside its main file){_state_note(u)}:")
            lines += ["      " + line for m in u.moved for line in _moved_block(m).splitlines()]
    lines.append("\napply in this order:")
    lines += [f"  {i}. {s.unit} ({s.why})" for i, s in enumerate(diff.order, 1)]
    return "\n".join(lines) + "\n"


def markdown(diff: Diff) -> str:
    lines = [f"### plgen diff: `{diff.old}` → `{diff.new}`", ""]
    if not diff.changed:
        return "\n".join([*lines, "No changes: every unit compiles to the same resources.", ""])
    lines += ["| Unit | Account | Region | Add | Change | Replace | Remove | Moved |", "|---|---|---|---:|---:|---:|---:|---:|"]
    for u in diff.units:
        if not u.empty:
            lines.append(
                f"| `{u.unit}` | {u.account} | {u.region} | {len(u.added)} | {len(u.changed) - len(u.replaced)} | {len(u.replaced)} | {len(u.removed)} | {len(u.moved)} |"
            )
    replaced = [(u, c) for u in diff.units for c in u.replaced]
    if replaced:
        lines += ["", "**AWS will replace** (destroy and create):", ""]
        for u, c in replaced:
            lines.append(f"- `{c.address}` in `{u.unit}`: " + "; ".join(f"`{arg}`: {reason}" for arg, reason in c.replaced_by))
    moved = [u for u in diff.units if u.moved]
    if moved:
        lines += ["", "**Renamed, same resources**: add these `moved` blocks to the unit's root (a `moved.tf`) so Terraform keeps them:", ""]
        for u in moved:
            lines += [f"`{u.unit}`{_state_note(u, markdown=True)}:", "", "```hcl", *[_moved_block(m) for m in u.moved], "```", ""]
    lines += ["", "**Apply in this order:**", ""]
    lines += [f"{i}. `{s.unit}` ({s.why})" for i, s in enumerate(diff.order, 1)]
    lines += ["", "<details><summary>Every resource</summary>", ""]
    for u in diff.units:
        if u.empty:
            continue
        lines.append(f"`{u.unit}`:")
        lines.append("")
        lines += [f"- add `{a}`" for a in u.added]
        lines += [f"- {'replace' if c.replaced_by else 'change'} `{c.address}` ({', '.join(c.arguments)})" for c in u.changed]
        lines += [f"- remove `{a}`" for a in u.removed]
        lines += [f"- move `{m.source}` → `{m.target}`" for m in u.moved]
        lines.append("")
    lines += ["</details>", ""]
    return "\n".join(lines)


def as_json(diff: Diff) -> dict[str, Any]:
    return {
        "old": diff.old,
        "new": diff.new,
        "changed": diff.changed,
        "units": [
            {
                "unit": u.unit,
                "account": u.account,
                "region": u.region,
                "added": u.added,
                "removed": u.removed,
                "changed": [
                    {"address": c.address, "type": c.type, "arguments": list(c.arguments), "replaced_by": [{"argument": a, "why": w} for a, w in c.replaced_by]}
                    for c in u.changed
                ],
                "moved": [{"from": m.source, "to": m.target, "type": m.type, "from_unit": m.from_unit, "in_place": list(m.in_place)} for m in u.moved],
            }
            for u in diff.units
            if not u.empty
        ],
        "order": [{"unit": s.unit, "why": s.why} for s in diff.order],
    }
