output "consumer_us_east_1" {
  description = "What other units read of module.consumer_us_east_1: endpoints."
  value       = { for key, m in module.consumer_us_east_1 : key => { endpoints = m.endpoints } }
}
