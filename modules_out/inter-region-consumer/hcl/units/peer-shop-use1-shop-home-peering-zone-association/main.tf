locals {
  from_consumer_us_east_1 = merge([
    for unit in data.terraform_remote_state.consumer_us_east_1 : unit.outputs.consumer_us_east_1
  ]...)
  from_peer_network_eu_central_1 = merge([
    for unit in data.terraform_remote_state.peer_network_eu_central_1 : unit.outputs.peer_network_eu_central_1
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
  zone_authorizations = merge(merge([
    for name, side in local.from_consumer_us_east_1 : {
      for key, a in side.zone_authorizations : "${name}/${key}" => merge(a, { side = name })
    }
  ]...))
}

data "terraform_remote_state" "consumer_us_east_1" {
  for_each = var.remote_states["consumer_us_east_1"]

  backend = "local"
  config  = each.value
}

data "terraform_remote_state" "peer_network_eu_central_1" {
  for_each = var.remote_states["peer_network_eu_central_1"]

  backend = "local"
  config  = each.value
}

module "peering_eu_central_1_to_us_east_1" {
  source = "../../modules/peering"

  for_each = {
    for key, peer in var.peers : key => peer
    if peer.region == "eu-central-1" && peer.side_region == "us-east-1"
  }

  accepter = {
    vpc_id     = local.from_consumer_us_east_1[each.value.side].vpc_id
    region     = each.value.side_region
    account_id = each.value.side_account_id
  }
  name      = replace(each.key, "/", "-")
  requester = { vpc_id = local.peer_vpcs[each.key].vpc_id }
  tags      = var.tags
}

module "zone_association_eu_central_1" {
  source = "../../modules/zone-association"

  for_each = {
    for key, peer in var.peers : key => peer
    if peer.region == "eu-central-1" && peer.account_id != peer.side_account_id
  }

  associations = {
    for key, a in local.zone_authorizations : key => {
      zone_id    = a.zone_id
      vpc_id     = a.vpc_id
      vpc_region = a.vpc_region
    }
    if a.side == each.value.side && a.peer == each.value.name
  }
}
