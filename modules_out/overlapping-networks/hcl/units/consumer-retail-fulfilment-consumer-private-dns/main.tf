locals {
  accepted_connections = merge({
    for name, side in local.from_acceptance_us_east_1 : name => side.accepted
  })
  consumer_endpoints = merge({
    for name, side in local.from_consumer_us_east_1 : name => side.endpoints
  })
  from_acceptance_us_east_1 = merge([
    for f in var.handoffs["acceptance_us_east_1"] : jsondecode(file("${path.module}/${f}"))
  ]...)
  from_consumer_us_east_1 = merge([
    for unit in data.terraform_remote_state.consumer_us_east_1 : unit.outputs.consumer_us_east_1
  ]...)
}

data "terraform_remote_state" "consumer_us_east_1" {
  for_each = var.remote_states["consumer_us_east_1"]

  backend = "local"
  config  = each.value
}

module "consumer_private_dns_us_east_1" {
  source = "../../modules/consumer-private-dns"

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
