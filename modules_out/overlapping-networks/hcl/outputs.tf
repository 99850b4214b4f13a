output "consumer_endpoints" {
  description = "Per consumer, per endpoint: endpoint ID, regional and zonal DNS names, network interface IPv4 and IPv6 addresses, friendly DNS name."
  value       = local.consumer_endpoints
}

output "endpoint_services" {
  description = "Per provider, per service: endpoint service ID and name (give the name to consumers), NLB ARN, private DNS verification record."
  value       = local.endpoint_services
}
