output "consumer_verify_us_east_1" {
  description = "The outputs of module.consumer_verify_us_east_1, per side: what this unit found."
  value       = module.consumer_verify_us_east_1
}
