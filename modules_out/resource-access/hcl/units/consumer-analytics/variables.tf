variable "remote_states" {
  description = "Per module call read from other units: per unit, the backend configuration of its state (from units.json)."
  type        = map(map(map(string)))
}

variable "resource_consumers" {
  description = "Resource consumers by name: Region, account, VPC and the resource and service-network endpoints each creates. Filled from the blueprint in terraform.tfvars.json."
  type = map(object({
    region     = string
    account_id = string
    vpc = object({
      cidr            = optional(string)
      subnet_cidrs    = optional(map(string), {})
      id              = optional(string)
      subnet_ids      = optional(map(string), {})
      route_table_ids = optional(list(string), [])
    })
    resource_endpoints = optional(map(object({
      provider                   = string
      resource                   = string
      accept                     = optional(bool, false)
      ports                      = list(object({ from_port = number, to_port = number }))
      allowed_cidrs              = optional(list(string), [])
      allowed_security_group_ids = optional(list(string), [])
      private_dns                = optional(bool, false)
      dns_name                   = optional(string)
    })), {})
    service_network_endpoint = optional(object({
      provider                   = string
      accept                     = optional(bool, false)
      ports                      = list(object({ from_port = number, to_port = number }))
      allowed_cidrs              = optional(list(string), [])
      allowed_security_group_ids = optional(list(string), [])
    }))
  }))
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
