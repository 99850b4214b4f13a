variable "accepter" {
  description = "The accepting VPC: its ID, Region and owner account (the connection's `peer_vpc_id`, `peer_region`, `peer_owner_id`)."
  type        = object({ vpc_id = string, region = string, account_id = string })
}

variable "name" {
  description = "Name of the peering connection; prefixes resource names and Name tags."
  type        = string
}

variable "requester" {
  description = "The requesting VPC (in this module's Region and account)."
  type        = object({ vpc_id = string })
}

variable "requester_ingress" {
  description = "Ingress admitted on each of those groups: CIDR in the accepting VPC, port, IP protocol."
  type        = map(object({ cidr = string, port = number, ip_protocol = string }))
}

variable "requester_security_group_ids" {
  description = "Security groups in the requesting VPC that admit the accepter's sources, by a label known at plan time."
  type        = map(string)
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
