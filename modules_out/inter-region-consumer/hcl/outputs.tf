output "consumer_endpoints" {
  description = "Per consumer, per endpoint: endpoint ID, regional and zonal DNS names, network interface IPv4 and IPv6 addresses, friendly DNS name."
  value       = local.consumer_endpoints
}

output "endpoint_services" {
  description = "Per provider, per service: endpoint service ID and name (give the name to consumers), NLB ARN, private DNS verification record."
  value       = local.endpoint_services
}

output "peer_vpcs" {
  description = "Per `<side>/<peer>`: the peered VPC's ID and route tables."
  value       = local.peer_vpcs
}

output "peerings" {
  description = "Per `<side>/<peer>`: the VPC peering connection ID and its status."
  value = merge({
    for key, peering in module.peering_eu_central_1_to_us_east_1 : key => {
      id     = peering.peering_connection_id
      status = module.peering_accepter_eu_central_1_to_us_east_1[key].accept_status
    }
  })
}
