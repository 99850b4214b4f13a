variable "resource_providers" {
  description = "Resource providers by name: Region, account, VPC, resource gateway and resources. Filled from the blueprint in terraform.tfvars.json."
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
    on_premises = object({
      cidrs                                       = list(string)
      amazon_side_asn                             = optional(number, 64512)
      vpn_gateway_id                              = optional(string)
      direct_connect_gateway_id                   = optional(string)
      allowed_prefixes                            = optional(list(string), [])
      transit_gateway_id                          = optional(string)
      transit_gateway_route_table_id              = optional(string)
      transit_gateway_propagation_route_table_ids = optional(list(string), [])
    })
    resource_gateway = object({
      name            = string
      azs             = list(string)
      ip_address_type = optional(string, "IPV4")
      egress = map(object({
        cidr      = string
        from_port = number
        to_port   = number
      }))
    })
    resources = map(object({
      name               = string
      ip_address         = optional(string)
      domain_name        = optional(string)
      arn                = optional(string)
      port_ranges        = optional(list(string), [])
      share_with         = optional(list(string), [])
      tls_names          = optional(list(string), [])
      in_service_network = optional(bool, false)
    }))
    service_network = optional(object({
      name       = string
      share_with = optional(list(string), [])
    }))
    allow_external_principals = optional(bool, false)
  }))
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
