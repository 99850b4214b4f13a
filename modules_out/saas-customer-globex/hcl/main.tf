locals {
  consumer_endpoints = merge({
    for name, side in module.consumer_us_east_1 : name => side.endpoints
  })
  endpoint_connections = merge([
    for name, consumer in var.service_consumers : {
      for key, endpoint in consumer.endpoints : "${name}/${key}" => {
        provider    = endpoint.provider
        service     = endpoint.service
        endpoint_id = local.consumer_endpoints[name][key].id
      }
      if endpoint.accept
    }
  ]...)
  endpoint_services = merge(var.external_services)
}

module "consumer_us_east_1" {
  source = "./modules/consumer"

  for_each = {
    for name, side in var.service_consumers : name => side
    if side.region == "us-east-1"
  }

  endpoints = {
    for key, endpoint in each.value.endpoints : key => merge(endpoint, {
      service_name = local.endpoint_services[endpoint.provider][endpoint.service].service_name
    })
  }
  name = each.key
  tags = var.tags
  vpc  = each.value.vpc
}
