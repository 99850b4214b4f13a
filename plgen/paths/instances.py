"""Module and resource instances: ``for_each``/``count`` expansion, the module tree, variables, and the root."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from plgen.graph.document import Document
from plgen.paths.hcl.expressions import Evaluator
from plgen.paths.hcl.types import type_of
from plgen.paths.hcl.values import EvaluationError, Ref, address


@dataclass
class ResourceInstance:
    module: ModuleInstance
    type: str
    name: str
    key: Any
    body: dict[str, Any]
    scope: dict[str, Any]
    mode: str = "resource"

    @property
    def address(self) -> str:
        local = f"{self.type}.{self.name}" if self.mode == "resource" else f"data.{self.type}.{self.name}"
        return address(self.module.address, local, self.key)

    def get_attribute(self, name: str) -> Any:
        if name in self.body and name not in ("for_each", "count", "provider", "lifecycle", "depends_on"):
            return self.argument(name)
        if f"{name} {{}}" in self.body:
            return self.argument(name)
        return Ref(f"{self.address}.{name}")

    def argument(self, name: str, default: Any = None) -> Any:
        """The evaluated argument (a nested block: the list of its evaluated bodies)."""
        if name in self.body:
            return self.module.evaluator.value(self.body[name], self.scope)
        if f"{name} {{}}" in self.body:
            return [self._block(b, self.scope) for b in self.body[f"{name} {{}}"]]
        return default

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
                    pairs = collection.items() if isinstance(collection, dict) else ((v, v) for v in (collection or []))
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
    _locals: dict[str, Any] = field(default_factory=dict)
    _resources: dict[str, Any] = field(default_factory=dict)
    _modules: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.doc: Document = self.root.document(self.directory)
        self.evaluator = Evaluator(self)

    def provider_region(self, name: str) -> str:
        name = name.removeprefix("${").removesuffix("}")
        return self.providers.get(name, self.providers.get("aws", ""))

    # namespaces
    def namespace(self, name: str) -> Any:
        if name in ("var", "local", "module", "data", "each", "count", "path", "terraform"):
            return _Namespace(self, name)
        return _Namespace(self, "resource", name)

    def local(self, name: str) -> Any:
        if name not in self._locals:
            node = self.doc.nodes.get(f"local.{name}")
            if node is None:
                raise EvaluationError(f"{self.directory}: no local {name}")
            self._locals[name] = self.evaluator.value(node[1]["value"], {})
        return self._locals[name]

    def resources(self, type_name: str, name: str, mode: str = "resource") -> Any:
        """``aws_x.y``: one instance, a map of instances (for_each) or a list (count)."""
        local = f"{type_name}.{name}" if mode == "resource" else f"data.{type_name}.{name}"
        if local not in self._resources:
            node = self.doc.nodes.get(local)
            if node is None:
                raise EvaluationError(f"{self.directory}: {local} is not declared")
            self._resources[local] = self._expand(node[1], lambda key, scope: ResourceInstance(self, type_name, name, key, node[1], scope, mode))
        return self._resources[local]

    def module(self, name: str) -> Any:
        if name not in self._modules:
            node = self.doc.nodes.get(f"module.{name}")
            if node is None:
                raise EvaluationError(f"{self.directory}: no module call {name}")
            body = node[1]
            source = body["source"]
            child_dir = str(PurePosixPath(self.directory, source))
            mapping = body.get("providers") or {"aws": "aws"}
            providers = {child: self.provider_region(parent) for child, parent in mapping.items()}

            def make(key, scope):
                # Inputs are evaluated when the child reads them, as Terraform does: a provider module can take its
                # consumers' endpoint IDs while they take its service names, without a cycle.
                inputs = {
                    k: (lambda v=v, scope=scope: self.evaluator.value(v, scope))
                    for k, v in body.items()
                    if k not in ("source", "version", "for_each", "count", "providers", "depends_on")
                }
                context = scope.get("each", {}).get("value") if isinstance(scope.get("each"), dict) else None
                return self.root.instance(child_dir, address(self.address, f"module.{name}", key), inputs, providers, context if isinstance(context, dict) else self.context)

            self._modules[name] = self._expand(body, make)
        return self._modules[name]

    def get_attribute(self, name: str) -> Any:
        """``module.x["k"].name``: the child's output."""
        return self.output(name)

    def output(self, name: str) -> Any:
        node = self.doc.nodes.get(f"output.{name}")
        if node is None:
            raise EvaluationError(f"{self.directory}: no output {name}")
        return self.evaluator.value(node[1]["value"], {})

    def _expand(self, body: dict[str, Any], make):
        if "for_each" in body:
            collection = self.evaluator.value(body["for_each"], {})
            if isinstance(collection, Ref):
                raise EvaluationError(f"{self.directory}: for_each depends on {collection.path}, known only after apply")
            items = collection.items() if isinstance(collection, dict) else ((k, k) for k in collection)
            return {k: make(k, {"each": {"key": k, "value": v}}) for k, v in sorted(items)}
        if "count" in body:
            count = self.evaluator.value(body["count"], {})
            if isinstance(count, Ref):
                raise EvaluationError(f"{self.directory}: count depends on {count.path}, known only after apply")
            return [make(i, {"count": {"index": i}}) for i in range(int(count))]
        return make(None, {})

    # every instance, for the proof
    def all_resources(self) -> list[ResourceInstance]:
        out = []
        for local, (kind, _) in self.doc.nodes.items():
            if kind == "resource":
                type_name, name = local.split(".", 1)
                out.extend(_instances(self.resources(type_name, name)))
        return out

    def all_modules(self) -> list[ModuleInstance]:
        out = []
        for local, (kind, _) in self.doc.nodes.items():
            if kind == "module":
                for child in _instances(self.module(local.split(".", 1)[1])):
                    out.extend([child, *child.all_modules()])
        return out


def _instances(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, list):
        return value
    return [value]


class Variables:
    """A module instance's variables: each input evaluated on first read, converted by its type (optional defaults)."""

    def __init__(self, doc: Document, directory: str, inputs: dict[str, Any]) -> None:
        self._specs = {local.split(".", 1)[1]: body for local, (kind, body) in doc.nodes.items() if kind == "variable"}
        self._inputs, self._directory = inputs, directory
        self._values: dict[str, Any] = {}
        self._reading: set[str] = set()

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self._specs else default

    def __getitem__(self, name: str) -> Any:
        if name not in self._values:
            if name in self._reading:
                raise EvaluationError(f"{self._directory}: variable {name} depends on itself")
            self._reading.add(name)
            try:
                spec = self._specs[name]
                if name in self._inputs:
                    value = self._inputs[name]()
                elif "default" in spec:
                    value = spec["default"]
                else:
                    raise EvaluationError(f"{self._directory}: variable {name} is required and not given")
                self._values[name] = type_of(spec["type"]).convert(value) if "type" in spec else value
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
                raise EvaluationError(f"{m.directory}: no variable {name}")
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
        raise EvaluationError(f"{self.kind}.{name} is not supported")


class Root:
    """A rendered root folder and its data, ready to be evaluated."""

    def __init__(self, read_document, data: dict[str, Any]) -> None:
        self._read = read_document  # module directory relative to the root ("." first) -> Document
        self._documents: dict[str, Document] = {}
        self.data = data

    @classmethod
    def folder(cls, folder: Path) -> Root:
        """A rendered root on disk, JSON or HCL, with its ``terraform.tfvars.json``."""
        folder = Path(folder)
        tfvars = folder / "terraform.tfvars.json"
        data = json.loads(tfvars.read_text()) if tfvars.is_file() else {}
        if any(p for p in folder.glob("*.tf.json") if not p.name.endswith("_override.tf.json")):
            from plgen.graph import from_json

            return cls(lambda d: from_json.document(from_json.read(folder / d)), data)
        if any(folder.glob("*.tf")):
            from plgen.graph import from_hcl

            return cls(lambda d: from_hcl.document(from_hcl.read(folder / d)), data)
        raise FileNotFoundError(f"{folder}: no Terraform files (*.tf.json or *.tf) to prove paths on")

    @classmethod
    def modules(cls, modules: dict[str, dict[str, Any]], data: dict[str, Any]) -> Root:
        """A compiled blueprint held in memory (module directory -> Terraform JSON)."""
        from plgen.graph import from_json

        return cls(lambda d: from_json.document(modules[str(PurePosixPath(d))]), data)

    def document(self, directory: str) -> Document:
        directory = str(PurePosixPath(directory))
        if directory not in self._documents:
            self._documents[directory] = self._read(directory)
        return self._documents[directory]

    def instance(self, directory: str, addr: str, inputs: dict[str, Any], providers: dict[str, str], context: dict | None) -> ModuleInstance:
        return ModuleInstance(self, directory, addr, Variables(self.document(directory), directory, inputs), providers, context or {})

    def evaluate(self) -> ModuleInstance:
        """The root module instance; its providers' Regions from the root's provider blocks."""
        root = self.instance(".", "", {k: (lambda v=v: v) for k, v in self.data.items()}, {}, {})
        for local, (kind, body) in self.document(".").nodes.items():
            if kind == "provider":
                root.providers[local.removeprefix("provider.")] = root.evaluator.value(body.get("region"), {})
        return root
