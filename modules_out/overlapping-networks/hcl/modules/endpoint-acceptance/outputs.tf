output "accepted" {
  description = "Per connection: the endpoint's state once accepted (`available`)."
  value = {
    for key, accepter in aws_vpc_endpoint_connection_accepter.this : key => accepter.vpc_endpoint_state
  }
}
