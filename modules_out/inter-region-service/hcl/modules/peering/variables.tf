variable "accepter" {
  description = "The accepting VPC (in the `aws.accepter` provider's Region): ID, CIDR, route tables that get a route to the requester, its Region and owner account."
  type = object({
    vpc_id          = string
    cidr            = string
    route_table_ids = list(string)
    region          = string
    account_id      = string
  })
}

variable "name" {
  description = "Name of the peering connection; prefixes resource names and Name tags."
  type        = string
}

variable "requester" {
  description = "The requesting VPC (in the `aws.requester` provider's Region): ID, CIDR, route tables that get a route to the accepter."
  type = object({
    vpc_id          = string
    cidr            = string
    route_table_ids = list(string)
  })
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
