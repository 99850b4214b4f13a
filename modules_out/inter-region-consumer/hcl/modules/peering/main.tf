resource "aws_vpc_peering_connection" "this" {
  peer_owner_id = var.accepter.account_id
  peer_region   = var.accepter.region
  peer_vpc_id   = var.accepter.vpc_id
  tags          = merge(var.tags, { Name = var.name, Side = "requester" })
  vpc_id        = var.requester.vpc_id
}
