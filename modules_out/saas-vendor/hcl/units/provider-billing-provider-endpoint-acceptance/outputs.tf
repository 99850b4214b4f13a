output "acceptance_us_east_1" {
  description = "The outputs of module.acceptance_us_east_1, per side: what this unit found."
  value       = module.acceptance_us_east_1
}
