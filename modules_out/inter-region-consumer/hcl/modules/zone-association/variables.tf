variable "associations" {
  description = "Friendly-name zones to associate with this VPC, by `<endpoint>/<peer>`: the zone ID the consumer's module authorized (its `zone_authorizations` output), this VPC's ID and Region."
  type        = map(object({ zone_id = string, vpc_id = string, vpc_region = string }))
}
