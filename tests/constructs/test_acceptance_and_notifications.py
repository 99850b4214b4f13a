"""Issue 23: private DNS switched on only after the provider's acceptance (D2), and opt-in connection
notifications (D11), read from the compiled catalogue."""

from __future__ import annotations

from tests.conftest import module


def test_endpoints_awaiting_acceptance_are_created_without_private_dns(catalogue):
    consumer = module(catalogue, "saas", "modules/consumer")
    # Unset (null) rather than false: the switch owns the attribute afterwards, so the plan after apply is empty
    # (tests/apply/test_apply.py), and re-applying the consumer unit does not undo consumer-private-dns (test_live_cli).
    assert consumer["resource"]["aws_vpc_endpoint"]["this"]["private_dns_enabled"] == "${each.value.private_dns_after_acceptance ? null : each.value.private_dns}"
    data = catalogue["saas"].compiled.inputs["service_consumers"]
    billing = {name: side["endpoints"]["billing-provider/billing-api"] for name, side in data.items()}
    # Both customers are other accounts than the provider's and billing-api requires acceptance: private DNS waits.
    assert {name: (e["private_dns"], e["private_dns_after_acceptance"]) for name, e in billing.items()} == {
        "customer-acme": (True, True),
        "customer-globex": (True, True),
    }


def test_private_dns_is_switched_on_by_a_consumer_unit_after_the_acceptance_unit(catalogue):
    compiled = catalogue["saas"].compiled
    switch = module(catalogue, "saas", "modules/consumer-private-dns")["resource"]["aws_vpc_endpoint_private_dns"]["this"]
    assert switch["private_dns_enabled"] is True and switch["vpc_endpoint_id"] == "${each.value.endpoint_id}"
    order = [u.name for u in compiled.units]
    acceptance = order.index("provider-billing-provider-endpoint-acceptance")
    for team in ("customer-acme", "customer-globex"):
        unit = next(u for u in compiled.units if u.name == f"consumer-{team}-consumer-private-dns")
        assert unit.side == "consumer" and unit.team == team
        assert order.index(unit.name) > acceptance
        assert "provider-billing-provider-endpoint-acceptance" in dict(unit.depends_on)


def test_without_acceptance_private_dns_stays_at_creation(catalogue):
    """Blueprints whose private DNS needs no acceptance step get no second consumer pass (and those that do, one)."""
    waiting = set()
    for name, out in catalogue.items():
        consumers = out.compiled.inputs.get("service_consumers") or {}
        waits = any(e.get("private_dns_after_acceptance") for c in consumers.values() for e in (c.get("endpoints") or {}).values())
        assert ("modules/consumer-private-dns" in out.compiled.modules) == waits, name
        waiting |= {name} if waits else set()
    assert "saas" in waiting  # the catalogue keeps at least one blueprint that exercises the second pass


def test_notifications_create_an_encrypted_topic_that_privatelink_may_publish_to(catalogue):
    doc = module(catalogue, "saas", "modules/endpoint-service")
    resources = doc["resource"]
    notification = resources["aws_vpc_endpoint_connection_notification"]["this"]
    assert notification["vpc_endpoint_service_id"] == "${aws_vpc_endpoint_service.this[each.key].id}"
    assert notification["connection_events"] == "${each.value.events}"
    assert resources["aws_sns_topic"]["notifications"]["kms_master_key_id"] == "${aws_kms_key.notifications[each.key].arn}"
    assert "vpce.amazonaws.com" in resources["aws_kms_key"]["notifications"]["policy"]
    assert '"kms:GenerateDataKey*", "kms:Decrypt"' in resources["aws_kms_key"]["notifications"]["policy"]
    assert "vpce.amazonaws.com" in resources["aws_sns_topic_policy"]["notifications"]["policy"]
    services = catalogue["saas"].compiled.inputs["service_providers"]["billing-provider"]["services"]
    assert services["billing-api"]["notifications"] == {
        "events": ["Accept", "Connect", "Delete", "Reject"],
        "sns_topic_arn": None,
        "account_id": "111111111111",  # the policies name the provider's account from the blueprint: no aws_caller_identity, the plan needs no AWS
        "partition": "aws",
    }
    assert services["billing-export"]["notifications"] is None
