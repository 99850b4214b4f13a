"""A friendly DNS name per endpoint: a private hosted zone whose apex aliases the endpoint."""

from plgen.features.base import Feature
from plgen.features.names import FeatureName


def _where(bp):
    for i, consumer in enumerate(bp.consumers):
        for j, endpoint in enumerate(consumer.endpoints):
            if endpoint.dns_name:
                yield ("consumers", i, "endpoints", j, "dns_name")


FRIENDLY_NAMES = Feature(
    FeatureName.FRIENDLY_NAMES,
    "Friendly DNS names",
    "a private hosted zone per named endpoint, associated with the consumer VPC",
    _where,
)
