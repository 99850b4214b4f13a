output "endpoints" {
  description = "Per endpoint: ID, regional DNS name, zonal DNS names, network interfaces and their private IPv4 and IPv6 addresses (for on-premises firewalls and access by IP), security group, and the friendly DNS name (null when none)."
  value = {
    for key, endpoint in aws_vpc_endpoint.this : key => {
      id                = endpoint.id
      regional_dns_name = endpoint.dns_entry[0].dns_name
      zonal_dns_names = [
        for entry in endpoint.dns_entry : entry.dns_name
        if entry.dns_name != endpoint.dns_entry[0].dns_name && endswith(entry.dns_name, ".vpce.amazonaws.com")
      ]
      network_interface_ids = endpoint.network_interface_ids
      ipv4_addresses        = sort(compact([for subnet in endpoint.subnet_configuration : subnet.ipv4]))
      ipv6_addresses        = sort(compact([for subnet in endpoint.subnet_configuration : subnet.ipv6]))
      security_group_id     = aws_security_group.endpoint[key].id
      friendly_dns_name     = var.endpoints[key].dns_name
    }
  }
}

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
