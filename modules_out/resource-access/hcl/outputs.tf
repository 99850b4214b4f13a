output "resource_configurations" {
  description = "Per provider, per resource: resource configuration ID and ARN, and its RAM share's ARN."
  value       = local.resource_configurations
}

output "resource_endpoints" {
  description = "Per consumer, per resource endpoint: ID, DNS entries, network interfaces and their IPv4 and IPv6 addresses, security group."
  value       = local.resource_endpoints
}

output "service_networks" {
  description = "Per provider: its service network's ID and ARN and its RAM share's ARN (null for none)."
  value       = local.service_networks
}
