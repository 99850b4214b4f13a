variable "handoffs" {
  description = "Per module call read from another side's units: the hand-off files (`terraform output -json` of the producer) in this folder (from units.json)."
  type        = map(list(string))
}

variable "service_consumers" {
  description = "Consumer sides by name: Region, account, VPC and the services each one consumes. Filled from the blueprint in terraform.tfvars.json."
  type = map(object({
    region     = string
    account_id = string
    verify     = optional(bool, false)
    vpc = object({
      cidr            = optional(string)
      subnet_cidrs    = optional(map(string), {})
      id              = optional(string)
      subnet_ids      = optional(map(string), {})
      route_table_ids = optional(list(string), [])
    })
    endpoints = map(object({
      provider                     = string
      service                      = string
      service_region               = optional(string)
      ports                        = list(object({ port = number, ip_protocol = string }))
      allowed_cidrs                = optional(list(string), [])
      allowed_security_group_ids   = optional(list(string), [])
      private_dns                  = optional(bool, false)
      dns_name                     = optional(string)
      auto_accept                  = optional(bool, false)
      accept                       = bool
      private_dns_after_acceptance = optional(bool, false)
    }))
  }))
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
