locals {
  cidr_rules = merge([
    for key, endpoint in var.endpoints : merge([
      for cidr in distinct(concat(endpoint.allowed_cidrs, (var.on_premises == null ? [] : var.on_premises.cidrs))) : {
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
  resolver_rules = var.on_premises != null && try(var.on_premises.resolver_endpoint, false) ? merge([
    for cidr in var.on_premises.cidrs : {
      for proto in ["tcp", "udp"] : "${cidr}/${proto}" => { cidr = cidr, ip_protocol = proto }
    }
  ]...) : {}
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

resource "aws_dx_gateway_association" "this" {
  count = var.on_premises != null && try(var.on_premises.transit_gateway_id, null) == null && try(
    var.on_premises.direct_connect_gateway_id,
    null,
  ) != null ? 1 : 0

  allowed_prefixes      = var.on_premises.allowed_prefixes
  associated_gateway_id = (try(var.on_premises.vpn_gateway_id, null) != null ? try(var.on_premises.vpn_gateway_id, null) : one(aws_vpn_gateway.this[*].id))
  dx_gateway_id         = var.on_premises.direct_connect_gateway_id

  depends_on = [aws_vpn_gateway_attachment.this]
}

resource "aws_ec2_transit_gateway_route_table_association" "this" {
  count = var.on_premises != null && try(var.on_premises.transit_gateway_id, null) != null ? (var.on_premises.transit_gateway_route_table_id != null ? 1 : 0) : 0

  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.this[0].id
  transit_gateway_route_table_id = var.on_premises.transit_gateway_route_table_id
}

resource "aws_ec2_transit_gateway_route_table_propagation" "this" {
  for_each = var.on_premises != null && try(var.on_premises.transit_gateway_id, null) != null ? toset(var.on_premises.transit_gateway_propagation_route_table_ids) : toset([])

  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.this[0].id
  transit_gateway_route_table_id = each.value
}

resource "aws_ec2_transit_gateway_vpc_attachment" "this" {
  count = var.on_premises != null && try(var.on_premises.transit_gateway_id, null) != null ? 1 : 0

  subnet_ids                                      = values(local.subnet_ids)
  tags                                            = merge(var.tags, { Name = var.name })
  transit_gateway_default_route_table_association = var.on_premises.transit_gateway_route_table_id == null
  transit_gateway_default_route_table_propagation = length(var.on_premises.transit_gateway_propagation_route_table_ids) == 0
  transit_gateway_id                              = var.on_premises.transit_gateway_id
  vpc_id                                          = local.vpc_id
}

resource "aws_route" "on_premises" {
  for_each = var.on_premises != null && try(var.on_premises.transit_gateway_id, null) != null ? merge([
    for i, table in local.route_table_ids : {
      for cidr in var.on_premises.cidrs : "${i}:${cidr}" => { route_table_id = table, cidr = cidr }
    }
  ]...) : {}

  destination_cidr_block = each.value.cidr
  route_table_id         = each.value.route_table_id
  transit_gateway_id     = aws_ec2_transit_gateway_vpc_attachment.this[0].transit_gateway_id
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

resource "aws_route53_resolver_endpoint" "inbound" {
  count = var.on_premises != null && try(var.on_premises.resolver_endpoint, false) ? 1 : 0

  direction          = "INBOUND"
  name               = "${var.name}-inbound"
  security_group_ids = [aws_security_group.resolver[0].id]
  tags               = merge(var.tags, { Name = "${var.name}-inbound" })

  dynamic "ip_address" {
    for_each = values(local.subnet_ids)

    content {
      subnet_id = ip_address.value
    }
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

resource "aws_security_group" "resolver" {
  count = var.on_premises != null && try(var.on_premises.resolver_endpoint, false) ? 1 : 0

  description = "Route 53 Resolver inbound endpoint: admits only the on-premises CIDRs on 53 TCP and UDP"
  name        = "${var.name}-resolver-inbound"
  tags        = merge(var.tags, { Name = "${var.name}-resolver-inbound" })
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
  private_dns_enabled = each.value.private_dns
  security_group_ids  = [aws_security_group.endpoint[each.key].id]
  service_name        = each.value.service_name
  service_region      = each.value.service_region
  subnet_ids          = values(local.subnet_ids)
  tags                = merge(var.tags, { Name = "${var.name}-${replace(each.key, "/", "-")}" })
  vpc_endpoint_type   = "Interface"
  vpc_id              = local.vpc_id
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

resource "aws_vpc_security_group_ingress_rule" "resolver" {
  for_each = local.resolver_rules

  cidr_ipv4         = each.value.cidr
  description       = "DNS from on premises"
  from_port         = 53
  ip_protocol       = each.value.ip_protocol
  security_group_id = aws_security_group.resolver[0].id
  tags              = var.tags
  to_port           = 53
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

resource "aws_vpn_gateway" "this" {
  count = var.on_premises != null && try(var.on_premises.transit_gateway_id, null) == null && try(var.on_premises.vpn_gateway_id, null) == null ? 1 : 0

  amazon_side_asn = var.on_premises.amazon_side_asn
  tags            = merge(var.tags, { Name = var.name })
  vpc_id          = local.vpc_id
}

resource "aws_vpn_gateway_attachment" "this" {
  count = var.on_premises != null && try(var.on_premises.transit_gateway_id, null) == null && try(var.on_premises.vpn_gateway_id, null) != null && var.vpc.id == null ? 1 : 0

  vpc_id         = local.vpc_id
  vpn_gateway_id = var.on_premises.vpn_gateway_id
}

resource "aws_vpn_gateway_route_propagation" "this" {
  count = var.on_premises != null && try(var.on_premises.transit_gateway_id, null) == null ? length(local.route_table_ids) : 0

  route_table_id = local.route_table_ids[count.index]
  vpn_gateway_id = (try(var.on_premises.vpn_gateway_id, null) != null ? try(var.on_premises.vpn_gateway_id, null) : one(aws_vpn_gateway.this[*].id))

  depends_on = [aws_vpn_gateway_attachment.this, aws_dx_gateway_association.this]
}
