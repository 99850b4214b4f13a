output "peer_network_eu_central_1" {
  description = "What other units read of module.peer_network_eu_central_1: route_table_ids, vpc_id."
  value = {
    for key, m in module.peer_network_eu_central_1 : key => {
      route_table_ids = m.route_table_ids
      vpc_id          = m.vpc_id
    }
  }
}
