locals {
  consumer_endpoints = merge({
    for name, side in local.from_consumer_eu_west_1 : name => side.endpoints
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
    for name, side in local.from_provider_eu_west_1 : name => side.endpoint_services
  })
  from_consumer_eu_west_1 = merge([
    for unit in data.terraform_remote_state.consumer_eu_west_1 : unit.outputs.consumer_eu_west_1
  ]...)
  from_peering_us_east_1_to_eu_west_1 = merge([
    for unit in data.terraform_remote_state.peering_us_east_1_to_eu_west_1 : unit.outputs.peering_us_east_1_to_eu_west_1
  ]...)
  from_provider_eu_west_1 = merge([
    for unit in data.terraform_remote_state.provider_eu_west_1 : unit.outputs.provider_eu_west_1
  ]...)
}

data "terraform_remote_state" "consumer_eu_west_1" {
  for_each = var.remote_states["consumer_eu_west_1"]

  backend = "local"
  config  = each.value
}

data "terraform_remote_state" "peering_us_east_1_to_eu_west_1" {
  for_each = var.remote_states["peering_us_east_1_to_eu_west_1"]

  backend = "local"
  config  = each.value
}

data "terraform_remote_state" "provider_eu_west_1" {
  for_each = var.remote_states["provider_eu_west_1"]

  backend = "local"
  config  = each.value
}

module "acceptance_eu_west_1" {
  source = "../../modules/endpoint-acceptance"

  for_each = {
    for name, side in var.service_providers : name => side
    if side.region == "eu-west-1"
  }

  connections = {
    for key, c in local.endpoint_connections : key => {
      service_id  = local.endpoint_services[c.provider][c.service].id
      endpoint_id = c.endpoint_id
    }
    if c.provider == each.key
  }
}

module "peering_accepter_us_east_1_to_eu_west_1" {
  source = "../../modules/peering-accepter"

  for_each = {
    for key, peer in var.peers : key => peer
    if peer.region == "us-east-1" && peer.side_region == "eu-west-1"
  }

  accepter              = { route_table_ids = local.from_provider_eu_west_1[each.value.side].route_table_ids }
  name                  = replace(each.key, "/", "-")
  peering_connection_id = local.from_peering_us_east_1_to_eu_west_1[each.key].peering_connection_id
  requester_cidr        = each.value.cidr
  tags                  = var.tags
}
