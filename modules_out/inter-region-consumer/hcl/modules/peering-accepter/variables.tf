variable "accepter" {
  description = "The accepting VPC's route tables that get a route to the requester."
  type        = object({ route_table_ids = list(string) })
}

variable "name" {
  description = "Name of the peering connection; prefixes resource names and Name tags."
  type        = string
}

variable "peering_connection_id" {
  description = "The connection to accept (the requester part's output)."
  type        = string
}

variable "requester_cidr" {
  description = "CIDR of the requesting VPC."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
