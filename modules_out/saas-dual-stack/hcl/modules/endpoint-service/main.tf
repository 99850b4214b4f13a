locals {
  listeners = merge([
    for service, spec in var.services : {
      for key, listener in spec.listeners : "${service}/${key}" => merge(listener, {
        service              = service
        target_type          = spec.target_type
        proxy_protocol_v2    = spec.proxy_protocol_v2
        deregistration_delay = spec.deregistration_delay
      })
    }
  ]...)
  route_table_ids = var.vpc.id != null ? var.vpc.route_table_ids : aws_route_table.this[*].id
  subnet_cidrs = var.vpc.id != null ? { for az, subnet in data.aws_subnet.existing : az => subnet.cidr_block } : {
    for az, subnet in aws_subnet.this : az => subnet.cidr_block
  }
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
  target_rules = merge([
    for service, spec in var.services : merge([
      for az, cidr in local.subnet_cidrs : {
        for port in spec.target_ports : "${service}/${cidr}/${port.ip_protocol}/${port.port}" => {
          service     = service
          cidr        = cidr
          port        = port.port
          ip_protocol = port.ip_protocol
        }
      }
    ]...)
  ]...)
  vpc_id = var.vpc.id != null ? var.vpc.id : one(aws_vpc.this[*].id)
}

data "aws_subnet" "existing" {
  for_each = var.vpc.id != null ? var.vpc.subnet_ids : {}

  id = each.value
}

resource "aws_default_security_group" "this" {
  count = var.vpc.id == null ? 1 : 0

  tags   = merge(var.tags, { Name = "${var.name}-default-closed" })
  vpc_id = aws_vpc.this[0].id
}

resource "aws_lb" "this" {
  for_each = var.services

  enable_cross_zone_load_balancing = each.value.cross_zone
  internal                         = each.value.internal
  ip_address_type                  = each.value.ip_address_type
  load_balancer_type               = "network"
  name                             = each.value.load_balancer_name
  subnets                          = values(local.subnet_ids)
  tags                             = merge(var.tags, { Name = each.value.load_balancer_name })
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

  deregistration_delay = tostring(each.value.deregistration_delay)
  name                 = each.value.target_group_name
  port                 = each.value.target_port
  protocol             = each.value.target_protocol
  proxy_protocol_v2    = each.value.proxy_protocol_v2
  tags                 = merge(var.tags, { Name = each.value.target_group_name })
  target_type          = each.value.target_type
  vpc_id               = local.vpc_id

  health_check {
    enabled  = true
    port     = "traffic-port"
    protocol = "TCP"
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

resource "aws_security_group" "targets" {
  for_each = { for key, spec in var.services : key => spec if length(spec.target_ports) > 0 }

  description = "Targets of ${each.key}: admits only the NLB subnets on the target ports"
  name        = "${var.name}-${each.key}-targets"
  tags        = merge(var.tags, { Name = "${var.name}-${each.key}-targets" })
  vpc_id      = local.vpc_id
}

resource "aws_subnet" "this" {
  for_each = var.vpc.id == null ? var.vpc.subnet_cidrs : {}

  assign_ipv6_address_on_creation = var.vpc.ip_address_type != "ipv4"
  availability_zone_id            = each.key
  cidr_block                      = var.vpc.ip_address_type == "ipv6" ? null : each.value
  ipv6_cidr_block                 = var.vpc.ip_address_type == "ipv4" ? null : cidrsubnet(aws_vpc.this[0].ipv6_cidr_block, 8, index(sort(keys(var.vpc.subnet_cidrs)), each.key))
  ipv6_native                     = var.vpc.ip_address_type == "ipv6"
  tags                            = merge(var.tags, { Name = "${var.name}-${each.key}" })
  vpc_id                          = aws_vpc.this[0].id
}

resource "aws_vpc" "this" {
  count = var.vpc.id == null ? 1 : 0

  assign_generated_ipv6_cidr_block = var.vpc.ip_address_type != "ipv4"
  cidr_block                       = var.vpc.cidr
  enable_dns_hostnames             = true
  enable_dns_support               = true
  tags                             = merge(var.tags, { Name = var.name })
}

resource "aws_vpc_endpoint_service" "this" {
  for_each = var.services

  acceptance_required        = each.value.acceptance_required
  allowed_principals         = each.value.allowed_principals
  network_load_balancer_arns = [aws_lb.this[each.key].arn]
  private_dns_name           = each.value.private_dns_name
  supported_ip_address_types = each.value.supported_ip_address_types
  supported_regions          = each.value.supported_regions
  tags                       = merge(var.tags, { Name = "${var.name}-${each.key}" })
}

resource "aws_vpc_security_group_ingress_rule" "targets" {
  for_each = local.target_rules

  cidr_ipv4         = each.value.cidr
  description       = "From the NLB subnets, on a target port"
  from_port         = each.value.port
  ip_protocol       = each.value.ip_protocol
  security_group_id = aws_security_group.targets[each.value.service].id
  tags              = var.tags
  to_port           = each.value.port
}
