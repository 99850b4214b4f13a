locals {
  endpoint_services = merge({
    for name, side in local.from_provider_us_east_1 : name => side.endpoint_services
  })
  from_peer_network_eu_central_1 = merge([
    for unit in data.terraform_remote_state.peer_network_eu_central_1 : unit.outputs.peer_network_eu_central_1
  ]...)
  from_provider_us_east_1 = merge([
    for unit in data.terraform_remote_state.provider_us_east_1 : unit.outputs.provider_us_east_1
  ]...)
  peer_vpcs = merge(
    {
      for key, peer in var.peers : key => {
        vpc_id          = peer.vpc.id
        route_table_ids = peer.vpc.route_table_ids
      }
      if peer.vpc.id != null
    },
    {
      for key, net in local.from_peer_network_eu_central_1 : key => {
        vpc_id          = net.vpc_id
        route_table_ids = net.route_table_ids
      }
    },
  )
}

data "terraform_remote_state" "peer_network_eu_central_1" {
  for_each = var.remote_states["peer_network_eu_central_1"]

  backend = "local"
  config  = each.value
}

data "terraform_remote_state" "provider_us_east_1" {
  for_each = var.remote_states["provider_us_east_1"]

  backend = "local"
  config  = each.value
}

module "consumer_us_east_1" {
  source = "../../modules/consumer"

  for_each = {
    for name, side in var.service_consumers : name => side
    if side.region == "us-east-1"
  }

  endpoints = {
    for key, endpoint in each.value.endpoints : key => merge(endpoint, {
      service_name = local.endpoint_services[endpoint.provider][endpoint.service].service_name
    })
  }
  name       = each.key
  peer_cidrs = each.value.peer_cidrs
  peer_vpcs = {
    for key, peer in var.peers : peer.name => {
      vpc_id        = local.peer_vpcs[key].vpc_id
      region        = peer.region
      cross_account = peer.account_id != peer.side_account_id
    }
    if peer.side == each.key
  }
  tags = var.tags
  vpc  = each.value.vpc
}
