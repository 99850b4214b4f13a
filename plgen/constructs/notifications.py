"""Connection notifications of endpoint services: SNS events when a consumer connects, is accepted, rejected or leaves.

A provider that accepts by hand learns of a pending consumer from the
``Connect`` event instead of re-running its acceptance unit
(https://docs.aws.amazon.com/vpc/latest/privatelink/create-notification-endpoint-service.html).
Per service that asks for them (``endpoint_service.notifications``), an
``aws_vpc_endpoint_connection_notification`` publishes the chosen events to a
topic: the one the blueprint names, or one created here. A created topic is
encrypted with a customer managed KMS key, and both policies admit the
PrivateLink service principal ``vpce.amazonaws.com``, as the same guide asks
("Add an access policy", "Add a key policy"): the topic's for ``SNS:Publish``
(from this account's endpoint services only, ``aws:SourceAccount``), the key's
for ``kms:GenerateDataKey*`` and ``kms:Decrypt``; the AWS managed SNS key's
policy cannot be changed, so it would refuse the service. The key policy keeps
the account's own administration (a key policy naming no administrator is
refused by KMS's lockout check: https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
CreateVpcEndpointConnectionNotification's events: ``Accept``, ``Connect``,
``Delete``, ``Reject``
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpointConnectionNotification.html).
"""

from __future__ import annotations

from plgen.terraform import Construct, local, output, resource, tf


class ConnectionNotifications(Construct):
    def __init__(self, scope: Construct, services: str, service_address: str, name: str = "connection-notifications") -> None:
        super().__init__(scope, name)
        notified = local(self, "notified_services", tf(f"{{ for key, spec in {services} : key => spec.notifications if spec.notifications != null }}"))
        created = local(self, "notification_topics", tf(f"{{ for key, spec in {notified} : key => spec if spec.sns_topic_arn == null }}"))
        account, partition = "each.value.account_id", "each.value.partition"
        resource(
            self,
            "aws_kms_key",
            "notifications",
            {
                "description": tf('"Encrypts the connection notifications of endpoint service ${var.name}-${each.key}"'),
                "enable_key_rotation": True,
                "deletion_window_in_days": 30,
                "policy": tf(
                    "jsonencode({ Version = \"2012-10-17\", Statement = ["
                    f' {{ Sid = "AccountAdministers", Effect = "Allow", Principal = {{ AWS = "arn:${{{partition}}}:iam::${{{account}}}:root" }}, Action = "kms:*", Resource = "*" }},'
                    ' { Sid = "PrivateLinkPublishes", Effect = "Allow", Principal = { Service = "vpce.amazonaws.com" },'
                    ' Action = ["kms:GenerateDataKey*", "kms:Decrypt"], Resource = "*" } ] })'
                ),
                "tags": tf("var.tags"),
            },
            for_each=tf(created),
        )
        resource(
            self,
            "aws_sns_topic",
            "notifications",
            {
                "name": tf('"${var.name}-${each.key}-connections"'),
                "kms_master_key_id": tf("aws_kms_key.notifications[each.key].arn"),
                "tags": tf("var.tags"),
            },
            for_each=tf(created),
        )
        resource(
            self,
            "aws_sns_topic_policy",
            "notifications",
            {
                "arn": tf("aws_sns_topic.notifications[each.key].arn"),
                "policy": tf(
                    "jsonencode({ Version = \"2012-10-17\", Statement = ["
                    ' { Sid = "PrivateLinkPublishes", Effect = "Allow", Principal = { Service = "vpce.amazonaws.com" }, Action = "SNS:Publish",'
                    f" Resource = aws_sns_topic.notifications[each.key].arn, Condition = {{ StringEquals = {{ \"aws:SourceAccount\" = {account} }} }} }} ] }})"
                ),
            },
            for_each=tf(created),
        )
        resource(
            self,
            "aws_vpc_endpoint_connection_notification",
            "this",
            {
                "vpc_endpoint_service_id": tf(f"{service_address}[each.key].id"),
                "connection_notification_arn": tf(
                    "each.value.sns_topic_arn != null ? each.value.sns_topic_arn : aws_sns_topic.notifications[each.key].arn"
                ),
                "connection_events": tf("each.value.events"),
            },
            for_each=tf(notified),
            depends_on=["aws_sns_topic_policy.notifications"],
        )
        output(
            scope,
            "connection_notifications",
            tf("{ for key, notification in aws_vpc_endpoint_connection_notification.this : key => { id = notification.id, topic_arn = notification.connection_notification_arn, events = notification.connection_events } }"),
            "Per service with notifications: the connection notification's ID, its SNS topic (subscribe to it) and the events it publishes.",
        )
