locals {
  resource_configurations = merge({
    for name, side in module.resource_provider_us_east_1 : name => side.resource_configurations
  })
  resource_endpoint_targets = merge([
    for provider, items in local.resource_configurations : {
      for name, item in items : "${provider}/${name}" => {
        resource_configuration_arn = item.arn
        share_arn                  = item.share_arn
      }
    }
  ]...)
  resource_endpoints = merge({
    for name, side in module.resource_consumer_us_east_1 : name => side.resource_endpoints
  })
  service_networks = merge({
    for name, side in module.resource_provider_us_east_1 : name => side.service_network
  })
}

module "resource_consumer_us_east_1" {
  source = "./modules/resource-consumer"

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

module "resource_provider_us_east_1" {
  source = "./modules/resource-gateway"

  for_each = {
    for name, side in var.resource_providers : name => side
    if side.region == "us-east-1"
  }

  allow_external_principals = each.value.allow_external_principals
  name                      = each.key
  on_premises               = each.value.on_premises
  resource_gateway          = each.value.resource_gateway
  resources                 = each.value.resources
  service_network           = each.value.service_network
  tags                      = var.tags
  vpc                       = each.value.vpc
}
