output "peering_eu_central_1_to_us_east_1" {
  description = "What other units read of module.peering_eu_central_1_to_us_east_1: peering_connection_id."
  value = {
    for key, m in module.peering_eu_central_1_to_us_east_1 : key => {
      peering_connection_id = m.peering_connection_id
    }
  }
}
