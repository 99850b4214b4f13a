output "route_table_ids" {
  description = "Route tables of the subnets, for peering and on-premises routes."
  value       = local.route_table_ids
}

output "subnet_ids" {
  description = "Subnet ID per AZ ID."
  value       = local.subnet_ids
}

output "vpc_id" {
  description = "ID of the VPC (created or given)."
  value       = local.vpc_id
}
