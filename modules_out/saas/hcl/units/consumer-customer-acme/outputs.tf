output "consumer_us_east_1" {
  description = "What other units read of module.consumer_us_east_1: endpoints, subnet_ids, vpc_id."
  value = {
    for key, m in module.consumer_us_east_1 : key => {
      endpoints  = m.endpoints
      subnet_ids = m.subnet_ids
      vpc_id     = m.vpc_id
    }
  }
}
