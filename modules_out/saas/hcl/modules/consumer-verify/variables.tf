variable "endpoints" {
  description = "Interface endpoints of this consumer by `<provider>/<service>`: ID and security group (the consumer unit's `endpoints` output), the listener ports, and the connection's state (`available` once the provider has accepted it, from its `accepted` output)."
  type = map(object({
    endpoint_id       = string
    security_group_id = string
    ports             = list(object({ port = number, ip_protocol = string }))
    state             = string
  }))
}

variable "name" {
  description = "Name of the consumer VPC; prefixes resource names and Name tags."
  type        = string
}

variable "subnet_id" {
  description = "Subnet of the probe network interface: the consumer's first subnet by AZ ID (its consumer unit's `subnet_ids` output)."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}

variable "vpc_id" {
  description = "ID of the consumer's VPC (its consumer unit's `vpc_id` output): the probe's security group lives there."
  type        = string
}
