"""Issue 23 D2: the dns hop accepts private DNS switched on by aws_vpc_endpoint_private_dns after the acceptance,
and fails an endpoint whose private DNS nothing switches on."""

from __future__ import annotations

from plgen.paths import FAIL, PASS
from tests.paths.test_proof import copy_root, dns_hops, drop_json_resource, paths_of


def test_private_dns_switched_on_after_acceptance_passes_and_without_the_switch_fails(tmp_path):
    folder = copy_root(tmp_path, "saas")
    _, report = paths_of(folder)
    for consumer in ("customer-acme", "customer-globex"):
        status, reason = dns_hops(report)[f"{consumer} billing-provider/billing-api"]
        assert status == PASS and f'switched on by module.consumer_private_dns_us_east_1["{consumer}"].aws_vpc_endpoint_private_dns.this' in reason
    drop_json_resource(folder, "modules/consumer-private-dns", "aws_vpc_endpoint_private_dns", "this")
    code, report = paths_of(folder)
    status, reason = dns_hops(report)["customer-acme billing-provider/billing-api"]
    assert code == 1 and status == FAIL and reason == "private DNS asked for, but the endpoint or the service does not enable it"
