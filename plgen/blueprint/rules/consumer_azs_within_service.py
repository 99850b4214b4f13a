"""An interface endpoint can only use AZs where its endpoint service is present."""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("consumer-azs-within-service", "A consumer's AZs are among the AZs of every service it consumes in its Region")
def consumer_azs_within_service(bp: Blueprint) -> Iterable[Finding]:
    for i, consumer in enumerate(bp.consumers):
        for endpoint in consumer.endpoints:
            matches = bp.find_service(endpoint.service)
            if len(matches) != 1:
                continue
            provider, _ = matches[0]
            if provider.region != consumer.region:
                continue
            for k, az in enumerate(consumer.azs):
                if az not in provider.azs:
                    yield Finding(
                        ("consumers", i, "azs", k), f"AZ {az} is not one of the service's AZs [{', '.join(provider.azs)}]", f"service '{endpoint.service}'"
                    )
