locals {
  route_table_ids = var.vpc.id != null ? var.vpc.route_table_ids : aws_route_table.this[*].id
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

resource "aws_security_group" "workloads" {
  description = "Workloads reached over VPC peering; ingress only from the peered sources named in the blueprint"
  name        = "${var.name}-workloads"
  tags        = merge(var.tags, { Name = "${var.name}-workloads" })
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
