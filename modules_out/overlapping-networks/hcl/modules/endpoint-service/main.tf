locals {
  listeners = merge([
    for service, spec in var.services : {
      for key, listener in spec.listeners : "${service}/${key}" => merge(listener, {
        service                = service
        target_type            = spec.target_type
        proxy_protocol_v2      = spec.proxy_protocol_v2
        deregistration_delay   = spec.deregistration_delay
        connection_termination = spec.connection_termination
        health_check           = spec.health_check
      })
    }
  ]...)
  nlb_sources = merge([
    for service, spec in var.services : {
      for key, rule in spec.nlb_sources : "${service}/${key}" => merge(rule, { service = service })
    }
  ]...)
  nlb_to_remote_targets = merge([
    for service, spec in var.services : {
      for key, rule in spec.remote_targets : "${service}/${key}" => merge(rule, {
        service = service
      })
    }
  ]...)
  nlb_to_targets = merge([
    for service, spec in var.services : {
      for port in spec.target_ports : "${service}/${port.ip_protocol}/${port.port}" => merge(port, {
        service = service
      })
    }
  ]...)
  nlb_to_vpc_targets = merge([
    for service, spec in var.services : {
      for key, rule in spec.vpc_targets : "${service}/${key}" => merge(rule, { service = service })
    }
  ]...)
  notification_topics = {
    for key, spec in local.notified_services : key => spec
    if spec.sns_topic_arn == null
  }
  notified_services = {
    for key, spec in var.services : key => spec.notifications
    if spec.notifications != null
  }
  private_dns_verifications = {
    for key, spec in var.services : key => spec.private_dns_verification
    if spec.private_dns_name != null && spec.private_dns_verification != null
  }
  route_table_ids = var.vpc.id != null ? var.vpc.route_table_ids : aws_route_table.this[*].id
  subnet_ids = var.vpc.id != null ? var.vpc.subnet_ids : {
    for az, subnet in aws_subnet.this : az => subnet.id
  }
  target_attachments = merge([
    for service, spec in var.services : merge([
      for key, listener in spec.listeners : {
        for target, t in spec.targets : "${service}/${key}/${target}" => merge(t, {
          listener = "${service}/${key}"
          port     = coalesce(t.port, listener.target_port)
        })
      }
    ]...)
  ]...)
  vpc_id = var.vpc.id != null ? var.vpc.id : one(aws_vpc.this[*].id)
}

data "aws_route53_zone" "private_dns_verification" {
  for_each = {
    for key, zone in local.private_dns_verifications : key => zone
    if zone.zone_id == null
  }

  name         = each.value.zone_name
  private_zone = false
}

resource "aws_default_security_group" "this" {
  count = var.vpc.id == null ? 1 : 0

  tags   = merge(var.tags, { Name = "${var.name}-default-closed" })
  vpc_id = aws_vpc.this[0].id
}

resource "aws_kms_key" "notifications" {
  for_each = local.notification_topics

  deletion_window_in_days = 30
  description             = "Encrypts the connection notifications of endpoint service ${var.name}-${each.key}"
  enable_key_rotation     = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministers"
        Effect    = "Allow"
        Principal = { AWS = "arn:${each.value.partition}:iam::${each.value.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "PrivateLinkPublishes"
        Effect    = "Allow"
        Principal = { Service = "vpce.amazonaws.com" }
        Action    = ["kms:GenerateDataKey*", "kms:Decrypt"]
        Resource  = "*"
      },
    ]
  })
  tags = var.tags
}

resource "aws_lb" "this" {
  for_each = var.services

  enable_cross_zone_load_balancing                             = each.value.cross_zone
  enable_deletion_protection                                   = each.value.deletion_protection
  enforce_security_group_inbound_rules_on_private_link_traffic = each.value.enforce_privatelink_inbound
  internal                                                     = each.value.internal
  load_balancer_type                                           = "network"
  name                                                         = each.value.load_balancer_name
  security_groups                                              = [aws_security_group.nlb[each.key].id]
  subnets                                                      = values(local.subnet_ids)
  tags                                                         = merge(var.tags, { Name = each.value.load_balancer_name })
}

resource "aws_lb_listener" "this" {
  for_each = local.listeners

  certificate_arn   = each.value.certificate_arn
  load_balancer_arn = aws_lb.this[each.value.service].arn
  port              = each.value.port
  protocol          = each.value.protocol
  ssl_policy        = each.value.ssl_policy
  tags              = var.tags

  default_action {
    target_group_arn = aws_lb_target_group.this[each.key].arn
    type             = "forward"
  }
}

resource "aws_lb_target_group" "this" {
  for_each = local.listeners

  connection_termination = each.value.connection_termination
  deregistration_delay   = tostring(each.value.deregistration_delay)
  name                   = each.value.target_group_name
  port                   = each.value.target_port
  protocol               = each.value.target_protocol
  proxy_protocol_v2      = each.value.proxy_protocol_v2
  tags                   = merge(var.tags, { Name = each.value.target_group_name })
  target_type            = each.value.target_type
  vpc_id                 = local.vpc_id

  health_check {
    enabled             = true
    healthy_threshold   = each.value.health_check.healthy_threshold
    interval            = each.value.health_check.interval
    path                = each.value.health_check.path
    port                = each.value.health_check.port
    protocol            = each.value.health_check.protocol
    unhealthy_threshold = each.value.health_check.unhealthy_threshold
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_target_group_attachment" "this" {
  for_each = local.target_attachments

  availability_zone = each.value.availability_zone
  port              = each.value.port
  target_group_arn  = aws_lb_target_group.this[each.value.listener].arn
  target_id         = each.value.target_id
}

resource "aws_route53_record" "private_dns_verification" {
  for_each = local.private_dns_verifications

  name    = "${aws_vpc_endpoint_service.this[each.key].private_dns_name_configuration[0].name}.${aws_vpc_endpoint_service.this[each.key].private_dns_name}"
  records = [aws_vpc_endpoint_service.this[each.key].private_dns_name_configuration[0].value]
  ttl     = 1800
  type    = "TXT"
  zone_id = each.value.zone_id != null ? each.value.zone_id : data.aws_route53_zone.private_dns_verification[each.key].zone_id
}

resource "aws_route_table" "this" {
  count = var.vpc.id == null ? 1 : 0

  tags   = merge(var.tags, { Name = var.name })
  vpc_id = aws_vpc.this[0].id
}

resource "aws_route_table_association" "this" {
  for_each = aws_subnet.this

  route_table_id = aws_route_table.this[0].id
  subnet_id      = each.value.id
}

resource "aws_security_group" "nlb" {
  for_each = var.services

  description = "NLB of ${each.key}: admits only its consumers, reaches only its targets"
  name        = "${var.name}-${each.key}-nlb"
  tags        = merge(var.tags, { Name = "${var.name}-${each.key}-nlb" })
  vpc_id      = local.vpc_id
}

resource "aws_security_group" "targets" {
  for_each = { for key, spec in var.services : key => spec if length(spec.target_ports) > 0 }

  description = "Targets of ${each.key}: admits only the NLB on the target ports"
  name        = "${var.name}-${each.key}-targets"
  tags        = merge(var.tags, { Name = "${var.name}-${each.key}-targets" })
  vpc_id      = local.vpc_id
}

resource "aws_sns_topic" "notifications" {
  for_each = local.notification_topics

  kms_master_key_id = aws_kms_key.notifications[each.key].arn
  name              = "${var.name}-${each.key}-connections"
  tags              = var.tags
}

resource "aws_sns_topic_policy" "notifications" {
  for_each = local.notification_topics

  arn = aws_sns_topic.notifications[each.key].arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "PrivateLinkPublishes"
        Effect    = "Allow"
        Principal = { Service = "vpce.amazonaws.com" }
        Action    = "SNS:Publish"
        Resource  = aws_sns_topic.notifications[each.key].arn
        Condition = { StringEquals = { "aws:SourceAccount" = each.value.account_id } }
      },
    ]
  })
}

resource "aws_subnet" "this" {
  for_each = var.vpc.id == null ? var.vpc.subnet_cidrs : {}

  availability_zone_id = each.key
  cidr_block           = each.value
  tags                 = merge(var.tags, { Name = "${var.name}-${each.key}" })
  vpc_id               = aws_vpc.this[0].id
}

resource "aws_vpc" "this" {
  count = var.vpc.id == null ? 1 : 0

  cidr_block           = var.vpc.cidr
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags                 = merge(var.tags, { Name = var.name })
}

resource "aws_vpc_endpoint_connection_notification" "this" {
  for_each = local.notified_services

  connection_events           = each.value.events
  connection_notification_arn = each.value.sns_topic_arn != null ? each.value.sns_topic_arn : aws_sns_topic.notifications[each.key].arn
  vpc_endpoint_service_id     = aws_vpc_endpoint_service.this[each.key].id

  depends_on = [aws_sns_topic_policy.notifications]
}

resource "aws_vpc_endpoint_service" "this" {
  for_each = var.services

  acceptance_required        = each.value.acceptance_required
  allowed_principals         = each.value.allowed_principals
  network_load_balancer_arns = [aws_lb.this[each.key].arn]
  private_dns_name           = each.value.private_dns_name
  supported_regions          = each.value.supported_regions
  tags                       = merge(var.tags, { Name = "${var.name}-${each.key}" })
}

resource "aws_vpc_endpoint_service_private_dns_verification" "this" {
  for_each = local.private_dns_verifications

  service_id            = aws_vpc_endpoint_service.this[each.key].id
  wait_for_verification = true

  depends_on = [aws_route53_record.private_dns_verification]
}

resource "aws_vpc_security_group_egress_rule" "nlb_remote_targets" {
  for_each = local.nlb_to_remote_targets

  cidr_ipv4         = each.value.cidr
  description       = "To one target outside the VPC, on its port (traffic and health checks)"
  from_port         = each.value.port
  ip_protocol       = each.value.ip_protocol
  security_group_id = aws_security_group.nlb[each.value.service].id
  tags              = var.tags
  to_port           = each.value.port
}

resource "aws_vpc_security_group_egress_rule" "nlb_targets" {
  for_each = local.nlb_to_targets

  description                  = "To the targets' group, on a target port (traffic and health checks)"
  from_port                    = each.value.port
  ip_protocol                  = each.value.ip_protocol
  referenced_security_group_id = aws_security_group.targets[each.value.service].id
  security_group_id            = aws_security_group.nlb[each.value.service].id
  tags                         = var.tags
  to_port                      = each.value.port
}

resource "aws_vpc_security_group_egress_rule" "nlb_vpc_targets" {
  for_each = local.nlb_to_vpc_targets

  cidr_ipv4         = each.value.cidr
  description       = "To one IP target in the VPC, on its port (traffic and health checks)"
  from_port         = each.value.port
  ip_protocol       = each.value.ip_protocol
  security_group_id = aws_security_group.nlb[each.value.service].id
  tags              = var.tags
  to_port           = each.value.port
}

resource "aws_vpc_security_group_ingress_rule" "nlb" {
  for_each = local.nlb_sources

  cidr_ipv4         = each.value.cidr
  description       = "A consumer's clients, on a listener port (PrivateLink traffic is evaluated)"
  from_port         = each.value.port
  ip_protocol       = each.value.ip_protocol
  security_group_id = aws_security_group.nlb[each.value.service].id
  tags              = var.tags
  to_port           = each.value.port
}

resource "aws_vpc_security_group_ingress_rule" "targets" {
  for_each = local.nlb_to_targets

  description                  = "From the NLB's group, on a target port"
  from_port                    = each.value.port
  ip_protocol                  = each.value.ip_protocol
  referenced_security_group_id = aws_security_group.nlb[each.value.service].id
  security_group_id            = aws_security_group.targets[each.value.service].id
  tags                         = var.tags
  to_port                      = each.value.port
}
