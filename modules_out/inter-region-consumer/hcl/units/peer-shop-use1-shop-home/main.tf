module "peer_network_eu_central_1" {
  source = "../../modules/peer-network"

  for_each = {
    for key, peer in var.peers : key => peer
    if peer.region == "eu-central-1" && peer.vpc.id == null
  }

  name = each.value.name
  tags = var.tags
  vpc  = each.value.vpc
}
