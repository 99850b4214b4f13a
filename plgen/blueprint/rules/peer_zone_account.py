"""A friendly name reaches the home VPC only if Route 53 may associate it there.

The consumer's private hosted zone lives in its account. Associating it with
a VPC of another account needs an authorization created in the zone's account
and an association made from the VPC's: two applies in two accounts, which the
single root does not do. plgen therefore associates home VPCs of the
consumer's own account, and says so when a blueprint asks for more.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("peer-zone-account", "A friendly-name zone is associated only with home VPCs of the consumer's account")
def peer_zone_account(bp: Blueprint) -> Iterable[Finding]:
    for i, consumer in enumerate(bp.consumers):
        if not any(endpoint.dns_name for endpoint in consumer.endpoints):
            continue
        for j, peer in enumerate(consumer.peers):
            if peer.account_id not in (None, consumer.account_id):
                yield Finding(
                    ("consumers", i, "peers", j, "account_id"),
                    f"the friendly-name zone of account {consumer.account_id} cannot be associated with a VPC of account {peer.account_id} from here",
                    "keep the home VPC in the consumer's account, or drop dns_name and use the endpoint's DNS names",
                )
