locals {
  requester_ingress_rules = merge([
    for label, _ in var.requester_security_group_ids : {
      for key, rule in var.requester_ingress : "${label}/${key}" => merge(rule, { group = label })
    }
  ]...)
}

resource "aws_vpc_peering_connection" "this" {
  peer_owner_id = var.accepter.account_id
  peer_region   = var.accepter.region
  peer_vpc_id   = var.accepter.vpc_id
  tags          = merge(var.tags, { Name = var.name, Side = "requester" })
  vpc_id        = var.requester.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "requester" {
  for_each = local.requester_ingress_rules

  cidr_ipv4         = each.value.cidr
  description       = "From ${var.name} (peered ${var.accepter.region}): named in the blueprint"
  from_port         = each.value.port
  ip_protocol       = each.value.ip_protocol
  security_group_id = var.requester_security_group_ids[each.value.group]
  tags              = var.tags
  to_port           = each.value.port
}
