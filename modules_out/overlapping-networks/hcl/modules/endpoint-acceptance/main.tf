resource "aws_vpc_endpoint_connection_accepter" "this" {
  for_each = var.connections

  vpc_endpoint_id         = each.value.endpoint_id
  vpc_endpoint_service_id = each.value.service_id
}
