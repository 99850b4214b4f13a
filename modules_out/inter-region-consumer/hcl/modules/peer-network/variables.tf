variable "name" {
  description = "Name of the peered VPC; prefixes resource names and Name tags."
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
