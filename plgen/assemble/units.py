"""Deployment units: the example root cut into one small root per account x Region x side.

Every unit is derived from the compile records alone, never from a list of
today's modules: the root's module ``Call``s, their ``Instance``s (side, peer,
account, Region, the other sides each reads) and ``after`` (the calls whose
outputs a call reads). An instance of a call depends on the instances of the
calls in its ``after`` that belong to its own side or to a side it reads
(``Instance.reads``). Instances group by (side, peer, account, Region); when a
group would read from another group that reads from it (a provider accepts
the endpoints of consumers who read its service names), the later calls move
to a second unit of the same side, *stage* 1 (``<unit>-endpoint-acceptance``),
so the units always form a DAG and the manifest's order needs no cycles.

A unit holds the root's module blocks of its calls, only the locals they read,
and its slice of ``terraform.tfvars.json`` (the entries of its own instances
and of the sides they read). A module call of another unit becomes
``local.from_<call>``: the merge of that unit's output ``<call>`` (only the
module outputs some unit reads) read through ``terraform_remote_state`` with
``for_each`` over the unit's variable ``remote_states`` — so a provider unit
that accepts N consumers reads N states by data, and adding a consumer changes
only that data, never the provider unit's code.

Each unit's provider assumes a role in the unit's account (``deploy_role``,
overridable per side) and refuses any other account (``allowed_account_ids``);
its backend is the blueprint's ``state`` (S3, one key per unit, ``use_lockfile``)
or a local file in the unit's folder.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from plgen.aws.arns import partition_of
from plgen.blueprint.model import Blueprint
from plgen.assemble.handoff import EXTERNAL_ENDPOINTS, FILE, HANDOFFS, edge, external_files_expression, file_expression, handoff_file, side_handoffs
from plgen.interfaces.naming import alias
from plgen.records import Call, Instance, Unit, Wiring
from plgen.terraform.expr import module_outputs, refs

REMOTE_STATES = "remote_states"
LOCKFILE_VERSION = ">= 1.10.0"
MODULES_FROM_UNIT = "../../"  # a unit folder is <format>/units/<unit>/; the modules are <format>/modules/
SIDES = {  # a call's data -> side label
    "service_providers": "provider",
    "service_consumers": "consumer",
    "resource_providers": "provider",
    "resource_consumers": "consumer",
    "peers": "peer",
}

Node = tuple[str, str]  # (module call, instance key)
Group = tuple[str, str | None, str, str]  # (side, peer, account, Region)


@dataclass
class _Unit:
    group: Group
    stage: int
    nodes: list[Node] = field(default_factory=list)
    name: str = ""
    side: str = ""
    calls: list[str] = field(default_factory=list)
    blocks: dict[str, Any] = field(default_factory=dict)  # module call -> its block (from the root)
    locals: dict[str, Any] = field(default_factory=dict)  # local name -> its value (an Expr or text)
    variables: set[str] = field(default_factory=set)  # root variables its calls and locals read
    foreign: dict[str, set[str]] = field(default_factory=dict)  # foreign call -> producing units
    reads: dict[str, set[str]] = field(default_factory=dict)  # foreign call -> module outputs read
    by_file: dict[str, set[str]] = field(default_factory=dict)  # foreign call -> producing units handing it over as a file


def session_name(unit: str) -> str:
    """The role session name of every AssumeRole a unit makes: ``plgen-<unit>``, cut to STS's 64 characters
    (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html: RoleSessionName, 2 to 64 characters)."""
    return f"plgen-{unit}"[:64]


def role_arn(role: str, account: str, region: str) -> str:
    """The ARN of a deploy role in ``account``: a name, or a pattern with ``{account_id}``."""
    if role.startswith("arn:"):
        return role.replace("{account_id}", account)
    return f"arn:{partition_of(region)}:iam::{account}:role/{role}"


def build_units(bp: Blueprint, root: dict[str, Any], calls: tuple[Call, ...], data: dict[str, Any], modules: dict[str, Any], wiring: Wiring):
    """The units of a compiled blueprint: records in apply order, each unit's Terraform JSON and tfvars.

    What a unit holds and reads comes from the root's expressions as values (``wiring``): their references,
    never their text.
    """
    by_name = {c.name: c for c in calls}
    order = _call_order(calls)
    inst: dict[Node, Instance] = {(c.name, i.key): i for c in calls for i in c.instances}
    by_team: dict[str, dict[str, list[Instance]]] = {c.name: defaultdict(list) for c in calls}
    for c in calls:
        for i in c.instances:
            by_team[c.name][i.team].append(i)

    def related(i: Instance, j: Instance) -> bool:
        return j.peer is None or i.peer is None or j.peer == i.peer

    deps: dict[Node, list[Node]] = {}
    for name in order:
        for i in by_name[name].instances:
            out = []
            for d in by_name[name].after:
                for team in dict.fromkeys((i.team, *i.reads)):
                    out += [(d, j.key) for j in by_team[d].get(team, ()) if related(i, j)]
            deps[(name, i.key)] = out

    group = {n: (i.team, i.peer, i.account, i.region) for n, i in inst.items()}
    stage: dict[Node, int] = {}
    latest_of: dict[Node, dict[Group, int]] = {}

    def latest(m: Node) -> dict[Group, int]:
        """Per group, the latest stage among ``m`` and everything it reads, transitively (built on first use, and
        used only for what another group reads: a SaaS acceptance's map has one entry per customer, where a set of
        everything each customer's later calls reach would be quadratic in customers)."""
        if m not in latest_of:
            out = {group[m]: stage[m]}
            for d in deps[m]:
                for g, s in latest(d).items():
                    if s > out.get(g, -1):
                        out[g] = s
            latest_of[m] = out
        return latest_of[m]

    for name in order:  # dependencies first
        for i in by_name[name].instances:
            n = (name, i.key)
            s = 0
            for m in deps[n]:
                if group[m] == group[n]:
                    s = max(s, stage[m])
                else:  # reading another group that reads this one: this call comes after those of its group
                    s = max(s, latest(m).get(group[n], -1) + 1)
            stage[n] = s
    last: dict[Group, int] = {}  # per group, its latest stage but that of instances applied in a unit of their own
    for n, s in stage.items():
        if not inst[n].own_unit:
            last[group[n]] = max(last.get(group[n], 0), s)
    for n in stage:
        if inst[n].own_unit:  # nothing reads them, so a later stage never breaks an order
            stage[n] = max(stage[n], last.get(group[n], -1) + 1)

    units: dict[tuple[Group, int], _Unit] = {}
    for name in order:
        for i in by_name[name].instances:
            n = (name, i.key)
            u = units.setdefault((group[n], stage[n]), _Unit(group[n], stage[n]))
            u.nodes.append(n)
            if name not in u.calls:
                u.calls.append(name)
    _name_units(list(units.values()), by_name)
    unit_of = {n: u for u in units.values() for n in u.nodes}

    team_of = {u.name: u.group[0] for u in units.values()}
    # The references of each call's inputs and of each local, once (every unit of a call shares them).
    found_in = {("call", c): refs(v) for c, v in wiring.inputs.items()} | {("local", n): refs(v) for n, v in wiring.locals.items()}
    chosen = side_handoffs(bp)
    for u in units.values():
        _collect(u, root, deps, unit_of, modules, by_name, wiring, found_in)
        u.by_file = {c: {p for p in ps if edge(bp, u.group[0], team_of[p], chosen) == FILE} for c, ps in u.foreign.items()}
    exports: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # producer -> call -> outputs
    for u in units.values():
        for call, producers in u.foreign.items():
            for p in producers:
                exports[p][call] |= u.reads[call]
    for u in units.values():  # what other organisations read of it (plgen.assemble.handoff)
        for call, key in u.nodes:
            for _, attr in inst[(call, key)].handoffs_out:
                exports[u.name][call].add(attr)

    ordered = _apply_order(units.values())
    roles = _roles(bp)
    owners = _owners(by_name)
    positions = {name: {k: n for n, k in enumerate(v)} for name, v in data.items() if isinstance(v, dict)}  # a unit takes a few of thousands
    records, documents, inputs = [], {}, {}
    for u in ordered:
        doc, accounts = _document(bp, u, root, by_name, inst, roles, exports.get(u.name, {}), wiring)
        documents[u.name] = doc
        inputs[u.name] = _inputs(bp, u, doc, data, owners, inst, positions)
        readers = {p: set() for c in u.foreign.values() for p in c}
        for call, producers in u.foreign.items():
            for p in producers:
                readers[p] |= {f"{call}.{o}" for o in u.reads[call]}
        team, peer, account, region = u.group
        handoffs = tuple(sorted((p, c) for c, ps in u.by_file.items() for p in ps))
        handoffs_in = tuple(sorted({h for n in u.nodes for h in inst[n].handoffs_in}))
        handoffs_out = tuple(sorted({(org, n[0]) for n in u.nodes for org, _ in inst[n].handoffs_out}))
        records.append(
            Unit(
                u.name,
                u.side,
                team,
                account,
                region,
                tuple(u.calls),
                tuple((p, tuple(sorted(v))) for p, v in sorted(readers.items())),
                accounts,
                handoffs=handoffs,
                handoffs_in=handoffs_in,
                handoffs_out=handoffs_out,
            )
        )
    return tuple(records), documents, inputs


# -- deriving ---------------------------------------------------------------------------


def _call_order(calls: tuple[Call, ...]) -> list[str]:
    """Module calls, every call after the calls it reads (the example root's calls form a DAG)."""
    done: dict[str, None] = {}
    by_name = {c.name: c for c in calls}

    def visit(name: str) -> None:
        if name not in done:
            for d in by_name[name].after:
                visit(d)
            done[name] = None

    for c in calls:
        visit(c.name)
    return list(done)


def _name_units(units: list[_Unit], by_name: dict[str, Call]) -> None:
    """``<side>-<team>[-<peer>]``, then the Region when a side has units in several, then later stages' modules."""
    first: dict[Group, str] = {}  # a group's side is that of its first call (a later stage's calls may read other data)
    for u in sorted(units, key=lambda u: u.stage):
        first.setdefault(u.group, u.calls[0])
    for u in units:
        data = by_name[first[u.group]].data or ""
        u.side = SIDES.get(data, data or "root")
    bases: dict[str, set[str]] = defaultdict(set)
    for u in units:
        team, peer, _, region = u.group
        bases["-".join(filter(None, (u.side, team, peer)))].add(region)
    seen: set[str] = set()
    for u in units:
        team, peer, _, region = u.group
        base = "-".join(filter(None, (u.side, team, peer)))
        name = base + (f"-{region}" if len(bases[base]) > 1 else "")
        if u.stage:
            name += "-" + "-".join(dict.fromkeys(by_name[c].module.rsplit("/", 1)[-1] for c in u.calls))
        if name in seen:
            name += f"-{u.group[2]}"
        seen.add(name)
        u.name = name


def _collect(
    u: _Unit, root: dict[str, Any], deps: dict[Node, list[Node]], unit_of: dict[Node, _Unit], modules: dict[str, Any], by_name: dict[str, Call], wiring: Wiring, found_in
) -> None:
    """The unit's module blocks, the locals they read, and what it reads from which other unit (from the references)."""
    u.blocks = {c: dict(root["module"][c]) for c in u.calls}  # shallow: _document replaces values, never changes them
    found = [found_in["call", c] for c in u.calls]
    pending = [r for f in found for r in f if r.kind == "local"]
    while pending:
        ref = pending.pop()
        if ref.name not in u.locals:
            u.locals[ref.name] = wiring.locals[ref.name]
            more = found_in["local", ref.name]
            found.append(more)
            pending.extend(r for r in more if r.kind == "local")
    every = frozenset().union(*found)
    u.variables = {r.name for r in every if r.kind == "var"}
    read = module_outputs(list(every))
    for call in sorted(set(read) - set(u.calls)):
        u.reads[call] = set(read[call]) & set(modules.get(by_name[call].module, {}).get("output", {}))
        u.foreign[call] = {unit_of[m].name for n in u.nodes for m in deps[n] if m[0] == call}


def _apply_order(units) -> list[_Unit]:
    """Units with every unit it reads before it; refuses a cycle (the staging above prevents one)."""
    units = sorted(units, key=lambda u: u.name)
    by_name = {u.name: u for u in units}
    done: dict[str, None] = {}
    visiting: set[str] = set()

    def visit(u: _Unit) -> None:
        if u.name in done:
            return
        if u.name in visiting:
            raise AssertionError(f"deployment units form a cycle through {u.name}")
        visiting.add(u.name)
        for producers in u.foreign.values():
            for p in sorted(producers):
                visit(by_name[p])
        visiting.discard(u.name)
        done[u.name] = None

    for u in units:
        visit(u)
    return [by_name[n] for n in done]


def _roles(bp: Blueprint) -> dict[str, str]:
    """The role assumed in each account: the blueprint's, or the override of a side owning that account."""
    roles: dict[str, str] = {}
    for side in [*bp.providers, *bp.consumers]:
        if side.deploy_role:
            roles.setdefault(side.account_id, side.deploy_role)
        for peer in side.peers:
            if peer.deploy_role:
                roles.setdefault(peer.account_id or side.account_id, peer.deploy_role)
    return roles


# -- writing ----------------------------------------------------------------------------


def _document(bp, u: _Unit, root, by_name, inst, roles, exports: dict[str, set[str]], wiring: Wiring):
    """The unit's root as Terraform JSON: backend, providers, variables, remote states, locals, calls, outputs."""
    team, peer, account, region = u.group
    own_role = next((inst[n].role for n in u.nodes if inst[n].role), None)
    configs: dict[tuple[str, str], str] = {}  # (Region, account) -> provider reference in the unit
    rename = {call: f"local.from_{call}" for call in u.foreign}  # a module call of another unit: its outputs, read from its state
    blocks = {}
    for call in u.calls:
        block = dict(u.blocks[call])
        block["source"] = block["source"].replace("./", MODULES_FROM_UNIT, 1)
        sample = next(inst[n] for n in u.nodes if n[0] == call)
        accounts = dict(sample.accounts)
        mapping = {}
        for config, config_region in sorted(by_name[call].providers.items()):
            key = (config_region, accounts.get(config, sample.account))
            if key not in configs:
                default = key == (region, account) or (not configs and (region, account) not in _wanted(u, by_name, inst))
                configs[key] = "aws" if default else f"aws.{alias(key[0])}" + ("" if key[1] == account else f"_{key[1]}")
            mapping[config] = configs[key]
        for key, value in wiring.inputs[call].items():  # the inputs and for_each, another unit's calls renamed
            block[key] = "${" + _text(value, rename) + "}"
        block.pop("providers", None)
        if mapping != {"aws": "aws"}:
            block["providers"] = mapping
        blocks[call] = block
    providers = []
    for (config_region, config_account), ref in sorted(configs.items(), key=lambda kv: kv[1]):
        role = own_role if config_account == account and own_role else roles.get(config_account, bp.deploy_role)
        config: dict[str, Any] = {
            "region": config_region,
            "allowed_account_ids": [config_account],
            "assume_role": [{"role_arn": role_arn(role, config_account, config_region), "session_name": session_name(u.name)}],
        }
        if ref != "aws":
            config = {"alias": ref.split(".", 1)[1], **config}
        providers.append(config)

    locals_ = {name: "${" + _text(v, rename) + "}" for name, v in u.locals.items()}
    if EXTERNAL_ENDPOINTS in locals_ and any(inst[n].handoffs_in for n in u.nodes):  # customers of other organisations hand files over
        locals_[EXTERNAL_ENDPOINTS] = "${" + external_files_expression() + "}"
    remote = {}
    for call, producers in sorted(u.foreign.items()):
        parts = []
        if producers - u.by_file[call]:
            remote[call] = {
                "for_each": f'${{var.{REMOTE_STATES}["{call}"]}}',
                "backend": "s3" if bp.s3_state else "local",
                "config": _reader_config(bp, u.name, providers),
            }
            parts.append(f"[for unit in data.terraform_remote_state.{call} : unit.outputs.{call}]")
        if u.by_file[call]:  # hand-off files (plgen.assemble.handoff)
            parts.append(file_expression(call))
        if not parts:
            locals_[f"from_{call}"] = "${{}}"
        else:
            locals_[f"from_{call}"] = f"${{merge({parts[0] if len(parts) == 1 else 'concat(' + ', '.join(parts) + ')'}...)}}"
    variables = {}
    for name in sorted(u.variables):
        variables[name] = copy.deepcopy(root["variable"][name])
    if any(u.by_file.values()):
        variables[HANDOFFS] = {
            "type": "map(list(string))",
            "description": "Per module call read from another side's units: the hand-off files (`terraform output -json` of the producer) in this folder (from units.json).",
        }
    if remote:
        variables[REMOTE_STATES] = {
            "type": "map(map(map(string)))",
            "description": "Per module call read from other units: per unit, the backend configuration of its state (from units.json).",
        }
    outputs = {}
    for call, attrs in sorted(exports.items()):
        fields = ", ".join(f"{a} = m.{a}" for a in sorted(attrs))
        outputs[call] = {
            "value": f"${{{{ for key, m in module.{call} : key => {{ {fields} }} }}}}",
            "description": f"What other units read of module.{call}: {', '.join(sorted(attrs)) or 'nothing but its keys'}.",
        }
    for call in u.calls:  # a unit of its own (the verify unit) reports its module's outputs to whoever applies it
        if call not in outputs and any(inst[n].own_unit for n in u.nodes if n[0] == call):
            outputs[call] = {"value": f"${{module.{call}}}", "description": f"The outputs of module.{call}, per side: what this unit found."}
    settings = {k: v for k, v in root["terraform"].items() if k != "backend"}
    if bp.s3_state:  # use_lockfile came with Terraform 1.10 (https://developer.hashicorp.com/terraform/language/backend/s3)
        settings["required_version"] = LOCKFILE_VERSION
    doc: dict[str, Any] = {"terraform": {**settings, "backend": _backend(bp, u.name, providers)}, "provider": {"aws": providers}}
    doc["variable"] = variables
    if locals_:
        doc["locals"] = {k: locals_[k] for k in sorted(locals_)}
    if remote:
        doc["data"] = {"terraform_remote_state": remote}
    doc["module"] = {k: v for k, v in sorted(blocks.items())}
    if outputs:
        doc["output"] = outputs
    accounts = tuple(dict.fromkeys([account, *sorted(a for _, a in configs)]))
    return doc, accounts


def _text(value: Any, rename: dict[str, str]) -> str:
    """An expression's text in a unit (a plain string has no references to rename)."""
    return value if isinstance(value, str) else value.render(rename)


def _wanted(u, by_name, inst) -> set[tuple[str, str]]:
    out = set()
    for call in u.calls:
        sample = next(inst[n] for n in u.nodes if n[0] == call)
        for config, r in by_name[call].providers.items():
            out.add((r, dict(sample.accounts).get(config, sample.account)))
    return out


def _home_role(unit: str, providers: list[dict[str, Any]]) -> dict[str, str]:
    """The S3 backend's ``assume_role``: the unit's own deploy role (its default provider's), with the unit's session name.

    The backend takes a nested ``assume_role`` object since Terraform 1.6
    (https://developer.hashicorp.com/terraform/language/backend/s3#assume-role-configuration).
    """
    (default,) = (p for p in providers if "alias" not in p)
    return {"role_arn": default["assume_role"][0]["role_arn"], "session_name": session_name(unit)}


def _backend(bp: Blueprint, unit: str, providers: list[dict[str, Any]]) -> dict[str, Any]:
    if bp.s3_state is None:
        return {"local": {"path": "terraform.tfstate"}}
    kms = {"kms_key_id": bp.s3_state.kms_key_arn} if bp.s3_state.kms_key_arn else {}
    return {"s3": {**state_config(bp, unit), "use_lockfile": True, "encrypt": True, **kms, "assume_role": _home_role(unit, providers)}}


def _reader_config(bp: Blueprint, unit: str, providers: list[dict[str, Any]]) -> str:
    """A remote state read's configuration: the producer's backend, read as the reader's own role (S3 state)."""
    if bp.s3_state is None:
        return "${each.value}"
    role = _home_role(unit, providers)
    return f'${{merge(each.value, {{ assume_role = {{ role_arn = "{role["role_arn"]}", session_name = "{role["session_name"]}" }} }})}}'


def state_config(bp: Blueprint, unit: str) -> dict[str, str]:
    """What a reader of ``unit``'s state gives ``terraform_remote_state``: the unit's backend, seen from a sibling unit."""
    state = bp.s3_state
    if state is None:
        return {"path": f"../{unit}/terraform.tfstate"}
    prefix = state.key_prefix or bp.name
    return {"bucket": state.bucket, "key": f"{prefix}/{unit}/terraform.tfstate", "region": state.region}


def _owners(by_name: dict[str, Call]) -> dict[str, dict[str, list[tuple[str, Instance]]]]:
    """Per root variable a call iterates over: per side, its entries (key and the instance they belong to)."""
    owners: dict[str, dict[str, list[tuple[str, Instance]]]] = defaultdict(lambda: defaultdict(list))
    seen: set[tuple[str, str]] = set()
    for c in by_name.values():
        if c.data:
            for i in c.instances:
                if (c.data, i.key) not in seen:
                    seen.add((c.data, i.key))
                    owners[c.data][i.team].append((i.key, i))
    return owners


def _inputs(bp, u: _Unit, doc, data, owners, inst, positions: dict[str, dict[str, int]]) -> dict[str, Any]:
    """The unit's tfvars: its own instances' entries, and those of the sides they read."""
    mine = [inst[n] for n in u.nodes]
    out: dict[str, Any] = {}
    for name in doc["variable"]:
        if name == REMOTE_STATES:
            out[name] = {
                call: {p: state_config(bp, p) for p in sorted(producers - u.by_file[call])}
                for call, producers in sorted(u.foreign.items())
                if producers - u.by_file[call]
            }
        elif name == HANDOFFS:
            out[name] = {call: [handoff_file(p, call) for p in sorted(ps)] for call, ps in sorted(u.by_file.items()) if ps}
        elif name in owners and isinstance(data.get(name), dict):
            keys = set()
            for i in mine:
                for team in (i.team, *i.reads):
                    keys |= {k for k, owner in owners[name].get(team, ()) if owner.peer is None or i.peer is None or owner.peer == i.peer}
            entries = data[name]
            out[name] = {k: entries[k] for k in sorted(keys & entries.keys(), key=positions[name].__getitem__)}  # in the data's order
        elif name in data:
            out[name] = data[name]
    return out
