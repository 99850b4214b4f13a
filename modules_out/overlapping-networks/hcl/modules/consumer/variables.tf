variable "endpoints" {
  description = "Interface endpoints by key: the endpoint service name, its listener ports, and the CIDRs or security groups admitted to it."
  type = map(object({
    service_name                 = string
    service_region               = optional(string)
    ports                        = list(object({ port = number, ip_protocol = string }))
    allowed_cidrs                = optional(list(string), [])
    allowed_security_group_ids   = optional(list(string), [])
    private_dns                  = optional(bool, false)
    dns_name                     = optional(string)
    private_dns_verified         = optional(bool, false)
    auto_accept                  = optional(bool, false)
    private_dns_after_acceptance = optional(bool, false)
  }))
}

variable "name" {
  description = "Name of the consumer VPC; prefixes resource names and Name tags."
  type        = string
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
