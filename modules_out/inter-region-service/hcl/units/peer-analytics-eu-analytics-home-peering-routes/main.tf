locals {
  from_peer_network_us_east_1 = merge([
    for unit in data.terraform_remote_state.peer_network_us_east_1 : unit.outputs.peer_network_us_east_1
  ]...)
  from_peering_accepter_us_east_1_to_eu_west_1 = merge([
    for unit in data.terraform_remote_state.peering_accepter_us_east_1_to_eu_west_1 : unit.outputs.peering_accepter_us_east_1_to_eu_west_1
  ]...)
  peer_vpcs = merge(
    {
      for key, peer in var.peers : key => {
        vpc_id             = peer.vpc.id
        route_table_ids    = peer.vpc.route_table_ids
        security_group_ids = { for id in peer.security_group_ids : id => id }
      }
      if peer.vpc.id != null
    },
    {
      for key, net in local.from_peer_network_us_east_1 : key => {
        vpc_id             = net.vpc_id
        route_table_ids    = net.route_table_ids
        security_group_ids = { workloads = net.security_group_id }
      }
    },
  )
}

data "terraform_remote_state" "peer_network_us_east_1" {
  for_each = var.remote_states["peer_network_us_east_1"]

  backend = "local"
  config  = each.value
}

data "terraform_remote_state" "peering_accepter_us_east_1_to_eu_west_1" {
  for_each = var.remote_states["peering_accepter_us_east_1_to_eu_west_1"]

  backend = "local"
  config  = each.value
}

module "peering_routes_us_east_1_to_eu_west_1" {
  source = "../../modules/peering-routes"

  for_each = {
    for key, peer in var.peers : key => peer
    if peer.region == "us-east-1" && peer.side_region == "eu-west-1"
  }

  accepter_cidr         = each.value.side_cidr
  peering_connection_id = local.from_peering_accepter_us_east_1_to_eu_west_1[each.key].peering_connection_id
  requester             = { route_table_ids = local.peer_vpcs[each.key].route_table_ids }
}
