variable "remote_states" {
  description = "Per module call read from other units: per unit, the backend configuration of its state (from units.json)."
  type        = map(map(map(string)))
}

variable "service_consumers" {
  description = "Consumer sides by name: Region, account, VPC and the services each one consumes. Filled from the blueprint in terraform.tfvars.json."
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
    endpoints = map(object({
      provider                   = string
      service                    = string
      service_region             = optional(string)
      ports                      = list(object({ port = number, ip_protocol = string }))
      allowed_cidrs              = optional(list(string), [])
      allowed_security_group_ids = optional(list(string), [])
      private_dns                = optional(bool, false)
      dns_name                   = optional(string)
      auto_accept                = optional(bool, false)
      accept                     = bool
    }))
    on_premises = object({
      cidrs                                       = list(string)
      amazon_side_asn                             = optional(number, 64512)
      vpn_gateway_id                              = optional(string)
      direct_connect_gateway_id                   = optional(string)
      allowed_prefixes                            = optional(list(string), [])
      transit_gateway_id                          = optional(string)
      transit_gateway_route_table_id              = optional(string)
      transit_gateway_propagation_route_table_ids = optional(list(string), [])
      resolver_endpoint                           = optional(bool, false)
    })
  }))
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
