"""An interface endpoint can only use AZs where its endpoint service is present."""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, resolved_endpoints, rule


@rule("consumer-azs-within-service", "A consumer's AZs are among the AZs of every service it consumes in its Region")
def consumer_azs_within_service(bp: Blueprint) -> Iterable[Finding]:
    for ref in resolved_endpoints(bp):
        if ref.provider.region != ref.consumer.region:
            continue
        for k, az in enumerate(ref.consumer.azs):
            if az not in ref.provider.azs:
                yield Finding(
                    ("consumers", ref.consumer_index, "azs", k),
                    f"AZ {az} is not one of the service's AZs [{', '.join(ref.provider.azs)}]",
                    f"service '{ref.endpoint.service}'",
                )
