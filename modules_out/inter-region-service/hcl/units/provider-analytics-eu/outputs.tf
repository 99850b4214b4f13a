output "provider_eu_west_1" {
  description = "What other units read of module.provider_eu_west_1: endpoint_services, route_table_ids, vpc_id."
  value = {
    for key, m in module.provider_eu_west_1 : key => {
      endpoint_services = m.endpoint_services
      route_table_ids   = m.route_table_ids
      vpc_id            = m.vpc_id
    }
  }
}
