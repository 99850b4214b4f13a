output "consumer_eu_central_1" {
  description = "What other units read of module.consumer_eu_central_1: endpoints."
  value       = { for key, m in module.consumer_eu_central_1 : key => { endpoints = m.endpoints } }
}
