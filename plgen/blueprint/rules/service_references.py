"""An endpoint must name exactly one service of the blueprint, or one external service (``external_services``)."""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("service-references", "Every endpoint names one existing provider service")
def service_references(bp: Blueprint) -> Iterable[Finding]:
    known = sorted([f"{p.name}/{s.name}" for p in bp.providers for s in p.services] + [e.key for e in bp.external_services])
    for i, consumer in enumerate(bp.consumers):
        for j, endpoint in enumerate(consumer.endpoints):
            matches = bp.find_service(endpoint.service)
            externals = bp.find_external(endpoint.service)
            path = ("consumers", i, "endpoints", j, "service")
            if externals and not matches:
                if len(externals) > 1:
                    yield Finding(path, f"'{endpoint.service}' is ambiguous", f"write one of: {', '.join(e.key for e in externals)}")
                continue
            if matches and externals:
                names = ", ".join([f"{p.name}/{s.name}" for p, s in matches] + [e.key for e in externals])
                yield Finding(path, f"'{endpoint.service}' names a service of this blueprint and an external one", f"write one of: {names}")
            elif not matches:
                yield Finding(path, f"no service '{endpoint.service}' in this blueprint", f"known services: {', '.join(known)}")
            elif len({(p.name, s.name) for p, s in matches}) > 1:  # one name twice is unique-names' finding
                names = ", ".join(f"{p.name}/{s.name}" for p, s in matches)
                yield Finding(path, f"'{endpoint.service}' is ambiguous", f"write one of: {names}")
