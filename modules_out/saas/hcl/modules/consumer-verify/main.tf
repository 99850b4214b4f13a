locals {
  paths = merge([
    for key, endpoint in var.endpoints : {
      for port in endpoint.ports : "${key}/${port.ip_protocol}/${port.port}" => {
        endpoint          = key
        endpoint_id       = endpoint.endpoint_id
        security_group_id = endpoint.security_group_id
        state             = endpoint.state
        port              = port.port
        ip_protocol       = port.ip_protocol
      }
    }
  ]...)
}

resource "aws_ec2_network_insights_analysis" "this" {
  for_each = local.paths

  network_insights_path_id = aws_ec2_network_insights_path.this[each.key].id
  tags                     = var.tags
  wait_for_completion      = true

  lifecycle {
    postcondition {
      condition     = self.path_found
      error_message = "Reachability Analyzer finds no path from the probe to ${each.key}: see the analysis ${self.id} (explanations) for the blocking component."
    }

    precondition {
      condition     = each.value.state == "available"
      error_message = "The provider has not accepted this endpoint yet (its state is not available): apply the provider's endpoint-acceptance unit first."
    }
  }
}

resource "aws_ec2_network_insights_path" "this" {
  for_each = local.paths

  destination      = each.value.endpoint_id
  destination_port = each.value.port
  protocol         = each.value.ip_protocol
  source           = aws_network_interface.probe.id
  tags             = merge(var.tags, { Name = "${var.name}-verify-${each.key}" })

  depends_on = [aws_vpc_security_group_egress_rule.probe]
}

resource "aws_network_interface" "probe" {
  description     = "plgen verify: Reachability Analyzer probe (sends nothing)"
  security_groups = [aws_security_group.probe.id]
  subnet_id       = var.subnet_id
  tags            = merge(var.tags, { Name = "${var.name}-verify-probe" })
}

resource "aws_security_group" "probe" {
  description = "plgen verify: Reachability Analyzer probe (no inbound rules)"
  name_prefix = "${var.name}-verify-probe-"
  tags        = merge(var.tags, { Name = "${var.name}-verify-probe" })
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "probe" {
  for_each = local.paths

  description                  = "To ${each.value.endpoint} on ${each.value.ip_protocol}/${each.value.port}"
  from_port                    = each.value.port
  ip_protocol                  = each.value.ip_protocol
  referenced_security_group_id = each.value.security_group_id
  security_group_id            = aws_security_group.probe.id
  tags                         = var.tags
  to_port                      = each.value.port
}
