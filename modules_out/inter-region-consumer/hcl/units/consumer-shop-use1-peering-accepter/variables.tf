variable "peers" {
  description = "Peered VPCs in other Regions by `<side>/<peer>`: the VPC (created or existing), its CIDR, and the side it peers with. Filled from the blueprint."
  type = map(object({
    name       = string
    region     = string
    account_id = string
    vpc = object({
      cidr            = optional(string)
      subnet_cidrs    = optional(map(string), {})
      id              = optional(string)
      subnet_ids      = optional(map(string), {})
      route_table_ids = optional(list(string), [])
    })
    cidr            = string
    side            = string
    side_region     = string
    side_account_id = string
    side_cidr       = string
  }))
}

variable "remote_states" {
  description = "Per module call read from other units: per unit, the backend configuration of its state (from units.json)."
  type        = map(map(map(string)))
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
