locals {
  from_peer_network_eu_central_1 = merge([
    for unit in data.terraform_remote_state.peer_network_eu_central_1 : unit.outputs.peer_network_eu_central_1
  ]...)
  from_peering_accepter_eu_central_1_to_us_east_1 = merge([
    for unit in data.terraform_remote_state.peering_accepter_eu_central_1_to_us_east_1 : unit.outputs.peering_accepter_eu_central_1_to_us_east_1
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

data "terraform_remote_state" "peering_accepter_eu_central_1_to_us_east_1" {
  for_each = var.remote_states["peering_accepter_eu_central_1_to_us_east_1"]

  backend = "local"
  config  = each.value
}

module "peering_routes_eu_central_1_to_us_east_1" {
  source = "../../modules/peering-routes"

  for_each = {
    for key, peer in var.peers : key => peer
    if peer.region == "eu-central-1" && peer.side_region == "us-east-1"
  }

  accepter_cidr         = each.value.side_cidr
  peering_connection_id = local.from_peering_accepter_eu_central_1_to_us_east_1[each.key].peering_connection_id
  requester             = { route_table_ids = local.peer_vpcs[each.key].route_table_ids }
}
