output "resource_configurations" {
  description = "Per resource: resource configuration ID and ARN, and the ARN of its RAM share (null when shared with nobody)."
  value = {
    for key, item in aws_vpclattice_resource_configuration.this : key => {
      id        = item.id
      arn       = item.arn
      share_arn = try(aws_ram_resource_share.resource[key].arn, null)
    }
  }
}

output "resource_gateway_id" {
  description = "ID of the resource gateway."
  value       = aws_vpclattice_resource_gateway.this.id
}

output "resource_gateway_security_group_id" {
  description = "Security group of the resource gateway (the source resources see)."
  value       = aws_security_group.gateway.id
}

output "route_table_ids" {
  description = "Route tables of the subnets, for peering and on-premises routes."
  value       = local.route_table_ids
}

output "service_network" {
  description = "The service network's ID and ARN and its RAM share's ARN (null without a service network)."
  value = length(aws_vpclattice_service_network.this) == 0 ? null : {
    id        = aws_vpclattice_service_network.this[0].id
    arn       = aws_vpclattice_service_network.this[0].arn
    share_arn = try(aws_ram_resource_share.network[0].arn, null)
  }
}

output "subnet_ids" {
  description = "Subnet ID per AZ ID."
  value       = local.subnet_ids
}

output "vpc_id" {
  description = "ID of the VPC (created or given)."
  value       = local.vpc_id
}

output "vpn_gateway_id" {
  description = "Virtual private gateway the Direct Connect private virtual interface reaches (created, or on_premises.vpn_gateway_id reused); null without on_premises or with on_premises.transit_gateway_id."
  value       = (try(var.on_premises.vpn_gateway_id, null) != null ? try(var.on_premises.vpn_gateway_id, null) : one(aws_vpn_gateway.this[*].id))
}
