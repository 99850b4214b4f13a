"""PrivateLink connections as AWS makes them: principals checked, pending until accepted, events notified.

moto 5.2.5 creates an interface endpoint to any endpoint service ``available`` at
once, from any account, and answers 500 to the calls a service owner uses to
accept, reject and watch connections. This mixin, composed into the EC2
response class by ``tests.emulator.app``, fixes that on top of moto's own models
(its ``VPCEndPoint`` and ``VPCServiceConfiguration`` objects, their ``state`` and
``principals``); nothing else of EC2 is re-implemented. Each method names the
API reference it imitates.

What is imitated, with its source:

* Who may connect. An account other than the service owner's may create an
  endpoint only if the service's allowed principals hold ``*``, its account
  root (``arn:aws:iam::ACCOUNT:root``) or the caller's IAM role or user ARN;
  anyone else is told the service does not exist (``InvalidServiceName``), as
  AWS does for a service it hides. The owner's account needs no permission
  (the provider's acceptance test ``TestAccVPCEndpoint_interfaceNonAWSService*``
  connects a same-account endpoint to a service with no allowed principals).
  https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#add-remove-permissions
* Acceptance. A service with ``AcceptanceRequired`` leaves every new endpoint
  ``pendingAcceptance``, the owner's own too (the same acceptance test expects
  ``pendingAcceptance`` without ``auto_accept`` and ``available`` with it); only
  the owner's account may accept or reject, since the service ID is looked up
  in the caller's account. ``auto_accept`` is the provider calling
  ``DescribeVpcEndpointServiceConfigurations`` (service-name filter) and
  ``AcceptVpcEndpointConnections`` with the consumer's credentials, so it
  works in the owner's account only, as on AWS.
  https://docs.aws.amazon.com/vpc/latest/privatelink/accept-reject-endpoint-requests.html
* Notifications. ``Connect`` (endpoint created), ``Accept``, ``Reject`` and
  ``Delete`` (endpoint deleted) go to every connection notification of the
  service and of the endpoint that asked for the event: the event is published
  to the notification's SNS topic when moto holds that topic (subscribe an SQS
  queue to read it), and kept in ``ConnectionNotification.deliveries`` either way.
  The message body is this emulator's JSON (``event``, ``serviceId``,
  ``vpcEndpointId``, ``vpcEndpointOwner``, ``vpcEndpointState``), not AWS's.
  https://docs.aws.amazon.com/vpc/latest/privatelink/create-notification-endpoint-service.html

* Cross-Region endpoints (native cross-Region PrivateLink). ``CreateVpcEndpoint``
  with ``ServiceRegion`` finds the service in that Region, not the caller's;
  the service must list the caller's Region among its ``SupportedRegions``,
  or the caller is told the service does not exist (``InvalidServiceName``,
  the answer AWS gives for a service not enabled for the caller's Region:
  hashicorp/terraform-provider-aws#42970). The endpoint reports its
  ``ServiceRegion`` (moto drops the parameter, and the provider then reads an
  empty one back); an endpoint service name found in no account of the Region
  asked is ``InvalidServiceName`` (moto created an endpoint to nothing); it is the service's connection in the service's Region
  (accepted, rejected and listed there, ``VpcEndpointRegion`` its own Region),
  and the service owner hears its events.
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html
  https://aws.amazon.com/blogs/networking-and-content-delivery/introducing-cross-region-connectivity-for-aws-privatelink

* Private DNS waits for acceptance. ``CreateVpcEndpoint`` with ``PrivateDnsEnabled=true`` to a
  service that leaves the endpoint ``pendingAcceptance`` is refused (``InvalidParameter``), and so
  is ``ModifyVpcEndpoint`` with ``PrivateDnsEnabled=true`` on an endpoint not yet ``available``;
  once accepted, ``ModifyVpcEndpoint`` switches private DNS on or off (moto ignores the parameter).
  The API reference describes the parameter, not this refusal; users report it
  (crossplane-contrib/provider-aws#1363, "VPCEndpoint can't enable private dns before it is
  accepted") and the provider's ``aws_vpc_endpoint_private_dns`` exists to enable it after the
  accepter (hashicorp/terraform-provider-aws#37628). The error wording is this emulator's.
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcEndpoint.html
  https://github.com/crossplane-contrib/provider-aws/issues/1363
  https://github.com/hashicorp/terraform-provider-aws/pull/37628

Not imitated: the ``pending`` step between ``pendingAcceptance`` and
``available``, Gateway Load Balancer
specifics, the SNS topic policy check for ``vpce.amazonaws.com``, and
``DescribeVpcEndpointServices`` listing another account's service to an allowed
principal (moto lists only the caller's own).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from moto.core.responses import ActionResult
from moto.ec2.exceptions import EC2ClientError, InvalidFilter, InvalidServiceName, InvalidVpcEndPointIdError, UnknownVpcEndpointService
from moto.ec2.models import ec2_backends
from moto.iam.models import iam_backends
from moto.moto_api._internal import mock_random
from moto.sns.models import sns_backends
from moto.sts.models import sts_backends

EVENTS = ("Accept", "Connect", "Delete", "Reject")
PENDING, AVAILABLE, REJECTED, DELETED = "pendingAcceptance", "available", "rejected", "deleted"


@dataclass
class ConnectionNotification:
    """One ``CreateVpcEndpointConnectionNotification``, kept in the creating account's backend."""

    id: str
    arn: str
    events: list[str]
    service_id: str | None
    vpc_endpoint_id: str | None
    region: str
    deliveries: list[dict[str, Any]] = field(default_factory=list)

    def to_api(self) -> dict[str, Any]:
        return {
            "ConnectionNotificationId": self.id,
            "ServiceId": self.service_id,
            "VpcEndpointId": self.vpc_endpoint_id,
            "ConnectionNotificationType": "Topic",
            "ConnectionNotificationArn": self.arn,
            "ConnectionEvents": self.events,
            "ConnectionNotificationState": "Enabled",
            "ServiceRegion": self.region,
        }


# --- moto's models, seen across accounts -------------------------------------------------------------


def region_backends(region: str):
    """Every account's EC2 backend in ``region`` that moto has created so far."""
    for _account, regions in list(ec2_backends.items()):
        if region in regions:
            yield regions[region]


def find_service(region: str, service_name: str):
    """The endpoint service configuration called ``service_name`` in any account, or ``None``."""
    for backend in region_backends(region):
        for config in backend.configurations.values():
            if config.service_name == service_name:
                return config
    return None


def all_backends():
    """Every account's EC2 backend in every Region moto has created so far (``dict.values``: none is created here)."""
    for _account, regions in list(ec2_backends.items()):
        yield from list(dict.values(regions))


def service_region(endpoint) -> str:
    """The Region of the service an endpoint connects to: its ``ServiceRegion``, else its own Region."""
    return getattr(endpoint, "service_region", None) or endpoint.ec2_backend.region_name


def supported_region_names(config) -> set[str]:
    """The Regions a service accepts endpoints from: its own and its ``SupportedRegions``."""
    return {config.ec2_backend.region_name, *(r["Region"] for r in config.supported_regions)}


def connected_endpoints(config) -> list:
    """Every account's endpoints to ``config``, in any Region (including deleted ones, as AWS lists them for a while)."""
    region = config.ec2_backend.region_name
    return [ep for backend in all_backends() for ep in backend.vpc_end_points.values() if ep.service_name == config.service_name and service_region(ep) == region]


def notifications(backend) -> dict[str, ConnectionNotification]:
    """The connection notifications of one account and Region (state lives on moto's backend, so a reset clears it)."""
    return backend.__dict__.setdefault("plgen_connection_notifications", {})


def acceptance_required(config) -> bool:
    # moto stores the request parameter as a string on create ("False" is truthy), a bool on modify.
    return str(config.acceptance_required).lower() == "true"


def caller_principals(account: str, access_key: str) -> set[str]:
    """The principal ARNs an allowed-principals list may name for this caller (account root always)."""
    principals = {f"arn:aws:iam::{account}:root"}
    role = sts_backends[account]["aws"].get_assumed_role_from_access_key(access_key)
    if role is not None:
        principals.add(role.role_arn)
    key = iam_backends[account]["aws"].access_keys.get(access_key)
    if key is not None:
        principals.add(f"arn:aws:iam::{account}:user/{key.user_name}")
    return principals


def notify(event: str, config, endpoint) -> None:
    """Deliver ``event`` to the notifications of the service (owner's account) and of the endpoint (consumer's)."""
    targets = [n for n in notifications(config.ec2_backend).values() if n.service_id == config.id]
    targets += [n for n in notifications(endpoint.ec2_backend).values() if n.vpc_endpoint_id == endpoint.id]
    message = {"event": event, "serviceId": config.id, "vpcEndpointId": endpoint.id, "vpcEndpointOwner": endpoint.owner_id, "vpcEndpointState": endpoint.state}
    for notification in targets:
        if event not in notification.events:
            continue
        _, _, _, region, account, _ = notification.arn.split(":", 5)
        topic = sns_backends[account][region].topics.get(notification.arn) if account in sns_backends else None
        if topic is not None:
            topic.publish(json.dumps(message), subject="VPC Endpoint Connection Notification")
        notification.deliveries.append({**message, "published": topic is not None})


def private_dns_pending(service_name: str, state: str = PENDING) -> EC2ClientError:
    """The refusal of private DNS on an endpoint the service owner has not accepted (the wording is this emulator's)."""
    return EC2ClientError(
        "InvalidParameter", f"Private DNS can't be enabled on an endpoint in state {state}: {service_name} must accept the connection first"
    )


def unsuccessful(resource_id: str, code: str, message: str) -> dict[str, Any]:
    return {"ResourceId": resource_id, "Error": {"Code": code, "Message": message}}


def matches(filters: dict[str, list[str]], values: dict[str, str | None]) -> bool:
    """EC2 filter semantics: every named filter must match one of its values; unknown names are refused."""
    for name, wanted in filters.items():
        if name not in values:
            raise InvalidFilter(name)
        if values[name] not in wanted:
            return False
    return True


# --- the API -----------------------------------------------------------------------------------------


class PrivateLinkResponse:
    """EC2 actions for endpoint connections; ``self`` is moto's EC2 response for one request."""

    def create_vpc_endpoint(self) -> ActionResult:
        """CreateVpcEndpoint to a PrivateLink service: principal checked, then pending or available.

        https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html
        """
        service_name = self._get_param("ServiceName")
        region = self._get_param("ServiceRegion") or self.region
        config = find_service(region, service_name) if service_name else None
        if region != self.region and (config is None or self.region not in supported_region_names(config)):
            raise InvalidServiceName(service_name)  # not offered to this Region, as AWS answers (provider issue #42970)
        if config is None and ".vpce-svc-" in (service_name or ""):
            raise InvalidServiceName(service_name)  # an endpoint service not in that Region (moto connected it to nothing)
        if config is not None and config.ec2_backend.account_id != self.current_account:
            allowed = set(config.principals)
            if "*" not in allowed and not allowed & caller_principals(self.current_account, self.get_access_key()):
                raise InvalidServiceName(service_name)
        if config is not None and acceptance_required(config) and self._get_bool_param("PrivateDnsEnabled") is True:
            raise private_dns_pending(service_name)
        result = super().create_vpc_endpoint()
        endpoint = result.result["VpcEndpoint"]
        endpoint.service_region = region
        if config is not None:
            endpoint.state = PENDING if acceptance_required(config) else AVAILABLE
            notify("Connect", config, endpoint)
        return result

    def modify_vpc_endpoint(self) -> ActionResult:
        """ModifyVpcEndpoint: ``PrivateDnsEnabled`` switches private DNS, on only once the endpoint is ``available``.

        https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcEndpoint.html
        """
        endpoint_id = self._get_param("VpcEndpointId")
        wanted = self._get_bool_param("PrivateDnsEnabled")
        endpoint = self.ec2_backend.vpc_end_points.get(endpoint_id)
        if endpoint is None:
            raise InvalidVpcEndPointIdError(endpoint_id)
        if wanted is True and endpoint.state != AVAILABLE:
            raise private_dns_pending(endpoint.service_name, endpoint.state)
        result = super().modify_vpc_endpoint()
        if wanted is not None:
            endpoint.private_dns_enabled = wanted
        return result

    def delete_vpc_endpoints(self) -> ActionResult:
        """DeleteVpcEndpoints: the service owner hears ``Delete``.

        https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpcEndpoints.html
        """
        ids = self._get_param("VpcEndpointIds", [])
        endpoints = [self.ec2_backend.vpc_end_points[i] for i in ids if i in self.ec2_backend.vpc_end_points]
        live = [(ep, find_service(service_region(ep), ep.service_name)) for ep in endpoints if ep.state != DELETED]
        result = super().delete_vpc_endpoints()
        for endpoint, config in live:
            if config is not None and endpoint.state == DELETED:
                notify("Delete", config, endpoint)
        return result

    def describe_vpc_endpoint_service_configurations(self) -> ActionResult:
        """DescribeVpcEndpointServiceConfigurations with its filters (moto ignores them; ``auto_accept`` needs service-name).

        https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpointServiceConfigurations.html
        """
        result = super().describe_vpc_endpoint_service_configurations()
        filters = self._filters_from_querystring()
        plain = {k: v for k, v in filters.items() if not k.startswith("tag:")}
        tags = {k[4:]: v for k, v in filters.items() if k.startswith("tag:")}
        kept = [
            config
            for config in result.result["ServiceConfigurations"]
            if matches(plain, {"service-name": config.service_name, "service-id": config.id, "service-state": config.service_state})
            and all({t["Key"]: t["Value"] for t in config.get_tags()}.get(key) in values for key, values in tags.items())
        ]
        return ActionResult({"ServiceConfigurations": kept})

    def describe_vpc_endpoint_connections(self) -> ActionResult:
        """DescribeVpcEndpointConnections: the endpoints of every account connected to the caller's services.

        https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpointConnections.html
        """
        filters = self._filters_from_querystring()
        connections = []
        for config in self.ec2_backend.configurations.values():
            for ep in connected_endpoints(config):
                values = {
                    "service-id": config.id,
                    "vpc-endpoint-id": ep.id,
                    "vpc-endpoint-owner": ep.owner_id,
                    "vpc-endpoint-state": ep.state,
                    "vpc-endpoint-region": ep.ec2_backend.region_name,
                    "ip-address-type": getattr(ep, "ip_address_type", "ipv4"),
                }
                if matches(filters, values):
                    connections.append(
                        {
                            "ServiceId": config.id,
                            "VpcEndpointId": ep.id,
                            "VpcEndpointOwner": ep.owner_id,
                            "VpcEndpointState": ep.state,
                            "CreationTimestamp": ep.creation_timestamp,
                            "DnsEntries": ep.dns_entries,
                            "NetworkLoadBalancerArns": config.network_load_balancer_arns,
                            "GatewayLoadBalancerArns": config.gateway_load_balancer_arns,
                            "IpAddressType": getattr(ep, "ip_address_type", "ipv4"),
                            "VpcEndpointRegion": ep.ec2_backend.region_name,
                        }
                    )
        return ActionResult({"VpcEndpointConnections": connections})

    def accept_vpc_endpoint_connections(self) -> ActionResult:
        """AcceptVpcEndpointConnections, by the service owner: ``pendingAcceptance`` -> ``available``.

        https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptVpcEndpointConnections.html
        """
        return self._decide("Accept", {PENDING}, AVAILABLE)

    def reject_vpc_endpoint_connections(self) -> ActionResult:
        """RejectVpcEndpointConnections, by the service owner: pending or available -> ``rejected``.

        https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RejectVpcEndpointConnections.html
        """
        return self._decide("Reject", {PENDING, AVAILABLE}, REJECTED)

    def _decide(self, event: str, from_states: set[str], to_state: str) -> ActionResult:
        """Move each named endpoint of the caller's service; what cannot move is an ``Unsuccessful`` item.

        The service must be the caller's (``InvalidVpcEndpointServiceId.NotFound`` otherwise, the
        code the provider's accepter tolerates on delete). The item codes for an endpoint that is
        not connected (``InvalidVpcEndpointId.NotFound``) or in another state (``IncorrectState``)
        are this emulator's choice; the API reference names none.
        """
        service_id = self._get_param("ServiceId")
        config = self.ec2_backend.configurations.get(service_id)
        if config is None:
            raise UnknownVpcEndpointService(service_id)
        endpoints = {ep.id: ep for ep in connected_endpoints(config)}
        failed = []
        for endpoint_id in self._get_param("VpcEndpointIds", []):
            endpoint = endpoints.get(endpoint_id)
            if endpoint is None or endpoint.state == DELETED:
                failed.append(unsuccessful(endpoint_id, "InvalidVpcEndpointId.NotFound", f"The VpcEndpoint Id '{endpoint_id}' does not exist"))
            elif endpoint.state not in from_states:
                failed.append(unsuccessful(endpoint_id, "IncorrectState", f"Vpc Endpoint {endpoint_id} is in state {endpoint.state}"))
            else:
                endpoint.state = to_state
                notify(event, config, endpoint)
        return ActionResult({"Unsuccessful": failed})

    def create_vpc_endpoint_connection_notification(self) -> ActionResult:
        """CreateVpcEndpointConnectionNotification on one of the caller's services or endpoints.

        https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpointConnectionNotification.html
        """
        service_id, endpoint_id = self._get_param("ServiceId"), self._get_param("VpcEndpointId")
        if bool(service_id) == bool(endpoint_id):
            raise EC2ClientError("InvalidParameterCombination", "Specify either a ServiceId or a VpcEndpointId")
        if service_id and service_id not in self.ec2_backend.configurations:
            raise UnknownVpcEndpointService(service_id)
        if endpoint_id and endpoint_id not in self.ec2_backend.vpc_end_points:
            raise InvalidVpcEndPointIdError(endpoint_id)
        events = self._checked_events(self._get_param("ConnectionEvents", []))
        notification = ConnectionNotification(
            id=f"vpce-nfn-{mock_random.get_random_hex(17)}",
            arn=self._checked_topic(self._get_param("ConnectionNotificationArn")),
            events=events,
            service_id=service_id,
            vpc_endpoint_id=endpoint_id,
            region=self.region,
        )
        notifications(self.ec2_backend)[notification.id] = notification
        return ActionResult({"ConnectionNotification": notification.to_api(), "ClientToken": self._get_param("ClientToken")})

    def describe_vpc_endpoint_connection_notifications(self) -> ActionResult:
        """DescribeVpcEndpointConnectionNotifications: by ID (unknown: ``InvalidConnectionNotification``) or filters.

        https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpointConnectionNotifications.html
        """
        known = notifications(self.ec2_backend)
        wanted = self._get_param("ConnectionNotificationId")
        if wanted and wanted not in known:
            raise EC2ClientError("InvalidConnectionNotification", f"The connection notification '{wanted}' does not exist")
        filters = self._filters_from_querystring()
        found = [
            n.to_api()
            for n in known.values()
            if (not wanted or n.id == wanted)
            and matches(
                filters,
                {
                    "connection-notification-arn": n.arn,
                    "connection-notification-id": n.id,
                    "connection-notification-state": "Enabled",
                    "connection-notification-type": "Topic",
                    "service-id": n.service_id,
                    "vpc-endpoint-id": n.vpc_endpoint_id,
                },
            )
        ]
        return ActionResult({"ConnectionNotificationSet": found})

    def modify_vpc_endpoint_connection_notification(self) -> ActionResult:
        """ModifyVpcEndpointConnectionNotification: new topic and/or events.

        https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcEndpointConnectionNotification.html
        """
        notification_id = self._get_param("ConnectionNotificationId")
        notification = notifications(self.ec2_backend).get(notification_id)
        if notification is None:
            raise EC2ClientError("InvalidConnectionNotification", f"The connection notification '{notification_id}' does not exist")
        if self._get_param("ConnectionNotificationArn"):
            notification.arn = self._checked_topic(self._get_param("ConnectionNotificationArn"))
        if self._get_param("ConnectionEvents"):
            notification.events = self._checked_events(self._get_param("ConnectionEvents"))
        return ActionResult({"ReturnValue": True})

    def delete_vpc_endpoint_connection_notifications(self) -> ActionResult:
        """DeleteVpcEndpointConnectionNotifications: unknown IDs come back as ``Unsuccessful`` items.

        https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpcEndpointConnectionNotifications.html
        """
        known = notifications(self.ec2_backend)
        failed = []
        for notification_id in self._get_param("ConnectionNotificationIds", []):
            if known.pop(notification_id, None) is None:
                failed.append(unsuccessful(notification_id, "InvalidConnectionNotification", f"The connection notification '{notification_id}' does not exist"))
        return ActionResult({"Unsuccessful": failed})

    @staticmethod
    def _checked_topic(arn: str | None) -> str:
        """An SNS topic ARN (``arn:aws:sns:REGION:ACCOUNT:NAME``), the only notification type AWS offers."""
        parts = (arn or "").split(":")
        if len(parts) != 6 or parts[:3] != ["arn", "aws", "sns"]:
            raise EC2ClientError("InvalidParameterValue", f"ConnectionNotificationArn must be an SNS topic ARN; got {arn!r}")
        return arn

    @staticmethod
    def _checked_events(events: list[str]) -> list[str]:
        bad = [e for e in events if e not in EVENTS]
        if not events or bad:
            raise EC2ClientError("InvalidParameterValue", f"ConnectionEvents must be among {', '.join(EVENTS)}; got {bad or events}")
        return list(events)
