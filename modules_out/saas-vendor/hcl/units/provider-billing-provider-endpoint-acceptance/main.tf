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
    for name, side in local.from_provider_us_east_1 : name => side.endpoint_services
  })
  external_endpoints = merge(var.external_endpoints, {
    for name, c in var.external_consumers : name => {
      for key, e in jsondecode(file("${path.module}/${c.handoff}"))[name].endpoints : key => {
        id = e.id
      }
    }
    if fileexists("${path.module}/${c.handoff}")
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
