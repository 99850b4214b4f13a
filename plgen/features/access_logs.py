"""NLB access logs: the ``aws_lb`` ``access_logs`` block of a service that names ``nlb.access_logs``.

The bucket is the blueprint's, not plgen's: it must be in the NLB's Region
and carry the log-delivery bucket policy; AWS logs TLS connections only
(rule access-logs-need-tls).
https://docs.aws.amazon.com/elasticloadbalancing/latest/network/enable-access-logs.html
"""

from plgen.blueprint.rules.access_logs_tls import access_logs_need_tls
from plgen.features.base import Feature
from plgen.features.names import FeatureName


def _where(bp):
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            if service.nlb.access_logs is not None:
                yield ("providers", i, "services", j, "nlb", "access_logs")


ACCESS_LOGS = Feature(
    FeatureName.ACCESS_LOGS,
    "NLB access logs",
    "The NLB's TLS connection logs to a named S3 bucket in its Region (access_logs)",
    _where,
    (access_logs_need_tls,),
)
