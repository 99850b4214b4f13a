locals {
  from_consumer_us_east_1 = merge([
    for unit in data.terraform_remote_state.consumer_us_east_1 : unit.outputs.consumer_us_east_1
  ]...)
  from_peering_eu_central_1_to_us_east_1 = merge([
    for unit in data.terraform_remote_state.peering_eu_central_1_to_us_east_1 : unit.outputs.peering_eu_central_1_to_us_east_1
  ]...)
}

data "terraform_remote_state" "consumer_us_east_1" {
  for_each = var.remote_states["consumer_us_east_1"]

  backend = "local"
  config  = each.value
}

data "terraform_remote_state" "peering_eu_central_1_to_us_east_1" {
  for_each = var.remote_states["peering_eu_central_1_to_us_east_1"]

  backend = "local"
  config  = each.value
}

module "peering_accepter_eu_central_1_to_us_east_1" {
  source = "../../modules/peering-accepter"

  for_each = {
    for key, peer in var.peers : key => peer
    if peer.region == "eu-central-1" && peer.side_region == "us-east-1"
  }

  accepter              = { route_table_ids = local.from_consumer_us_east_1[each.value.side].route_table_ids }
  name                  = replace(each.key, "/", "-")
  peering_connection_id = local.from_peering_eu_central_1_to_us_east_1[each.key].peering_connection_id
  requester_cidr        = each.value.cidr
  tags                  = var.tags
}
