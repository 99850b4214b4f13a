output "peering_connection_id" {
  description = "ID of the VPC peering connection (pending acceptance until the accepter part accepts it)."
  value       = aws_vpc_peering_connection.this.id
}
