locals {
  accepted_connections = merge({
    for name, side in module.acceptance_us_east_1 : name => side.accepted
  })
  consumer_endpoints = merge({
    for name, side in module.consumer_us_east_1 : name => side.endpoints
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

module "consumer_private_dns_us_east_1" {
  source = "./modules/consumer-private-dns"

  for_each = {
    for name, side in var.service_consumers : name => side
    if side.region == "us-east-1" && length([for endpoint in values(side.endpoints) : endpoint if endpoint.private_dns_after_acceptance]) > 0
  }

  endpoints = {
    for key, endpoint in each.value.endpoints : key => {
      endpoint_id = local.consumer_endpoints[each.key][key].id
      state = try(
        local.accepted_connections[endpoint.provider]["${each.key}/${key}"],
        "pendingAcceptance",
      )
    }
    if endpoint.accept && endpoint.private_dns_after_acceptance
  }
}

module "consumer_us_east_1" {
  source = "./modules/consumer"

  for_each = {
    for name, side in var.service_consumers : name => side
    if side.region == "us-east-1"
  }

  endpoints = {
    for key, endpoint in each.value.endpoints : key => merge(endpoint, {
      service_name         = local.endpoint_services[endpoint.provider][endpoint.service].service_name
      private_dns_verified = local.endpoint_services[endpoint.provider][endpoint.service].private_dns_verified
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
