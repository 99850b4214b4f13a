output "peer_network_us_east_1" {
  description = "What other units read of module.peer_network_us_east_1: route_table_ids, security_group_id, vpc_id."
  value = {
    for key, m in module.peer_network_us_east_1 : key => {
      route_table_ids   = m.route_table_ids
      security_group_id = m.security_group_id
      vpc_id            = m.vpc_id
    }
  }
}

output "peering_us_east_1_to_eu_west_1" {
  description = "What other units read of module.peering_us_east_1_to_eu_west_1: peering_connection_id."
  value = {
    for key, m in module.peering_us_east_1_to_eu_west_1 : key => {
      peering_connection_id = m.peering_connection_id
    }
  }
}
