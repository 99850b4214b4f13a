output "provider_us_east_1" {
  description = "What other units read of module.provider_us_east_1: endpoint_services."
  value = {
    for key, m in module.provider_us_east_1 : key => { endpoint_services = m.endpoint_services }
  }
}
