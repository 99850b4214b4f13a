"""Module and resource instances: ``for_each``/``count`` expansion, the module tree, variables, and the root.

Instances expand as Terraform plans them (https://developer.hashicorp.com/terraform/language/meta-arguments/for_each,
.../count): ``for_each`` takes a map or a set of strings (a list is refused by Terraform; here it is cannot-judge,
since a value read as a list may be a set in Terraform's types), ``count`` a whole number. A ``for_each`` or
``count`` that depends on a value known only after apply, or on a data source Terraform reads from AWS at plan,
is cannot-judge, located at the resource or module call. A module call's source is read from disk: a local path,
or the directory ``terraform init`` recorded in ``.terraform/modules/modules.json``; any other (a registry or git
module not installed) is cannot-judge naming the call.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from plgen.errors import CompileError
from plgen.graph.document import UNKNOWN_SHAPE, Document
from plgen.graph.files import MAX_MODULE_DEPTH
from plgen.paths.hcl.expressions import Evaluator
from plgen.paths.hcl.types import conform, type_of
from plgen.terraform.schema import block_schema
from plgen.paths.hcl.values import CannotJudge, EvaluationError, Ref, TerraformSet, address, kind, to_number

_DATA = re.compile(r"(?:^|[.(, ])data\.[a-z0-9_]+\.")
META = ("for_each", "count", "provider", "lifecycle", "depends_on")


def _when(ref: Ref) -> str:
    """Why a value is not known offline: a data source is read from AWS at plan, anything else at apply."""
    return "read from AWS at plan" if _DATA.search(ref.path) else "known only after apply"


@dataclass
class ResourceInstance:
    module: ModuleInstance
    type: str
    name: str
    key: Any
    body: dict[str, Any]
    scope: dict[str, Any]
    mode: str = "resource"

    @cached_property
    def address(self) -> str:
        local = f"{self.type}.{self.name}" if self.mode == "resource" else f"data.{self.type}.{self.name}"
        return address(self.module.address, local, self.key)

    def get_attribute(self, name: str) -> Any:
        if name in self.body and name not in META:
            return self.argument(name)
        if f"{name} {{}}" in self.body or f"dynamic {name} {{}}" in self.body:
            return self.argument(name)
        return Ref(f"{self.address}.{name}")

    def argument(self, name: str, default: Any = None) -> Any:
        """The evaluated argument (a nested block, static or ``dynamic``: the list of its evaluated bodies)."""
        if name not in self.body and f"{name} {{}}" not in self.body and f"dynamic {name} {{}}" not in self.body:
            return default
        where = f"{self.module.location}: {self.address}.{name}"
        with self.module.root.evaluating(where):
            if name in self.body.get(UNKNOWN_SHAPE, ()):
                raise CannotJudge(f"{name}: a nested block or an attribute? Terraform JSON leaves that to the provider schema, which plgen's snapshot lacks for {self.type}")
            schema = self.schema()
            if name in self.body:
                cty = (schema.get("attributes", {}).get(name) or {}).get("type") if schema else None
                value = self.module.evaluator.value(self.body[name], self.scope)
                return conform(value, cty) if cty is not None else value
            blocks = {k: v for k, v in self.body.items() if k in (f"{name} {{}}", f"dynamic {name} {{}}")}
            bodies = self._block(blocks, self.scope).get(name, [])
            nested = ((schema or {}).get("block_types", {}).get(name) or {}).get("block")
            if nested:
                return [_conform_block(b, nested) for b in bodies]
            cty = ((schema or {}).get("attributes", {}).get(name) or {}).get("type")  # an attribute written as blocks
            return conform(bodies, cty) if cty is not None else bodies

    def schema(self) -> dict[str, Any] | None:
        """The provider's schema of this resource type (None for a type plgen's snapshot lacks)."""
        return _schema("resource" if self.mode == "resource" else "data", self.type)

    def _block(self, body: dict[str, Any], scope: dict[str, Any]) -> dict[str, Any]:
        """A nested block's evaluated body: its nested blocks by name (lists), ``dynamic`` blocks expanded over their ``for_each``."""
        out: dict[str, Any] = {}
        for key, value in body.items():
            if key.startswith("dynamic ") and key.endswith(" {}"):
                label = key[len("dynamic ") : -len(" {}")]
                items = out.setdefault(label, [])
                for spec in value:
                    iterator = spec.get("iterator", label) if isinstance(spec.get("iterator"), str) else label
                    collection = self.module.evaluator.value(spec.get("for_each"), scope)
                    if isinstance(collection, Ref):
                        raise CannotJudge(f"the dynamic {label} blocks (their for_each is {_when(collection)}: {collection.path})")
                    if collection is None:
                        raise EvaluationError(f"the for_each of a dynamic {label} block is null")
                    if isinstance(collection, dict):
                        pairs = sorted(collection.items())
                    elif isinstance(collection, TerraformSet):
                        pairs = [(v, v) for v in collection]
                    elif isinstance(collection, list):  # a list or tuple: the key is the index
                        pairs = list(enumerate(collection))
                    else:
                        raise EvaluationError(f"the for_each of a dynamic {label} block must be a collection, not {kind(collection)}")
                    for k, v in pairs:
                        inner = {**scope, iterator: {"key": k, "value": v}}
                        items += [self._block(c, inner) for c in spec.get("content {}", [])]
            elif key.endswith(" {}"):
                out.setdefault(key[: -len(" {}")], []).extend(self._block(b, scope) for b in value)
            else:
                out[key] = self.module.evaluator.value(value, scope)
        return out

    @property
    def provider(self) -> str:
        return self.module.provider_region(self.body.get("provider", "aws"))


@dataclass
class ModuleInstance:
    root: Root
    directory: str  # relative to the root folder ("." for the root)
    address: str  # "" for the root, module.x["k"] below
    variables: Variables
    providers: dict[str, str]  # provider configuration name in this module -> Region
    context: dict[str, Any] = field(default_factory=dict)  # the caller's each.value (account, Region of a side)
    calls: tuple[str, ...] = ()  # the module call names from the root (the key .terraform/modules/modules.json uses)
    _locals: dict[str, Any] = field(default_factory=dict)
    _resources: dict[str, Any] = field(default_factory=dict)
    _modules: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.doc: Document = self.root.document(self.directory)
        self.evaluator = Evaluator(self)

    @property
    def location(self) -> str:
        """Where this instance's code is, for messages: its directory, and its address below the root."""
        return _location(self.directory, self.address)

    def provider_region(self, name: str) -> str:
        name = name.removeprefix("${").removesuffix("}")
        return self.providers.get(name, self.providers.get("aws", ""))

    # namespaces
    def namespace(self, name: str) -> Any:
        if name in ("var", "local", "module", "data"):
            return _Namespace(self, name)
        if name in ("each", "count", "self"):
            raise EvaluationError(f"{name} is not available here", self.location)
        if name == "path":  # https://developer.hashicorp.com/terraform/language/expressions/references#filesystem-and-workspace-info
            return _Namespace(self, "path")
        if name == "terraform":
            raise CannotJudge("terraform.* (the workspace is chosen when Terraform runs)", self.location)
        return _Namespace(self, "resource", name)

    def local(self, name: str) -> Any:
        if name not in self._locals:
            node = self.doc.nodes.get(f"local.{name}")
            if node is None:
                raise EvaluationError(f"no local {name}", self.location)
            with self.root.evaluating(f"{self.location}: local.{name}", cycle="locals"):
                self._locals[name] = self.evaluator.value(node[1]["value"], {})
        return self._locals[name]

    def resources(self, type_name: str, name: str, mode: str = "resource") -> Any:
        """``aws_x.y``: one instance, a map of instances (for_each) or a list (count)."""
        local = f"{type_name}.{name}" if mode == "resource" else f"data.{type_name}.{name}"
        if local not in self._resources:
            node = self.doc.nodes.get(local)
            if node is None:
                raise EvaluationError(f"{local} is not declared", self.location)
            with self.root.evaluating(f"{self.location}: {local}"):
                self._resources[local] = self._expand(local, node[1], lambda key, scope: ResourceInstance(self, type_name, name, key, node[1], scope, mode))
        return self._resources[local]

    def module(self, name: str) -> Any:
        if name not in self._modules:
            node = self.doc.nodes.get(f"module.{name}")
            if node is None:
                raise EvaluationError(f"no module call {name}", self.location)
            if len(self.calls) >= MAX_MODULE_DEPTH:
                raise EvaluationError(f"module calls nested more than {MAX_MODULE_DEPTH} deep at module.{name} (a module that calls itself?)", self.location)
            body = node[1]
            child_dir = self._source(name, body.get("source"))
            mapping = body.get("providers") or {"aws": "aws"}
            providers = {child: self.provider_region(parent) for child, parent in mapping.items()}

            def make(key, scope):
                # Inputs are evaluated when the child reads them, as Terraform does: a provider module can take its
                # consumers' endpoint IDs while they take its service names, without a cycle.
                inputs = {
                    k: (lambda k=k, v=v, scope=scope: self._input(f"module.{name}", key, k, v, scope))
                    for k, v in body.items()
                    if k not in ("source", "version", "for_each", "count", "providers", "depends_on")
                }
                context = scope.get("each", {}).get("value") if isinstance(scope.get("each"), dict) else None
                return self.root.instance(
                    child_dir,
                    address(self.address, f"module.{name}", key),
                    inputs,
                    providers,
                    context if isinstance(context, dict) else self.context,
                    (*self.calls, name),
                )

            with self.root.evaluating(f"{self.location}: module.{name}"):
                self._modules[name] = self._expand(f"module.{name}", body, make)
        return self._modules[name]

    def _input(self, call: str, key: Any, name: str, value: Any, scope: dict[str, Any]) -> Any:
        with self.root.evaluating(f"{self.location}: {address('', call, key)}.{name}"):
            return self.evaluator.value(value, scope)

    def _source(self, name: str, source: Any) -> str:
        """The directory of a module call: installed by ``terraform init``, or a local path; else cannot-judge."""
        installed = self.root.installed(".".join((*self.calls, name)))
        if not isinstance(source, str):
            raise EvaluationError(f"module.{name} has no source", self.location)
        if source.startswith(("./", "../")):
            return _normalize(f"{self.directory}/{source}")
        if installed is not None:
            return installed
        raise CannotJudge(f"module.{name}: its source {source!r} is not on disk (no .terraform/modules entry: run terraform init)", self.location)

    def get_attribute(self, name: str) -> Any:
        """``module.x["k"].name``: the child's output."""
        return self.output(name)

    def output(self, name: str) -> Any:
        node = self.doc.nodes.get(f"output.{name}")
        if node is None:
            raise EvaluationError(f"no output {name}", self.location)
        with self.root.evaluating(f"{self.location}: output.{name}"):
            return self.evaluator.value(node[1]["value"], {})

    def _expand(self, local: str, body: dict[str, Any], make: Callable[[Any, dict[str, Any]], Any]):
        if "for_each" in body:
            collection = self.evaluator.value(body["for_each"], {})
            if isinstance(collection, Ref):
                raise CannotJudge(f"the instances of {local}: its for_each is {_when(collection)} ({collection.path})", self.location)
            if isinstance(collection, dict):
                items = sorted(collection.items())
            elif isinstance(collection, TerraformSet) and all(isinstance(k, str) for k in collection):
                items = [(k, k) for k in collection]
            elif isinstance(collection, list):
                raise CannotJudge(
                    f"the instances of {local}: its for_each is a list or tuple here (Terraform takes only a map or a set of strings)", self.location
                )
            else:
                raise EvaluationError(f"the for_each of {local} must be a map or a set of strings, not {kind(collection)}", self.location)
            return {k: make(k, {"each": {"key": k, "value": v}}) for k, v in items}
        if "count" in body:
            count = to_number(self.evaluator.value(body["count"], {}))
            if isinstance(count, Ref):
                raise CannotJudge(f"the instances of {local}: its count is {_when(count)} ({count.path})", self.location)
            if not isinstance(count, int) or count < 0:
                raise EvaluationError(f"the count of {local} must be a non-negative whole number", self.location)
            return [make(i, {"count": {"index": i}}) for i in range(count)]
        return make(None, {})

    # every instance, for the proof
    def resource_instances(self, type_name: str, name: str) -> list[ResourceInstance]:
        """The instances of resource ``type_name.name`` in this module instance, as a list whatever its meta-argument."""
        return _instances(self.resources(type_name, name))

    def all_resources(self) -> list[ResourceInstance]:
        out = []
        for local, (kind_, _) in self.doc.nodes.items():
            if kind_ == "resource":
                type_name, name = local.split(".", 1)
                out.extend(self.resource_instances(type_name, name))
        return out

    def all_modules(self) -> list[ModuleInstance]:
        out = []
        for local, (kind_, _) in self.doc.nodes.items():
            if kind_ == "module":
                for child in _instances(self.module(local.split(".", 1)[1])):
                    out.extend([child, *child.all_modules()])
        return out


@cache
def _schema(kind_: str, type_name: str) -> dict[str, Any] | None:
    try:
        return block_schema(kind_, type_name)
    except CompileError:
        return None


def _conform_block(body: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """A nested block's evaluated body with its attributes converted to the schema's types (blocks inside too)."""
    out = {}
    for key, value in body.items():
        cty = (schema.get("attributes", {}).get(key) or {}).get("type")
        nested = (schema.get("block_types", {}).get(key) or {}).get("block")
        if cty is not None:
            out[key] = conform(value, cty)
        elif nested and isinstance(value, list):
            out[key] = [_conform_block(b, nested) for b in value]
        else:
            out[key] = value
    return out


def _location(directory: str, addr: str) -> str:
    return "root module" if not addr else f"{addr} ({directory})"


def _instances(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, list):
        return value
    return [value]


def _normalize(path: str) -> str:
    parts: list[str] = []
    for part in PurePosixPath(path).parts:
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            else:
                parts.append(part)
        elif part != ".":
            parts.append(part)
    return "/".join(parts) or "."


class Variables:
    """A module instance's variables: each input evaluated on first read, converted by its type (optional defaults).

    https://developer.hashicorp.com/terraform/language/values/variables: a variable without a default must be
    given (in the root: by a variable file or the command line, which plgen does not see, so cannot-judge naming
    it; in a child: by its module call, else Terraform rejects the call); ``nullable = false`` makes a null
    input take the default.
    """

    def __init__(self, doc: Document, location: str, inputs: dict[str, Any], root: bool = False) -> None:
        self._specs = {local.split(".", 1)[1]: body for local, (kind_, body) in doc.nodes.items() if kind_ == "variable"}
        self._inputs, self._location, self._root = inputs, location, root
        self._values: dict[str, Any] = {}
        self._reading: set[str] = set()

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self._specs else default

    def __getitem__(self, name: str) -> Any:
        if name not in self._values:
            if name in self._reading:
                raise EvaluationError(f"variable {name} depends on itself", self._location)
            self._reading.add(name)
            try:
                spec = self._specs[name]
                if name in self._inputs:
                    value = self._inputs[name]()
                    if value is None and spec.get("nullable") is False and "default" in spec:
                        value = spec["default"]
                elif "default" in spec:
                    value = spec["default"]
                elif self._root:
                    raise CannotJudge(f"var.{name}: a required variable without a value (no default, no tfvars value)", self._location)
                else:
                    raise EvaluationError(f"var.{name} is required and its module call does not set it", self._location)
                try:
                    self._values[name] = type_of(spec["type"]).convert(value) if "type" in spec else value
                except EvaluationError as exc:
                    raise exc.located(f"{self._location}: var.{name}") from None
            finally:
                self._reading.discard(name)
        return self._values[name]


class _Namespace:
    def __init__(self, module: ModuleInstance, kind: str, type_name: str | None = None) -> None:
        self.module, self.kind, self.type_name = module, kind, type_name

    def get_attribute(self, name: Any) -> Any:
        m = self.module
        if self.kind == "var":
            if name not in m.variables:
                raise EvaluationError(f"no variable {name}", m.location)
            return m.variables[name]
        if self.kind == "local":
            return m.local(name)
        if self.kind == "module":
            return m.module(name)
        if self.kind == "resource":
            return m.resources(self.type_name, name)
        if self.kind == "data":
            return _Namespace(m, "data-type", name)
        if self.kind == "data-type":
            return m.resources(self.type_name, name, "data")
        if self.kind == "path" and name in ("module", "root"):  # relative to the root, as Terraform gives them
            return m.directory if name == "module" else "."
        if self.kind == "path":
            raise CannotJudge(f"path.{name} (the directory Terraform runs in)", m.location)
        raise EvaluationError(f"{self.kind}.{name} is not supported", m.location)


class Root:
    """A root module folder (or a compiled blueprint in memory) and its variable values, ready to be evaluated."""

    def __init__(self, read_document: Callable[[str], Document], data: dict[str, Any], installed: dict[str, str] | None = None) -> None:
        self._read = read_document  # module directory relative to the root ("." first) -> Document
        self._documents: dict[str, Document] = {}
        self._installed = installed or {}
        self._active: list[str] = []  # what is being evaluated, innermost last (for cycles and locations)
        self.data = data

    @classmethod
    def folder(cls, folder: Path) -> Root:
        """A root on disk as Terraform plans it: ``*.tf`` and ``*.tf.json`` (overrides merged), its variable files
        (``plgen.paths.inputs``), and the modules ``terraform init`` installed under ``.terraform/modules``."""
        from plgen.graph import files
        from plgen.paths import inputs

        folder = Path(folder)
        if not files.has_configuration(folder):
            raise FileNotFoundError(f"{folder}: no Terraform files (*.tf.json or *.tf) to prove paths on")
        budget = files.Budget()
        data = inputs.variable_values(folder, budget)
        installed = inputs.installed_modules(folder, budget)
        return cls(lambda d: files.read_module(folder / d, budget), data, installed)

    @classmethod
    def modules(cls, modules: dict[str, dict[str, Any]], data: dict[str, Any]) -> Root:
        """A compiled blueprint held in memory (module directory -> Terraform JSON)."""
        from plgen.graph import from_json

        return cls(lambda d: from_json.document(modules[str(PurePosixPath(d))], canonical=False), data)

    def document(self, directory: str) -> Document:
        directory = str(PurePosixPath(directory))
        if directory not in self._documents:
            self._documents[directory] = self._read(directory)
        return self._documents[directory]

    def installed(self, key: str) -> str | None:
        """The directory ``terraform init`` installed a module call in (``a.b`` for module.a's module.b)."""
        return self._installed.get(key)

    def instance(
        self, directory: str, addr: str, inputs: dict[str, Any], providers: dict[str, str], context: dict | None, calls: tuple[str, ...] = ()
    ) -> ModuleInstance:
        location = _location(directory, addr)
        return ModuleInstance(self, directory, addr, Variables(self.document(directory), location, inputs, root=not addr), providers, context or {}, calls)

    def evaluating(self, what: str, cycle: str = "objects"):
        """A context for evaluating ``what``: a cycle through it is refused naming its members, an error raised inside
        is located at ``what`` (unless already located deeper), and Python's recursion limit becomes cannot-judge."""
        return _Evaluating(self, what, cycle)

    def evaluate(self) -> ModuleInstance:
        """The root module instance; its providers' Regions from the root's provider blocks."""
        root = self.instance(".", "", {k: (lambda v=v: v) for k, v in self.data.items()}, {}, {})
        for local, (kind_, body) in self.document(".").nodes.items():
            if kind_ == "provider":
                with self.evaluating(f"root module: {local}.region"):
                    root.providers[local.removeprefix("provider.")] = root.evaluator.value(body.get("region"), {})
        return root


class _Evaluating:
    def __init__(self, root: Root, what: str, cycle: str) -> None:
        self.root, self.what, self.cycle = root, what, cycle

    def __enter__(self) -> None:
        active = self.root._active
        if self.what in active:
            members = active[active.index(self.what) :]
            names = ", ".join(m.split(": ", 1)[-1] for m in members)
            if self.cycle == "locals":
                raise CannotJudge(f"the {self.cycle} {names}: they refer to each other in a cycle", self.what.split(": ", 1)[0])
            raise EvaluationError(f"cycle: {names} refer to each other", self.what.split(": ", 1)[0])
        active.append(self.what)

    def __exit__(self, kind_, error, traceback) -> bool:
        self.root._active.pop()
        if isinstance(error, RecursionError):
            raise CannotJudge("an evaluation nested too deeply (Python's recursion limit)", self.what) from None
        if isinstance(error, EvaluationError) and not error.where:
            raise error.located(self.what) from None
        return False
