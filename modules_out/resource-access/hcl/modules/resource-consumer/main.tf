locals {
  named_resource_endpoints = {
    for key, endpoint in var.resource_endpoints : key => endpoint
    if endpoint.dns_name != null
  }
  network_cidr_rules = merge([
    for key, endpoint in local.service_network_endpoints : merge([
      for cidr in distinct(endpoint.allowed_cidrs) : {
        for span in endpoint.ports : "${key}/${cidr}/${span.from_port}-${span.to_port}" => {
          endpoint  = key
          cidr      = cidr
          from_port = span.from_port
          to_port   = span.to_port
        }
      }
    ]...)
  ]...)
  network_group_rules = merge([
    for key, endpoint in local.service_network_endpoints : merge([
      for group in distinct(endpoint.allowed_security_group_ids) : {
        for span in endpoint.ports : "${key}/${group}/${span.from_port}-${span.to_port}" => {
          endpoint  = key
          group     = group
          from_port = span.from_port
          to_port   = span.to_port
        }
      }
    ]...)
  ]...)
  resource_cidr_rules = merge([
    for key, endpoint in var.resource_endpoints : merge([
      for cidr in distinct(endpoint.allowed_cidrs) : {
        for span in endpoint.ports : "${key}/${cidr}/${span.from_port}-${span.to_port}" => {
          endpoint  = key
          cidr      = cidr
          from_port = span.from_port
          to_port   = span.to_port
        }
      }
    ]...)
  ]...)
  resource_group_rules = merge([
    for key, endpoint in var.resource_endpoints : merge([
      for group in distinct(endpoint.allowed_security_group_ids) : {
        for span in endpoint.ports : "${key}/${group}/${span.from_port}-${span.to_port}" => {
          endpoint  = key
          group     = group
          from_port = span.from_port
          to_port   = span.to_port
        }
      }
    ]...)
  ]...)
  route_table_ids = var.vpc.id != null ? var.vpc.route_table_ids : aws_route_table.this[*].id
  service_network_endpoints = var.service_network_endpoint == null ? {} : {
    "service-network" = var.service_network_endpoint
  }
  subnet_ids = var.vpc.id != null ? var.vpc.subnet_ids : {
    for az, subnet in aws_subnet.this : az => subnet.id
  }
  vpc_id = var.vpc.id != null ? var.vpc.id : one(aws_vpc.this[*].id)
}

data "aws_vpc_endpoint_associations" "resource" {
  for_each = local.named_resource_endpoints

  vpc_endpoint_id = aws_vpc_endpoint.resource[each.key].id
}

resource "aws_default_security_group" "this" {
  count = var.vpc.id == null ? 1 : 0

  tags   = merge(var.tags, { Name = "${var.name}-default-closed" })
  vpc_id = aws_vpc.this[0].id
}

resource "aws_ram_resource_share_accepter" "network" {
  for_each = {
    for key, endpoint in local.service_network_endpoints : key => endpoint
    if endpoint.accept
  }

  share_arn = each.value.share_arn
}

resource "aws_ram_resource_share_accepter" "resource" {
  for_each = { for key, endpoint in var.resource_endpoints : key => endpoint if endpoint.accept }

  share_arn = each.value.share_arn
}

resource "aws_route53_record" "resource" {
  for_each = local.named_resource_endpoints

  name    = each.value.dns_name
  type    = "A"
  zone_id = aws_route53_zone.resource[each.key].zone_id

  alias {
    evaluate_target_health = false
    name                   = data.aws_vpc_endpoint_associations.resource[each.key].associations[0].dns_entry[0].dns_name
    zone_id                = data.aws_vpc_endpoint_associations.resource[each.key].associations[0].dns_entry[0].hosted_zone_id
  }
}

resource "aws_route53_zone" "resource" {
  for_each = local.named_resource_endpoints

  comment = "Name of the ${each.key} resource endpoint"
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

resource "aws_security_group" "network" {
  for_each = local.service_network_endpoints

  description = "Service-network endpoint: admits only the sources named in the blueprint"
  name        = "${var.name}-service-network"
  tags        = merge(var.tags, { Name = "${var.name}-service-network" })
  vpc_id      = local.vpc_id
}

resource "aws_security_group" "resource" {
  for_each = var.resource_endpoints

  description = "Resource endpoint for ${each.key}: admits only the sources named in the blueprint"
  name        = "${var.name}-${replace(each.key, "/", "-")}-resource"
  tags        = merge(var.tags, { Name = "${var.name}-${replace(each.key, "/", "-")}-resource" })
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

resource "aws_vpc_endpoint" "network" {
  for_each = local.service_network_endpoints

  security_group_ids  = [aws_security_group.network[each.key].id]
  service_network_arn = each.value.service_network_arn
  subnet_ids          = values(local.subnet_ids)
  tags                = merge(var.tags, { Name = "${var.name}-service-network" })
  vpc_endpoint_type   = "ServiceNetwork"
  vpc_id              = local.vpc_id

  depends_on = [aws_ram_resource_share_accepter.network]
}

resource "aws_vpc_endpoint" "resource" {
  for_each = var.resource_endpoints

  private_dns_enabled        = each.value.private_dns
  resource_configuration_arn = each.value.resource_configuration_arn
  security_group_ids         = [aws_security_group.resource[each.key].id]
  subnet_ids                 = values(local.subnet_ids)
  tags                       = merge(var.tags, { Name = "${var.name}-${replace(each.key, "/", "-")}" })
  vpc_endpoint_type          = "Resource"
  vpc_id                     = local.vpc_id

  depends_on = [aws_ram_resource_share_accepter.resource]
}

resource "aws_vpc_security_group_ingress_rule" "network_cidr" {
  for_each = local.network_cidr_rules

  cidr_ipv4         = each.value.cidr
  description       = "Named in the blueprint"
  from_port         = each.value.from_port
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.network[each.value.endpoint].id
  tags              = var.tags
  to_port           = each.value.to_port
}

resource "aws_vpc_security_group_ingress_rule" "network_security_group" {
  for_each = local.network_group_rules

  description                  = "Named in the blueprint"
  from_port                    = each.value.from_port
  ip_protocol                  = "tcp"
  referenced_security_group_id = each.value.group
  security_group_id            = aws_security_group.network[each.value.endpoint].id
  tags                         = var.tags
  to_port                      = each.value.to_port
}

resource "aws_vpc_security_group_ingress_rule" "resource_cidr" {
  for_each = local.resource_cidr_rules

  cidr_ipv4         = each.value.cidr
  description       = "Named in the blueprint"
  from_port         = each.value.from_port
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.resource[each.value.endpoint].id
  tags              = var.tags
  to_port           = each.value.to_port
}

resource "aws_vpc_security_group_ingress_rule" "resource_security_group" {
  for_each = local.resource_group_rules

  description                  = "Named in the blueprint"
  from_port                    = each.value.from_port
  ip_protocol                  = "tcp"
  referenced_security_group_id = each.value.group
  security_group_id            = aws_security_group.resource[each.value.endpoint].id
  tags                         = var.tags
  to_port                      = each.value.to_port
}
