output "endpoint_services" {
  description = "Per provider, per service: endpoint service ID and name (give the name to consumers), NLB ARN, private DNS verification record."
  value       = local.endpoint_services
}
