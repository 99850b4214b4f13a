"""Blueprints covering every documented combination: each catalogue blueprint, mutated.

A *mutation* sets one value of one *axis* on a catalogue blueprint: a feature
its pattern builds (``feature:<slug>``, from the feature matrix's ``USE``), or
one value of an enumerated field (listener protocols, health check protocols,
the endpoint's IP address type and DNS record type, resource kinds ``ip``/
``dns``/``arn``, the gateway's IP address type, private DNS verification modes,
Direct Connect options, migration stages, flow log traffic types, the state
backend, NLB inbound rule enforcement). Connectivity ``peering``/``native`` is
the choice of the catalogue blueprints themselves (each inter-region pattern
has one of each).

Per catalogue blueprint, ``cover`` builds a greedy pairwise cover: every
mutation that is valid alone appears at least once, and every pair of values
of two axes that ``plgen validate`` accepts together appears in at least one
generated blueprint. A mutation or pair the validator refuses is dropped with
the slug of the rule that refuses it (``Dropped``), so the reasons can be read
(and a wrong refusal, or a generator bug, is visible in the list).

Deterministic: the same catalogue gives the same blueprints, in the same order.
"""

from __future__ import annotations

import copy
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import yaml

from plgen.blueprint import parse_source, validate
from plgen.blueprint.model import Blueprint
from plgen.compiler import rules_for
from plgen.errors import BlueprintError
from plgen.patterns import PATTERNS
from tests.architecture.test_feature_matrix import USE

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = sorted((REPO / "blueprints").glob("*.yaml"))


@dataclass(frozen=True, order=True)
class Mutation:
    axis: str
    value: str

    def __str__(self) -> str:
        return f"{self.axis}={self.value}"


@dataclass(frozen=True)
class Combination:
    """One generated blueprint: its catalogue base, the mutations applied, and the document."""

    name: str
    base: str
    mutations: tuple[Mutation, ...]
    doc: dict = field(compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class Dropped:
    """A mutation, or a pair, the validator refuses on a base: ``reason`` is the refusing rule's slug."""

    base: str
    mutations: tuple[Mutation, ...]
    reason: str


# ---- documents -------------------------------------------------------------------------------------------------


def _provider(doc: dict) -> dict:
    return doc["providers"][0]


def _first_service(doc: dict) -> dict | None:
    for provider in doc["providers"]:
        for service in provider.get("services", []):
            return service
    return None


def _resolve(doc: dict, ref: str) -> tuple[dict, dict] | None:
    prov, _, name = ref.rpartition("/")
    for provider in doc["providers"]:
        if prov and provider["name"] != prov:
            continue
        for service in provider.get("services", []):
            if service["name"] == name:
                return provider, service
    return None


def _first_endpoint(doc: dict) -> tuple[dict, dict, dict, dict] | None:
    """(consumer, endpoint, provider, service) of the first interface endpoint in the blueprint."""
    for consumer in doc.get("consumers", []):
        for endpoint in consumer.get("endpoints", []):
            found = _resolve(doc, endpoint["service"])
            if found:
                return consumer, endpoint, *found
    return None


def _certificate(provider: dict) -> str:
    return f"arn:aws:acm:{provider['region']}:{provider['account_id']}:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"


def _cidr(vpc: dict) -> str:
    return vpc.get("cidr") or vpc["existing_cidr"]


def _host(cidr: str, offset: int) -> str:
    return str(ipaddress.ip_network(cidr)[offset])


# ---- value axes: each function changes the document, or returns False where the axis does not apply ------------

Apply = Callable[[dict], bool]


def _owner(doc: dict, service: dict) -> dict:
    return next(p for p in doc["providers"] if any(s is service for s in p.get("services", [])))


def _private_name(doc: dict, service: dict) -> str:
    """The service's verified private DNS name (given one, verified in a zone by id, when it has none)."""
    settings = service.setdefault("endpoint_service", {})
    if not settings.get("private_dns_name"):
        settings["private_dns_name"] = f"{service['name']}.{_owner(doc, service)['name']}.example.com"
        settings["private_dns_verification"] = {"zone_id": "Z0123456789ABCDEFGHIJ"}
    return settings["private_dns_name"]


def _consumable_over_tls(doc: dict, service: dict) -> None:
    """Every consumer of ``service`` uses a name a TLS certificate can hold (rule tls-names-covered).

    The listener's certificate lists the private DNS name and each friendly
    ``dns_name`` its consumers use; an endpoint with neither uses the private name.
    """
    private = _private_name(doc, service)
    names = [private]
    for consumer in doc.get("consumers", []):
        for endpoint in consumer.get("endpoints", []):
            if _resolve(doc, endpoint["service"]) != (_owner(doc, service), service):
                continue
            if endpoint.get("dns_name"):
                names.append(endpoint["dns_name"])
            elif not endpoint.get("private_dns"):
                endpoint["private_dns"] = True
    for listener in service["nlb"]["listeners"]:
        if listener.get("protocol") == "TLS":
            listener["certificate_names"] = sorted(set(names))


TLS_PORT = 7443


def _add_tls_listener(doc: dict) -> dict | None:
    service = _first_service(doc)
    if service is None:
        return None
    provider = _owner(doc, service)
    if not any(listener["port"] == TLS_PORT for listener in service["nlb"]["listeners"]):  # tls, access-logs and TLS share it
        service["nlb"]["listeners"].append({"port": TLS_PORT, "protocol": "TLS", "certificate_arn": _certificate(provider)})
    return service


def _finish(doc: dict) -> None:
    """After every mutation: the consumers of the TLS listener added use names its certificate holds (whatever came later)."""
    for provider in doc["providers"]:
        for service in provider.get("services", []):
            if any(listener["port"] == TLS_PORT and listener.get("protocol") == "TLS" for listener in service["nlb"]["listeners"]):
                _consumable_over_tls(doc, service)


def _listener(protocol: str) -> Apply:
    def apply(doc: dict) -> bool:
        if protocol == "TLS":
            return _add_tls_listener(doc) is not None
        service = _first_service(doc)
        if service is None:
            return False
        service["nlb"]["listeners"].append({"port": {"TCP": 7001, "UDP": 7053, "TCP_UDP": 7054}[protocol], "protocol": protocol})  # noqa: E501
        if protocol != "TCP":  # a UDP listener's targets answer a TCP check on another port (rule udp-health-check)
            service["nlb"].setdefault("health_check", {"protocol": "TCP", "port": 8080})
        return True

    return apply


# Features whose feature-matrix use (made to test the gate, not to be valid) needs more to be a valid blueprint.
def _tls_feature(doc: dict) -> bool:
    return _add_tls_listener(doc) is not None


def _access_logs_feature(doc: dict) -> bool:
    service = _add_tls_listener(doc)  # AWS logs TLS connections only (rule access-logs-need-tls)
    if service is None:
        return False
    service["nlb"]["access_logs"] = {"bucket": "combination-nlb-logs"}
    return True


def _private_dns_feature(doc: dict) -> bool:
    service = _first_service(doc)
    if service is None:
        return False
    _private_name(doc, service)
    return True


FEATURES_VALID = {"tls": _tls_feature, "access-logs": _access_logs_feature, "private-dns": _private_dns_feature}


def _health_check(protocol: str) -> Apply:
    def apply(doc: dict) -> bool:
        service = _first_service(doc)
        if service is None:
            return False
        service["nlb"]["health_check"] = {"protocol": protocol, "port": 8080, **({"path": "/healthz"} if protocol != "TCP" else {})}
        return True

    return apply


V6_SOURCE = "2001:db8:99::/48"


def _endpoint_ip(kind: str) -> Apply:
    """The first interface endpoint's IP address type, with the chain AWS needs (dual-stack VPCs, NLB, service types)."""

    def apply(doc: dict) -> bool:
        found = _first_endpoint(doc)
        if found is None:
            return False
        consumer, endpoint, provider, service = found
        if kind == "ipv4":
            endpoint["ip_address_type"] = "ipv4"  # the default, said explicitly
            return True
        if "cidr" not in provider["vpc"] or "cidr" not in consumer["vpc"]:
            return False  # an existing VPC's IPv6 blocks are not plgen's to give
        provider["vpc"]["ip_address_type"] = "dualstack"
        service["nlb"]["ip_address_type"] = "dualstack"
        service.setdefault("endpoint_service", {})["supported_ip_address_types"] = ["ipv4", "ipv6"]
        consumer["vpc"]["ip_address_type"] = kind
        endpoint["ip_address_type"] = kind
        endpoint["allowed_cidrs"] = [V6_SOURCE] if kind == "ipv6" else [*endpoint.get("allowed_cidrs", []), V6_SOURCE]
        return True

    return apply


def _dns_record(kind: str) -> Apply:
    def apply(doc: dict) -> bool:
        found = _first_endpoint(doc)
        if found is None:
            return False
        found[1]["dns_record_ip_type"] = kind
        return True

    return apply


def _enforce_inbound(doc: dict) -> bool:
    found = _first_endpoint(doc)
    if found is None:
        return False
    found[3]["nlb"]["enforce_inbound_rules_on_privatelink"] = True
    return True


def _verification(mode: str) -> Apply:
    def apply(doc: dict) -> bool:
        service = _first_service(doc)
        if service is None:
            return False
        _private_name(doc, service)
        service["endpoint_service"]["private_dns_verification"] = {"zone_id": "Z0123456789ABCDEFGHIJ"} if mode == "route53" else {"verification": "external"}
        return True

    return apply


def _state(backend: str) -> Apply:
    def apply(doc: dict) -> bool:
        if backend == "s3":
            doc["state"] = {"bucket": "plgen-combination-state", "region": _provider(doc)["region"]}
        return True

    return apply


def _resource(kind: str) -> Apply:
    """A resource of ``kind`` behind the first provider's gateway, shared with and reached by the first consumer."""

    def apply(doc: dict) -> bool:
        provider = _provider(doc)
        if "resource_gateway" not in provider or not doc.get("consumers"):
            return False
        consumer = doc["consumers"][0]
        resource: dict = {"name": "combination", "share_with": [consumer["account_id"]]}
        if kind == "ip":
            resource |= {"ip": _host(_cidr(provider["vpc"]), 50), "port_ranges": ["5432"]}
        elif kind == "dns":
            # the gateway resolves it in public DNS (rule resource-dns-public); it serves TLS for its own name, which
            # the consumer uses through a private zone aliasing its endpoint (tls_names, the endpoint's dns_name)
            resource |= {"dns_name": "combination.corp.example.com", "port_ranges": ["443"], "public_dns": True, "tls_names": ["combination.corp.example.com"]}
        else:
            resource["arn"] = f"arn:aws:rds:{provider['region']}:{provider['account_id']}:db:combination"
        provider.setdefault("resources", []).append(resource)
        endpoint = {"resource": "combination", "allowed_cidrs": [_cidr(consumer["vpc"])]}
        if kind == "arn":  # plgen does not know an AWS resource's port: the endpoint names it (rule resource-ports)
            endpoint["ports"] = [5432]
        if kind == "dns":
            endpoint["dns_name"] = "combination.corp.example.com"
        consumer.setdefault("resource_endpoints", []).append(endpoint)
        return True

    return apply


def _gateway_ip(kind: str) -> Apply:
    def apply(doc: dict) -> bool:
        provider = _provider(doc)
        if "resource_gateway" not in provider:
            return False
        provider["resource_gateway"]["ip_address_type"] = kind
        if kind != "IPV4":
            provider["vpc"]["ip_address_type"] = "dualstack"
        return True

    return apply


def _on_premises_side(doc: dict) -> dict | None:
    for side in [*doc["providers"], *doc.get("consumers", [])]:
        if side.get("on_premises"):
            return side["on_premises"]
    return None


def _direct_connect(option: str) -> Apply:
    def apply(doc: dict) -> bool:
        on_premises = _on_premises_side(doc)
        if on_premises is None:
            return False
        for key in ("vpn_gateway_id", "direct_connect_gateway_id", "transit_gateway_id"):
            on_premises.pop(key, None)
        if option in ("vpn_gateway_id", "transit_gateway_id"):  # no gateway of plgen's: no ASN to give it (on-premises-gateway-choice)
            on_premises.pop("amazon_side_asn", None)
        value = {
            "vpn_gateway_id": "vgw-0123456789abcdef0",
            "direct_connect_gateway_id": "5f3e7c6a-1b2d-4e8f-9a0b-1c2d3e4f5a6b",
            "transit_gateway_id": "tgw-0123456789abcdef0",
        }.get(option)
        if value:
            on_premises[option] = value
        return True

    return apply


def _stage(stage: str) -> Apply:
    def apply(doc: dict) -> bool:
        service = _first_service(doc)
        if service is None or not any(t.get("site") == "on-premises" for t in service["targets"]):
            return False
        service["stage"] = stage
        return True

    return apply


def _traffic(kind: str) -> Apply:
    def apply(doc: dict) -> bool:
        vpc = _provider(doc)["vpc"]
        if "cidr" not in vpc:
            return False
        vpc.setdefault("flow_logs", {"destination_arn": "arn:aws:s3:::combination-flow-logs"})["traffic_type"] = kind
        return True

    return apply


# axis -> (the feature the axis needs, or None) and value -> change
VALUES: dict[str, tuple[str | None, dict[str, Apply]]] = {
    "listener-protocol": (None, {p: _listener(p) for p in ("TCP", "UDP", "TCP_UDP")} | {"TLS": _listener("TLS")}),
    "health-check": (None, {p: _health_check(p) for p in ("TCP", "HTTP", "HTTPS")}),
    "endpoint-ip": ("dual-stack", {k: _endpoint_ip(k) for k in ("ipv4", "dualstack", "ipv6")}),
    "dns-record-ip": ("dual-stack", {k: _dns_record(k) for k in ("ipv4", "dualstack", "ipv6", "service-defined")}),
    "enforce-inbound": (None, {"on": _enforce_inbound}),
    "verification": ("private-dns", {m: _verification(m) for m in ("route53", "external")}),
    "state": (None, {b: _state(b) for b in ("local", "s3")}),
    "resource-kind": ("resource-gateway", {k: _resource(k) for k in ("ip", "dns", "arn")}),
    "gateway-ip": ("resource-gateway", {k: _gateway_ip(k) for k in ("IPV4", "IPV6", "DUALSTACK")}),
    "direct-connect": (None, {o: _direct_connect(o) for o in ("virtual-private-gateway", "vpn_gateway_id", "direct_connect_gateway_id", "transit_gateway_id")}),
    "stage": ("migration-stage", {s: _stage(s) for s in ("on-premises", "migrate-to-cloud")}),
    "flow-logs-traffic": ("flow-logs", {k: _traffic(k) for k in ("ALL", "ACCEPT", "REJECT")}),
}
TLS_LISTENER = Mutation("listener-protocol", "TLS")


def mutations_for(doc: dict) -> dict[Mutation, Apply]:
    """Every mutation the base's pattern (and connectivity) can take: its features, and the value axes they allow."""
    builds = PATTERNS[doc["pattern"]].features_for(doc.get("connectivity"))
    out: dict[Mutation, Apply] = {}
    for feature in sorted(builds):
        out[Mutation(f"feature:{feature}", "on")] = FEATURES_VALID.get(feature) or (lambda d, use=USE[feature]: bool(use(d) or True))
    for axis, (needs, values) in VALUES.items():
        if needs is not None and needs not in builds:
            continue
        for value, apply in values.items():
            if (axis, value) == ("listener-protocol", "TLS") and "tls" not in builds:
                continue
            out[Mutation(axis, value)] = apply
    return out


# ---- the oracle -------------------------------------------------------------------------------------------------


def refusal(doc: dict) -> str | None:
    """None when ``plgen validate`` accepts ``doc``; else the slug of a rule that refuses it (``schema`` for the model)."""
    try:
        validate(parse_source(yaml.safe_dump(doc, sort_keys=False), "combination.yaml"), rules_for, PATTERNS)
        return None
    except BlueprintError as exc:
        messages = [p.message for p in exc.problems]
    try:
        bp = Blueprint.model_validate(doc)
    except Exception:  # noqa: BLE001 - the schema refuses it
        return f"schema ({messages[0]})"
    slugs = sorted({r.slug for r in rules_for(bp) if list(r.check(bp))})
    return ", ".join(slugs) if slugs else f"unattributed ({messages[0]})"


def _apply(base: dict, chosen: list[Mutation], table: dict[Mutation, Apply]) -> dict | None:
    doc = copy.deepcopy(base)
    for m in chosen:
        if not table[m](doc):
            return None
    _finish(doc)
    return doc


def cover(name: str, base: dict) -> tuple[list[Combination], list[Dropped]]:
    """The greedy pairwise cover of one catalogue blueprint (see the module docstring).

    A mutation refused alone may be valid with another (a DNS record type with
    the endpoint IP type it needs), so pairs are tried among every applicable
    mutation; what never appears in an accepted blueprint is dropped.
    """
    table = mutations_for(base)
    applicable = [m for m in sorted(table) if _apply(base, [m], table) is not None]
    refused_alone: dict[Mutation, str] = {}
    for m in applicable:
        reason = refusal(_apply(base, [m], table))
        if reason:
            refused_alone[m] = reason
    uncovered = {(a, b) for a, b in combinations(applicable, 2) if a.axis != b.axis}
    singles = {m for m in applicable if m not in refused_alone}
    made: list[Combination] = []
    dropped: list[Dropped] = []
    placed: set[Mutation] = set()
    while uncovered or singles:
        if uncovered:  # the pair of the mutation with the most pairs still to cover (AETG's choice), with its most-needed partner
            load: dict[Mutation, int] = {}
            for a, b in uncovered:
                load[a] = load.get(a, 0) + 1
                load[b] = load.get(b, 0) + 1
            seed = [*min(uncovered, key=lambda pair: (-load[pair[0]] - load[pair[1]], pair))]
        else:
            seed = [min(singles)]
        doc = _apply(base, seed, table)
        reason = "not applicable together" if doc is None else refusal(doc)
        if reason:
            if not any(m in refused_alone for m in seed):  # a pair refused only together; a refused single is listed once below
                dropped.append(Dropped(name, tuple(seed), reason))
            uncovered.discard(tuple(seed))
            continue
        chosen = seed
        gain = lambda m: sum((min(m, c), max(m, c)) in uncovered for c in chosen)  # noqa: E731
        for m in sorted(applicable, key=lambda m: (-gain(m), m)):
            if m.axis in {c.axis for c in chosen} or gain(m) == 0:
                continue
            trial = _apply(base, [*chosen, m], table)
            if trial is not None and not refusal(trial):
                chosen, doc = [*chosen, m], trial
        uncovered -= {(a, b) for a, b in combinations(sorted(chosen), 2)}
        singles -= set(chosen)
        placed |= set(chosen)
        combo = f"{name}--{len(made) + 1:02d}"
        doc["name"] = combo
        made.append(Combination(combo, name, tuple(sorted(chosen)), doc))
    dropped += [Dropped(name, (m,), reason) for m, reason in sorted(refused_alone.items()) if m not in placed]
    return made, dropped


def generate(catalogue: list[Path] = CATALOGUE) -> tuple[list[Combination], list[Dropped]]:
    """The cover of each implementation (pattern and connectivity), and every other catalogue blueprint as it is.

    The feature gate decides by pattern and connectivity, so the pairs are
    covered once per implementation, on its first catalogue blueprint with
    both sides (providers and consumers: the mutations edit both); the others
    of the same implementation (``saas-dual-stack`` beside ``saas``, and the
    one-sided ``saas-vendor`` and customer blueprints) are planned unchanged.
    """
    made: list[Combination] = []
    dropped: list[Dropped] = []
    seen: set[tuple[str, str | None]] = set()
    for path in catalogue:
        doc = yaml.safe_load(path.read_text())
        variant = PATTERNS[doc["pattern"]].variant(doc.get("connectivity"))
        key = (doc["pattern"], variant.connectivity if variant else None)
        if key in seen or not (doc.get("providers") and doc.get("consumers")):
            made.append(Combination(path.stem, path.stem, (), doc))
            continue
        seen.add(key)
        combos, drops = cover(path.stem, doc)
        made += combos
        dropped += drops
    return made, dropped


if __name__ == "__main__":  # python -m tests.combinations.generate: what the cover holds
    combos, drops = generate()
    for c in combos:
        print(c.name, " ".join(map(str, c.mutations)))
    for d in drops:
        print("dropped", d.base, " ".join(map(str, d.mutations)), "--", d.reason)
    print(len(combos), "combinations,", len(drops), "dropped")
