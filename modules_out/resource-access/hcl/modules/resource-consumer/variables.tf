variable "name" {
  description = "Name of the consumer VPC; prefixes resource names and Name tags."
  type        = string
}

variable "resource_endpoints" {
  description = "Resource endpoints by `provider/resource`: the resource configuration ARN and its RAM share, the TCP port spans opened, and the CIDRs or security groups admitted."
  type = map(object({
    resource_configuration_arn = string
    share_arn                  = string
    accept                     = optional(bool, false)
    ports                      = list(object({ from_port = number, to_port = number }))
    allowed_cidrs              = optional(list(string), [])
    allowed_security_group_ids = optional(list(string), [])
    private_dns                = optional(bool, false)
    dns_name                   = optional(string)
  }))
  default = {}
}

variable "service_network_endpoint" {
  description = "The service-network endpoint: the service network's ARN and RAM share, the TCP port spans of its resources, and the sources admitted. null for none."
  type = object({
    service_network_arn        = string
    share_arn                  = string
    accept                     = optional(bool, false)
    ports                      = list(object({ from_port = number, to_port = number }))
    allowed_cidrs              = optional(list(string), [])
    allowed_security_group_ids = optional(list(string), [])
  })
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
