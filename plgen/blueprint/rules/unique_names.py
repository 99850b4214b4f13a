"""Names become Terraform map keys and resource names: they must be unique."""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


def _duplicates(items, path, what) -> Iterable[Finding]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.name in seen:
            yield Finding((*path, index, "name"), f"duplicate {what} name '{item.name}'", f"first used at {path[-1]}[{seen[item.name]}]")
        seen.setdefault(item.name, index)


@rule("unique-names", "Providers, services, consumers and peers have unique names; no consumer shares a provider's name")
def unique_names(bp: Blueprint) -> Iterable[Finding]:
    yield from _duplicates(bp.providers, ("providers",), "provider")
    yield from _duplicates(bp.consumers, ("consumers",), "consumer")
    # A side's name is its VPC's Name tag and the prefix of its resources' names: a consumer named like a
    # provider gets a second VPC of that name, indistinguishable in the console and in cost reports.
    providers = {provider.name: i for i, provider in enumerate(bp.providers)}
    for i, consumer in enumerate(bp.consumers):
        if consumer.name in providers:
            yield Finding(
                ("consumers", i, "name"),
                f"consumer '{consumer.name}' has the name of providers[{providers[consumer.name]}]; each side's name names its VPC",
                "give the consumer its own name, e.g. its team's",
            )
    for i, provider in enumerate(bp.providers):
        yield from _duplicates(provider.services, ("providers", i, "services"), "service")
        yield from _duplicates(provider.peers, ("providers", i, "peers"), "peer")
    for i, consumer in enumerate(bp.consumers):
        yield from _duplicates(consumer.peers, ("consumers", i, "peers"), "peer")
        seen: dict[str, int] = {}
        for j, endpoint in enumerate(consumer.endpoints):
            # `billing-api` and `billing-provider/billing-api` name the same service (and endpoint key)
            matches = bp.find_service(endpoint.service)
            external = bp.external_of(endpoint)
            key = f"{matches[0][0].name}/{matches[0][1].name}" if len(matches) == 1 else external.key if external else endpoint.service
            if key in seen:
                yield Finding(
                    ("consumers", i, "endpoints", j, "service"),
                    f"service '{endpoint.service}' already has an endpoint in this consumer",
                    f"endpoints[{seen[key]}]",
                )
            seen.setdefault(key, j)
