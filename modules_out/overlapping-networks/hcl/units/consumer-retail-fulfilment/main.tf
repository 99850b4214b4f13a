locals {
  endpoint_services = merge({
    for name, side in local.from_provider_us_east_1 : name => side.endpoint_services
  })
  from_provider_us_east_1 = merge([
    for f in var.handoffs["provider_us_east_1"] : jsondecode(file("${path.module}/${f}"))
  ]...)
}

module "consumer_us_east_1" {
  source = "../../modules/consumer"

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
