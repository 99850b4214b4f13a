variable "endpoints" {
  description = "Interface endpoints by key: the endpoint service name, its listener ports, and the CIDRs or security groups admitted to it."
  type = map(object({
    service_name               = string
    service_region             = optional(string)
    ports                      = list(object({ port = number, ip_protocol = string }))
    allowed_cidrs              = optional(list(string), [])
    allowed_security_group_ids = optional(list(string), [])
    private_dns                = optional(bool, false)
    dns_name                   = optional(string)
    auto_accept                = optional(bool, false)
  }))
}

variable "name" {
  description = "Name of the consumer VPC; prefixes resource names and Name tags."
  type        = string
}

variable "peer_cidrs" {
  description = "CIDRs of peered home VPCs whose workloads use these endpoints; admitted on the listener ports."
  type        = list(string)
}

variable "peer_vpcs" {
  description = "Peered home VPCs by name (ID, Region, and whether another account owns it) whose workloads resolve the friendly names; each zone is associated with those of this account, and authorizes the association of the others (their own module associates them)."
  type = map(object({
    vpc_id        = string
    region        = string
    cross_account = optional(bool, false)
  }))
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}

variable "vpc" {
  description = "The VPC: `cidr` (and optional `subnet_cidrs` by AZ ID) to create one, or `id` with `subnet_ids` by AZ ID and `route_table_ids` to use an existing one."
  type = object({
    cidr            = optional(string)
    subnet_cidrs    = optional(map(string), {})
    id              = optional(string)
    subnet_ids      = optional(map(string), {})
    route_table_ids = optional(list(string), [])
  })
}
