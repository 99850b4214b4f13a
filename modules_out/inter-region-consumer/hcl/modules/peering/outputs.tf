output "accept_status" {
  description = "Status of the connection once accepted (`active`)."
  value       = aws_vpc_peering_connection_accepter.this.accept_status
}

output "peering_connection_id" {
  description = "ID of the VPC peering connection."
  value       = aws_vpc_peering_connection.this.id
}
