locals {
  consumer_endpoints = merge({
    for name, side in local.from_consumer_us_east_1 : name => side.endpoints
  })
  endpoint_connections = merge([
    for name, consumer in var.service_consumers : {
      for key, endpoint in consumer.endpoints : "${name}/${key}" => {
        provider    = endpoint.provider
        service     = endpoint.service
        endpoint_id = local.consumer_endpoints[name][key].id
        consumer    = name
        endpoint    = key
        private_dns = endpoint.private_dns_after_acceptance
      }
      if endpoint.accept
    }
  ]...)
  endpoint_services = merge({
    for name, side in local.from_provider_us_east_1 : name => side.endpoint_services
  })
  from_consumer_us_east_1 = merge([
    for f in var.handoffs["consumer_us_east_1"] : jsondecode(file("${path.module}/${f}"))
  ]...)
  from_provider_us_east_1 = merge([
    for unit in data.terraform_remote_state.provider_us_east_1 : unit.outputs.provider_us_east_1
  ]...)
}

data "terraform_remote_state" "provider_us_east_1" {
  for_each = var.remote_states["provider_us_east_1"]

  backend = "local"
  config  = each.value
}

module "acceptance_us_east_1" {
  source = "../../modules/endpoint-acceptance"

  for_each = {
    for name, side in var.service_providers : name => side
    if side.region == "us-east-1"
  }

  connections = {
    for key, c in local.endpoint_connections : key => {
      service_id  = local.endpoint_services[c.provider][c.service].id
      endpoint_id = c.endpoint_id
    }
    if c.provider == each.key
  }
}
