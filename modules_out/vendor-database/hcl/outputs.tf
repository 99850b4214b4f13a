output "consumer_endpoints" {
  description = "Per consumer, per endpoint: endpoint ID, regional and zonal DNS names, friendly DNS name."
  value       = local.consumer_endpoints
}
