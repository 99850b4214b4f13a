locals {
  from_provider_eu_west_1 = merge([
    for unit in data.terraform_remote_state.provider_eu_west_1 : unit.outputs.provider_eu_west_1
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
      for key, net in module.peer_network_us_east_1 : key => {
        vpc_id             = net.vpc_id
        route_table_ids    = net.route_table_ids
        security_group_ids = { workloads = net.security_group_id }
      }
    },
  )
}

data "terraform_remote_state" "provider_eu_west_1" {
  for_each = var.remote_states["provider_eu_west_1"]

  backend = "local"
  config  = each.value
}

module "peer_network_us_east_1" {
  source = "../../modules/peer-network"

  for_each = {
    for key, peer in var.peers : key => peer
    if peer.region == "us-east-1" && peer.vpc.id == null
  }

  name = each.value.name
  tags = var.tags
  vpc  = each.value.vpc
}

module "peering_us_east_1_to_eu_west_1" {
  source = "../../modules/peering"

  for_each = {
    for key, peer in var.peers : key => peer
    if peer.region == "us-east-1" && peer.side_region == "eu-west-1"
  }

  accepter = {
    vpc_id     = local.from_provider_eu_west_1[each.value.side].vpc_id
    region     = each.value.side_region
    account_id = each.value.side_account_id
  }
  name                         = replace(each.key, "/", "-")
  requester                    = { vpc_id = local.peer_vpcs[each.key].vpc_id }
  requester_ingress            = each.value.ingress
  requester_security_group_ids = local.peer_vpcs[each.key].security_group_ids
  tags                         = var.tags
}
