variable "accepter_cidr" {
  description = "CIDR of the accepting VPC."
  type        = string
}

variable "peering_connection_id" {
  description = "The accepted connection (the accepter part's output)."
  type        = string
}

variable "requester" {
  description = "The requesting VPC's route tables that get a route to the accepter."
  type        = object({ route_table_ids = list(string) })
}
