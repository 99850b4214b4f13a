"""Side module interfaces, declared once (``base``), one file per module family.

network            inputs every VPC-owning module shares (vpc, on_premises, name, tags)
endpoint_service   the provider side: services, listeners, targets; ``service_providers``
consumer           the consumer side: endpoints, peer CIDRs and VPCs; ``service_consumers``
peering            the peering and peer-network modules; ``peers``
naming             AWS names within their length limits
"""
