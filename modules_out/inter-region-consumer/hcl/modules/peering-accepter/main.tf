resource "aws_route" "accepter" {
  count = length(var.accepter.route_table_ids)

  destination_cidr_block    = var.requester_cidr
  route_table_id            = var.accepter.route_table_ids[count.index]
  vpc_peering_connection_id = aws_vpc_peering_connection_accepter.this.id
}

resource "aws_vpc_peering_connection_accepter" "this" {
  auto_accept               = true
  tags                      = merge(var.tags, { Name = var.name, Side = "accepter" })
  vpc_peering_connection_id = var.peering_connection_id
}
