resource "aws_route" "requester" {
  count = length(var.requester.route_table_ids)

  destination_cidr_block    = var.accepter_cidr
  route_table_id            = var.requester.route_table_ids[count.index]
  vpc_peering_connection_id = var.peering_connection_id
}
