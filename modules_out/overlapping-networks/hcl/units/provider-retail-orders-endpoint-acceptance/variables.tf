variable "handoffs" {
  description = "Per module call read from another side's units: the hand-off files (`terraform output -json` of the producer) in this folder (from units.json)."
  type        = map(list(string))
}

variable "remote_states" {
  description = "Per module call read from other units: per unit, the backend configuration of its state (from units.json)."
  type        = map(map(map(string)))
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

variable "service_providers" {
  description = "Provider sides by name: Region, account, VPC and endpoint services. Filled from the blueprint in terraform.tfvars.json."
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
    services = map(object({
      load_balancer_name     = string
      internal               = optional(bool, true)
      cross_zone             = optional(bool, true)
      proxy_protocol_v2      = optional(bool, false)
      deregistration_delay   = optional(number, 300)
      connection_termination = optional(bool, false)
      deletion_protection    = optional(bool, false)
      health_check = object({
        protocol            = string
        port                = string
        path                = optional(string)
        interval            = number
        healthy_threshold   = number
        unhealthy_threshold = number
      })
      target_type = string
      listeners = map(object({
        port              = number
        protocol          = string
        target_port       = number
        target_protocol   = string
        target_group_name = string
        certificate_arn   = optional(string)
        ssl_policy        = optional(string)
        tls_names         = optional(list(string), [])
      }))
      targets = map(object({
        target_id         = string
        port              = optional(number)
        availability_zone = optional(string)
      }))
      acceptance_required = optional(bool, true)
      allowed_principals  = optional(list(string), [])
      private_dns_name    = optional(string)
      private_dns_verification = optional(object({
        zone_id   = optional(string)
        zone_name = optional(string)
      }))
      supported_regions = list(string)
      target_ports = optional(list(object({
        port        = number
        ip_protocol = string
      })), [])
      remote_targets = optional(map(object({
        cidr        = string
        port        = number
        ip_protocol = string
      })), {})
      vpc_targets = optional(map(object({
        cidr        = string
        port        = number
        ip_protocol = string
      })), {})
      enforce_privatelink_inbound = optional(string, "off")
      nlb_sources = optional(map(object({
        cidr        = string
        port        = number
        ip_protocol = string
      })), {})
      notifications = optional(object({
        events        = list(string)
        sns_topic_arn = optional(string)
        account_id    = string
        partition     = string
      }))
    }))
  }))
}
