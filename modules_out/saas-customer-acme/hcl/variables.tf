variable "external_services" {
  description = "Other organisations' endpoint services the consumers reach, per vendor, per service: the service name its owner gives, and whether it has a verified private DNS name. Filled from the blueprint's external_services in terraform.tfvars.json."
  type = map(map(object({
    service_name               = string
    private_dns_verified       = bool
    region                     = string
    azs                        = list(string)
    ports                      = list(object({ port = number, protocol = string }))
    supported_ip_address_types = list(string)
    private_dns_name           = string
    tls_names                  = list(string)
    acceptance_required        = bool
  })))
}

variable "regions" {
  description = "AWS Region of each provider configuration: `home` for the default provider, and one entry per other Region alias."
  type        = map(string)
  default = {
    home = "us-east-1"
  }
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
  }))
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
