variable "allow_external_principals" {
  description = "Whether the RAM shares may name accounts outside the organization (each such consumer accepts its invitation)."
  type        = bool
  default     = false
}

variable "name" {
  description = "Name of the provider VPC; prefixes resource names and Name tags."
  type        = string
}

variable "on_premises" {
  description = "On-premises networks reached over Direct Connect: their CIDRs, and the way in: a virtual private gateway plgen creates (its Amazon-side ASN) or an existing one (`vpn_gateway_id`), optionally associated with a Direct Connect gateway (`direct_connect_gateway_id`, advertising `allowed_prefixes`), or a transit gateway (`transit_gateway_id`) instead. null for none."
  type = object({
    cidrs                                       = list(string)
    amazon_side_asn                             = optional(number, 64512)
    vpn_gateway_id                              = optional(string)
    direct_connect_gateway_id                   = optional(string)
    allowed_prefixes                            = optional(list(string), [])
    transit_gateway_id                          = optional(string)
    transit_gateway_route_table_id              = optional(string)
    transit_gateway_propagation_route_table_ids = optional(list(string), [])
  })
}

variable "resource_gateway" {
  description = "The resource gateway: its name, the AZ IDs it has an interface in, its IP address type, and its security group's outbound rules (to the resources, on their ports; nothing else)."
  type = object({
    name            = string
    azs             = list(string)
    ip_address_type = optional(string, "IPV4")
    egress          = map(object({ cidr = string, from_port = number, to_port = number }))
  })
}

variable "resources" {
  description = "Resources behind the gateway by name: an `ip_address`, a `domain_name` or an `arn` (one of them), TCP `port_ranges`, and the accounts the resource configuration is shared with through AWS RAM."
  type = map(object({
    name               = string
    ip_address         = optional(string)
    domain_name        = optional(string)
    arn                = optional(string)
    port_ranges        = optional(list(string), [])
    share_with         = optional(list(string), [])
    tls_names          = optional(list(string), [])
    in_service_network = optional(bool, false)
  }))
}

variable "service_network" {
  description = "The service network the resources with `in_service_network` are associated with, and the accounts it is shared with through AWS RAM. null for none."
  type        = object({ name = string, share_with = optional(list(string), []) })
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
