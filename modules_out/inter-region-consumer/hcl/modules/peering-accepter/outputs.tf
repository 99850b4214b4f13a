output "accept_status" {
  description = "Status of the connection once accepted (`active`)."
  value       = aws_vpc_peering_connection_accepter.this.accept_status
}

output "peering_connection_id" {
  description = "ID of the accepted VPC peering connection (the requester's routes wait for it)."
  value       = aws_vpc_peering_connection_accepter.this.id
}
