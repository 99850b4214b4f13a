locals {
  cidr_rules = merge([
    for key, endpoint in var.endpoints : merge([
      for cidr in distinct(endpoint.allowed_cidrs) : {
        for port in endpoint.ports : "${key}/${cidr}/${port.ip_protocol}/${port.port}" => {
          endpoint    = key
          cidr        = cidr
          port        = port.port
          ip_protocol = port.ip_protocol
        }
      }
    ]...)
  ]...)
  named_endpoints = {
    for key, endpoint in var.endpoints : key => endpoint
    if endpoint.dns_name != null
  }
  route_table_ids = var.vpc.id != null ? var.vpc.route_table_ids : aws_route_table.this[*].id
  security_group_rules = merge([
    for key, endpoint in var.endpoints : merge([
      for group in endpoint.allowed_security_group_ids : {
        for port in endpoint.ports : "${key}/${group}/${port.ip_protocol}/${port.port}" => {
          endpoint    = key
          group       = group
          port        = port.port
          ip_protocol = port.ip_protocol
        }
      }
    ]...)
  ]...)
  subnet_ids = var.vpc.id != null ? var.vpc.subnet_ids : {
    for az, subnet in aws_subnet.this : az => subnet.id
  }
  vpc_id = var.vpc.id != null ? var.vpc.id : one(aws_vpc.this[*].id)
}

resource "aws_default_security_group" "this" {
  count = var.vpc.id == null ? 1 : 0

  tags   = merge(var.tags, { Name = "${var.name}-default-closed" })
  vpc_id = aws_vpc.this[0].id
}

resource "aws_route53_record" "friendly" {
  for_each = local.named_endpoints

  name    = each.value.dns_name
  type    = "A"
  zone_id = aws_route53_zone.friendly[each.key].zone_id

  alias {
    evaluate_target_health = true
    name                   = aws_vpc_endpoint.this[each.key].dns_entry[0].dns_name
    zone_id                = aws_vpc_endpoint.this[each.key].dns_entry[0].hosted_zone_id
  }
}

resource "aws_route53_zone" "friendly" {
  for_each = local.named_endpoints

  comment = "Friendly name of the ${each.key} interface endpoint"
  name    = each.value.dns_name
  tags    = var.tags

  vpc {
    vpc_id = local.vpc_id
  }

  lifecycle {
    ignore_changes = [vpc]
  }
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

resource "aws_security_group" "endpoint" {
  for_each = var.endpoints

  description = "Interface endpoint for ${each.key}: admits only the sources named in the blueprint"
  name        = "${var.name}-${replace(each.key, "/", "-")}-endpoint"
  tags        = merge(var.tags, { Name = "${var.name}-${replace(each.key, "/", "-")}-endpoint" })
  vpc_id      = local.vpc_id
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

resource "aws_vpc_endpoint" "this" {
  for_each = var.endpoints

  auto_accept         = each.value.auto_accept
  private_dns_enabled = each.value.private_dns_after_acceptance ? null : each.value.private_dns
  security_group_ids  = [aws_security_group.endpoint[each.key].id]
  service_name        = each.value.service_name
  service_region      = each.value.service_region
  subnet_ids          = values(local.subnet_ids)
  tags                = merge(var.tags, { Name = "${var.name}-${replace(each.key, "/", "-")}" })
  vpc_endpoint_type   = "Interface"
  vpc_id              = local.vpc_id

  lifecycle {
    precondition {
      condition     = !each.value.private_dns || each.value.private_dns_verified
      error_message = "Private DNS is enabled for this endpoint but the service's private DNS name is not verified yet: pass private_dns_verified = true (the provider's endpoint_services output) once the provider has verified it."
    }
  }
}

resource "aws_vpc_security_group_ingress_rule" "cidr" {
  for_each = local.cidr_rules

  cidr_ipv4         = each.value.cidr
  description       = "Named in the blueprint"
  from_port         = each.value.port
  ip_protocol       = each.value.ip_protocol
  security_group_id = aws_security_group.endpoint[each.value.endpoint].id
  tags              = var.tags
  to_port           = each.value.port
}

resource "aws_vpc_security_group_ingress_rule" "security_group" {
  for_each = local.security_group_rules

  description                  = "Named in the blueprint"
  from_port                    = each.value.port
  ip_protocol                  = each.value.ip_protocol
  referenced_security_group_id = each.value.group
  security_group_id            = aws_security_group.endpoint[each.value.endpoint].id
  tags                         = var.tags
  to_port                      = each.value.port
}
