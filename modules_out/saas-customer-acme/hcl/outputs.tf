output "consumer_endpoints" {
  description = "Per consumer, per endpoint: endpoint ID, regional and zonal DNS names, network interface IPv4 and IPv6 addresses, friendly DNS name."
  value       = local.consumer_endpoints
}
