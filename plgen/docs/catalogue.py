"""The blueprint catalogue: one Markdown page per blueprint and an index, from compiled blueprints.

Platform teams choose a pattern from these pages before writing a blueprint,
so every fact on them comes from the same objects ``plgen render`` emits: the
validated blueprint (regions, accounts, AZ IDs, proxy protocol, DNS choices),
the synthesized modules (inputs, outputs, resources) and the resource graph
(the diagram). Only the pattern prose is written by hand, once per pattern, in
``plgen/docs/patterns/<slug>.md``. Output is deterministic text, so
``plgen docs --check`` can compare it with what is committed.
"""

from __future__ import annotations

import os
import re
import shlex
import urllib.parse
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from plgen.blueprint.model import Blueprint, Protocol
from plgen.assemble.handoff import consumer_call, handoff_file
from plgen.docs import diagram
from plgen.emit import readme
from plgen.interfaces.consumer import admitted_sources
from plgen.patterns import PATTERNS
from plgen.records import Output

CATALOGUE = "catalogue"
IMAGE_SUFFIX = ".svg"


def guide(pattern: str) -> str:
    """The hand-written "when to use / how it works / trade-offs" prose of a pattern."""
    return resources.files("plgen.docs").joinpath("patterns", f"{pattern}.md").read_text(encoding="utf-8")


def pattern_title(pattern: str) -> str:
    return PATTERNS[pattern].title


def pattern_summary(pattern: str) -> str:
    return PATTERNS[pattern].summary


def _demote(markdown: str) -> str:
    """Guides use ``##`` headings; on a blueprint page they sit one level lower."""
    return "\n".join("#" + line if line.startswith("#") else line for line in markdown.splitlines())


@dataclass(frozen=True)
class SourceIp:
    """What a service's targets see as the source address, per the reference notes."""

    sees: str
    proxy_protocol: str


def source_ip(proxy_protocol_v2: bool) -> SourceIp:
    """Through an interface endpoint, targets see the NLB nodes' private IPs, whatever the target type.

    The notes: "the source IP addresses provided to the application are the
    private IP addresses of the Network Load Balancer nodes, and not the IP
    addresses of the service consumers"; proxy protocol carries the consumer's
    address and its endpoint ID.
    """
    if proxy_protocol_v2:
        return SourceIp(
            "NLB node private IPs; the consumer's IP and VPC endpoint ID arrive in the proxy protocol v2 header", "on: targets must parse it on every port"
        )
    return SourceIp("NLB node private IPs (not the consumer's)", "off: enable it if the application needs the consumer's IP")


def transfer_payer(bp: Blueprint) -> str:
    """Who pays inter-region data transfer, from where the blueprint's peers sit."""
    provider_remote = any(peer.region != p.region for p in bp.providers for peer in p.peers)
    consumer_remote = any(peer.region != c.region for c in bp.consumers for peer in c.peers)
    cross_region_endpoints = any(bp.resolve(e)[0].region != c.region for c in bp.consumers for e in c.endpoints if bp.external_of(e) is None)
    lines = []
    if provider_remote:
        lines.append("the **provider** pays inter-Region VPC peering transfer between its home fleet and the NLB in the consumers' Region")
    if consumer_remote:
        lines.append("the **consumer** pays inter-Region VPC peering transfer between its home VPC and the endpoint VPC in the service's Region")
    if cross_region_endpoints:
        lines.append("consumers connect to a service in another Region (native cross-Region PrivateLink): each **consumer**, as its endpoint's owner, pays the endpoint and the data it sends across Regions")
    if not lines:
        return "no inter-Region transfer: every provider and consumer is in one Region"
    return "; ".join(lines)


def connectivity_choice(bp: Blueprint) -> str | None:
    """How an inter-region blueprint crosses Regions (``None``: its pattern has one implementation)."""
    chosen = PATTERNS[bp.pattern].variant(bp.connectivity)
    if chosen is None:
        return None
    default = " (the default)" if bp.connectivity is None else ""
    if chosen.connectivity == "native":
        return f"`native`{default}: cross-Region PrivateLink; the service lists the consumers' Regions, each endpoint names the service's Region; no peering"
    return f"`peering`{default}: inter-Region VPC peering; set `connectivity: native` for cross-Region PrivateLink instead (compared under Trade-offs)"


def _listeners(service) -> str:
    parts = []
    for listener in service.nlb.listeners:
        text = f"{listener.port}/{listener.protocol.value}"
        if listener.backend_port != listener.port:
            text += f" -> {listener.backend_port}"
        parts.append(text)
    return ", ".join(parts)


def service_rows(bp: Blueprint) -> list[dict[str, Any]]:
    rows = []
    for provider in bp.providers:
        for service in provider.services:
            ip = source_ip(service.nlb.proxy_protocol_v2)
            sites = sorted({t.site.value for t in service.registered_targets})
            rows.append(
                {
                    "provider": provider.name,
                    "service": service.name,
                    "account": provider.account_id,
                    "region": provider.region,
                    "azs": ", ".join(provider.azs),
                    "listeners": _listeners(service),
                    "udp": any(listener.protocol in (Protocol.UDP, Protocol.TCP_UDP) for listener in service.nlb.listeners),
                    "targets": f"{len(service.registered_targets)} {service.target_type} ({', '.join(sites)})"
                    + (f", stage `{service.stage.value}`" if service.stage else ""),
                    "cross_zone": "on" if service.nlb.cross_zone else "off",
                    "source_ip": ip.sees,
                    "proxy_protocol": ip.proxy_protocol,
                    "acceptance": "required" if service.endpoint_service.acceptance_required else "automatic",
                    "principals": ", ".join(f"`{p}`" for p in service.endpoint_service.allowed_principals) or "none",
                    "private_dns_name": service.endpoint_service.private_dns_name,
                    "verification": _verification(service),
                    "purpose": service.description,
                    "open_reason": service.endpoint_service.open_to_any_account.reason if service.endpoint_service.open_to_any_account else None,
                }
            )
    return rows


def _verification(service) -> str:
    verification = service.endpoint_service.private_dns_verification
    if verification is None:
        return "not verified (no `private_dns_verification`)"
    if verification.verification.value == "external":
        return "verified externally: the module outputs the TXT record"
    zone = f"zone `{verification.zone_id}`" if verification.zone_id else f"public zone `{verification.zone}`"
    return f"verified by the module: TXT record in {zone}, then verification waited for"


def endpoint_rows(bp: Blueprint) -> list[dict[str, Any]]:
    rows = []
    for consumer in bp.consumers:
        for endpoint in consumer.endpoints:
            external = bp.external_of(endpoint)
            sources = [f"{source} ({origin})" if origin else source for source, origin in admitted_sources(consumer, endpoint)]
            dns = ["regional", "zonal per AZ"]
            private = external.private_dns_name if external else bp.resolve(endpoint)[1].endpoint_service.private_dns_name
            if endpoint.private_dns and private:
                dns.append(f"private DNS `{private}`")
            if endpoint.dns_name:
                dns.append(f"friendly `{endpoint.dns_name}`")
            rows.append(
                {
                    "consumer": consumer.name,
                    "account": consumer.account_id,
                    "region": consumer.region,
                    "azs": ", ".join(consumer.azs),
                    "service": external.key if external else "/".join(n.name for n in bp.resolve(endpoint)),
                    "sources": ", ".join(f"`{s}`" for s in sources) or "none",
                    "dns": ", ".join(dns),
                    "use": external_name_to_use(endpoint, external) if external else name_to_use(endpoint, bp.resolve(endpoint)[1]),
                }
            )
    return rows


def external_name_to_use(endpoint, external) -> str:
    """Which name this consumer's clients should connect to on another organisation's service: the one its certificate holds."""
    if endpoint.private_dns and external.private_dns_name:
        why = "; the service's certificate holds it" if external.private_dns_name in external.tls_names else ""
        return f"`{external.private_dns_name}`: the vendor's verified private DNS name of `{external.service_name}`, resolving to this endpoint inside the VPC{why}"
    if endpoint.dns_name:
        return f"`{endpoint.dns_name}`: the friendly name" + ("" if not external.tls_names else f" (the certificate holds {', '.join(f'`{n}`' for n in external.tls_names)}: check it is among them)")
    return "the `regional_dns_name` output (`vpce-...`)" + (f": no certificate holds it; the service's TLS names are {', '.join(f'`{n}`' for n in external.tls_names)}" if external.tls_names else "")


def name_to_use(endpoint, service) -> str:
    """Which name this consumer's clients should connect to, and why (TLS: the one the certificate covers)."""
    tls = [listener for listener in service.nlb.listeners if listener.protocol is Protocol.TLS]
    private = service.endpoint_service.private_dns_name
    verification = service.endpoint_service.private_dns_verification
    if endpoint.private_dns and private:
        how = "verified by the provider module" if verification and verification.verification.value == "route53" else "verified by the provider outside plgen"
        why = "; the TLS certificate covers it" if tls else ""
        return f"`{private}`: the private DNS name, {how}, resolves to this endpoint inside the VPC{why}"
    if endpoint.dns_name:
        why = "covered by the certificate's names" if tls else "TCP only, so no certificate has to match it"
        return f"`{endpoint.dns_name}`: the friendly name ({why})"
    return "the `regional_dns_name` output (`vpce-...`): TCP only, so no certificate has to match it"


def peering_rows(bp: Blueprint) -> list[dict[str, Any]]:
    rows = []
    for role, sides in (("provider", bp.providers), ("consumer", bp.consumers)):
        for side in sides:
            for peer in side.peers:
                rows.append(
                    {
                        "side": f"{side.name} ({role}, {side.region})",
                        "peer": peer.name,
                        "region": peer.region,
                        "account": peer.account_id or side.account_id,
                        "cidr": peer.vpc.cidr or peer.vpc.existing_cidr or peer.vpc.id,
                    }
                )
    return rows


def resource_rows(bp: Blueprint) -> list[dict[str, Any]]:
    """Resource access: one row per resource behind a resource gateway."""
    rows = []
    for p in bp.providers:
        network = set(p.service_network.resources) if p.service_network else set()
        for r in p.resources:
            what = f"IP `{r.ip}`" if r.ip else f"DNS name `{r.dns_name}`" if r.dns_name else f"ARN `{r.arn}`"
            rows.append(
                {
                    "resource": f"{p.name}/{r.name}",
                    "account": p.account_id,
                    "region": p.region,
                    "azs": ", ".join(f"`{az}`" for az in (p.resource_gateway.azs or p.azs)),
                    "what": what,
                    "ports": ", ".join(f"`{x}`" for x in r.port_ranges) or "the AWS resource's",
                    "shared": ", ".join(f"`{a}`" for a in sorted(r.share_with)) or "nobody",
                    "network": f"`{p.service_network.name}` (shared with {', '.join(f'`{a}`' for a in sorted(p.service_network.share_with)) or 'nobody'})"
                    if r.name in network
                    else "no",
                }
            )
    return rows


def resource_endpoint_rows(bp: Blueprint) -> list[dict[str, Any]]:
    """Resource access: one row per resource endpoint or service-network endpoint."""
    rows = []
    for c in bp.consumers:
        extra = [f"`{x}` (on-premises)" for x in c.on_premises.cidrs] if c.on_premises else []
        for e in c.resource_endpoints:
            sources = [f"`{x}`" for x in [*e.allowed_cidrs, *e.allowed_security_group_ids]] + extra
            ports = ", ".join(str(x) for x in e.ports) or "every port of the resource's ranges"
            rows.append({"consumer": c.name, "account": c.account_id, "region": c.region, "azs": ", ".join(f"`{az}`" for az in c.azs),
                         "kind": "resource", "target": f"`{e.resource}`", "ports": ports, "sources": ", ".join(sources)})
        if c.service_network_endpoint:
            e = c.service_network_endpoint
            sources = [f"`{x}`" for x in [*e.allowed_cidrs, *e.allowed_security_group_ids]] + extra
            rows.append({"consumer": c.name, "account": c.account_id, "region": c.region, "azs": ", ".join(f"`{az}`" for az in c.azs),
                         "kind": "service network", "target": f"`{e.service_network}`", "ports": "the network's resources' ranges", "sources": ", ".join(sources)})
    return rows


def resource_count(output: Output) -> int:
    """Resource blocks in the blueprint's modules (each a ``for_each`` over the blueprint's data)."""
    return sum(len(blocks) for module in output.compiled.modules.values() for blocks in module.get("resource", {}).values())


def module_sections(output: Output) -> list[dict[str, Any]]:
    """Per module directory: purpose, inputs and outputs tables, resources (root last)."""
    modules = output.compiled.modules
    order = sorted((d for d in modules if d != "."), key=lambda d: d) + ["."]
    return [
        {
            "dir": module_dir,
            "title": "example root" if module_dir == "." else module_dir,
            "purpose": output.compiled.purposes.get(module_dir, f"Module `{module_dir}`."),
            "inputs": readme.inputs_table(modules[module_dir]),
            "outputs": readme.outputs_table(modules[module_dir]),
            "resources": readme.resources_list(modules[module_dir]),
        }
        for module_dir in order
        if module_dir in modules
    ]


def unit_rows(output: Output) -> list[dict[str, Any]]:
    """The "who applies what where" table, from the deployment units' records (what ``units.json`` says)."""
    from plgen.emit.units import levels

    step = {name: n for n, level in enumerate(levels(output.compiled.units), 1) for name in level}
    return [
        {
            "step": step[u.name],
            "name": u.name,
            "side": u.side,
            "team": u.team,
            "accounts": ", ".join(f"`{a}`" for a in u.accounts),
            "region": u.region,
            "calls": ", ".join(f"`module.{c}`" for c in u.calls),
            "reads": "; ".join(
                f"`{d}`{' (hand-off file)' if d in {p for p, _ in u.handoffs} else ''}: " + ", ".join(f"`{v}`" for v in values) for d, values in u.depends_on
            )
            or "nothing",
        }
        for u in sorted(output.compiled.units, key=lambda u: (step[u.name], u.name))
    ]


def peering_units(output: Output) -> list[str]:
    """The units holding each part of the peerings, in apply order: request, acceptance, the requester's routes."""
    from plgen.interfaces.peering import PEERING, PEERING_ACCEPTER, PEERING_ROUTES

    modules = {c.name: c.module for c in output.compiled.calls}
    return [
        ", ".join(f"`{u.name}`" for u in output.compiled.units if any(modules[c] == part.module for c in u.calls))
        for part in (PEERING, PEERING_ACCEPTER, PEERING_ROUTES)
    ] if any(m == PEERING.module for m in modules.values()) else []


def source_forms(label: str) -> dict[str, str]:
    """The blueprint's path in each place a page names it, each escaped for its context.

    A file name is the user's: in a Markdown code span, a link target, a shell
    command in a code block and an HTML comment, different characters are
    active, so each gets its own form (CommonMark code spans take the text
    literally if fenced by a longer run of backticks than the text holds).
    """
    return {
        "source_comment": label.replace("--", "-\N{HYPHEN}"),
        "source_code": readme.code(" ".join(label.split())),
        "source_link": urllib.parse.quote("../../" + label),
        "source_shell": shlex.quote(label),
    }


def code_fence(text: str) -> str:
    """A backtick fence longer than any backtick run in ``text`` (at least three), so ``text`` cannot close it.

    CommonMark: a fenced block ends at a line of at least as many backticks as
    opened it, indented up to three spaces
    (https://spec.commonmark.org/0.31.2/#fenced-code-blocks); a blueprint's
    description may hold such a line, and it must stay text in the page.
    """
    return "`" * max(3, max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)


@dataclass(frozen=True)
class ModulesFolder:
    """Where the pages say the rendered modules are: ``label`` as a user types it, ``link`` from a catalogue page.

    The default is the repository's: ``plgen render`` into ``modules_out/``
    beside ``docs/``. ``plgen docs --modules DIR`` names the folder a user
    renders into (``plgen render --out DIR``), so the page's commands and links
    point at it rather than at a ``modules_out/`` that may not exist.
    """

    label: str = "modules_out"
    link: str = "../../modules_out"
    default: bool = True

    @classmethod
    def of(cls, modules: Path, docs: Path, project: Path) -> ModulesFolder:
        """``modules`` named from ``project`` (the folder whose paths the pages use) and linked from ``docs``/catalogue/."""
        resolved = modules.resolve()
        label = resolved.relative_to(project.resolve()).as_posix() if resolved.is_relative_to(project.resolve()) else resolved.as_posix()
        link = Path(os.path.relpath(resolved, (docs / CATALOGUE).resolve())).as_posix()
        return cls(label or ".", link, label == "modules_out")

    def forms(self, name: str) -> dict[str, str]:
        json_folder = f"{self.label}/{name}/json"
        return {
            "modules_folder": " ".join(self.label.split()),  # in a shell comment: one line
            "modules_json_code": readme.code(" ".join(f"{json_folder}/".split())),
            "modules_hcl_code": readme.code(" ".join(f"{self.label}/{name}/hcl/".split())),
            "units_code": readme.code(" ".join(f"{json_folder}/units/<unit>/".split())),
            "modules_link": urllib.parse.quote(f"{self.link}/{name}/json/"),
            "modules_shell": shlex.quote(json_folder),
            "render_out": "" if self.default else f" --out {shlex.quote(self.label)}",
        }


def paths_table(output: Output) -> str:
    """The path proof of the compiled blueprint (``plgen paths``), as a table."""
    from plgen.paths import Root, prove, report

    return report.markdown(prove(Root.modules(output.compiled.modules, output.compiled.inputs)))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("plgen.docs", "templates"),
        autoescape=False,  # Markdown, not HTML: validated fields as they are, free text through `literal`
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["cell"] = readme.cell
    env.filters["literal"] = readme.literal  # blueprint text: shown as written, never as Markdown or HTML
    return env


def customer_rows(bp) -> list[dict[str, str]]:
    """Customers of other organisations (``external_consumers``): who, which principal, which service, which hand-off file."""
    return [
        {"name": c.name, "principal": c.principal, "service": f"{p.name}/{s.name}", "file": handoff_file(c.name, consumer_call(p.region))}
        for p in bp.providers
        for s in p.services
        for c in s.endpoint_service.external_consumers
    ]


def page_context(output: Output, modules: ModulesFolder = ModulesFolder()) -> dict[str, Any]:
    bp = output.compiled.blueprint
    source = output.source.read_text(encoding="utf-8")
    return {
        "bp": bp,
        "name": bp.name,
        "title": pattern_title(bp.pattern),
        "summary": pattern_summary(bp.pattern),
        "guide": _demote(guide(bp.pattern)),
        "regions": bp.regions,
        "services": service_rows(bp),
        "resource_access": any(p.resources for p in bp.providers),
        "resources": resource_rows(bp),
        "resource_endpoints": resource_endpoint_rows(bp),
        "endpoints": endpoint_rows(bp),
        "customers": customer_rows(bp),
        "peerings": peering_rows(bp),
        "payer": transfer_payer(bp),
        "connectivity": connectivity_choice(bp),
        "mermaid": diagram.mermaid(output),
        "image": f"{bp.name}{IMAGE_SUFFIX}",
        **source_forms(output.label),
        "source": source,
        "source_fence": code_fence(source),
        **modules.forms(bp.name),
        "modules": module_sections(output),
        "resource_count": resource_count(output),
        "units": unit_rows(output),
        "state": f"S3 bucket `{bp.s3_state.bucket}`, one key per unit, locked by `use_lockfile`" if bp.s3_state else "a local `terraform.tfstate` in the unit's folder (`state: local`: every unit applied from one checkout)",
        "handoff": (
            "are read from the same side's state, and from another side's units through hand-off files: the output its operator saves "
            "with `terraform output -json` into the reader's `handoffs/` folder (`units.json` gives each command), so no state crosses between sides"
            if any(u.handoffs for u in output.compiled.units)
            else "are read from their state (`terraform_remote_state`), never copied by hand"
        ),
        "reapply": ", ".join(f"`{u.name}`" for u in output.compiled.units if any(d.side == "consumer" for d in output.compiled.units if d.name in dict(u.depends_on)) and u.side == "provider"),
        "peering": any(c.module == "modules/peering" for c in output.compiled.calls),
        "peering_units": peering_units(output),
        "paths": paths_table(output),
        "on_premises": [
            {
                "side": side.name,
                "module": module,
                "account": side.account_id,
                "region": side.region,
                "cidrs": ", ".join(f"`{c}`" for c in side.on_premises.cidrs),
            }
            for module, sides in (
                ("modules/resource-gateway" if any(p.resources for p in bp.providers) else "modules/endpoint-service", bp.providers),
                ("modules/consumer", bp.consumers),
            )
            for side in sides
            if side.on_premises
        ],
        "providers": bp.providers,
        "consumers": bp.consumers,
        "any_private_dns": any(s.endpoint_service.private_dns_name for p in bp.providers for s in p.services),
        "any_acceptance": any(s.endpoint_service.acceptance_required for p in bp.providers for s in p.services),
    }


def index_context(outputs: list[Output]) -> dict[str, Any]:
    blueprints = []
    for output in outputs:
        bp = output.compiled.blueprint
        blueprints.append(
            {
                "name": bp.name,
                "pattern": bp.pattern,
                "title": pattern_title(bp.pattern),
                "description": bp.description,
                "regions": ", ".join(bp.regions),
                "consumers": len(bp.consumers),
                "resources": resource_count(output),
            }
        )
    patterns = [
        {"slug": p.slug, "title": p.title, "summary": p.summary, "blueprints": [b["name"] for b in blueprints if b["pattern"] == p.slug]} for p in PATTERNS.values()
    ]
    return {"blueprints": blueprints, "patterns": patterns}


def build(outputs: list[Output], modules: ModulesFolder = ModulesFolder()) -> dict[str, str]:
    """Relative path under the docs folder -> Markdown and DOT text for the whole catalogue.

    ``modules`` is where the pages say the rendered modules are (``ModulesFolder``).

    Pages always link ``<name>.svg``; the SVG is drawn from the ``.dot`` file by
    graphviz where it is installed (``diagram.svg``) and is not part of this
    text, because its bytes depend on the graphviz version.
    """
    env = _environment()
    outputs = sorted(outputs, key=lambda o: o.name)
    files = {f"{CATALOGUE}/index.md": env.get_template("index.md.j2").render(index_context(outputs))}
    for output in outputs:
        files[f"{CATALOGUE}/{output.name}.md"] = env.get_template("blueprint.md.j2").render(page_context(output, modules))
        files[f"{CATALOGUE}/{output.name}.dot"] = diagram.dot(output)
    return dict(sorted(files.items()))


def read(root: Path) -> dict[str, str]:
    """The committed catalogue text files (what ``build`` produces), for drift checks."""
    folder = root / CATALOGUE
    if not folder.is_dir():
        return {}
    return {f"{CATALOGUE}/{p.name}": p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.suffix in (".md", ".dot")}


def drift(root: Path, files: dict[str, str]) -> list[str]:
    """Human-readable differences between ``files`` and the catalogue under ``root`` (empty: in sync)."""
    on_disk = read(root)
    problems = [f"{root / path} {'is missing' if path not in on_disk else 'differs'}" for path in files if on_disk.get(path) != files[path]]
    problems += [f"{root / path} is not produced by any blueprint" for path in on_disk if path not in files]
    return sorted(problems)


def stale_images(root: Path, files: dict[str, str]) -> list[str]:
    """SVGs missing or drawn from another diagram than the current ``.dot`` (a note, not drift)."""
    return [
        str((root / path).with_suffix(IMAGE_SUFFIX))
        for path, text in sorted(files.items())
        if path.endswith(".dot") and not diagram.svg_is_current(text, (root / path).with_suffix(IMAGE_SUFFIX))
    ]


def write(root: Path, files: dict[str, str], images: bool = True) -> tuple[int, bool]:
    """Write the catalogue under ``root``; drop pages of blueprints that no longer exist.

    Returns (files written, whether SVG diagrams were drawn). SVGs are drawn
    from the ``.dot`` files when graphviz is installed; without it existing
    SVGs are left as they are (they are not part of ``--check``).
    """
    folder = root / CATALOGUE
    folder.mkdir(parents=True, exist_ok=True)
    stems = {Path(path).stem for path in files}
    for stale in sorted(folder.iterdir()):
        if stale.suffix in (".md", ".dot", IMAGE_SUFFIX) and stale.stem not in stems:
            stale.unlink()
    for path, text in files.items():
        (root / path).write_text(text, encoding="utf-8")
    drawn = images and diagram.dot_binary() is not None
    if drawn:
        for path, text in files.items():
            if path.endswith(".dot"):
                diagram.svg(text, (root / path).with_suffix(IMAGE_SUFFIX))
    return len(files), drawn
