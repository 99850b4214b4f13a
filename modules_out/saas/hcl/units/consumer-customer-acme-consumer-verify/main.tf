locals {
  accepted_connections = merge({
    for name, side in local.from_acceptance_us_east_1 : name => side.accepted
  })
  consumer_endpoints = merge({
    for name, side in local.from_consumer_us_east_1 : name => side.endpoints
  })
  consumer_subnet_ids = merge({
    for name, side in local.from_consumer_us_east_1 : name => side.subnet_ids
  })
  consumer_vpc_ids = merge({ for name, side in local.from_consumer_us_east_1 : name => side.vpc_id })
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

module "consumer_verify_us_east_1" {
  source = "../../modules/consumer-verify"

  for_each = {
    for name, side in var.service_consumers : name => side
    if side.region == "us-east-1" && side.verify
  }

  endpoints = {
    for key, endpoint in each.value.endpoints : key => {
      endpoint_id       = local.consumer_endpoints[each.key][key].id
      security_group_id = local.consumer_endpoints[each.key][key].security_group_id
      ports             = endpoint.ports
      state = endpoint.accept ? try(
        local.accepted_connections[endpoint.provider]["${each.key}/${key}"],
        "pendingAcceptance",
      ) : "available"
    }
  }
  name      = each.key
  subnet_id = values(local.consumer_subnet_ids[each.key])[0]
  tags      = var.tags
  vpc_id    = local.consumer_vpc_ids[each.key]
}
