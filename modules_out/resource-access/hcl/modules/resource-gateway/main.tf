locals {
  resource_principals = merge([
    for key, item in local.shared_resources : {
      for account in item.share_with : "${key}/${account}" => {
        resource  = key
        principal = account
      }
    }
  ]...)
  route_table_ids  = var.vpc.id != null ? var.vpc.route_table_ids : aws_route_table.this[*].id
  shared_resources = { for key, item in var.resources : key => item if length(item.share_with) > 0 }
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

resource "aws_ram_principal_association" "network" {
  for_each = var.service_network == null ? toset([]) : toset(var.service_network.share_with)

  principal          = each.value
  resource_share_arn = aws_ram_resource_share.network[0].arn
}

resource "aws_ram_principal_association" "resource" {
  for_each = local.resource_principals

  principal          = each.value.principal
  resource_share_arn = aws_ram_resource_share.resource[each.value.resource].arn
}

resource "aws_ram_resource_association" "network" {
  count = var.service_network != null && length(try(var.service_network.share_with, [])) > 0 ? 1 : 0

  resource_arn       = aws_vpclattice_service_network.this[0].arn
  resource_share_arn = aws_ram_resource_share.network[0].arn
}

resource "aws_ram_resource_association" "resource" {
  for_each = local.shared_resources

  resource_arn       = aws_vpclattice_resource_configuration.this[each.key].arn
  resource_share_arn = aws_ram_resource_share.resource[each.key].arn
}

resource "aws_ram_resource_share" "network" {
  count = var.service_network != null && length(try(var.service_network.share_with, [])) > 0 ? 1 : 0

  allow_external_principals = var.allow_external_principals
  name                      = var.service_network.name
  tags                      = merge(var.tags, { Name = var.service_network.name })
}

resource "aws_ram_resource_share" "resource" {
  for_each = local.shared_resources

  allow_external_principals = var.allow_external_principals
  name                      = each.value.name
  tags                      = merge(var.tags, { Name = each.value.name })
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

resource "aws_security_group" "gateway" {
  description = "Resource gateway: outbound only to the resources the blueprint names, on their ports"
  name        = "${var.name}-resource-gateway"
  tags        = merge(var.tags, { Name = "${var.name}-resource-gateway" })
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

resource "aws_vpc_security_group_egress_rule" "gateway" {
  for_each = var.resource_gateway.egress

  cidr_ipv4         = each.value.cidr
  description       = "To a resource named in the blueprint"
  from_port         = each.value.from_port
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.gateway.id
  tags              = var.tags
  to_port           = each.value.to_port
}

resource "aws_vpclattice_resource_configuration" "this" {
  for_each = var.resources

  allow_association_to_shareable_service_network = each.value.in_service_network
  name                                           = each.value.name
  port_ranges                                    = each.value.arn != null ? null : each.value.port_ranges
  protocol                                       = each.value.arn != null ? null : "TCP"
  resource_gateway_identifier                    = aws_vpclattice_resource_gateway.this.id
  tags                                           = merge(var.tags, { Name = each.value.name })
  type                                           = each.value.arn != null ? "ARN" : "SINGLE"

  resource_configuration_definition {
    dynamic "arn_resource" {
      for_each = each.value.arn != null ? [each.value.arn] : []

      content {
        arn = arn_resource.value
      }
    }

    dynamic "dns_resource" {
      for_each = each.value.domain_name != null ? [each.value.domain_name] : []

      content {
        domain_name     = dns_resource.value
        ip_address_type = var.resource_gateway.ip_address_type
      }
    }

    dynamic "ip_resource" {
      for_each = each.value.ip_address != null ? [each.value.ip_address] : []

      content {
        ip_address = ip_resource.value
      }
    }
  }
}

resource "aws_vpclattice_resource_gateway" "this" {
  ip_address_type    = var.resource_gateway.ip_address_type
  name               = var.resource_gateway.name
  security_group_ids = [aws_security_group.gateway.id]
  subnet_ids         = [for az in var.resource_gateway.azs : local.subnet_ids[az]]
  tags               = merge(var.tags, { Name = var.resource_gateway.name })
  vpc_id             = local.vpc_id
}

resource "aws_vpclattice_service_network" "this" {
  count = var.service_network == null ? 0 : 1

  auth_type = "NONE"
  name      = var.service_network.name
  tags      = merge(var.tags, { Name = var.service_network.name })
}

resource "aws_vpclattice_service_network_resource_association" "this" {
  for_each = var.service_network == null ? {} : {
    for key, item in var.resources : key => item
    if item.in_service_network
  }

  resource_configuration_identifier = aws_vpclattice_resource_configuration.this[each.key].id
  service_network_identifier        = aws_vpclattice_service_network.this[0].id
  tags                              = var.tags
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
