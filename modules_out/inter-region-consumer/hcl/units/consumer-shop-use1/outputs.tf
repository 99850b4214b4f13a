output "consumer_us_east_1" {
  description = "What other units read of module.consumer_us_east_1: endpoints, route_table_ids, vpc_id, zone_authorizations."
  value = {
    for key, m in module.consumer_us_east_1 : key => {
      endpoints           = m.endpoints
      route_table_ids     = m.route_table_ids
      vpc_id              = m.vpc_id
      zone_authorizations = m.zone_authorizations
    }
  }
}
