locals {
  endpoint_services = merge({
    for name, side in local.from_provider_us_east_1 : name => side.endpoint_services
  })
  from_provider_us_east_1 = merge([
    for unit in data.terraform_remote_state.provider_us_east_1 : unit.outputs.provider_us_east_1
  ]...)
}

data "terraform_remote_state" "provider_us_east_1" {
  for_each = var.remote_states["provider_us_east_1"]

  backend = "local"
  config  = each.value
}

module "consumer_us_east_1" {
  source = "../../modules/consumer"

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
