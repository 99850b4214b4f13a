locals {
  consumer_endpoints = merge({
    for name, side in module.consumer_eu_central_1 : name => side.endpoints
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
  endpoint_services = merge({
    for name, side in module.provider_us_east_1 : name => side.endpoint_services
  })
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

module "consumer_eu_central_1" {
  source = "./modules/consumer"

  for_each = {
    for name, side in var.service_consumers : name => side
    if side.region == "eu-central-1"
  }
  providers = {
    aws = aws.eu_central_1
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
