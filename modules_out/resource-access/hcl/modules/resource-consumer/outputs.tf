output "resource_endpoints" {
  description = "Per resource endpoint: ID, DNS entries, network interfaces and their private IPv4 and IPv6 addresses, and security group."
  value = {
    for key, endpoint in aws_vpc_endpoint.resource : key => {
      id                    = endpoint.id
      dns_entry             = endpoint.dns_entry
      network_interface_ids = endpoint.network_interface_ids
      ipv4_addresses        = sort(compact([for subnet in endpoint.subnet_configuration : subnet.ipv4]))
      ipv6_addresses        = sort(compact([for subnet in endpoint.subnet_configuration : subnet.ipv6]))
      security_group_id     = aws_security_group.resource[key].id
    }
  }
}

output "route_table_ids" {
  description = "Route tables of the subnets, for peering and on-premises routes."
  value       = local.route_table_ids
}

output "service_network_endpoint" {
  description = "The service-network endpoint's ID, DNS entries and security group (null without one)."
  value = length(aws_vpc_endpoint.network) == 0 ? null : {
    id                = aws_vpc_endpoint.network["service-network"].id
    dns_entry         = aws_vpc_endpoint.network["service-network"].dns_entry
    security_group_id = aws_security_group.network["service-network"].id
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
