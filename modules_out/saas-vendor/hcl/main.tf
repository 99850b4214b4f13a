locals {
  endpoint_connections = merge([
    for name, c in var.external_consumers : {
      for key, s in c.services : "${name}/${key}" => {
        provider    = s.provider
        service     = s.service
        endpoint_id = local.external_endpoints[name][key].id
        consumer    = name
        endpoint    = key
        private_dns = false
      }
    }
    if contains(keys(local.external_endpoints), name)
  ]...)
  endpoint_services = merge({
    for name, side in module.provider_us_east_1 : name => side.endpoint_services
  })
  external_endpoints = var.external_endpoints
}

module "acceptance_us_east_1" {
  source = "./modules/endpoint-acceptance"

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

module "provider_us_east_1" {
  source = "./modules/endpoint-service"

  for_each = {
    for name, side in var.service_providers : name => side
    if side.region == "us-east-1"
  }

  name     = each.key
  services = each.value.services
  tags     = var.tags
  vpc      = each.value.vpc
}
