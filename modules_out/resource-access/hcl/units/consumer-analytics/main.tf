locals {
  from_resource_provider_us_east_1 = merge([
    for unit in data.terraform_remote_state.resource_provider_us_east_1 : unit.outputs.resource_provider_us_east_1
  ]...)
  resource_configurations = merge({
    for name, side in local.from_resource_provider_us_east_1 : name => side.resource_configurations
  })
  resource_endpoint_targets = merge([
    for provider, items in local.resource_configurations : {
      for name, item in items : "${provider}/${name}" => {
        resource_configuration_arn = item.arn
        share_arn                  = item.share_arn
      }
    }
  ]...)
  service_networks = merge({
    for name, side in local.from_resource_provider_us_east_1 : name => side.service_network
  })
}

data "terraform_remote_state" "resource_provider_us_east_1" {
  for_each = var.remote_states["resource_provider_us_east_1"]

  backend = "local"
  config  = each.value
}

module "resource_consumer_us_east_1" {
  source = "../../modules/resource-consumer"

  for_each = {
    for name, side in var.resource_consumers : name => side
    if side.region == "us-east-1"
  }

  name = each.key
  resource_endpoints = {
    for key, endpoint in each.value.resource_endpoints : key => merge(endpoint, local.resource_endpoint_targets[key])
  }
  service_network_endpoint = each.value.service_network_endpoint == null ? null : merge(each.value.service_network_endpoint, {
    service_network_arn = local.service_networks[each.value.service_network_endpoint.provider].arn
    share_arn           = local.service_networks[each.value.service_network_endpoint.provider].share_arn
  })
  tags = var.tags
  vpc  = each.value.vpc
}
