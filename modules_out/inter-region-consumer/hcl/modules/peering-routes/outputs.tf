output "route_table_ids" {
  description = "Route tables of the requesting VPC that route to the accepter."
  value       = aws_route.requester[*].route_table_id
}
