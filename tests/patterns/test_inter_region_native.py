"""The inter-region patterns with `connectivity: native`: cross-Region PrivateLink, no peering, no remote NLB."""

from __future__ import annotations

import pytest

from tests.conftest import inputs, module, planned_regions, requires_terraform
from tests.patterns.topology import instances, privatelink_chain

SERVICE, CONSUMER = "inter-region-service-native", "inter-region-consumer-native"


@pytest.mark.parametrize(
    ("name", "provider", "service", "consumer", "home", "remote"),
    [
        (SERVICE, "analytics", "analytics-api", "eu-customer", "us-east-1", "eu-west-1"),
        (CONSUMER, "payments", "payments-api", "shop-home", "us-east-1", "eu-central-1"),
    ],
)
def test_the_service_lists_its_own_region_and_the_consumers_and_the_endpoint_names_the_service_region(catalogue, name, provider, service, consumer, home, remote):
    data = inputs(catalogue, name)
    assert data["service_providers"][provider]["region"] == home
    assert data["service_providers"][provider]["services"][service]["supported_regions"] == sorted([home, remote])
    endpoint = data["service_consumers"][consumer]["endpoints"][f"{provider}/{service}"]
    assert data["service_consumers"][consumer]["region"] == remote
    assert endpoint["service_region"] == home
    root = module(catalogue, name, ".")
    assert not any(call.startswith(("peering_", "peer_network_")) for call in root["module"])  # no peering, no remote network
    assert "peers" not in data
    assert root["module"][f"consumer_{remote.replace('-', '_')}"]["providers"] == {"aws": f"aws.{remote.replace('-', '_')}"}
    resources = module(catalogue, name, "modules/consumer")["resource"]["aws_vpc_endpoint"]["this"]
    assert resources["service_region"] == "${each.value.service_region}"


def test_the_native_service_has_one_nlb_in_its_home_region_beside_the_fleet(catalogue):
    service = inputs(catalogue, SERVICE)["service_providers"]["analytics"]["services"]["analytics-api"]
    assert service["targets"] == {
        "10.40.0.10": {"target_id": "10.40.0.10", "port": None, "availability_zone": None},
        "10.40.1.10": {"target_id": "10.40.1.10", "port": None, "availability_zone": None},
    }


@pytest.fixture(scope="module", params=[SERVICE, CONSUMER])
def native_plan(request, plan):
    return request.param, plan(request.param)


@requires_terraform
@pytest.mark.terraform
def test_plan_the_endpoint_is_in_the_consumer_region_and_everything_else_at_home(native_plan):
    name, planned = native_plan
    regions = planned_regions(planned)
    remote = "eu-west-1" if name == SERVICE else "eu-central-1"
    away = {address.split(".", 1)[1] for address, region in regions.items() if region == remote}
    assert "aws_vpc_endpoint.this" in away and "aws_vpc_endpoint_service.this" not in away
    assert all(address.startswith("consumer_") for address, region in regions.items() if region == remote)
    assert not instances(planned, "aws_vpc_peering_connection")
    (endpoint,) = instances(planned, "aws_vpc_endpoint").values()
    assert endpoint["service_region"] == "us-east-1"
    (service,) = instances(planned, "aws_vpc_endpoint_service").values()
    assert sorted(service["supported_regions"]) == sorted(["us-east-1", remote])
    (link,) = privatelink_chain(planned).values()
    assert link["nlb"]["internal"] is True and link["endpoint_service"]["acceptance_required"] is True
