output "consumer_eu_west_1" {
  description = "What other units read of module.consumer_eu_west_1: endpoints."
  value       = { for key, m in module.consumer_eu_west_1 : key => { endpoints = m.endpoints } }
}
