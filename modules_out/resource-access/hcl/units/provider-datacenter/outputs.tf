output "resource_provider_us_east_1" {
  description = "What other units read of module.resource_provider_us_east_1: resource_configurations, service_network."
  value = {
    for key, m in module.resource_provider_us_east_1 : key => {
      resource_configurations = m.resource_configurations
      service_network         = m.service_network
    }
  }
}
