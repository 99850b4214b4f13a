output "provider_eu_west_1" {
  description = "What other units read of module.provider_eu_west_1: endpoint_services."
  value = {
    for key, m in module.provider_eu_west_1 : key => { endpoint_services = m.endpoint_services }
  }
}
